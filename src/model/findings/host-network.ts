import type { FindingRule } from './rule.js';

export const hostNetwork: FindingRule = {
  id: 'host-network',
  severity: 'high',
  description: "The host's network, PID or IPC namespace: allowed in Kubernetes only for node agents.",
  check(ctx) {
    const w = ctx.workload;
    return (['network_mode', 'pid', 'ipc'] as const).flatMap((key) =>
      ctx.service[key] === 'host'
        ? [
            {
              message: `${w.name} uses the host's ${key === 'network_mode' ? 'network' : key.toUpperCase()} namespace`,
              action:
                key === 'network_mode'
                  ? 'use a Service for its ports; hostNetwork only for node agents'
                  : `drop ${key}: host; Kubernetes allows it only for node agents`,
              at: [key],
            },
          ]
        : [],
    );
  },
};
