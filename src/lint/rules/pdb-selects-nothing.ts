import { pdbTargets } from '../pdb.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'pdb-selects-nothing',
  severity: 'warning',
  covers: ['kube-score:poddisruptionbudget-has-policy'],
  description: 'A PodDisruptionBudget selects no pod of the input: it protects nothing.',
  hint: 'Make spec.selector match the pod template labels of the workload it protects.',
  check: (ctx) =>
    ctx.of('PodDisruptionBudget').flatMap((m) =>
      pdbTargets(ctx, m).length
        ? []
        : [
            {
              at: m,
              path: ['spec', 'selector'],
              message: `PodDisruptionBudget ${m.object.metadata.name ?? ''} selects no pods`,
            },
          ],
    ),
};
export default rule;
