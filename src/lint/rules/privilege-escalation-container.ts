import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { get } from '../workloads.js';

const rule: LintRule = {
  id: 'privilege-escalation-container',
  severity: 'warning',
  covers: ['kube-linter:privilege-escalation-container', 'polaris:privilegeEscalationAllowed'],
  description: 'A container allows privilege escalation (allowPrivilegeEscalation: true).',
  hint: 'Set allowPrivilegeEscalation: false so a process cannot gain more privileges than its parent (setuid binaries).',
  check: (ctx) =>
    perContainer(ctx, (_w, c) =>
      get(c.spec, ['securityContext', 'allowPrivilegeEscalation']) === true
        ? {
            path: [...c.path, 'securityContext', 'allowPrivilegeEscalation'],
            message: `container ${quote(c.name)} has allowPrivilegeEscalation set to true`,
          }
        : undefined,
    ),
};
export default rule;
