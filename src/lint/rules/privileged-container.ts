import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { get } from '../workloads.js';

const rule: LintRule = {
  id: 'privileged-container',
  severity: 'error',
  covers: [
    'kube-linter:privileged-container',
    'kube-linter:scc-deny-privileged-container',
    'polaris:runAsPrivileged',
    'kube-score:container-security-context-privileged',
  ],
  description: 'A container runs privileged: it has every capability and every device of the node.',
  hint: 'Remove privileged: true; add the one capability the program needs instead.',
  check: (ctx) =>
    perContainer(ctx, (_w, c) =>
      get(c.spec, ['securityContext', 'privileged']) === true
        ? { path: [...c.path, 'securityContext', 'privileged'], message: `container ${quote(c.name)} is privileged` }
        : undefined,
    ),
};
export default rule;
