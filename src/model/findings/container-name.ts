import type { FindingRule } from './rule.js';

export const containerName: FindingRule = {
  id: 'container-name',
  severity: 'low',
  description: 'A fixed container_name: other services may use it as a host name, which Kubernetes does not provide.',
  check(ctx) {
    const { workload: w, service: svc } = ctx;
    if (!svc.container_name) return [];
    return [
      {
        message: `${w.name} sets container_name "${svc.container_name}"`,
        action: `Kubernetes names pods itself; anything that uses "${svc.container_name}" as a host name must use the Service name ${w.name}`,
        at: ['container_name'],
      },
    ];
  },
};
