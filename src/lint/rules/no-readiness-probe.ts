import { sameNamespace } from '../context.js';
import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { LONG_RUNNING, get, mapSelects, strMap } from '../workloads.js';

const rule: LintRule = {
  id: 'no-readiness-probe',
  severity: 'warning',
  covers: ['kube-linter:no-readiness-probe', 'polaris:readinessProbeMissing', 'kube-score:pod-probes'],
  description:
    'A long-running container that a Service sends to has no readiness probe: traffic reaches the pod before it is ready and while it is overloaded. With Services in the input and none selecting the pod (a queue worker), nothing sends it traffic, and the rule is silent.',
  hint: 'Add a readinessProbe (the Compose healthcheck, or an HTTP or TCP check of the main port).',
  check: (ctx) => {
    const services = ctx.of('Service');
    return perContainer(ctx, (w, c) => {
      if (!LONG_RUNNING.has(w.kind) || c.init || c.spec.readinessProbe !== undefined) return undefined;
      const served = services.some((s) => {
        const selector = strMap(get(s.object, ['spec', 'selector']));
        return sameNamespace(s.object, w.object) && Object.keys(selector).length > 0 && mapSelects(selector, w.labels);
      });
      return services.length && !served ? undefined : { message: `container ${quote(c.name)} has no readiness probe` };
    });
  },
};
export default rule;
