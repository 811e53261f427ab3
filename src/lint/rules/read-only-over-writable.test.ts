import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './read-only-over-writable.js';

lintCases(rule, {
  valid: [
    docs(
      deployment({
        containers: [
          container({
            image: 'postgres:16',
            volumeMounts: [
              { name: 'data', mountPath: '/var/lib/postgresql/data' },
              { name: 'cfg', mountPath: '/etc/postgresql/postgresql.conf', subPath: 'postgresql.conf' },
            ],
          }),
        ],
        pod: {
          volumes: [
            { name: 'data', persistentVolumeClaim: { claimName: 'pg' } },
            { name: 'cfg', configMap: { name: 'pg' } },
          ],
        },
      }),
    ),
    docs(
      deployment({
        containers: [
          container({ image: 'nginx:1.27', volumeMounts: [{ name: 'cfg', mountPath: '/etc/nginx/conf.d' }] }),
        ],
        pod: {
          volumes: [
            { name: 'data', persistentVolumeClaim: { claimName: 'pg' } },
            { name: 'cfg', configMap: { name: 'pg' } },
          ],
        },
      }),
    ),
  ],
  invalid: [
    {
      yaml: docs(
        deployment({
          containers: [
            container({ image: 'postgres:16', volumeMounts: [{ name: 'cfg', mountPath: '/var/lib/postgresql/data' }] }),
          ],
          pod: {
            volumes: [
              { name: 'data', persistentVolumeClaim: { claimName: 'pg' } },
              { name: 'cfg', configMap: { name: 'pg' } },
            ],
          },
        }),
      ),
      messages: [
        'container "app" (PostgreSQL) mounts the read-only volume cfg at /var/lib/postgresql/data, over /var/lib/postgresql/data, where the image writes',
      ],
    },
    {
      yaml: docs(
        deployment({
          containers: [
            container({ image: 'redis:7', volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }] }),
          ],
          pod: {
            volumes: [
              { name: 'data', persistentVolumeClaim: { claimName: 'pg' } },
              { name: 'cfg', configMap: { name: 'pg' } },
            ],
          },
        }),
      ),
      messages: [
        'container "app" (Redis) mounts the read-only volume data at /data, over /data, where the image writes',
      ],
    },
  ],
});
