import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './configmap-exec-mode.js';

lintCases(rule, {
  valid: [
    docs(
      deployment({
        containers: [
          container({ command: ['/scripts/start.sh'], volumeMounts: [{ name: 's', mountPath: '/scripts' }] }),
        ],
        pod: { volumes: [{ name: 's', configMap: { name: 'scripts', defaultMode: 493 } }] },
      }),
    ),
    docs(
      deployment({
        containers: [
          container({ command: ['/scripts/start.sh'], volumeMounts: [{ name: 's', mountPath: '/scripts' }] }),
        ],
        pod: {
          volumes: [
            { name: 's', configMap: { name: 'scripts', items: [{ key: 'start.sh', path: 'start.sh', mode: 0o755 }] } },
          ],
        },
      }),
    ),
    docs(
      deployment({
        containers: [
          container({ command: ['sh', '/scripts/start.sh'], volumeMounts: [{ name: 's', mountPath: '/scripts' }] }),
        ],
        pod: { volumes: [{ name: 's', configMap: { name: 'scripts' } }] },
      }),
    ),
    docs(
      deployment({
        containers: [
          container({
            volumeMounts: [{ name: 'h', mountPath: '/healthchecks', readOnly: true }],
            readinessProbe: { exec: { command: ['sh', '-c', '/healthchecks/redis.sh'] } },
          }),
        ],
        pod: { volumes: [{ name: 'h', configMap: { name: 'healthchecks', defaultMode: 0o755 } }] },
      }),
    ),
  ],
  invalid: [
    {
      yaml: docs(
        deployment({
          containers: [
            container({ command: ['/scripts/start.sh'], volumeMounts: [{ name: 's', mountPath: '/scripts' }] }),
          ],
          pod: { volumes: [{ name: 's', configMap: { name: 'scripts' } }] },
        }),
      ),
      messages: ['container "app" runs /scripts/start.sh from the volume s, whose mode 0644 is not executable'],
    },
    {
      yaml: docs(
        deployment({
          containers: [
            container({ command: ['/scripts/start.sh'], volumeMounts: [{ name: 's', mountPath: '/scripts' }] }),
          ],
          pod: { volumes: [{ name: 's', configMap: { name: 'scripts', defaultMode: 0o640 } }] },
        }),
      ),
      messages: ['container "app" runs /scripts/start.sh from the volume s, whose mode 0640 is not executable'],
    },
    {
      // voting-app's health check: `test: /healthchecks/redis.sh`, an exec probe through sh -c.
      yaml: docs(
        deployment({
          containers: [
            container({
              volumeMounts: [{ name: 'h', mountPath: '/healthchecks', readOnly: true }],
              readinessProbe: { exec: { command: ['sh', '-c', '/healthchecks/redis.sh'] } },
            }),
          ],
          pod: { volumes: [{ name: 'h', configMap: { name: 'healthchecks' } }] },
        }),
      ),
      messages: ['container "app" runs /healthchecks/redis.sh from the volume h, whose mode 0644 is not executable'],
    },
    {
      yaml: docs(
        deployment({
          containers: [
            container({
              command: ['/bin/sh', '-c', 'sleep 10 && exec /scripts/start.sh --fast'],
              volumeMounts: [{ name: 's', mountPath: '/scripts' }],
            }),
          ],
          pod: { volumes: [{ name: 's', configMap: { name: 'scripts' } }] },
        }),
      ),
      messages: ['container "app" runs /scripts/start.sh from the volume s, whose mode 0644 is not executable'],
    },
  ],
});
