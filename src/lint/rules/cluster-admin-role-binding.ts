import type { LintRule } from '../types.js';
import { get } from '../workloads.js';

const rule: LintRule = {
  id: 'cluster-admin-role-binding',
  severity: 'warning',
  optIn: true,
  covers: ['kube-linter:cluster-admin-role-binding'],
  description: 'A binding gives the cluster-admin role (CIS 5.1.1).',
  hint: 'Bind a role with only the resources and verbs the subject needs.',
  check: (ctx) =>
    ctx.of('RoleBinding', 'ClusterRoleBinding').flatMap((m) =>
      get(m.object, ['roleRef', 'name']) === 'cluster-admin'
        ? [
            {
              at: m,
              path: ['roleRef', 'name'],
              message: `${m.object.kind} ${m.object.metadata.name ?? ''} binds cluster-admin`,
            },
          ]
        : [],
    ),
};
export default rule;
