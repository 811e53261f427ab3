import type { LintRule } from '../types.js';
import { get } from '../workloads.js';

const rule: LintRule = {
  id: 'job-ttl-seconds-after-finished',
  severity: 'warning',
  covers: ['kube-linter:job-ttl-seconds-after-finished'],
  description:
    'A standalone Job without ttlSecondsAfterFinished stays forever; a CronJob’s Job with one is deleted before its history limits apply.',
  hint: 'Set spec.ttlSecondsAfterFinished on a Job; leave it out of a CronJob’s jobTemplate.',
  check: (ctx) => [
    ...ctx.of('Job').flatMap((m) =>
      get(m.object, ['spec', 'ttlSecondsAfterFinished']) === undefined
        ? [
            {
              at: m,
              path: ['spec'],
              message: `Job ${m.object.metadata.name ?? ''} does not set ttlSecondsAfterFinished`,
            },
          ]
        : [],
    ),
    ...ctx.of('CronJob').flatMap((m) =>
      get(m.object, ['spec', 'jobTemplate', 'spec', 'ttlSecondsAfterFinished']) !== undefined
        ? [
            {
              at: m,
              path: ['spec', 'jobTemplate', 'spec', 'ttlSecondsAfterFinished'],
              message: `CronJob ${m.object.metadata.name ?? ''} sets ttlSecondsAfterFinished on its Jobs`,
            },
          ]
        : [],
    ),
  ],
};
export default rule;
