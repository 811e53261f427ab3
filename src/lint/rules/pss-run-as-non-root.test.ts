import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-run-as-non-root.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      deployment({
        pod: { securityContext: {} },
        containers: [container({ securityContext: { runAsNonRoot: true } })],
      }),
    ),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
      },
      deployment({ pod: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } } }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ pod: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } } })),
      messages: ['container "app" may run as root (runAsNonRoot is not true) (Pod Security "restricted")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
        },
        deployment({ pod: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } } }),
      ),
      messages: ['container "app" may run as root (runAsNonRoot is not true) (Pod Security "restricted")'],
      severity: 'error',
    },
  ],
});
