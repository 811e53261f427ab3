import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-seccomp-baseline.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
      },
      deployment({ pod: { securityContext: { seccompProfile: { type: 'Unconfined' } } } }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ pod: { securityContext: { seccompProfile: { type: 'Unconfined' } } } })),
      messages: ['the pod runs without seccomp (Unconfined) (Pod Security "baseline")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
        },
        deployment({ pod: { securityContext: { seccompProfile: { type: 'Unconfined' } } } }),
      ),
      messages: ['the pod runs without seccomp (Unconfined) (Pod Security "baseline")'],
      severity: 'error',
    },
  ],
});
