import { hitAt, perContainer, quote } from '../rule-kit.js';
import { secretInArgs } from '../secrets.js';
import type { LintRule } from '../types.js';
import { arr } from '../workloads.js';

const rule: LintRule = {
  id: 'secret-in-args',
  severity: 'error',
  covers: [],
  description:
    'A container passes a credential on its command line (--requirepass X, --password=X, -pX, a URL with a password): it is in the manifest and visible in every process list.',
  hint: 'Read it from a Secret through an environment variable ($(VAR) in args) or a mounted file.',
  check: (ctx) =>
    perContainer(ctx, (w, c) =>
      (['command', 'args'] as const).flatMap((k) => {
        const found = secretInArgs(arr(c.spec[k]).map(String));
        return found
          ? [
              hitAt(
                w,
                [...c.path, k, found.index],
                `container ${quote(c.name)} has a credential in its ${k}: ${found.what}`,
              ),
            ]
          : [];
      }),
    ),
};
export default rule;
