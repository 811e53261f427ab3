import { secretLooking } from '../secrets.js';
import type { LintHit, LintRule } from '../types.js';

/** Annotations that copy the whole object, or are known not to hold credentials. */
const SKIP =
  /^(kubectl\.kubernetes\.io\/last-applied-configuration|deployment\.kubernetes\.io\/revision|ignore-check\.|lint\.stevedore\.dev\/)/;

const rule: LintRule = {
  id: 'secret-in-annotations',
  severity: 'error',
  covers: [],
  description:
    'An annotation holds what looks like a credential: annotations are readable by anyone who can list the object.',
  hint: 'Move the value to a Secret.',
  check: (ctx) =>
    ctx.manifests.flatMap((m) =>
      Object.entries(m.object.metadata.annotations ?? {}).flatMap(([k, v]): LintHit[] => {
        if (SKIP.test(k)) return [];
        const why = secretLooking(k.split('/').pop() ?? k, String(v));
        return why
          ? [{ at: m, path: ['metadata', 'annotations', k], message: `the annotation ${k} holds ${why}` }]
          : [];
      }),
    ),
};
export default rule;
