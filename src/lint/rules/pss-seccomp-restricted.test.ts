import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-seccomp-restricted.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      deployment({
        pod: { securityContext: { runAsNonRoot: true } },
        containers: [
          container({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } } }),
        ],
      }),
    ),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
      },
      deployment({ pod: { securityContext: { runAsNonRoot: true } } }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ pod: { securityContext: { runAsNonRoot: true } } })),
      messages: ['container "app" has no RuntimeDefault or Localhost seccomp profile (Pod Security "restricted")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
        },
        deployment({ pod: { securityContext: { runAsNonRoot: true } } }),
      ),
      messages: ['container "app" has no RuntimeDefault or Localhost seccomp profile (Pod Security "restricted")'],
      severity: 'error',
    },
  ],
});
