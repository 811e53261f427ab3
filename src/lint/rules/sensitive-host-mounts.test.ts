import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './sensitive-host-mounts.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      deployment({
        pod: { volumes: [{ name: 'h', hostPath: { path: '/srv/data' } }] },
        containers: [container({ volumeMounts: [{ name: 'h', mountPath: '/h', readOnly: false }] })],
      }),
    ),
    docs(
      deployment({
        pod: { volumes: [{ name: 'h', hostPath: { path: '/etcetera' } }] },
        containers: [container({ volumeMounts: [{ name: 'h', mountPath: '/h', readOnly: false }] })],
      }),
    ),
  ],
  invalid: [
    {
      yaml: docs(
        deployment({
          pod: { volumes: [{ name: 'h', hostPath: { path: '/etc' } }] },
          containers: [container({ volumeMounts: [{ name: 'h', mountPath: '/h', readOnly: false }] })],
        }),
      ),
      messages: ['container "app" mounts /etc of the node (a system folder)'],
    },
    {
      yaml: docs(
        deployment({
          pod: { volumes: [{ name: 'h', hostPath: { path: '/proc/' } }] },
          containers: [container({ volumeMounts: [{ name: 'h', mountPath: '/h', readOnly: false }] })],
        }),
      ),
      messages: ['container "app" mounts /proc/ of the node (a system folder)'],
    },
    {
      yaml: docs(
        deployment({
          pod: { volumes: [{ name: 'h', hostPath: { path: '/' } }] },
          containers: [container({ volumeMounts: [{ name: 'h', mountPath: '/h', readOnly: false }] })],
        }),
      ),
      messages: ['container "app" mounts / of the node (a system folder)'],
    },
  ],
});
