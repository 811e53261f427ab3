import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-apparmor.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ containers: [container({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } })] })),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
      },
      deployment({ containers: [container({ securityContext: { appArmorProfile: { type: 'Unconfined' } } })] }),
    ),
  ],
  invalid: [
    {
      yaml: docs(
        deployment({ containers: [container({ securityContext: { appArmorProfile: { type: 'Unconfined' } } })] }),
      ),
      messages: ['container "app" runs with the AppArmor profile Unconfined (Pod Security "baseline")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
        },
        deployment({ containers: [container({ securityContext: { appArmorProfile: { type: 'Unconfined' } } })] }),
      ),
      messages: ['container "app" runs with the AppArmor profile Unconfined (Pod Security "baseline")'],
      severity: 'error',
    },
  ],
});
