import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-host-path.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
      },
      deployment({
        pod: { volumes: [{ name: 'h', hostPath: { path: '/srv' } }] },
        containers: [container({ volumeMounts: [{ name: 'h', mountPath: '/h', readOnly: false }] })],
      }),
    ),
  ],
  invalid: [
    {
      yaml: docs(
        deployment({
          pod: { volumes: [{ name: 'h', hostPath: { path: '/srv' } }] },
          containers: [container({ volumeMounts: [{ name: 'h', mountPath: '/h', readOnly: false }] })],
        }),
      ),
      messages: ['the volume h is a hostPath (Pod Security "baseline")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
        },
        deployment({
          pod: { volumes: [{ name: 'h', hostPath: { path: '/srv' } }] },
          containers: [container({ volumeMounts: [{ name: 'h', mountPath: '/h', readOnly: false }] })],
        }),
      ),
      messages: ['the volume h is a hostPath (Pod Security "baseline")'],
      severity: 'error',
    },
  ],
});
