import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './env-var-secret.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      deployment({
        containers: [
          container({ env: [{ name: 'SECRET_KEY', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }),
        ],
      }),
    ),
    docs(deployment({ containers: [container({ env: [{ name: 'SECRET_FILE', value: '' }] })] })),
  ],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ env: [{ name: 'APP_SECRET', value: 'hunter2' }] })] })),
      messages: ['container "app" has APP_SECRET written in the manifest'],
    },
  ],
});
