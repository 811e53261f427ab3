import { pssControl } from '../rule-kit.js';
import { containerContexts } from '../pss.js';

export default pssControl(
  {
    id: 'pss-proc-mount',
    level: 'baseline',
    covers: ['pss:baseline/proc-mount-type'],
    description: 'Pod Security baseline, /proc Mount Type: procMount must be unset or Default.',
    hint: 'Remove procMount.',
  },
  (w) =>
    containerContexts(w)
      .filter((s) => s.sc.procMount !== undefined && s.sc.procMount !== 'Default')
      .map((s) => ({ path: [...s.path, 'procMount'], message: `${s.owner} sets procMount ${String(s.sc.procMount)}` })),
);
