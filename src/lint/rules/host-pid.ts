import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'host-pid',
  severity: 'error',
  covers: ['kube-linter:host-pid', 'polaris:hostPIDSet'],
  description: "A pod shares the node's processes: it can see and signal every process of the node.",
  hint: 'Remove hostPID: true.',
  check: (ctx) =>
    perWorkload(ctx, (w) =>
      w.podSpec.hostPID === true
        ? { path: [...w.podPath, 'hostPID'], message: 'the pod uses the host pid namespace (hostPID: true)' }
        : undefined,
    ),
};
export default rule;
