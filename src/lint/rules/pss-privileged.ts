import { pssControl } from '../rule-kit.js';
import { containerContexts } from '../pss.js';

export default pssControl(
  {
    id: 'pss-privileged',
    level: 'baseline',
    covers: ['pss:baseline/privileged-containers'],
    description: 'Pod Security baseline, Privileged Containers: no container may be privileged.',
    hint: 'Remove securityContext.privileged.',
  },
  (w) =>
    containerContexts(w)
      .filter((s) => s.sc.privileged === true)
      .map((s) => ({ path: [...s.path, 'privileged'], message: `${s.owner} is privileged` })),
);
