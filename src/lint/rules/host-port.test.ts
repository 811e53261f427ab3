import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './host-port.js';

lintCases(rule, {
  valid: [docs(deployment())],
  invalid: [
    {
      yaml: docs(
        deployment({ containers: [container({ ports: [{ name: 'http', containerPort: 8080, hostPort: 80 }] })] }),
      ),
      messages: ['container "app" binds port 80 of the node'],
    },
  ],
});
