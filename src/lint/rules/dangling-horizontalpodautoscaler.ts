import type { LintRule } from '../types.js';
import { get, str } from '../workloads.js';

const rule: LintRule = {
  id: 'dangling-horizontalpodautoscaler',
  severity: 'error',
  covers: ['kube-linter:dangling-horizontalpodautoscaler', 'kube-score:horizontalpodautoscaler-has-target'],
  description: 'A HorizontalPodAutoscaler scales an object the input does not contain.',
  hint: 'Point scaleTargetRef at the Deployment or StatefulSet it is meant to scale (kind and name).',
  check: (ctx) =>
    ctx.of('HorizontalPodAutoscaler').flatMap((m) => {
      const kind = str(get(m.object, ['spec', 'scaleTargetRef', 'kind'])) ?? '';
      const name = str(get(m.object, ['spec', 'scaleTargetRef', 'name']));
      return ctx.find(kind, name, m.object)
        ? []
        : [
            {
              at: m,
              path: ['spec', 'scaleTargetRef'],
              message: `the scale target ${kind}/${name ?? '?'} is not in the input`,
            },
          ];
    }),
};
export default rule;
