import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-privilege-escalation.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
      },
      deployment({ containers: [container({ securityContext: { capabilities: { drop: ['ALL'] } } })] }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ securityContext: { capabilities: { drop: ['ALL'] } } })] })),
      messages: ['container "app" does not set allowPrivilegeEscalation: false (Pod Security "restricted")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
        },
        deployment({ containers: [container({ securityContext: { capabilities: { drop: ['ALL'] } } })] }),
      ),
      messages: ['container "app" does not set allowPrivilegeEscalation: false (Pod Security "restricted")'],
      severity: 'error',
    },
  ],
});
