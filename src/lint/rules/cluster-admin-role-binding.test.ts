import { docs, lintCases } from '../../../test/lint-cases.js';
import rule from './cluster-admin-role-binding.js';

lintCases(rule, {
  valid: [
    docs({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'shop' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }],
    }),
  ],
  invalid: [
    {
      yaml: docs({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'b', namespace: 'shop' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
        subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }],
      }),
      messages: ['RoleBinding b binds cluster-admin'],
    },
  ],
});
