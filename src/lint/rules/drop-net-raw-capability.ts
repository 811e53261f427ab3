import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { arr, get } from '../workloads.js';

const rule: LintRule = {
  id: 'drop-net-raw-capability',
  severity: 'warning',
  covers: ['kube-linter:drop-net-raw-capability', 'polaris:insecureCapabilities'],
  description: 'A container keeps NET_RAW: it can craft raw packets (ARP or DNS spoofing on the node network).',
  hint: 'Drop NET_RAW (or ALL) in securityContext.capabilities.drop, and do not add it.',
  check: (ctx) =>
    perContainer(ctx, (_w, c) => {
      const caps = (k: string) =>
        arr(get(c.spec, ['securityContext', 'capabilities', k])).map((x) => String(x).toUpperCase());
      const norm = (x: string) => x.replace(/^CAP_/, '');
      if (
        caps('add')
          .map(norm)
          .some((x) => x === 'NET_RAW' || x === 'ALL')
      )
        return {
          path: [...c.path, 'securityContext', 'capabilities', 'add'],
          message: `container ${quote(c.name)} adds NET_RAW`,
        };
      if (
        caps('drop')
          .map(norm)
          .some((x) => x === 'NET_RAW' || x === 'ALL')
      )
        return undefined;
      return { message: `container ${quote(c.name)} does not drop NET_RAW` };
    }),
};
export default rule;
