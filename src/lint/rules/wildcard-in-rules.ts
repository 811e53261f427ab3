import type { LintHit, LintRule } from '../types.js';
import { arr, obj } from '../workloads.js';

const rule: LintRule = {
  id: 'wildcard-in-rules',
  severity: 'warning',
  optIn: true,
  covers: ['kube-linter:wildcard-in-rules'],
  description:
    'A Role or ClusterRole uses * in its resources or verbs (CIS 5.1.3): it grows with every new resource type.',
  hint: 'List the resources and verbs explicitly.',
  check: (ctx) =>
    ctx.of('Role', 'ClusterRole').flatMap((m) =>
      arr(m.object.rules).flatMap((r, i): LintHit[] => {
        const fields = ['resources', 'verbs'].filter((k) => arr(obj(r)[k]).includes('*'));
        return fields.length
          ? [
              {
                at: m,
                path: ['rules', i],
                message: `${m.object.kind} ${m.object.metadata.name ?? ''} uses * in ${fields.join(' and ')}`,
              },
            ]
          : [];
      }),
    ),
};
export default rule;
