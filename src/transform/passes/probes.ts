import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { Readiness } from '../../knowledge/index.js';
import type { HealthCheck } from '../../model/types.js';
import type { Pass } from '../context.js';
import { serviceOf } from '../../compose/types.js';

type Action = Pick<IProbe, 'exec' | 'httpGet' | 'tcpSocket'>;

/**
 * Turns a Compose test into the probe action that really runs: `curl`/`wget` against localhost
 * becomes httpGet, `nc -z` tcpSocket, anything else an exec — a CMD-SHELL string wrapped in
 * `sh -c` so that it runs in a shell as it did under Compose.
 */
export function probeAction(test: readonly string[]): { action: Action; how: string } {
  const [kind, ...rest] = test;
  const line = kind === 'CMD-SHELL' ? rest.join(' ') : rest.join(' ');
  const url =
    /(?:^|\s)(?:curl|wget)\b[^|;&]*?\bhttps?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(?::(\d+))?(\/[^\s'"|;&]*)?/.exec(
      line,
    );
  const simple = !/[|;&]{1,2}(?!\s*exit 1\s*$)/.test(line.replace(/\|\|\s*exit 1\s*$/, ''));
  if (url && simple) {
    const port = Number(url[1] ?? (line.includes('https://') ? 443 : 80));
    const scheme = line.includes('https://') ? 'HTTPS' : 'HTTP';
    return {
      action: { httpGet: { path: url[2] ?? '/', port, ...(scheme === 'HTTPS' ? { scheme } : {}) } },
      how: `httpGet ${url[2] ?? '/'} on ${port} (from the ${line.trim().split(/\s/)[0]} health check)`,
    };
  }
  const nc = /(?:^|\s)nc\s+(?:-\w+\s+)*-z(?:\s+-\w+(?:\s+\d+)?)*\s+(?:localhost|127\.0\.0\.1)\s+(\d+)/.exec(line);
  if (nc && simple)
    return { action: { tcpSocket: { port: Number(nc[1]) } }, how: `tcpSocket on ${nc[1]} (from nc -z)` };
  if (kind === 'CMD-SHELL')
    return {
      action: { exec: { command: ['sh', '-c', rest.join(' ')] } },
      how: 'the health check command, run through sh -c as Compose does',
    };
  if (kind === 'CMD') return { action: { exec: { command: rest } }, how: 'the health check command' };
  return { action: { exec: { command: [...test] } }, how: 'the health check command' };
}

function knownAction(r: Readiness): Action {
  switch (r.kind) {
    case 'exec':
      return { exec: { command: [...r.command] } };
    case 'http':
      return { httpGet: { path: r.path, port: r.port } };
    case 'tcp':
      return { tcpSocket: { port: r.port } };
  }
}

const s = (ms: number | undefined, fallback: number) => Math.max(1, Math.round((ms ?? fallback * 1000) / 1000));

function fromHealthcheck(h: HealthCheck, action: Action): { readiness: IProbe; liveness: IProbe; startup?: IProbe } {
  const period = s(h.intervalMs, 30);
  const timeout = s(h.timeoutMs, 30);
  const retries = h.retries ?? 3;
  const readiness: IProbe = { ...action, periodSeconds: period, timeoutSeconds: timeout, failureThreshold: retries };
  // Liveness restarts the container: give it more room than readiness, which only stops traffic.
  const liveness: IProbe = {
    ...action,
    periodSeconds: period,
    timeoutSeconds: timeout,
    failureThreshold: Math.max(3, retries * 2),
  };
  if (!h.startPeriodMs) return { readiness, liveness };
  const startPeriod = s(h.startPeriodMs, 0);
  const startEvery = Math.min(period, 10);
  return {
    readiness,
    liveness,
    startup: {
      ...action,
      periodSeconds: startEvery,
      timeoutSeconds: timeout,
      failureThreshold: Math.ceil(startPeriod / startEvery) + retries,
    },
  };
}

/**
 * Readiness and liveness from the healthcheck (liveness more lenient), a startupProbe from
 * start_period; without a healthcheck the catalog's check for the image, else a TCP check on the
 * main port, else none — each choice explained.
 */
export const probesPass: Pass = {
  id: 'probes',
  description: 'readiness, liveness and startup probes',
  run(ctx) {
    for (const draft of ctx.pods.values()) {
      const w = draft.workload;
      if (w.oneShot) continue;
      const svc = serviceOf(ctx.project, w.name);
      if (w.healthcheck) {
        const { action, how } = probeAction(w.healthcheck.test);
        const p = fromHealthcheck(w.healthcheck, action);
        draft.main.readinessProbe = p.readiness;
        draft.main.livenessProbe = p.liveness;
        if (p.startup) draft.main.startupProbe = p.startup;
        draft.comments.push(
          `Probes from the Compose healthcheck: ${how}; liveness allows ${p.liveness.failureThreshold} failures against readiness's ${p.readiness.failureThreshold}${p.startup ? `; start_period ${s(w.healthcheck.startPeriodMs, 0)}s → startupProbe` : ''}.`,
        );
        continue;
      }
      // A TCP check needs a TCP port: a UDP-only service (DNS, syslog) is not probed by one.
      const tcp = w.ports.find((p) => p.protocol === 'tcp');
      // Why the image's own check does not apply here (a switch off, a port moved), said before the fallback.
      if (!w.readiness && w.knownCheck && !svc.healthcheck?.disable) draft.comments.push(`${w.knownCheck}.`);
      if (svc.healthcheck?.disable) {
        draft.comments.push('The healthcheck is disabled in Compose: no probes.');
      } else if (w.readiness) {
        const action = knownAction(w.readiness);
        draft.main.readinessProbe = { ...action, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
        draft.main.livenessProbe = {
          ...(w.readiness.kind === 'exec' ? action : { tcpSocket: { port: w.readiness.port } }),
          periodSeconds: 20,
          timeoutSeconds: 5,
          failureThreshold: 6,
          initialDelaySeconds: 30,
        };
        draft.comments.push(`No healthcheck in Compose: ${w.knownCheck ?? 'probes use the known check of its image'}.`);
      } else if (tcp) {
        draft.main.readinessProbe = {
          tcpSocket: { port: tcp.port },
          periodSeconds: 10,
          timeoutSeconds: 3,
          failureThreshold: 3,
        };
        draft.comments.push(
          `No healthcheck in Compose: readiness is a TCP check on port ${tcp.port}; no liveness probe (add a health endpoint to get one).`,
        );
      } else {
        draft.comments.push(
          `No healthcheck and no ${w.ports.length ? 'TCP ' : ''}port: no probes. Kubernetes will only restart the container when it exits.`,
        );
      }
    }
  },
};
