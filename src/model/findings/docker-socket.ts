import type { FindingRule } from './rule.js';

export const dockerSocket: FindingRule = {
  id: 'docker-socket',
  severity: 'high',
  description:
    "A service that mounts the Docker socket controls the host's containers; Kubernetes nodes may not run Docker at all.",
  check(ctx) {
    return ctx.workload.storage.flatMap((m, i) =>
      m.kind === 'docker-socket'
        ? [
            {
              message: `${ctx.workload.name} mounts the Docker socket ${m.source}: it controls the host's containers`,
              action:
                'Kubernetes nodes may not run Docker at all; replace it with the Kubernetes API and a ServiceAccount with narrow RBAC, or drop the feature',
              at: ['volumes', i],
            },
          ]
        : [],
    );
  },
};
