import type { LintRule } from '../types.js';
import { get, mapSelects, strMap } from '../workloads.js';

const rule: LintRule = {
  id: 'dangling-service',
  severity: 'error',
  covers: ['kube-linter:dangling-service', 'kube-score:service-targets-pod'],
  description:
    'A Service’s selector matches no pod of the input: it has no endpoints and every connection to it fails.',
  hint: 'Make the Service selector match the pod template labels of the workload it fronts.',
  check: (ctx) =>
    ctx.of('Service').flatMap((m) => {
      const selector = strMap(get(m.object, ['spec', 'selector']));
      if (get(m.object, ['spec', 'type']) === 'ExternalName' || !Object.keys(selector).length) return [];
      const found = ctx.workloadsNear(m.object).some((w) => mapSelects(selector, w.labels));
      return found
        ? []
        : [
            {
              at: m,
              path: ['spec', 'selector'],
              message: `Service ${m.object.metadata.name ?? ''} selects no pods (${Object.entries(selector)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')})`,
            },
          ];
    }),
};
export default rule;
