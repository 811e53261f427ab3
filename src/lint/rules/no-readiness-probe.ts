import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { LONG_RUNNING } from '../workloads.js';

const rule: LintRule = {
  id: 'no-readiness-probe',
  severity: 'warning',
  covers: ['kube-linter:no-readiness-probe', 'polaris:readinessProbeMissing', 'kube-score:pod-probes'],
  description:
    'A long-running container has no readiness probe: traffic reaches the pod before it is ready and while it is overloaded.',
  hint: 'Add a readinessProbe (the Compose healthcheck, or an HTTP or TCP check of the main port).',
  check: (ctx) =>
    perContainer(ctx, (w, c) =>
      LONG_RUNNING.has(w.kind) && !c.init && c.spec.readinessProbe === undefined
        ? { message: `container ${quote(c.name)} has no readiness probe` }
        : undefined,
    ),
};
export default rule;
