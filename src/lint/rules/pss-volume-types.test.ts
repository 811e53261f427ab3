import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pss-volume-types.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      deployment({
        pod: {
          volumes: [
            { name: 'c', configMap: { name: 'c' } },
            { name: 'd', persistentVolumeClaim: { claimName: 'd' } },
          ],
        },
      }),
    ),
    docs(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
      },
      deployment({ pod: { volumes: [{ name: 'n', nfs: { server: 'nfs', path: '/x' } }] } }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ pod: { volumes: [{ name: 'n', nfs: { server: 'nfs', path: '/x' } }] } })),
      messages: ['the volume n is of type nfs (Pod Security "restricted")'],
      severity: 'warning',
    },
    {
      yaml: docs(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
        },
        deployment({ pod: { volumes: [{ name: 'n', nfs: { server: 'nfs', path: '/x' } }] } }),
      ),
      messages: ['the volume n is of type nfs (Pod Security "restricted")'],
      severity: 'error',
    },
  ],
});
