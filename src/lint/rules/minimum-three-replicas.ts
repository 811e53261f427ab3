import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'minimum-three-replicas',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:minimum-three-replicas'],
  description: 'A Deployment runs fewer than three replicas.',
  hint: 'Run at least three replicas of a service that must survive a node loss during a rollout.',
  check: (ctx) =>
    perWorkload(ctx, (w) =>
      w.replicas !== undefined && w.replicas < 3 && w.kind !== 'StatefulSet'
        ? {
            path: ['spec', 'replicas'],
            message: `${w.kind} ${w.name} has ${w.replicas} replica${w.replicas === 1 ? '' : 's'}`,
          }
        : undefined,
    ),
};
export default rule;
