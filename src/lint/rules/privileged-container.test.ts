import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './privileged-container.js';

lintCases(rule, {
  valid: [docs(deployment())],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ securityContext: { privileged: true } })] })),
      messages: ['container "app" is privileged'],
    },
  ],
});
