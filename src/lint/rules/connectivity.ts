import { escapeRegExp } from '../../io/shell.js';
import { dnsLabel, isDnsLabel } from '../../transform/names.js';
import type { LintContext } from '../context.js';
import { sameNamespace } from '../context.js';
import type { ComposeLink } from '../compose-links.js';
import { trafficAllowed } from '../netpol.js';
import { containerPorts } from '../ports.js';
import type { LintHit, LintRule, Manifest } from '../types.js';
import { arr, get, mapSelects, obj, runContainers, str, strMap, type Workload } from '../workloads.js';

/** The workloads that run a Compose service: by the name label Stevedore and Kompose set, by name, or as a container of another pod. */
export function workloadsOf(ctx: LintContext, service: string): Workload[] {
  const name = dnsLabel(service);
  const own = ctx.workloads.filter(
    (w) =>
      w.labels['app.kubernetes.io/name'] === name ||
      w.labels['io.kompose.service'] === service ||
      (w.name === name && w.kind !== 'CronJob'),
  );
  return own.length ? own : ctx.workloads.filter((w) => runContainers(w).some((c) => c.name === name && !c.init));
}

function describe(l: ComposeLink): string {
  return `${l.from} reaches ${l.host}${l.port ? `:${l.port}` : ''} (${l.why}${l.where ? `, ${l.where}` : ''})`;
}

/** The target port a Service port sends to, as a number, given the pods behind it. */
function targetNumber(servicePort: Record<string, unknown>, pods: Workload[]): number | undefined {
  const t = servicePort.targetPort ?? servicePort.port;
  if (typeof t === 'number') return t;
  if (typeof t === 'string' && /^\d+$/.test(t)) return Number(t);
  for (const w of pods)
    for (const c of runContainers(w)) for (const p of containerPorts(c)) if (p.name === t) return p.port;
  return undefined;
}

/** Whether a workload's containers (environment, command, arguments) still name a host as written. */
function mentions(w: Workload, host: string): boolean {
  const escaped = escapeRegExp(host);
  const name = new RegExp(`(^|[^A-Za-z0-9_.-])${escaped}($|[^A-Za-z0-9_-])`);
  return runContainers(w).some((c) => name.test(JSON.stringify([c.spec.env, c.spec.command, c.spec.args])));
}

function checkLink(ctx: LintContext, l: ComposeLink): LintHit[] {
  const targets = workloadsOf(ctx, l.to);
  const anchor: Manifest | undefined = targets[0]?.at ?? ctx.manifests[0];
  if (!anchor) return [];
  if (!targets.length)
    return [
      {
        at: anchor,
        path: [],
        message: `${describe(l)}, but no workload in the input runs ${l.to}`,
        severity: 'warning',
      },
    ];
  const sources = l.from === l.to ? [] : workloadsOf(ctx, l.from);
  // A name that cannot be a Service is fine once the client's settings and commands use its DNS form.
  // A fixed Compose address (ipv4_address) is reached through the Service of the service that had it.
  const address = /^[\d.]+$|:/.test(l.host);
  if (!isDnsLabel(l.host) && (sources.length === 0 || sources.some((w) => mentions(w, l.host))))
    return [
      {
        at: anchor,
        path: [],
        message: address
          ? `${describe(l)}: ${l.host} is a fixed Compose address, which no pod has in Kubernetes; use the Service name ${dnsLabel(l.to)}`
          : `${describe(l)}: "${l.host}" cannot be a Service name in Kubernetes (lower-case letters, digits and -); change the reference to ${dnsLabel(l.host)}`,
      },
    ];
  const host = dnsLabel(address ? l.to : l.host);
  const t = targets[0] as Workload;
  // The name resolves in each client's namespace (an ExternalName there may point to the target's).
  const groups = new Map<Manifest | undefined, { via?: Manifest; sources: Workload[] }>();
  for (const f of sources.length ? sources : [undefined]) {
    const r = resolve(ctx, host, (f ?? t).object);
    const g = groups.get(r.svc) ?? { ...(r.via ? { via: r.via } : {}), sources: [] };
    if (f) g.sources.push(f);
    groups.set(r.svc, g);
  }
  return [...groups].flatMap(([svc, g]) =>
    svc
      ? checkService(ctx, l, host, targets, svc, g.sources)
      : [
          {
            at: g.via ?? t.at,
            path: g.via ? ['spec', 'externalName'] : [],
            message: g.via
              ? `${describe(l)}, but ExternalName Service ${host} points to ${String(get(g.via.object, ['spec', 'externalName']))}, which is no Service in the input`
              : `${describe(l)}, but there is no Service named ${host}${g.sources[0] && g.sources[0].namespace !== t.namespace ? ` in namespace ${g.sources[0].namespace ?? 'default'}, the client's` : ''}: the name does not resolve`,
          },
        ],
  );
}

