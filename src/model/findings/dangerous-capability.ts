import type { FindingRule } from './rule.js';

const DANGEROUS_CAPS = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'DAC_READ_SEARCH',
  'SYS_RAWIO',
  'NET_RAW',
  'SYS_TIME',
]);

export const dangerousCapability: FindingRule = {
  id: 'dangerous-capability',
  severity: 'medium',
  description: 'A Linux capability that restricted Pod Security forbids and that grants power over the node.',
  check(ctx) {
    const w = ctx.workload;
    const dangerous = w.capAdd.filter((c) => DANGEROUS_CAPS.has(c.toUpperCase().replace(/^CAP_/, '')));
    if (!dangerous.length) return [];
    return [
      {
        message: `${w.name} adds ${dangerous.join(', ')}`,
        action: 'keep it only if the workload cannot run without it; restricted Pod Security forbids it',
        at: ['cap_add'],
      },
    ];
  },
};
