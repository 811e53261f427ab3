import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-capabilities-restricted.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      deployment({
        containers: [
          container({
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
            },
          }),
        ],
      }),
    ),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
      },
      deployment({
        containers: [container({ securityContext: { capabilities: { drop: ['NET_RAW'], add: ['CHOWN'] } } })],
      }),
    ),
  ],
  invalid: [
    {
      yaml: docs(
        deployment({
          containers: [container({ securityContext: { capabilities: { drop: ['NET_RAW'], add: ['CHOWN'] } } })],
        }),
      ),
      messages: [
        'container "app" does not drop ALL capabilities (Pod Security "restricted")',
        'container "app" adds CHOWN (Pod Security "restricted")',
      ],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
        },
        deployment({
          containers: [container({ securityContext: { capabilities: { drop: ['NET_RAW'], add: ['CHOWN'] } } })],
        }),
      ),
      messages: [
        'container "app" does not drop ALL capabilities (Pod Security "restricted")',
        'container "app" adds CHOWN (Pod Security "restricted")',
      ],
      severity: 'error',
    },
  ],
});
