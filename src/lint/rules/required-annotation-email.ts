import type { LintRule } from '../types.js';

const EMAIL = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/;

const rule: LintRule = {
  id: 'required-annotation-email',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:required-annotation-email'],
  description: 'An object has no email annotation with a valid address.',
  hint: 'Add metadata.annotations.email with the address of its owner.',
  check: (ctx) =>
    ctx.manifests.flatMap((m) =>
      EMAIL.test(m.object.metadata.annotations?.email ?? '')
        ? []
        : [
            {
              at: m,
              path: ['metadata'],
              message: `${m.object.kind} ${m.object.metadata.name ?? ''} has no valid email annotation`,
            },
          ],
    ),
};
export default rule;
