import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-run-as-user.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
      },
      deployment({ pod: { securityContext: { runAsNonRoot: true, runAsUser: 0 } } }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ pod: { securityContext: { runAsNonRoot: true, runAsUser: 0 } } })),
      messages: ['the pod sets runAsUser: 0 (Pod Security "restricted")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
        },
        deployment({ pod: { securityContext: { runAsNonRoot: true, runAsUser: 0 } } }),
      ),
      messages: ['the pod sets runAsUser: 0 (Pod Security "restricted")'],
      severity: 'error',
    },
  ],
});
