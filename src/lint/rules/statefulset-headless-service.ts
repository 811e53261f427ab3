import { mapSelects, get, str, strMap } from '../workloads.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'statefulset-headless-service',
  severity: 'warning',
  covers: ['kube-score:statefulset-has-servicename'],
  description:
    'A StatefulSet’s serviceName is not a headless Service selecting its pods: the pods get no stable DNS names.',
  hint: 'Set serviceName to a Service with clusterIP: None whose selector matches the StatefulSet’s pods.',
  check: (ctx) =>
    ctx.workloads
      .filter((w) => w.kind === 'StatefulSet')
      .flatMap((w) => {
        const name = str(get(w.object, ['spec', 'serviceName']));
        if (!name) return [{ at: w.at, path: ['spec'], message: `StatefulSet ${w.name} has no serviceName` }];
        const svc = ctx.find('Service', name, w.object);
        if (!svc)
          return [
            {
              at: w.at,
              path: ['spec', 'serviceName'],
              message: `the Service ${name} of StatefulSet ${w.name} is not in the input`,
            },
          ];
        if (get(svc.object, ['spec', 'clusterIP']) !== 'None')
          return [
            {
              at: w.at,
              path: ['spec', 'serviceName'],
              message: `the Service ${name} of StatefulSet ${w.name} is not headless (clusterIP: None)`,
            },
          ];
        return mapSelects(strMap(get(svc.object, ['spec', 'selector'])), w.labels)
          ? []
          : [
              {
                at: w.at,
                path: ['spec', 'serviceName'],
                message: `the Service ${name} does not select the pods of StatefulSet ${w.name}`,
              },
            ];
      }),
};
export default rule;
