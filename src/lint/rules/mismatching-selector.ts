import { hitAt } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { get, isEmptySelector, selects } from '../workloads.js';

const rule: LintRule = {
  id: 'mismatching-selector',
  severity: 'error',
  covers: ['kube-linter:mismatching-selector', 'kube-score:deployment-selector'],
  description: 'A workload’s selector does not select the labels of its own pod template (the API server refuses it).',
  hint: 'Make spec.selector match spec.template.metadata.labels.',
  check: (ctx) =>
    ctx.workloads.flatMap((w) => {
      if (['Pod', 'Job', 'CronJob'].includes(w.kind)) return [];
      const selector = get(w.object, ['spec', 'selector']);
      if (selector === undefined) {
        if (w.kind === 'DeploymentConfig' || w.kind === 'ReplicationController') return [];
        return [hitAt(w, ['spec'], `${w.kind} ${w.name} has no selector`)];
      }
      // A DeploymentConfig and a ReplicationController have a plain map as their selector.
      const asSelector =
        w.kind === 'DeploymentConfig' || w.kind === 'ReplicationController' ? { matchLabels: selector } : selector;
      if (isEmptySelector(asSelector))
        return [hitAt(w, ['spec', 'selector'], `${w.kind} ${w.name} has an empty selector`)];
      return selects(asSelector, w.labels)
        ? []
        : [
            hitAt(
              w,
              ['spec', 'selector'],
              `the selector of ${w.kind} ${w.name} does not match the labels of its pod template`,
            ),
          ];
    }),
};
export default rule;
