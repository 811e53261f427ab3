import { secretLooking } from '../secrets.js';
import type { LintHit, LintRule } from '../types.js';
import { obj } from '../workloads.js';

const rule: LintRule = {
  id: 'secret-in-configmap',
  severity: 'error',
  covers: ['polaris:sensitiveConfigmapContent', 'kube-linter:configmap-with-credentials'],
  description:
    'A ConfigMap holds what looks like a credential (a key named like a password or token, a private key, a URL with a password): ConfigMaps are readable by anyone who can read the namespace and end up in Git.',
  hint: 'Move the value to a Secret and read it with secretKeyRef.',
  check: (ctx) =>
    ctx.of('ConfigMap').flatMap((m) =>
      Object.entries(obj(m.object.data)).flatMap(([k, v]): LintHit[] => {
        const why = secretLooking(k, String(v));
        return why
          ? [{ at: m, path: ['data', k], message: `ConfigMap ${m.object.metadata.name ?? ''} holds ${why} under ${k}` }]
          : [];
      }),
    ),
};
export default rule;
