import { docs, lintCases } from '../../../test/lint-cases.js';
import rule from './wildcard-in-rules.js';

lintCases(rule, {
  valid: [
    docs({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r', namespace: 'shop' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
    }),
  ],
  invalid: [
    {
      yaml: docs({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'r', namespace: 'shop' },
        rules: [
          { apiGroups: [''], resources: ['*'], verbs: ['get'] },
          { apiGroups: [''], resources: ['pods'], verbs: ['*'] },
        ],
      }),
      messages: ['ClusterRole r uses * in resources', 'ClusterRole r uses * in verbs'],
    },
  ],
});
