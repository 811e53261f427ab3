import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './no-startup-probe.js';

lintCases(rule, {
  valid: [docs(deployment({ containers: [container({ startupProbe: { tcpSocket: { port: 8080 } } })] }))],
  invalid: [{ yaml: docs(deployment()), messages: ['container "app" has no startup probe'] }],
});
