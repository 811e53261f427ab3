import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'host-network',
  severity: 'warning',
  covers: ['kube-linter:host-network', 'polaris:hostNetworkSet'],
  description: "A pod shares the node's network: it sees all its traffic and binds its ports.",
  hint: 'Remove hostNetwork: true; publish the port through a Service instead.',
  check: (ctx) =>
    perWorkload(ctx, (w) =>
      w.podSpec.hostNetwork === true
        ? {
            path: [...w.podPath, 'hostNetwork'],
            message: 'the pod uses the host network namespace (hostNetwork: true)',
          }
        : undefined,
    ),
};
export default rule;
