import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { get } from '../workloads.js';

const rule: LintRule = {
  id: 'unset-ephemeral-storage-requirements',
  severity: 'info',
  optIn: true,
  covers: [
    'kube-linter:unset-ephemeral-storage-requirements',
    'kube-score:container-ephemeral-storage-request-and-limit',
  ],
  description: 'A container has no ephemeral-storage request or no ephemeral-storage limit.',
  hint: 'Set resources.requests.ephemeral-storage (what the scheduler reserves) and resources.limits.ephemeral-storage (the most it may use).',
  check: (ctx) =>
    perContainer(ctx, (_w, c) => {
      const missing = ['requests', 'limits'].filter(
        (k) => get(c.spec, ['resources', k, 'ephemeral-storage']) === undefined,
      );
      return missing.length
        ? {
            message: `container ${quote(c.name)} has no ephemeral-storage ${missing.map((k) => (k === 'requests' ? 'request' : 'limit')).join(' and no ')}`,
          }
        : undefined;
    }),
};
export default rule;
