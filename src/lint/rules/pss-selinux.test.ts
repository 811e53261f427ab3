import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-selinux.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ pod: { securityContext: { seLinuxOptions: { type: 'container_t', level: 's0:c1' } } } })),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
      },
      deployment({ pod: { securityContext: { seLinuxOptions: { type: 'spc_t', user: 'system_u' } } } }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ pod: { securityContext: { seLinuxOptions: { type: 'spc_t', user: 'system_u' } } } })),
      messages: ['the pod sets the SELinux type spc_t, user (Pod Security "baseline")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
        },
        deployment({ pod: { securityContext: { seLinuxOptions: { type: 'spc_t', user: 'system_u' } } } }),
      ),
      messages: ['the pod sets the SELinux type spc_t, user (Pod Security "baseline")'],
      severity: 'error',
    },
  ],
});
