import { pssControl } from '../rule-kit.js';
import { securityContexts } from '../pss.js';

export default pssControl(
  {
    id: 'pss-run-as-user',
    level: 'restricted',
    covers: ['pss:restricted/running-as-non-root-user'],
    description: 'Pod Security restricted, Running as Non-root user: runAsUser may not be 0.',
    hint: 'Set runAsUser to the image’s non-root user id.',
  },
  (w) =>
    securityContexts(w)
      .filter((s) => s.sc.runAsUser === 0)
      .map((s) => ({ path: [...s.path, 'runAsUser'], message: `${s.owner} sets runAsUser: 0` })),
);
