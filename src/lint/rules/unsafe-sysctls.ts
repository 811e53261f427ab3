import { perWorkload, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { arr, get, obj, str } from '../workloads.js';

/** kube-linter's unsafe prefixes: they are not namespaced or can starve the node. */
const UNSAFE = ['kernel.msg', 'kernel.sem', 'kernel.shm', 'fs.mqueue.', 'net.'];

const rule: LintRule = {
  id: 'unsafe-sysctls',
  severity: 'warning',
  covers: ['kube-linter:unsafe-sysctls'],
  description: 'A pod sets an unsafe sysctl (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*, net.*).',
  hint: 'Remove it; the kubelet refuses such a pod unless the node allows that sysctl (--allowed-unsafe-sysctls).',
  check: (ctx) =>
    perWorkload(ctx, (w) =>
      arr(get(w.podSpec, ['securityContext', 'sysctls'])).flatMap((s, i) => {
        const name = str(obj(s).name) ?? '';
        return UNSAFE.some((p) => name.startsWith(p))
          ? [
              {
                path: [...w.podPath, 'securityContext', 'sysctls', i],
                message: `the pod sets the unsafe sysctl ${quote(name)}`,
              },
            ]
          : [];
      }),
    ),
};
export default rule;
