import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './ssh-port.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ containers: [container({ ports: [{ containerPort: 22, protocol: 'UDP' }] })] })),
  ],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ ports: [{ name: 'ssh', containerPort: 22 }] })] })),
      messages: ['container "app" exposes port 22 (SSH)'],
    },
  ],
});
