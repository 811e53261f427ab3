import { LintContext, type LintOptions } from './context.js';
import { LINT_RULES } from './rules/index.js';
import type { LintFinding, LintHit, LintInputError, LintResult, LintRule, LintSeverity, Manifest } from './types.js';

export type RuleSetting = LintSeverity | 'off' | 'on';

export interface LintRunOptions extends LintOptions {
  /** Run only these rules: our ids or another tool's check (`kube-linter:latest-tag`). */
  readonly only?: readonly string[];
  /** Per rule (id or alias): off, on (its own level) or a level. Opt-in rules named here are turned on. */
  readonly settings?: Readonly<Record<string, RuleSetting>>;
  readonly rules?: readonly LintRule[];
}

/** The rules an id stands for: our id, or every rule that covers that check of another tool. */
export function resolveRule(id: string, rules: readonly LintRule[] = LINT_RULES): LintRule[] {
  const own = rules.find((r) => r.id === id);
  if (own) return [own];
  return rules.filter(
    (r) => r.covers.includes(id) || r.covers.some((c) => c.startsWith('pss:') && id === c.split('/')[0]),
  );
}

/** Ids or aliases that name no rule; the CLI reports them as usage errors. */
export function unknownRules(ids: readonly string[], rules: readonly LintRule[] = LINT_RULES): string[] {
  return ids.filter((id) => resolveRule(id, rules).length === 0);
}

const IGNORE_OURS = 'ignore-check.stevedore.dev/';
const IGNORE_KUBE_LINTER = 'ignore-check.kube-linter.io/';

/** Whether the object asks to skip this rule: `ignore-check.stevedore.dev/<rule>` or kube-linter's `ignore-check.kube-linter.io/<check>`. */
export function ignored(m: Manifest, rule: LintRule): boolean {
  for (const key of Object.keys(m.object.metadata.annotations ?? {})) {
    if (key === `${IGNORE_OURS}${rule.id}`) return true;
    if (
      key.startsWith(IGNORE_KUBE_LINTER) &&
      rule.covers.includes(`kube-linter:${key.slice(IGNORE_KUBE_LINTER.length)}`)
    )
      return true;
  }
  return false;
}

function selectRules(options: LintRunOptions): { rule: LintRule; severity?: LintSeverity }[] {
  const all = options.rules ?? LINT_RULES;
  const level = new Map<LintRule, RuleSetting>();
  for (const [id, setting] of Object.entries(options.settings ?? {}))
    for (const r of resolveRule(id, all)) level.set(r, setting);
  let chosen: LintRule[];
  if (options.only?.length) chosen = [...new Set(options.only.flatMap((id) => resolveRule(id, all)))];
  else
    chosen = all.filter((r) => {
      const s = level.get(r);
      return s === undefined ? !r.optIn : s !== 'off';
    });
  return chosen
    .filter((r) => !r.needsCompose || options.compose)
    .map((rule) => {
      const s = level.get(rule);
      return s === undefined || s === 'on' || s === 'off' ? { rule } : { rule, severity: s };
    });
}

/** Lints the objects: every selected rule over all of them, ignores honoured, findings in file order. */
export function lint(
  manifests: readonly Manifest[],
  errors: readonly LintInputError[],
  options: LintRunOptions = {},
): LintResult {
  const ctx = new LintContext(manifests, options);
  const selected = selectRules(options);
  const findings: LintFinding[] = [];
  for (const { rule, severity } of selected) {
    let hits: LintHit[];
    try {
      hits = rule.check(ctx);
    } catch (e) {
      throw new Error(`lint rule ${rule.id} failed: ${(e as Error).message}`, { cause: e });
    }
    for (const h of hits) {
      if (ignored(h.at, rule)) continue;
      const pos = h.path ? h.at.locate(h.path) : { line: h.at.line, col: h.at.col };
      const o = h.at.object;
      findings.push({
        rule: rule.id,
        severity: severity ?? h.severity ?? rule.severity,
        covers: h.covers ?? rule.covers,
        object: {
          apiVersion: o.apiVersion,
          kind: o.kind,
          name: o.metadata.name ?? '',
          ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
        },
        file: h.at.file,
        line: pos.line,
        col: pos.col,
        message: h.message,
        hint: rule.hint,
      });
    }
  }
  findings.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule),
  );
  const count = (s: LintSeverity) => findings.filter((f) => f.severity === s).length;
  return {
    findings,
    errors: [...errors],
    summary: {
      objects: manifests.length,
      files: new Set(manifests.map((m) => m.file)).size,
      rules: selected.length,
      error: count('error') + errors.length,
      warning: count('warning'),
      info: count('info'),
    },
  };
}
