import { bindingsGranting } from '../rbac.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'access-to-secrets',
  severity: 'warning',
  optIn: true,
  covers: ['kube-linter:access-to-secrets'],
  description: 'A binding gives its subjects access to Secrets (CIS 5.1.2).',
  hint: 'Grant Secrets access only to what needs it, by resourceNames where possible.',
  check: (ctx) => bindingsGranting(ctx, ['secrets'], ['get', 'list', 'delete', 'create', 'watch'], 'access to Secrets'),
};
export default rule;
