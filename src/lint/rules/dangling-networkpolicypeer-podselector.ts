import type { LintHit, LintRule } from '../types.js';
import { arr, get, isEmptySelector, obj, selects } from '../workloads.js';

const rule: LintRule = {
  id: 'dangling-networkpolicypeer-podselector',
  severity: 'warning',
  covers: ['kube-linter:dangling-networkpolicypeer-podselector'],
  description:
    'A NetworkPolicy rule admits pods by a podSelector (without namespaceSelector) that matches no pod of the input.',
  hint: 'Make the peer’s podSelector match the labels of the pods meant to connect.',
  check: (ctx) =>
    ctx.of('NetworkPolicy').flatMap((m) =>
      (['ingress', 'egress'] as const).flatMap((dir) =>
        arr(get(m.object, ['spec', dir])).flatMap((r, i) =>
          arr(obj(r)[dir === 'ingress' ? 'from' : 'to']).flatMap((peer, j): LintHit[] => {
            const p = obj(peer);
            if (p.podSelector === undefined || p.namespaceSelector !== undefined || isEmptySelector(p.podSelector))
              return [];
            return ctx.workloadsNear(m.object).some((w) => selects(p.podSelector, w.labels))
              ? []
              : [
                  {
                    at: m,
                    path: ['spec', dir, i, dir === 'ingress' ? 'from' : 'to', j],
                    message: `a ${dir} peer of NetworkPolicy ${m.object.metadata.name ?? ''} selects no pods`,
                  },
                ];
          }),
        ),
      ),
    ),
};
export default rule;
