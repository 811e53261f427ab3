import type { LintContext, PssLevel } from './context.js';
import type { LintHit, LintRule, LintSeverity } from './types.js';
import { runContainers, type Container, type Path, type Workload } from './workloads.js';

/** A hit on a field of a workload (the path is inside the object). */
export const hitAt = (w: Workload, path: Path, message: string, extra: Partial<LintHit> = {}): LintHit => ({
  at: w.at,
  path,
  message,
  ...extra,
});

/** Runs a check on every main and init container of every workload. */
export function perContainer(
  ctx: LintContext,
  check: (w: Workload, c: Container) => { path?: Path; message: string } | undefined | (LintHit | undefined)[],
): LintHit[] {
  const hits: LintHit[] = [];
  for (const w of ctx.workloads)
    for (const c of runContainers(w)) {
      const r = check(w, c);
      if (Array.isArray(r)) hits.push(...r.filter((h): h is LintHit => h !== undefined));
      else if (r) hits.push(hitAt(w, r.path ?? c.path, r.message));
    }
  return hits;
}

/** Runs a check on every workload. */
export function perWorkload(
  ctx: LintContext,
  check: (w: Workload) => { path?: Path; message: string }[] | { path?: Path; message: string } | undefined,
): LintHit[] {
  return ctx.workloads.flatMap((w) => {
    const r = check(w);
    const list = r === undefined ? [] : Array.isArray(r) ? r : [r];
    return list.map((x) => hitAt(w, x.path ?? [], x.message));
  });
}

const RANK: Record<PssLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

/**
 * A Pod Security control: applies where the pod is held to `level` or stricter, as an error where a
 * namespace enforces it and as a warning otherwise.
 */
export function pssControl(
  spec: Omit<LintRule, 'check' | 'severity'> & { level: Exclude<PssLevel, 'privileged'> },
  check: (w: Workload) => { path: Path; message: string }[],
): LintRule {
  return {
    ...spec,
    severity: 'warning',
    check(ctx) {
      return ctx.workloads.flatMap((w) => {
        const held = ctx.podSecurity(w);
        if (RANK[held.level] < RANK[spec.level]) return [];
        const severity: LintSeverity = held.severity;
        return check(w).map((h) => hitAt(w, h.path, `${h.message} (Pod Security "${spec.level}")`, { severity }));
      });
    },
  };
}

export const quote = (s: string): string => JSON.stringify(s);
