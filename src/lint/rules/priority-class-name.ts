import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'priority-class-name',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:priority-class-name'],
  description: 'A pod sets no priorityClassName: under pressure it is evicted like any other.',
  hint: 'Give critical workloads a PriorityClass.',
  check: (ctx) =>
    perWorkload(ctx, (w) =>
      w.podSpec.priorityClassName
        ? undefined
        : { path: w.podPath, message: `${w.kind} ${w.name} has no priorityClassName` },
    ),
};
export default rule;
