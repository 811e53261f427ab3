import type { FindingRule } from './rule.js';

export const noHealthcheck: FindingRule = {
  id: 'no-healthcheck',
  severity: 'low',
  description: 'A long-running service with ports, no health check and no known readiness check.',
  check(ctx) {
    const w = ctx.workload;
    if (w.healthcheck || w.oneShot || !w.ports.length || w.knowledge) return [];
    return [
      {
        message: `${w.name} has no health check`,
        action: 'add a /health endpoint or a healthcheck; without one Kubernetes can only check that the port opens',
        group: { key: 'hc', summary: (n) => `${n} services have no health check` },
      },
    ];
  },
};
