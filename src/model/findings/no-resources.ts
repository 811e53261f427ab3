import type { FindingRule } from './rule.js';

export const noResources: FindingRule = {
  id: 'no-resources',
  severity: 'low',
  description: 'A long-running service with no resource limits.',
  check(ctx) {
    const w = ctx.workload;
    if (w.resources.limits || w.oneShot) return [];
    return [
      {
        message: `${w.name} sets no resource limits`,
        action: 'convert applies role-based defaults; measure and adjust them',
        group: { key: 'res', summary: (n) => `${n} services set no resource limits` },
      },
    ];
  },
};
