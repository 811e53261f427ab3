import type { FindingRule } from './rule.js';

const SWARM_KEYS = ['placement', 'update_config', 'rollback_config', 'endpoint_mode', 'labels'];

export const swarmOnly: FindingRule = {
  id: 'swarm-only',
  severity: 'low',
  description: 'deploy keys that only Docker Swarm reads.',
  check(ctx) {
    const { workload: w, service: svc } = ctx;
    const swarm = SWARM_KEYS.filter((k) => svc.deploy && k in svc.deploy);
    if (!swarm.length) return [];
    return [
      {
        message: `${w.name} uses Swarm-only deploy keys: ${swarm.join(', ')}`,
        action: 'placement becomes node affinity, update_config a rollout strategy; the rest is dropped',
        at: ['deploy'],
      },
    ];
  },
};
