import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './use-namespace.js';

lintCases(rule, {
  valid: [docs(deployment()), docs({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } })],
  invalid: [
    {
      yaml: docs(deployment({ meta: { namespace: undefined } })),
      messages: ['Deployment web is in the default namespace'],
    },
    {
      yaml: docs(deployment({ meta: { namespace: 'default' } })),
      messages: ['Deployment web is in the default namespace'],
    },
  ],
});
