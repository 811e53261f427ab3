import { bindingsGranting } from '../rbac.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'access-to-create-pods',
  severity: 'warning',
  optIn: true,
  covers: ['kube-linter:access-to-create-pods'],
  description:
    'A binding lets its subjects create pods or workloads (CIS 5.1.4): a path to every Secret and ServiceAccount of the namespace.',
  hint: 'Remove create on pods and workload kinds where it is not needed.',
  check: (ctx) =>
    bindingsGranting(
      ctx,
      ['pods', 'deployments', 'statefulsets', 'replicasets', 'cronjob', 'cronjobs', 'jobs', 'daemonsets'],
      ['create'],
      'the right to create pods',
    ),
};
export default rule;
