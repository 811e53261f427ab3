import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-host-namespaces.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
      },
      deployment({ pod: { hostNetwork: true, hostPID: true } }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ pod: { hostNetwork: true, hostPID: true } })),
      messages: [
        'the pod sets hostNetwork: true (Pod Security "baseline")',
        'the pod sets hostPID: true (Pod Security "baseline")',
      ],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
        },
        deployment({ pod: { hostNetwork: true, hostPID: true } }),
      ),
      messages: [
        'the pod sets hostNetwork: true (Pod Security "baseline")',
        'the pod sets hostPID: true (Pod Security "baseline")',
      ],
      severity: 'error',
    },
  ],
});
