import { deployment, docs, lintCases, podSpec } from '../../../test/lint-cases.js';
import rule from './restart-policy.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j', namespace: 'shop' },
      spec: { template: { spec: podSpec({ restartPolicy: 'OnFailure' }) }, ...{} },
    }),
    docs({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec() }),
  ],
  invalid: [
    {
      yaml: docs({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'j' },
        spec: { template: { spec: podSpec({ restartPolicy: 'Never' }) } },
      }),
      messages: ['Job j has restartPolicy Never'],
    },
    {
      yaml: docs({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'j' },
        spec: { template: { spec: podSpec() } },
      }),
      messages: ['Job j has restartPolicy unset'],
    },
  ],
});
