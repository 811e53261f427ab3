import { docs, lintCases } from '../../../test/lint-cases.js';
import rule from './secret-in-configmap.js';

lintCases(rule, {
  valid: [
    docs({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'shop' },
      data: { LOG_LEVEL: 'info', DB_PASSWORD_FILE: '/run/secrets/db', POSTGRES_USER: 'app', SECRET_KEY: '' },
    }),
  ],
  invalid: [
    {
      yaml: docs({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cfg', namespace: 'shop' },
        data: { DB_PASSWORD: 'hunter2', DATABASE_URL: 'postgres://app:s3cret@db:5432/app' },
      }),
      messages: [
        'ConfigMap cfg holds a value named DB_PASSWORD under DB_PASSWORD',
        'ConfigMap cfg holds a URL with a password under DATABASE_URL',
      ],
    },
    {
      yaml: docs({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cfg', namespace: 'shop' },
        data: { 'tls.key': ['-----BEGIN PRIVATE KEY-----', 'MIIE', '-----END PRIVATE KEY-----'].join('\n') },
      }),
      messages: ['ConfigMap cfg holds a private key under tls.key'],
    },
  ],
});
