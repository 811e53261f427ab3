import { pssControl } from '../rule-kit.js';
import { containerContexts } from '../pss.js';
import { get, text } from '../workloads.js';

const OK = new Set(['RuntimeDefault', 'Localhost']);

export default pssControl(
  {
    id: 'pss-seccomp-restricted',
    level: 'restricted',
    covers: ['pss:restricted/seccomp'],
    description:
      'Pod Security restricted, Seccomp: the profile must be RuntimeDefault or Localhost, on the pod or on every container.',
    hint: 'Set securityContext.seccompProfile.type: RuntimeDefault on the pod.',
  },
  (w) => {
    const pod = get(w.podSpec, ['securityContext', 'seccompProfile', 'type']);
    return containerContexts(w)
      .filter((s) => {
        const own = get(s.sc, ['seccompProfile', 'type']);
        return own !== undefined ? !OK.has(text(own)) : !OK.has(text(pod));
      })
      .map((s) => ({ path: s.path, message: `${s.owner} has no RuntimeDefault or Localhost seccomp profile` }));
  },
);
