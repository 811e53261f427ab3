import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'host-ipc',
  severity: 'error',
  covers: ['kube-linter:host-ipc', 'polaris:hostIPCSet'],
  description: "A pod shares the node's inter-process communication: shared memory of other programs.",
  hint: 'Remove hostIPC: true.',
  check: (ctx) =>
    perWorkload(ctx, (w) =>
      w.podSpec.hostIPC === true
        ? { path: [...w.podPath, 'hostIPC'], message: 'the pod uses the host ipc namespace (hostIPC: true)' }
        : undefined,
    ),
};
export default rule;
