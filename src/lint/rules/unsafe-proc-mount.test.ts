import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './unsafe-proc-mount.js';

lintCases(rule, {
  valid: [docs(deployment())],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ securityContext: { procMount: 'Unmasked' } })] })),
      messages: ['container "app" has procMount: Unmasked'],
    },
  ],
});
