import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './host-pid.js';

lintCases(rule, {
  valid: [docs(deployment()), docs(deployment({ pod: { hostPID: false } }))],
  invalid: [
    {
      yaml: docs(deployment({ pod: { hostPID: true } })),
      messages: ['the pod uses the host pid namespace (hostPID: true)'],
    },
  ],
});
