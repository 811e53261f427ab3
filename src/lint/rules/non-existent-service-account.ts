import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { str } from '../workloads.js';

const rule: LintRule = {
  id: 'non-existent-service-account',
  severity: 'error',
  covers: ['kube-linter:non-existent-service-account'],
  description: 'A pod uses a ServiceAccount the input does not contain: the pod is not created.',
  hint: 'Add the ServiceAccount, or use one that exists.',
  check: (ctx) =>
    perWorkload(ctx, (w) => {
      const name = str(w.podSpec.serviceAccountName) ?? str(w.podSpec.serviceAccount);
      if (!name || name === 'default' || ctx.find('ServiceAccount', name, w.object)) return undefined;
      return { path: [...w.podPath, 'serviceAccountName'], message: `the ServiceAccount ${name} is not in the input` };
    }),
};
export default rule;
