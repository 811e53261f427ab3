import { docs, lintCases } from '../../../test/lint-cases.js';
import rule from './access-to-create-pods.js';

lintCases(rule, {
  valid: [
    docs(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'r', namespace: 'shop' },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'b', namespace: 'shop' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
        subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }],
      },
    ),
  ],
  invalid: [
    {
      yaml: docs(
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: 'r', namespace: 'shop' },
          rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] }],
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'b', namespace: 'shop' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
          subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }],
        },
      ),
      messages: ['RoleBinding b gives ServiceAccount web the right to create pods'],
    },
  ],
});
