import type { LintHit, LintRule, Manifest } from '../types.js';
import { arr, get, obj, str } from '../workloads.js';

/** The ingress class an Ingress is for: its field, the older annotation, or the cluster's default. */
const ingressClass = (m: Manifest) =>
  str(get(m.object, ['spec', 'ingressClassName'])) ??
  m.object.metadata.annotations?.['kubernetes.io/ingress.class'] ??
  '(default)';

const label = (m: Manifest) =>
  `${m.object.metadata.namespace ? `${m.object.metadata.namespace}/` : ''}${m.object.metadata.name ?? ''}`;

/**
 * An ingress controller routes one host and path to one backend: two Ingresses of one class that
 * claim the same host (or both none, which is any host) and the same path send that traffic to
 * only one of them, whichever the controller takes first, across namespaces too (ingress-nginx
 * merges Ingresses by host; its admission webhook refuses the second).
 */
const rule: LintRule = {
  id: 'ingress-collision',
  severity: 'error',
  covers: [],
  description:
    'Two Ingress rules of one ingress class claim the same host and path: only one of them gets the traffic.',
  hint: 'Give each Ingress its own host (or path); a rule with no host matches every host name.',
  check: (ctx) => {
    const claimed = new Map<string, Manifest>();
    const hits: LintHit[] = [];
    for (const m of ctx.of('Ingress'))
      arr(get(m.object, ['spec', 'rules'])).forEach((r, i) =>
        arr(get(r, ['http', 'paths'])).forEach((p, j) => {
          const host = str(obj(r).host) ?? '';
          const path = str(obj(p).path) ?? '/';
          // ImplementationSpecific is a prefix match on the controllers that matter.
          const type = str(obj(p).pathType) === 'Exact' ? 'Exact' : 'Prefix';
          const key = [ingressClass(m), host, path, type].join('\n');
          const first = claimed.get(key);
          if (!first) claimed.set(key, m);
          else
            hits.push({
              at: m,
              path: ['spec', 'rules', i, 'http', 'paths', j, 'path'],
              message: `${host ? `host ${host}` : 'any host (no host set)'}, path ${path} (${type}) ${first === m ? 'is claimed twice in this Ingress: only one of the rules gets' : `is also claimed by Ingress ${label(first)}: only one of them gets`} the traffic`,
            });
        }),
      );
    return hits;
  },
};
export default rule;
