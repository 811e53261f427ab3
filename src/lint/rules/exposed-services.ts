import type { LintRule } from '../types.js';
import { get } from '../workloads.js';

const rule: LintRule = {
  id: 'exposed-services',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:exposed-services', 'kube-score:service-type'],
  description: 'A Service is of type NodePort or LoadBalancer: reachable from outside the cluster.',
  hint: 'Use a ClusterIP Service behind an Ingress for HTTP; keep NodePort/LoadBalancer for what must be reached directly.',
  check: (ctx) =>
    ctx.of('Service').flatMap((m) => {
      const type = get(m.object, ['spec', 'type']);
      return type === 'NodePort' || type === 'LoadBalancer'
        ? [{ at: m, path: ['spec', 'type'], message: `Service ${m.object.metadata.name ?? ''} is of type ${type}` }]
        : [];
    }),
};
export default rule;
