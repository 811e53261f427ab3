import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { str } from '../workloads.js';

const rule: LintRule = {
  id: 'default-service-account',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:default-service-account'],
  description: 'A pod runs as the default ServiceAccount of its namespace.',
  hint: 'Give the workload its own ServiceAccount (and automountServiceAccountToken: false when it does not call the API).',
  check: (ctx) =>
    perWorkload(ctx, (w) => {
      const name = str(w.podSpec.serviceAccountName) ?? str(w.podSpec.serviceAccount) ?? '';
      return name === '' || name === 'default'
        ? { path: w.podPath, message: 'the pod uses the default ServiceAccount' }
        : undefined;
    }),
};
export default rule;
