import { pssControl } from '../rule-kit.js';
import { containerContexts } from '../pss.js';
import { get } from '../workloads.js';

export default pssControl(
  {
    id: 'pss-run-as-non-root',
    level: 'restricted',
    covers: ['pss:restricted/running-as-non-root'],
    description:
      'Pod Security restricted, Running as Non-root: runAsNonRoot must be true on the pod, or on every container; no container may set it false.',
    hint: 'Set securityContext.runAsNonRoot: true on the pod.',
  },
  (w) => {
    const pod = get(w.podSpec, ['securityContext', 'runAsNonRoot']);
    return containerContexts(w)
      .filter((s) => s.sc.runAsNonRoot === false || (pod !== true && s.sc.runAsNonRoot !== true))
      .map((s) => ({ path: s.path, message: `${s.owner} may run as root (runAsNonRoot is not true)` }));
  },
);
