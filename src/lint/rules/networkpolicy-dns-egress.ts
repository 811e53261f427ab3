import { arr, get, obj } from '../workloads.js';
import { policiesOn, portsAdmit } from '../netpol.js';
import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'networkpolicy-dns-egress',
  severity: 'error',
  covers: [],
  description:
    'A NetworkPolicy restricts a pod’s egress without allowing DNS (port 53): every name lookup, and so every connection by name, fails.',
  hint: 'Add an egress rule to port 53 UDP and TCP (to the kube-system namespace, or anywhere).',
  check: (ctx) =>
    perWorkload(ctx, (w) => {
      const egress = policiesOn(ctx, w, 'Egress');
      if (!egress.length) return undefined;
      const dns = egress.some((m) =>
        arr(get(m.object, ['spec', 'egress'])).some((r) => portsAdmit(obj(r).ports, 53, 'UDP')),
      );
      return dns
        ? undefined
        : {
            path: [],
            message: `the egress of ${w.kind} ${w.name} is restricted by NetworkPolicy ${egress[0]?.object.metadata.name ?? ''} and no policy allows DNS (53/UDP)`,
          };
    }),
};
export default rule;
