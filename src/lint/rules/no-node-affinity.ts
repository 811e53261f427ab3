import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { get } from '../workloads.js';

const rule: LintRule = {
  id: 'no-node-affinity',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:no-node-affinity'],
  description: 'A pod has no node affinity.',
  hint: 'Add a nodeAffinity where the workload must land on particular nodes.',
  check: (ctx) =>
    perWorkload(ctx, (w) =>
      get(w.podSpec, ['affinity', 'nodeAffinity']) === undefined
        ? { path: w.podPath, message: `${w.kind} ${w.name} has no node affinity` }
        : undefined,
    ),
};
export default rule;
