import { container, deployment, docs, lintCases, service } from '../../../test/lint-cases.js';
import rule from './invalid-target-ports.js';

lintCases(rule, {
  valid: [docs(deployment(), service()), docs(service({}, { ports: [{ port: 80, targetPort: 8080 }] }))],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ ports: [{ name: 'http_web', containerPort: 8080 }] })] })),
      messages: ['the port name "http_web" of container "app" may only hold lower-case letters, digits and -'],
    },
    {
      yaml: docs(service({}, { ports: [{ port: 80, targetPort: 'a-very-long-port-name' }] })),
      messages: ['the targetPort "a-very-long-port-name" is longer than 15 characters'],
    },
    {
      yaml: docs(service({}, { ports: [{ port: 80, targetPort: 70000 }] })),
      messages: ['the targetPort "70000" is out of range'],
    },
  ],
});
