import { perContainer, quote, hitAt } from '../rule-kit.js';
import { containerPorts } from '../ports.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'privileged-ports',
  severity: 'warning',
  optIn: true,
  covers: ['kube-linter:privileged-ports'],
  description: 'A container declares a privileged port (below 1024): binding it needs root or NET_BIND_SERVICE.',
  hint: 'Listen on a port above 1024 in the container and map the well-known port in the Service.',
  check: (ctx) =>
    perContainer(ctx, (w, c) =>
      containerPorts(c)
        .filter((p) => p.port < 1024)
        .map((p) => hitAt(w, p.path, `container ${quote(c.name)} declares the privileged port ${p.port}`)),
    ),
};
export default rule;
