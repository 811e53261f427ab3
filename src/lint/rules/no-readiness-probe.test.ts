import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './no-readiness-probe.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ pod: { initContainers: [container({ name: 'init', readinessProbe: undefined })] } })),
  ],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ readinessProbe: undefined })] })),
      messages: ['container "app" has no readiness probe'],
    },
  ],
});
