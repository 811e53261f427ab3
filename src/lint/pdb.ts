import type { LintContext } from './context.js';
import type { Manifest } from './types.js';
import { get, isEmptySelector, selects, type Workload } from './workloads.js';

/** The workloads whose pods a PodDisruptionBudget selects. */
export function pdbTargets(ctx: LintContext, pdb: Manifest): Workload[] {
  const selector = get(pdb.object, ['spec', 'selector']);
  if (selector === undefined || isEmptySelector(selector)) return [];
  return ctx.workloadsNear(pdb.object).filter((w) => selects(selector, w.labels));
}

/** An intOrString PDB value against a replica count: the number of pods it means. */
export function podsOf(value: unknown, replicas: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+%$/.test(value)) {
    const share = (Number(value.slice(0, -1)) * replicas) / 100;
    return roundUp ? Math.ceil(share) : Math.floor(share);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
