import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { LONG_RUNNING } from '../workloads.js';

const rule: LintRule = {
  id: 'no-liveness-probe',
  severity: 'warning',
  optIn: true,
  covers: ['kube-linter:no-liveness-probe', 'polaris:livenessProbeMissing', 'kube-score:pod-probes'],
  description: 'A long-running container has no liveness probe: a hung process is never restarted.',
  hint: 'Add a livenessProbe (the Compose healthcheck, or an HTTP or TCP check of the main port).',
  check: (ctx) =>
    perContainer(ctx, (w, c) =>
      LONG_RUNNING.has(w.kind) && !c.init && c.spec.livenessProbe === undefined
        ? { message: `container ${quote(c.name)} has no liveness probe` }
        : undefined,
    ),
};
export default rule;
