import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { get } from '../workloads.js';

const rule: LintRule = {
  id: 'unsafe-proc-mount',
  severity: 'error',
  optIn: true,
  covers: ['kube-linter:unsafe-proc-mount'],
  description: 'A container unmasks /proc (procMount: Unmasked), bypassing the runtime’s masking of kernel interfaces.',
  hint: 'Remove procMount or set it to Default.',
  check: (ctx) =>
    perContainer(ctx, (_w, c) =>
      get(c.spec, ['securityContext', 'procMount']) === 'Unmasked'
        ? {
            path: [...c.path, 'securityContext', 'procMount'],
            message: `container ${quote(c.name)} has procMount: Unmasked`,
          }
        : undefined,
    ),
};
export default rule;