/**
 * The Service a name reaches from an object's namespace: the Service of that name there, or where
 * an ExternalName of that name points (`name.namespace.svc.cluster.local`, or shorter), one hop.
 */
function resolve(ctx: LintContext, host: string, from: Manifest['object']): { svc?: Manifest; via?: Manifest } {
  const svc = ctx.find('Service', host, from);
  if (!svc || get(svc.object, ['spec', 'type']) !== 'ExternalName') return svc ? { svc } : {};
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)(\.svc(\.cluster\.local)?)?\.?$/.exec(
    str(get(svc.object, ['spec', 'externalName'])) ?? '',
  );
  const there = m?.[1] && m[2] ? ctx.find('Service', m[1], { ...from, metadata: { namespace: m[2] } }) : undefined;
  return there && get(there.object, ['spec', 'type']) !== 'ExternalName' ? { svc: there, via: svc } : { via: svc };
}

function checkService(
  ctx: LintContext,
  l: ComposeLink,
  host: string,
  targets: Workload[],
  svc: Manifest,
  sources: Workload[],
): LintHit[] {
  const name = svc.object.metadata.name ?? host;
  const selector = strMap(get(svc.object, ['spec', 'selector']));
  const pods = targets.filter(
    (w) => sameNamespace(w.object, svc.object) && Object.keys(selector).length > 0 && mapSelects(selector, w.labels),
  );
  if (!pods.length)
    return [
      {
        at: svc,
        path: ['spec', 'selector'],
        message: `${describe(l)}, but Service ${name} does not select the pods of ${l.to}`,
      },
    ];
  const ports = arr(get(svc.object, ['spec', 'ports'])).map(obj);
  const headless = get(svc.object, ['spec', 'clusterIP']) === 'None';
  let port: number | undefined;
  if (l.port !== undefined) {
    const sp = ports.find((p) => p.port === l.port);
    if (!sp && !(headless && ports.length === 0))
      return [
        { at: svc, path: ['spec', 'ports'], message: `${describe(l)}, but Service ${name} has no port ${l.port}` },
      ];
    port = sp ? targetNumber(sp, pods) : l.port;
  }
  const names = new Map(
    pods
      .flatMap((w) => runContainers(w).flatMap(containerPorts))
      .flatMap((p) => (p.name ? [[p.name, p.port] as const] : [])),
  );
  const hits: LintHit[] = [];
  for (const f of sources)
    for (const to of pods) {
      const checked = port !== undefined ? [port] : ports.map((p) => targetNumber(p, [to]));
      for (const p of checked.length ? checked : [undefined]) {
        const r = trafficAllowed(ctx, f, to, p, names);
        if (!r.ok && r.blockedBy) {
          hits.push({
            at: r.blockedBy,
            path: ['spec', r.side === 'Ingress' ? 'ingress' : 'egress'],
            message: `${describe(l)}, but NetworkPolicy ${r.blockedBy.object.metadata.name ?? ''} blocks ${r.side === 'Ingress' ? 'it into' : 'it out of'} ${r.side === 'Ingress' ? `${to.kind} ${to.name}` : `${f.kind} ${f.name}`}${p !== undefined ? ` on port ${p}` : ''}`,
          });
          break;
        }
      }
    }
  return hits;
}

const rule: LintRule = {
  id: 'connectivity',
  severity: 'error',
  needsCompose: true,
  covers: [],
  description:
    'A service that another service reaches in the Compose project (depends_on, links, aliases, host names in settings and commands) has no Service of that name selecting its pods on that port, or a NetworkPolicy on the path blocks it.',
  hint: 'Add a Service named as the host name (headless without ports when the port is unknown), and a NetworkPolicy rule that admits the client.',
  check: (ctx) => (ctx.options.compose?.links ?? []).flatMap((l) => checkLink(ctx, l)),
};
export default rule;
