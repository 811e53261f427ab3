import { pssControl } from '../rule-kit.js';
import { SAFE_SYSCTLS } from '../pss.js';
import { arr, get, obj, text } from '../workloads.js';

export default pssControl(
  {
    id: 'pss-sysctls',
    level: 'baseline',
    covers: ['pss:baseline/sysctls'],
    description: 'Pod Security baseline, Sysctls: only the safe, namespaced sysctls may be set.',
    hint: 'Remove the other sysctls.',
  },
  (w) =>
    arr(get(w.podSpec, ['securityContext', 'sysctls'])).flatMap((s, i) => {
      const name = text(obj(s).name ?? '');
      return SAFE_SYSCTLS.has(name)
        ? []
        : [{ path: [...w.podPath, 'securityContext', 'sysctls', i], message: `the pod sets the sysctl ${name}` }];
    }),
);
