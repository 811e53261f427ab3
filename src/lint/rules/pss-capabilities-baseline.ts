import { pssControl } from '../rule-kit.js';
import { BASELINE_CAPS, capsOf, containerContexts } from '../pss.js';

export default pssControl(
  {
    id: 'pss-capabilities-baseline',
    level: 'baseline',
    covers: ['pss:baseline/capabilities'],
    description:
      'Pod Security baseline, Capabilities: a container may add only the default capabilities (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).',
    hint: 'Remove the other added capabilities.',
  },
  (w) =>
    containerContexts(w).flatMap((s) => {
      const extra = capsOf(s.sc, 'add').filter((c) => !BASELINE_CAPS.has(c));
      return extra.length
        ? [{ path: [...s.path, 'capabilities', 'add'], message: `${s.owner} adds ${extra.join(', ')}` }]
        : [];
    }),
);
