import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { effective } from '../workloads.js';

const rule: LintRule = {
  id: 'run-as-non-root',
  severity: 'warning',
  covers: [
    'kube-linter:run-as-non-root',
    'kube-score:container-security-context-user-group-id',
    'polaris:runAsRootAllowed',
  ],
  description: 'A container may run as root: neither runAsNonRoot nor a non-zero runAsUser is set.',
  hint: 'Set runAsNonRoot: true and runAsUser to the image user (pod or container securityContext); an image that must start as root says so in an annotation.',
  check: (ctx) =>
    perContainer(ctx, (w, c) => {
      const user = effective(w, c, 'runAsUser');
      if (effective(w, c, 'runAsNonRoot') === true || (typeof user === 'number' && user > 0)) return undefined;
      return { message: `container ${quote(c.name)} is not set to run as a non-root user` };
    }),
};
export default rule;
