import type { FindingRule } from './rule.js';

export const singlePointOfFailure: FindingRule = {
  id: 'single-point-of-failure',
  severity: 'medium',
  description: 'A service that holds data and runs as a single replica.',
  check(ctx) {
    const w = ctx.workload;
    if (!w.stateful || w.replicas !== 1 || w.global) return [];
    return [
      {
        message: `${w.name} holds data and runs as a single replica`,
        action: 'back it up, plan node drains for a maintenance window, or run it replicated with an operator',
        group: { key: 'spof', summary: (n) => `${n} services hold data and run as a single replica each` },
      },
    ];
  },
};
