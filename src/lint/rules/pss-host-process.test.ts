import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-host-process.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
      },
      deployment({ pod: { securityContext: { windowsOptions: { hostProcess: true } } } }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ pod: { securityContext: { windowsOptions: { hostProcess: true } } } })),
      messages: ['the pod sets windowsOptions.hostProcess (Pod Security "baseline")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
        },
        deployment({ pod: { securityContext: { windowsOptions: { hostProcess: true } } } }),
      ),
      messages: ['the pod sets windowsOptions.hostProcess (Pod Security "baseline")'],
      severity: 'error',
    },
  ],
});
