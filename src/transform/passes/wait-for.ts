import type { IContainer } from 'kubernetes-models/v1/Container';
import type { Pass } from '../context.js';

export const WAIT_IMAGE = 'busybox:1.36.1';
export const WAIT_TIMEOUT_SECONDS = 300;

/**
 * depends_on → an init container per dependency that waits until the dependency's Service accepts
 * a TCP connection. A Service only forwards to ready pods, so a connection through it means the
 * dependency passed its readiness probe: service_healthy is kept without any API access.
 */
export const waitForPass: Pass = {
  id: 'wait-for',
  description: 'init containers that wait for dependencies',
  run(ctx) {
    const image = ctx.options.waitImage ?? WAIT_IMAGE;
    for (const draft of ctx.pods.values()) {
      const w = draft.workload;
      const deps = ctx.outgoing(w.name).filter((e) => e.kind === 'depends_on');
      for (const e of deps) {
        const target = ctx.pods.get(e.to);
        if (!target) continue;
        if (target.hostedBy?.as === 'init' && target.hostedBy.service === w.name) continue;
        if (target.hostedBy?.as === 'sidecar' || w.sidecarOf === e.to) continue;
        if (target.workload.oneShot) {
          draft.comments.push(
            `${e.to} is a Job: Kubernetes cannot make ${w.name} wait for it without API access; run it first.`,
          );
          continue;
        }
        const port = target.workload.ports[0]?.port;
        const host = ctx.name(e.to);
        if (port === undefined) {
          draft.comments.push(`Depends on ${e.to}, which listens on no port: nothing to wait for.`);
          continue;
        }
        const wait: IContainer = {
          name: `wait-for-${host}`.slice(0, 63).replace(/-+$/, ''),
          image,
          command: [
            'sh',
            '-c',
            `echo "waiting for ${host}:${port}"; i=0; until nc -z -w 2 ${host} ${port}; do i=$((i+2)); if [ $i -ge ${WAIT_TIMEOUT_SECONDS} ]; then echo "${host}:${port} not ready after ${WAIT_TIMEOUT_SECONDS}s"; exit 1; fi; sleep 2; done`,
          ],
          resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65534,
            runAsGroup: 65534,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
            readOnlyRootFilesystem: true,
          },
        };
        draft.initContainers.push(wait);
      }
      const waited = deps.filter((e) => {
        const target = ctx.pods.get(e.to)?.workload;
        return target && !target.oneShot && target.ports.length > 0;
      });
      if (waited.length)
        draft.comments.push(
          `Waits for ${waited.map((e) => `${e.to}${e.condition === 'service_healthy' ? ' (healthy)' : ''}`).join(', ')} with init containers: a TCP connect through the Service succeeds only when a ready pod is behind it (timeout ${WAIT_TIMEOUT_SECONDS}s).`,
        );
    }
  },
};
