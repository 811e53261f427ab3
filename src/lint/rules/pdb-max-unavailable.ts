import { pdbTargets, podsOf } from '../pdb.js';
import type { LintRule } from '../types.js';
import { get, text } from '../workloads.js';

const rule: LintRule = {
  id: 'pdb-max-unavailable',
  severity: 'error',
  covers: ['kube-linter:pdb-max-unavailable'],
  description: 'A PodDisruptionBudget allows no pod to be unavailable (maxUnavailable 0): nodes can never be drained.',
  hint: 'Set maxUnavailable to at least 1 (or minAvailable below the replica count).',
  check: (ctx) =>
    ctx.of('PodDisruptionBudget').flatMap((m) => {
      const value = get(m.object, ['spec', 'maxUnavailable']);
      if (value === undefined) return [];
      const targets = pdbTargets(ctx, m);
      const replicas = Math.max(1, ...targets.map((w) => w.replicas ?? 1));
      return podsOf(value, replicas, true) === 0
        ? [
            {
              at: m,
              path: ['spec', 'maxUnavailable'],
              message: `PodDisruptionBudget ${m.object.metadata.name ?? ''} has maxUnavailable ${text(value)}: no pod may ever be evicted`,
            },
          ]
        : [];
    }),
};
export default rule;
