import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './non-existent-service-account.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ pod: { serviceAccountName: 'web' } }), {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'web', namespace: 'shop' },
    }),
  ],
  invalid: [
    {
      yaml: docs(deployment({ pod: { serviceAccountName: 'web' } })),
      messages: ['the ServiceAccount web is not in the input'],
    },
  ],
});
