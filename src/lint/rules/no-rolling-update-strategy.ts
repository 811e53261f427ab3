import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { get, text } from '../workloads.js';

const FIELD: Record<string, string> = {
  Deployment: 'strategy',
  DaemonSet: 'updateStrategy',
  StatefulSet: 'updateStrategy',
  DeploymentConfig: 'strategy',
};

const rule: LintRule = {
  id: 'no-rolling-update-strategy',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:no-rolling-update-strategy'],
  description: 'A workload does not update with a rolling strategy.',
  hint: 'Use a RollingUpdate strategy (Recreate stops every pod before starting the new ones).',
  check: (ctx) =>
    perWorkload(ctx, (w) => {
      const field = FIELD[w.kind];
      if (!field) return undefined;
      const type = get(w.object, ['spec', field, 'type']);
      // Unset means the API default, which is a rolling update for each of these kinds.
      return type === undefined || type === 'RollingUpdate' || type === 'Rolling'
        ? undefined
        : {
            path: ['spec', field],
            message: `${w.kind} ${w.name} uses the ${text(type)} update strategy`,
          };
    }),
};
export default rule;
