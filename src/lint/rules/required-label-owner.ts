import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'required-label-owner',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:required-label-owner'],
  description: 'An object has no owner label.',
  hint: 'Add metadata.labels.owner with the team that owns it.',
  check: (ctx) =>
    ctx.manifests.flatMap((m) =>
      m.object.metadata.labels?.owner
        ? []
        : [
            {
              at: m,
              path: ['metadata'],
              message: `${m.object.kind} ${m.object.metadata.name ?? ''} has no owner label`,
            },
          ],
    ),
};
export default rule;
