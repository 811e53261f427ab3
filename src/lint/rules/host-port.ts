import { perContainer, quote, hitAt } from '../rule-kit.js';
import { containerPorts } from '../ports.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'host-port',
  severity: 'warning',
  covers: ['polaris:hostPortSet'],
  description: 'A container binds a port of its node (hostPort): one such pod per node, and the node is exposed.',
  hint: 'Remove hostPort and reach the pod through a Service (NodePort or LoadBalancer for outside traffic).',
  check: (ctx) =>
    perContainer(ctx, (w, c) =>
      containerPorts(c)
        .filter((p) => p.hostPort !== undefined)
        .map((p) =>
          hitAt(w, [...p.path, 'hostPort'], `container ${quote(c.name)} binds port ${p.hostPort} of the node`),
        ),
    ),
};
export default rule;
