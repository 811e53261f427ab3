import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './automount-service-account-token.js';

lintCases(rule, {
  valid: [
    docs(deployment({ pod: { automountServiceAccountToken: false } })),
    docs(deployment({ pod: { serviceAccountName: 'web' } })),
  ],
  invalid: [
    { yaml: docs(deployment()), messages: ['Deployment web mounts the API token of the default ServiceAccount'] },
  ],
});
