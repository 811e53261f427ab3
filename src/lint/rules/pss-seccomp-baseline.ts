import { pssControl } from '../rule-kit.js';
import { securityContexts } from '../pss.js';
import { get } from '../workloads.js';

export default pssControl(
  {
    id: 'pss-seccomp-baseline',
    level: 'baseline',
    covers: ['pss:baseline/seccomp'],
    description: 'Pod Security baseline, Seccomp: the seccomp profile may not be Unconfined.',
    hint: 'Use seccompProfile.type: RuntimeDefault.',
  },
  (w) =>
    securityContexts(w)
      .filter((s) => get(s.sc, ['seccompProfile', 'type']) === 'Unconfined')
      .map((s) => ({ path: [...s.path, 'seccompProfile'], message: `${s.owner} runs without seccomp (Unconfined)` })),
);
