import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './no-rolling-update-strategy.js';

lintCases(rule, {
  valid: [docs(deployment()), docs(deployment({ spec: { strategy: { type: 'RollingUpdate' } } }))],
  invalid: [
    {
      yaml: docs(deployment({ spec: { strategy: { type: 'Recreate' } } })),
      messages: ['Deployment web uses the Recreate update strategy'],
    },
  ],
});
