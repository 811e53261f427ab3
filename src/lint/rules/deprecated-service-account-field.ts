import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'deprecated-service-account-field',
  severity: 'warning',
  covers: ['kube-linter:deprecated-service-account-field'],
  description: 'A pod uses the deprecated serviceAccount field.',
  hint: 'Use serviceAccountName (if both are set they must be equal).',
  check: (ctx) =>
    perWorkload(ctx, (w) =>
      typeof w.podSpec.serviceAccount === 'string' && w.podSpec.serviceAccount !== ''
        ? { path: [...w.podPath, 'serviceAccount'], message: 'the pod uses the deprecated field serviceAccount' }
        : undefined,
    ),
};
export default rule;
