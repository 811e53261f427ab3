import type { FindingRule } from './rule.js';

export const publishedDataPort: FindingRule = {
  id: 'published-data-port',
  severity: 'low',
  description: 'A data service published on the host for direct access.',
  check(ctx) {
    const w = ctx.workload;
    if (w.exposure !== 'dev-only') return [];
    const ports = w.ports.filter((p) => p.published).map((p) => p.published);
    return [
      {
        message: `${w.name} publishes ${ports.join(', ')} on the host for direct access`,
        action: 'keep it internal (ClusterIP) and use `kubectl port-forward` when you need to connect',
        at: ['ports'],
      },
    ];
  },
};
