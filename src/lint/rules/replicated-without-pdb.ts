import { perWorkload } from '../rule-kit.js';
import { pdbTargets } from '../pdb.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'replicated-without-pdb',
  severity: 'warning',
  covers: [
    'kube-score:deployment-has-poddisruptionbudget',
    'kube-score:statefulset-has-poddisruptionbudget',
    'polaris:missingPodDisruptionBudget',
  ],
  description:
    'A workload with several replicas has no PodDisruptionBudget: a node drain can take all of them down at once.',
  hint: 'Add a PodDisruptionBudget with maxUnavailable: 1 selecting its pods.',
  check(ctx) {
    const covered = new Set(ctx.of('PodDisruptionBudget').flatMap((m) => pdbTargets(ctx, m)));
    return perWorkload(ctx, (w) =>
      (w.replicas ?? 0) >= 2 && !covered.has(w)
        ? {
            path: ['spec', 'replicas'],
            message: `${w.kind} ${w.name} has ${w.replicas ?? 0} replicas and no PodDisruptionBudget`,
          }
        : undefined,
    );
  },
};
export default rule;
