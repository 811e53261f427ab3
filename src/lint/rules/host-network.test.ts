import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './host-network.js';

lintCases(rule, {
  valid: [docs(deployment()), docs(deployment({ pod: { hostNetwork: false } }))],
  invalid: [
    {
      yaml: docs(deployment({ pod: { hostNetwork: true } })),
      messages: ['the pod uses the host network namespace (hostNetwork: true)'],
    },
  ],
});
