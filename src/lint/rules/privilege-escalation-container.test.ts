import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './privilege-escalation-container.js';

lintCases(rule, {
  valid: [docs(deployment()), docs(deployment({ containers: [container({ securityContext: {} })] }))],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ securityContext: { allowPrivilegeEscalation: true } })] })),
      messages: ['container "app" has allowPrivilegeEscalation set to true'],
    },
  ],
});
