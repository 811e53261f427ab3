import type { LintRule } from '../types.js';
import { get, isEmptySelector, selects } from '../workloads.js';

const rule: LintRule = {
  id: 'dangling-networkpolicy',
  severity: 'warning',
  covers: ['kube-linter:dangling-networkpolicy', 'kube-score:networkpolicy-targets-pod'],
  description: 'A NetworkPolicy’s podSelector matches no pod of the input: it protects nothing.',
  hint: 'Make the podSelector match the labels of the pods it is meant for (an empty podSelector selects every pod of the namespace).',
  check: (ctx) =>
    ctx.of('NetworkPolicy').flatMap((m) => {
      const selector = get(m.object, ['spec', 'podSelector']);
      if (isEmptySelector(selector)) return [];
      return ctx.workloadsNear(m.object).some((w) => selects(selector, w.labels))
        ? []
        : [
            {
              at: m,
              path: ['spec', 'podSelector'],
              message: `NetworkPolicy ${m.object.metadata.name ?? ''} selects no pods`,
            },
          ];
    }),
};
export default rule;
