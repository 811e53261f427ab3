import type { LintRule } from '../types.js';
import { get, str } from '../workloads.js';

const rule: LintRule = {
  id: 'hpa-replicas',
  severity: 'warning',
  covers: ['kube-score:horizontalpodautoscaler-replicas'],
  description:
    'A workload scaled by a HorizontalPodAutoscaler also sets spec.replicas: every apply resets the count the autoscaler chose.',
  hint: 'Remove spec.replicas from the workload and let the autoscaler own it.',
  check: (ctx) =>
    ctx.of('HorizontalPodAutoscaler').flatMap((m) => {
      const target = ctx.find(
        str(get(m.object, ['spec', 'scaleTargetRef', 'kind'])) ?? '',
        str(get(m.object, ['spec', 'scaleTargetRef', 'name'])),
        m.object,
      );
      return target && get(target.object, ['spec', 'replicas']) !== undefined
        ? [
            {
              at: target,
              path: ['spec', 'replicas'],
              message: `${target.object.kind} ${target.object.metadata.name ?? ''} sets replicas but HorizontalPodAutoscaler ${m.object.metadata.name ?? ''} scales it`,
            },
          ]
        : [];
    }),
};
export default rule;
