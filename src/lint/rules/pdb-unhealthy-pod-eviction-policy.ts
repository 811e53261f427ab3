import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'pdb-unhealthy-pod-eviction-policy',
  severity: 'info',
  covers: ['kube-linter:pdb-unhealthy-pod-eviction-policy'],
  description:
    'A PodDisruptionBudget does not set unhealthyPodEvictionPolicy: a crash-looping pod can block a node drain.',
  hint: 'Set unhealthyPodEvictionPolicy: AlwaysAllow.',
  check: (ctx) =>
    ctx.of('PodDisruptionBudget').flatMap((m) =>
      (m.object.spec as Record<string, unknown> | undefined)?.unhealthyPodEvictionPolicy === undefined
        ? [
            {
              at: m,
              path: ['spec'],
              message: `PodDisruptionBudget ${m.object.metadata.name ?? ''} does not set unhealthyPodEvictionPolicy`,
            },
          ]
        : [],
    ),
};
export default rule;
