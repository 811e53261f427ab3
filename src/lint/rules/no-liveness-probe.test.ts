import { container, deployment, docs, lintCases, podSpec } from '../../../test/lint-cases.js';
import rule from './no-liveness-probe.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { template: { spec: podSpec({ restartPolicy: 'Never' }, [container({ livenessProbe: undefined })]) } },
    }),
  ],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ livenessProbe: undefined })] })),
      messages: ['container "app" has no liveness probe'],
    },
  ],
});
