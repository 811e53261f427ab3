import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { str } from '../workloads.js';

const rule: LintRule = {
  id: 'automount-service-account-token',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:automount-service-account-token', 'polaris:automountServiceAccountToken'],
  description: 'A pod gets an API token mounted although it runs as the default ServiceAccount.',
  hint: 'Set automountServiceAccountToken: false unless the program calls the Kubernetes API.',
  check: (ctx) =>
    perWorkload(ctx, (w) => {
      const sa = str(w.podSpec.serviceAccountName) ?? 'default';
      return w.podSpec.automountServiceAccountToken !== false && sa === 'default'
        ? { path: w.podPath, message: `${w.kind} ${w.name} mounts the API token of the default ServiceAccount` }
        : undefined;
    }),
};
export default rule;
