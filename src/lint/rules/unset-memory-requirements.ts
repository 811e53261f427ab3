import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { get } from '../workloads.js';

const rule: LintRule = {
  id: 'unset-memory-requirements',
  severity: 'warning',
  covers: [
    'kube-linter:unset-memory-requirements',
    'kube-score:container-resources',
    'polaris:memoryRequestsMissing',
    'polaris:memoryLimitsMissing',
  ],
  description: 'A container has no memory request or no memory limit.',
  hint: 'Set resources.requests.memory (what the scheduler reserves) and resources.limits.memory (the most it may use).',
  check: (ctx) =>
    perContainer(ctx, (_w, c) => {
      const missing = ['requests', 'limits'].filter((k) => get(c.spec, ['resources', k, 'memory']) === undefined);
      return missing.length
        ? {
            message: `container ${quote(c.name)} has no memory ${missing.map((k) => (k === 'requests' ? 'request' : 'limit')).join(' and no ')}`,
          }
        : undefined;
    }),
};
export default rule;
