import type { LintRule } from '../types.js';
import { get } from '../workloads.js';

const rule: LintRule = {
  id: 'hpa-minimum-three-replicas',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:hpa-minimum-three-replicas'],
  description: 'A HorizontalPodAutoscaler may scale below three replicas.',
  hint: 'Set minReplicas to 3 or more.',
  check: (ctx) =>
    ctx.of('HorizontalPodAutoscaler').flatMap((m) => {
      const min = get(m.object, ['spec', 'minReplicas']) ?? 1;
      return typeof min === 'number' && min < 3
        ? [
            {
              at: m,
              path: ['spec', 'minReplicas'],
              message: `HorizontalPodAutoscaler ${m.object.metadata.name ?? ''} has minReplicas ${min}`,
            },
          ]
        : [];
    }),
};
export default rule;
