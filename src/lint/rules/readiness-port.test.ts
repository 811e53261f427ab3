import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './readiness-port.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ containers: [container({ readinessProbe: { httpGet: { path: '/', port: 8080 } } })] })),
    docs(deployment({ containers: [container({ readinessProbe: { exec: { command: ['true'] } } })] })),
  ],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ readinessProbe: { httpGet: { path: '/', port: 'web' } } })] })),
      messages: [
        'the readiness probe of container "app" uses the port name "web", which the container does not declare: the probe always fails',
      ],
    },
    {
      yaml: docs(deployment({ containers: [container({ readinessProbe: { tcpSocket: { port: 9090 } } })] })),
      messages: ['the readiness probe of container "app" checks port 9090, which the container does not declare'],
      severity: 'warning',
    },
  ],
});
