import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './docker-sock.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      deployment({
        pod: { volumes: [{ name: 'h', hostPath: { path: '/srv/data' } }] },
        containers: [container({ volumeMounts: [{ name: 'h', mountPath: '/h', readOnly: false }] })],
      }),
    ),
  ],
  invalid: [
    {
      yaml: docs(
        deployment({
          pod: { volumes: [{ name: 'h', hostPath: { path: '/var/run/docker.sock' } }] },
          containers: [container({ volumeMounts: [{ name: 'h', mountPath: '/h', readOnly: false }] })],
        }),
      ),
      messages: ['container "app" mounts the container runtime socket /var/run/docker.sock'],
    },
    {
      yaml: docs(
        deployment({
          pod: { volumes: [{ name: 'h', hostPath: { path: '/run/containerd/containerd.sock' } }] },
          containers: [container({ volumeMounts: [{ name: 'h', mountPath: '/h', readOnly: false }] })],
        }),
      ),
      messages: ['container "app" mounts the container runtime socket /run/containerd/containerd.sock'],
    },
  ],
});
