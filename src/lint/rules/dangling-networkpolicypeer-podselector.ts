import { CREATED_SEPARATELY, type LintHit, type LintRule, type Manifest } from '../types.js';
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
            // Pods of a workload the policy says is created separately (a migration Job run on demand).
            const name = obj(obj(p.podSelector).matchLabels)['app.kubernetes.io/name'];
            if (typeof name === 'string' && separate(m).includes(name)) return [];
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

/** Names of the workloads a NetworkPolicy's annotation lists as created separately (`Job/db-migration`). */
function separate(m: Manifest): string[] {
  return (m.object.metadata.annotations?.[CREATED_SEPARATELY] ?? '')
    .split(',')
    .map((s) => s.trim().split('/')[1] ?? '')
    .filter(Boolean);
}

export default rule;
