import { deployment, docs, lintCases, service } from '../../../test/lint-cases.js';
import rule from './service-target-port.js';

lintCases(rule, {
  valid: [docs(deployment(), service()), docs(deployment(), service({}, { ports: [{ port: 80, targetPort: 8080 }] }))],
  invalid: [
    {
      yaml: docs(deployment(), service({}, { ports: [{ port: 80, targetPort: 'web' }] })),
      messages: ['the targetPort "web" is not a port name of the selected pods: the Service has no endpoints'],
    },
    {
      yaml: docs(deployment(), service({}, { ports: [{ port: 80, targetPort: 9000 }] })),
      messages: ['the selected pods declare no port 9000'],
      severity: 'warning',
    },
  ],
});
