import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './stateful-replicas.js';

lintCases(rule, {
  valid: [
    docs(deployment({ replicas: 1, containers: [container({ image: 'postgres:16' })] })),
    docs(deployment({ replicas: 3, containers: [container({ image: 'nginx:1.27' })] })),
    docs(
      deployment({
        replicas: 3,
        containers: [
          container({ image: 'bitnami/redis:7.2', env: [{ name: 'REDIS_REPLICATION_MODE', value: 'master' }] }),
        ],
      }),
    ),
    docs(deployment({ replicas: 3, containers: [container({ image: 'mongo:7', args: ['--replSet', 'rs0'] })] })),
  ],
  invalid: [
    {
      yaml: docs(deployment({ replicas: 2, containers: [container({ image: 'postgres:16' })] })),
      messages: [
        'Deployment web runs 2 replicas of PostgreSQL without replication: 2 separate databases; use CloudNativePG',
      ],
    },
  ],
});
