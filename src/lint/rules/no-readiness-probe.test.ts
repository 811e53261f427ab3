import { container, deployment, docs, lintCases, service } from '../../../test/lint-cases.js';
import rule from './no-readiness-probe.js';

const noProbe = deployment({ containers: [container({ readinessProbe: undefined })] });

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ pod: { initContainers: [container({ name: 'init', readinessProbe: undefined })] } })),
    // A worker: the input has Services, none selects its pods, so nothing sends it traffic.
    docs(noProbe, service({}, { selector: { app: 'other' } })),
    docs(noProbe, service({ namespace: 'elsewhere' })),
  ],
  invalid: [
    {
      yaml: docs(noProbe),
      messages: ['container "app" has no readiness probe'],
    },
    {
      yaml: docs(noProbe, service()),
      messages: ['container "app" has no readiness probe'],
    },
  ],
});
