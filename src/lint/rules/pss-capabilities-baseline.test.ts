import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-capabilities-baseline.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      deployment({
        containers: [container({ securityContext: { capabilities: { add: ['CHOWN', 'NET_BIND_SERVICE'] } } })],
      }),
    ),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
      },
      deployment({ containers: [container({ securityContext: { capabilities: { add: ['SYS_ADMIN', 'CHOWN'] } } })] }),
    ),
  ],
  invalid: [
    {
      yaml: docs(
        deployment({ containers: [container({ securityContext: { capabilities: { add: ['SYS_ADMIN', 'CHOWN'] } } })] }),
      ),
      messages: ['container "app" adds SYS_ADMIN (Pod Security "baseline")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
        },
        deployment({ containers: [container({ securityContext: { capabilities: { add: ['SYS_ADMIN', 'CHOWN'] } } })] }),
      ),
      messages: ['container "app" adds SYS_ADMIN (Pod Security "baseline")'],
      severity: 'error',
    },
  ],
});
