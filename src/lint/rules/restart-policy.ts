import { text } from '../workloads.js';
import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'restart-policy',
  severity: 'warning',
  covers: ['kube-linter:restart-policy'],
  description:
    'A pod (or a Job’s pod) does not restart its containers: restartPolicy is Never or unset where it defaults to nothing useful.',
  hint: 'Set restartPolicy to Always (services) or OnFailure (jobs).',
  check: (ctx) =>
    perWorkload(ctx, (w) => {
      const policy = w.podSpec.restartPolicy;
      if (policy === 'Always' || policy === 'OnFailure') return undefined;
      // Deployments and their kind default to Always; only a Pod, Job or CronJob can be left without restarts.
      if (policy === undefined && !['Pod', 'Job', 'CronJob'].includes(w.kind)) return undefined;
      if (policy === undefined && w.kind === 'Pod') return undefined;
      return {
        path: [...w.podPath, 'restartPolicy'],
        message: `${w.kind} ${w.name} has restartPolicy ${text(policy ?? 'unset')}`,
      };
    }),
};
export default rule;
