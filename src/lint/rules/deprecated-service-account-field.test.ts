import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './deprecated-service-account-field.js';

lintCases(rule, {
  valid: [docs(deployment())],
  invalid: [
    {
      yaml: docs(deployment({ pod: { serviceAccount: 'web', serviceAccountName: 'web' } })),
      messages: ['the pod uses the deprecated field serviceAccount'],
    },
  ],
});
