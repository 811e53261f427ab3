import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-host-ports.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
      },
      deployment({ containers: [container({ ports: [{ containerPort: 8080, hostPort: 8080 }] })] }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ ports: [{ containerPort: 8080, hostPort: 8080 }] })] })),
      messages: ['container "app" binds host port 8080 (Pod Security "baseline")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
        },
        deployment({ containers: [container({ ports: [{ containerPort: 8080, hostPort: 8080 }] })] }),
      ),
      messages: ['container "app" binds host port 8080 (Pod Security "baseline")'],
      severity: 'error',
    },
  ],
});
