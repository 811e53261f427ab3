import { pssControl } from '../rule-kit.js';
import { SELINUX_TYPES, securityContexts } from '../pss.js';
import { get, text } from '../workloads.js';

export default pssControl(
  {
    id: 'pss-selinux',
    level: 'baseline',
    covers: ['pss:baseline/selinux'],
    description:
      'Pod Security baseline, SELinux: the type may only be container_t, container_init_t, container_kvm_t or container_engine_t, and user and role must be unset.',
    hint: 'Remove the custom SELinux options.',
  },
  (w) =>
    securityContexts(w).flatMap((s) => {
      const o = get(s.sc, ['seLinuxOptions']);
      if (o === undefined) return [];
      const type = text(get(o, ['type']) ?? '');
      const bad = [
        ...(SELINUX_TYPES.has(type) ? [] : [`type ${type}`]),
        ...['user', 'role'].filter((k) => get(o, [k]) !== undefined && get(o, [k]) !== ''),
      ];
      return bad.length
        ? [{ path: [...s.path, 'seLinuxOptions'], message: `${s.owner} sets the SELinux ${bad.join(', ')}` }]
        : [];
    }),
);
