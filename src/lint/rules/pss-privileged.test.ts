import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-privileged.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
      },
      deployment({ containers: [container({ securityContext: { privileged: true } })] }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ securityContext: { privileged: true } })] })),
      messages: ['container "app" is privileged (Pod Security "baseline")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
        },
        deployment({ containers: [container({ securityContext: { privileged: true } })] }),
      ),
      messages: ['container "app" is privileged (Pod Security "baseline")'],
      severity: 'error',
    },
  ],
});
