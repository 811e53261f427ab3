import type { FindingRule } from './rule.js';

export const privileged: FindingRule = {
  id: 'privileged',
  severity: 'high',
  description: "A privileged container: most clusters' Pod Security forbids it.",
  check(ctx) {
    const w = ctx.workload;
    if (!w.privileged) return [];
    return [
      {
        message: `${w.name} runs privileged`,
        action: 'find the capability it really needs and add only that; most clusters forbid privileged pods',
        at: ['privileged'],
      },
    ];
  },
};
