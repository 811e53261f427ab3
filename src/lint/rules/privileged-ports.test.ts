import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './privileged-ports.js';

lintCases(rule, {
  valid: [docs(deployment())],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ ports: [{ containerPort: 80 }] })] })),
      messages: ['container "app" declares the privileged port 80'],
    },
  ],
});
