import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-sysctls.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      deployment({
        pod: { securityContext: { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] } },
      }),
    ),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
      },
      deployment({ pod: { securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } } }),
    ),
  ],
  invalid: [
    {
      yaml: docs(
        deployment({ pod: { securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } } }),
      ),
      messages: ['the pod sets the sysctl net.core.somaxconn (Pod Security "baseline")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
        },
        deployment({ pod: { securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } } }),
      ),
      messages: ['the pod sets the sysctl net.core.somaxconn (Pod Security "baseline")'],
      severity: 'error',
    },
  ],
});
