import { envOf } from '../env.js';
import { hitAt, perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'duplicate-env-var',
  severity: 'warning',
  covers: ['kube-linter:duplicate-env-var'],
  description: 'A container sets the same environment variable twice: only the last one counts.',
  hint: 'Keep one entry per name.',
  check: (ctx) =>
    perContainer(ctx, (w, c) => {
      const seen = new Set<string>();
      return envOf(c).flatMap((e) => {
        if (!seen.has(e.name)) {
          seen.add(e.name);
          return [];
        }
        return [hitAt(w, e.path, `container ${quote(c.name)} sets ${e.name} more than once`)];
      });
    }),
};
export default rule;
