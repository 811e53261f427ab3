import { containerPorts } from '../ports.js';
import type { LintHit, LintRule } from '../types.js';
import { arr, get, mapSelects, obj, runContainers, strMap } from '../workloads.js';

const rule: LintRule = {
  id: 'service-target-port',
  severity: 'error',
  covers: [],
  description:
    'A Service sends to a port its pods do not have: a targetPort name no selected container declares (no endpoints), or a number none declares.',
  hint: 'Use the container port’s name or number as the targetPort, and declare it in the container.',
  check: (ctx) =>
    ctx.of('Service').flatMap((m) => {
      const selector = strMap(get(m.object, ['spec', 'selector']));
      if (!Object.keys(selector).length) return [];
      const pods = ctx.workloadsNear(m.object).filter((w) => mapSelects(selector, w.labels));
      if (!pods.length) return [];
      const ports = pods.flatMap((w) =>
        runContainers(w)
          .filter((c) => !c.init)
          .flatMap(containerPorts),
      );
      return arr(get(m.object, ['spec', 'ports'])).flatMap((p, i): LintHit[] => {
        const o = obj(p);
        const target = o.targetPort ?? o.port;
        const path = ['spec', 'ports', i, 'targetPort'];
        if (typeof target === 'string' && !/^\d+$/.test(target))
          return ports.some((x) => x.name === target)
            ? []
            : [
                {
                  at: m,
                  path,
                  message: `the targetPort ${JSON.stringify(target)} is not a port name of the selected pods: the Service has no endpoints`,
                },
              ];
        const n = Number(target);
        return ports.some((x) => x.port === n)
          ? []
          : [{ at: m, path, message: `the selected pods declare no port ${n}`, severity: 'warning' }];
      });
    }),
};
export default rule;
