import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './writable-host-mount.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      deployment({
        pod: { volumes: [{ name: 'h', hostPath: { path: '/srv' } }] },
        containers: [container({ volumeMounts: [{ name: 'h', mountPath: '/h', readOnly: true }] })],
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
      messages: ['container "app" mounts /srv of the node writable'],
    },
  ],
});
