import { perContainer, quote, hitAt } from '../rule-kit.js';
import { containerPorts } from '../ports.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'ssh-port',
  severity: 'warning',
  covers: ['kube-linter:ssh-port'],
  description: 'A container exposes port 22/TCP, the SSH port.',
  hint: 'Do not run SSH in a container (use kubectl exec); a real SSH server (a git host) should be reviewed and say so in an annotation.',
  check: (ctx) =>
    perContainer(ctx, (w, c) =>
      containerPorts(c)
        .filter((p) => p.port === 22 && p.protocol.toUpperCase() === 'TCP')
        .map((p) => hitAt(w, p.path, `container ${quote(c.name)} exposes port 22 (SSH)`)),
    ),
};
export default rule;
