import { pssControl } from '../rule-kit.js';
import { containerContexts } from '../pss.js';

export default pssControl(
  {
    id: 'pss-privilege-escalation',
    level: 'restricted',
    covers: ['pss:restricted/privilege-escalation'],
    description:
      'Pod Security restricted, Privilege Escalation: every container must set allowPrivilegeEscalation: false.',
    hint: 'Set securityContext.allowPrivilegeEscalation: false in each container.',
  },
  (w) =>
    w.podSpec.os !== undefined && (w.podSpec.os as { name?: string }).name === 'windows'
      ? []
      : containerContexts(w)
          .filter((s) => s.sc.allowPrivilegeEscalation !== false)
          .map((s) => ({ path: s.path, message: `${s.owner} does not set allowPrivilegeEscalation: false` })),
);
