import { docs, lintCases, podSpec } from '../../../test/lint-cases.js';
import rule from './job-ttl-seconds-after-finished.js';

lintCases(rule, {
  valid: [
    docs({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j', namespace: 'shop' },
      spec: { template: { spec: podSpec({ restartPolicy: 'OnFailure' }) }, ...{ ttlSecondsAfterFinished: 600 } },
    }),
    docs({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c', namespace: 'shop' },
      spec: {
        schedule: '@daily',
        jobTemplate: { spec: { template: { spec: podSpec({ restartPolicy: 'OnFailure' }) }, ...{} } },
      },
    }),
  ],
  invalid: [
    {
      yaml: docs({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'j', namespace: 'shop' },
        spec: { template: { spec: podSpec({ restartPolicy: 'OnFailure' }) }, ...{} },
      }),
      messages: ['Job j does not set ttlSecondsAfterFinished'],
    },
    {
      yaml: docs({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'c', namespace: 'shop' },
        spec: {
          schedule: '@daily',
          jobTemplate: {
            spec: { template: { spec: podSpec({ restartPolicy: 'OnFailure' }) }, ...{ ttlSecondsAfterFinished: 60 } },
          },
        },
      }),
      messages: ['CronJob c sets ttlSecondsAfterFinished on its Jobs'],
    },
  ],
});
