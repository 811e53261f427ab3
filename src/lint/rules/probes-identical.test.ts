import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './probes-identical.js';

lintCases(rule, {
  valid: [docs(deployment())],
  invalid: [
    {
      yaml: docs(
        deployment({ containers: [container({ livenessProbe: { httpGet: { path: '/ready', port: 'http' } } })] }),
      ),
      messages: ['container "app" uses the same check and timing for liveness and readiness'],
    },
  ],
});
