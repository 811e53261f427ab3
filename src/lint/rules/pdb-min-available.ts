import { pdbTargets, podsOf } from '../pdb.js';
import type { LintRule } from '../types.js';
import { get, text } from '../workloads.js';

const rule: LintRule = {
  id: 'pdb-min-available',
  severity: 'error',
  covers: ['kube-linter:pdb-min-available'],
  description:
    'A PodDisruptionBudget requires as many pods available as the workload has (or 100%): nodes can never be drained.',
  hint: 'Set minAvailable below the replica count (or use maxUnavailable: 1).',
  check: (ctx) =>
    ctx.of('PodDisruptionBudget').flatMap((m) => {
      const value = get(m.object, ['spec', 'minAvailable']);
      if (value === undefined) return [];
      if (value === '100%')
        return [
          {
            at: m,
            path: ['spec', 'minAvailable'],
            message: `PodDisruptionBudget ${m.object.metadata.name ?? ''} requires 100% of the pods: none may be evicted`,
          },
        ];
      return pdbTargets(ctx, m)
        .filter((w) => w.replicas !== undefined && (podsOf(value, w.replicas, true) ?? 0) >= w.replicas)
        .map((w) => ({
          at: m,
          path: ['spec', 'minAvailable'],
          message: `PodDisruptionBudget ${m.object.metadata.name ?? ''} requires ${text(value)} available pods of ${w.kind} ${w.name}, which has ${w.replicas ?? 1}: none may be evicted`,
        }));
    }),
};
export default rule;
