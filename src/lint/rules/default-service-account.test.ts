import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './default-service-account.js';

lintCases(rule, {
  valid: [docs(deployment({ pod: { serviceAccountName: 'web' } }))],
  invalid: [{ yaml: docs(deployment()), messages: ['the pod uses the default ServiceAccount'] }],
});
