import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './required-annotation-email.js';

lintCases(rule, {
  valid: [docs(deployment({ meta: { annotations: { email: 'ops@example.com' } } }))],
  invalid: [
    {
      yaml: docs(deployment({ meta: { annotations: { email: 'ops' } } })),
      messages: ['Deployment web has no valid email annotation'],
    },
  ],
});
