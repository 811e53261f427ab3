import type { FindingRule } from './rule.js';

export const weakDefaultSecret: FindingRule = {
  id: 'weak-default-secret',
  severity: 'medium',
  description: 'A secret that falls back to a default written in the Compose file.',
  check(ctx) {
    return ctx.workload.environment.flatMap((e) =>
      e.sensitive && e.value && e.weakDefault
        ? [
            {
              message: `${e.name} falls back to a default written in the Compose file`,
              action: 'set a strong value and deliver it as a Secret; the default must never reach production',
              at: ['environment', e.name],
              group: {
                key: e.name,
                summary: (n: number) =>
                  `${e.name} falls back to a default written in the Compose file (in ${n} services)`,
              },
            },
          ]
        : [],
    );
  },
};
