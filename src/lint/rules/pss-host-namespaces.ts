import { pssControl } from '../rule-kit.js';

export default pssControl(
  {
    id: 'pss-host-namespaces',
    level: 'baseline',
    covers: ['pss:baseline/host-namespaces'],
    description: 'Pod Security baseline, Host Namespaces: hostNetwork, hostPID and hostIPC must be unset or false.',
    hint: 'Remove hostNetwork, hostPID and hostIPC.',
  },
  (w) =>
    ['hostNetwork', 'hostPID', 'hostIPC']
      .filter((k) => w.podSpec[k] === true)
      .map((k) => ({ path: [...w.podPath, k], message: `the pod sets ${k}: true` })),
);
