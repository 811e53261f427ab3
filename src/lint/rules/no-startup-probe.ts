import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { LONG_RUNNING } from '../workloads.js';

const rule: LintRule = {
  id: 'no-startup-probe',
  severity: 'warning',
  optIn: true,
  covers: ['kube-linter:no-startup-probe'],
  description:
    "A long-running container has no startup probe: a slow start must be covered by the liveness probe's delay.",
  hint: 'Add a startupProbe (the Compose healthcheck, or an HTTP or TCP check of the main port).',
  check: (ctx) =>
    perContainer(ctx, (w, c) =>
      LONG_RUNNING.has(w.kind) && !c.init && c.spec.startupProbe === undefined
        ? { message: `container ${quote(c.name)} has no startup probe` }
        : undefined,
    ),
};
export default rule;
