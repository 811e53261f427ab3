import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './host-ipc.js';

lintCases(rule, {
  valid: [docs(deployment()), docs(deployment({ pod: { hostIPC: false } }))],
  invalid: [
    {
      yaml: docs(deployment({ pod: { hostIPC: true } })),
      messages: ['the pod uses the host ipc namespace (hostIPC: true)'],
    },
  ],
});
