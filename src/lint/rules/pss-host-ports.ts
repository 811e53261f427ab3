import { pssControl } from '../rule-kit.js';
import { containerPorts } from '../ports.js';

export default pssControl(
  {
    id: 'pss-host-ports',
    level: 'baseline',
    covers: ['pss:baseline/host-ports'],
    description: 'Pod Security baseline, Host Ports: hostPort must be unset or 0.',
    hint: 'Remove hostPort; expose the port with a Service.',
  },
  (w) =>
    w.containers.flatMap((c) =>
      containerPorts(c)
        .filter((p) => p.hostPort !== undefined)
        .map((p) => ({
          path: [...p.path, 'hostPort'],
          message: `container ${JSON.stringify(c.name)} binds host port ${p.hostPort}`,
        })),
    ),
);
