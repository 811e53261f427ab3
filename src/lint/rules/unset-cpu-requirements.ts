import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { get } from '../workloads.js';

const rule: LintRule = {
  id: 'unset-cpu-requirements',
  severity: 'warning',
  covers: [
    'kube-linter:unset-cpu-requirements',
    'kube-score:container-resources',
    'polaris:cpuRequestsMissing',
    'polaris:cpuLimitsMissing',
  ],
  description: 'A container has no cpu request or no cpu limit.',
  hint: 'Set resources.requests.cpu (what the scheduler reserves) and resources.limits.cpu (the most it may use).',
  check: (ctx) =>
    perContainer(ctx, (_w, c) => {
      const missing = ['requests', 'limits'].filter((k) => get(c.spec, ['resources', k, 'cpu']) === undefined);
      return missing.length
        ? {
            message: `container ${quote(c.name)} has no cpu ${missing.map((k) => (k === 'requests' ? 'request' : 'limit')).join(' and no ')}`,
          }
        : undefined;
    }),
};
export default rule;
