import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pgdata-volume-root.js';

lintCases(rule, {
  valid: [
    docs(
      deployment({
        containers: [
          container({
            image: 'postgres:16',
            env: [{ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' }],
            volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
          }),
        ],
        pod: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'pg' } }] },
      }),
    ),
    docs(
      deployment({
        containers: [
          container({
            image: 'postgres:16',
            env: [],
            volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data', subPath: 'pgdata' }],
          }),
        ],
        pod: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'pg' } }] },
      }),
    ),
    docs(
      deployment({
        containers: [
          container({
            image: 'postgres:18',
            env: [],
            volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql' }],
          }),
        ],
        pod: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'pg' } }] },
      }),
    ),
    docs(
      deployment({
        containers: [
          container({
            image: 'bitnami/postgresql:16',
            env: [],
            volumeMounts: [{ name: 'data', mountPath: '/bitnami/postgresql' }],
          }),
        ],
        pod: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'pg' } }] },
      }),
    ),
    docs(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'pg', namespace: 'shop' },
        data: { PGDATA: '/var/lib/postgresql/data/pgdata' },
      },
      deployment({
        containers: [
          container({
            image: 'postgres:16',
            envFrom: [{ configMapRef: { name: 'pg' } }],
            volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
          }),
        ],
        pod: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'pg' } }] },
      }),
    ),
  ],
  invalid: [
    {
      yaml: docs(
        deployment({
          containers: [
            container({
              image: 'postgres:16-alpine',
              env: [],
              volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
            }),
          ],
          pod: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'pg' } }] },
        }),
      ),
      messages: [
        'container "app" keeps PGDATA (/var/lib/postgresql/data) at the root of the volume data: initdb fails on its lost+found',
      ],
    },
    {
      yaml: docs(
        deployment({
          containers: [
            container({
              image: 'postgis/postgis:16-3.4',
              env: [{ name: 'PGDATA', value: '/pgdata/' }],
              volumeMounts: [{ name: 'data', mountPath: '/pgdata' }],
            }),
          ],
          pod: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'pg' } }] },
        }),
      ),
      messages: [
        'container "app" keeps PGDATA (/pgdata) at the root of the volume data: initdb fails on its lost+found',
      ],
    },
  ],
});
