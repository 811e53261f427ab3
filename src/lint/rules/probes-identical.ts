import { isDeepStrictEqual } from 'node:util';
import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';

const HANDLER = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

const rule: LintRule = {
  id: 'probes-identical',
  severity: 'warning',
  covers: ['kube-score:pod-probes-identical'],
  description:
    'A container’s liveness probe is the same check as its readiness probe: a slow moment restarts the pod instead of taking it out of rotation.',
  hint: 'Make the liveness probe cheaper and more tolerant (a plain TCP or /healthz check, a higher failureThreshold) than the readiness probe.',
  check: (ctx) =>
    perContainer(ctx, (_w, c) => {
      const live = c.spec.livenessProbe as Record<string, unknown> | undefined;
      const ready = c.spec.readinessProbe as Record<string, unknown> | undefined;
      if (!live || !ready) return undefined;
      const same = HANDLER.some((k) => live[k] !== undefined && isDeepStrictEqual(live[k], ready[k]));
      const sameTiming = ['failureThreshold', 'periodSeconds', 'timeoutSeconds'].every((k) => live[k] === ready[k]);
      return same && sameTiming
        ? {
            path: [...c.path, 'livenessProbe'],
            message: `container ${quote(c.name)} uses the same check and timing for liveness and readiness`,
          }
        : undefined;
    }),
};
export default rule;
