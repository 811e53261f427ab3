import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Service } from 'kubernetes-models/v1/Service';
import { error } from '../../diagnostics/diagnostic.js';
import { grpcPort, notHttp } from '../../knowledge/ports.js';
import type { Workload, WorkloadPort } from '../../model/types.js';
import type { ConvertContext, Pass } from '../context.js';
import { dnsLabel, portName } from '../names.js';

/** A way in over HTTP: the service, the port its Ingress sends to, and the host it answers (none: any host). */
interface Way {
  readonly w: Workload;
  readonly port: number;
  readonly host: string | undefined;
}

/**
 * The ways in: an Ingress for each entry service's HTTP port (host, class and cert-manager TLS by
 * flag), and for every published port that is not HTTP (mail, DNS, VPN, UDP media) a LoadBalancer
 * Service (NodePort with --service-type NodePort), since an HTTP Ingress cannot carry it.
 *
 * One host and path reaches one backend: an Ingress with no host answers every host name, so only
 * one entry can have it. The first entry (on 80/443, else declared first) gets `--host` or no
 * host; every other entry gets `<service>.<host>`, or, with no --host, no Ingress and a to-do.
 * `--host svc=name` gives that service its own (an entry, or any service with a published web
 * port); two services given one host are refused.
 */
export const ingressPass: Pass = {
  id: 'ingress',
  description:
    'Ingress for each entry service, each on its own host; LoadBalancer Services for published ports that are not HTTP',
  run(ctx) {
    const given = checkedHosts(ctx);
    const entries = ctx.model.workloads.flatMap((w) => {
      const port = w.exposure === 'entry' ? entryPort(w) : undefined;
      return port ? [{ w, port: port.port, local: port.published?.split('-')[0] ?? String(port.port) }] : [];
    });
    // The surest entry, then the one the Compose file declares first (its main service, as a rule).
    const declared = (w: Workload) => w.origin?.line ?? Infinity;
    const first = [...entries].sort((a, b) => webRank(a.w) - webRank(b.w) || declared(a.w) - declared(b.w))[0];
    const ways: Way[] = [];
    const unhosted: { w: Workload; port: number; local: string }[] = [];
    for (const e of entries) {
      const own = given.get(e.w.name);
      if (own !== undefined) ways.push({ w: e.w, port: e.port, host: own });
      else if (e === first) ways.push({ w: e.w, port: e.port, host: ctx.options.host });
      else if (ctx.options.host) ways.push({ w: e.w, port: e.port, host: `${ctx.name(e.w.name)}.${ctx.options.host}` });
      else unhosted.push(e);
    }
    for (const w of ctx.model.workloads) {
      const own = given.get(w.name);
      const port = w.exposure === 'public' ? publishedWeb(w)[0] : unpublishedWeb(w);
      if (own !== undefined && port) ways.push({ w, port: port.port, host: own });
    }
    const taken = new Map<string, Workload>();
    for (const way of ways) {
      const other = taken.get(way.host ?? '');
      if (!other) {
        taken.set(way.host ?? '', way.w);
        ingressFor(ctx, way, entries.length === 1);
      } else
        ctx.diagnostics.push(
          error(
            'ingress-host',
            `${other.name} and ${way.w.name} would both answer ${way.host ? `host ${way.host}` : 'every host name'} on path /: an ingress controller sends that traffic to one of them only`,
            way.w.origin,
            `give each its own host: --host ${way.w.name}=<host>`,
          ),
        );
    }
    if (unhosted.length && first)
      ctx.todo.push(
        `${unhosted.map(({ w }) => w.name).join(', ')} ${unhosted.length === 1 ? 'is a way in' : 'are ways in'} too, but an Ingress with no host answers every host name and ${first.w.name} has it: give each a host (--host <domain> gives ${first.w.name} that name and ${unhosted.map(({ w }) => `${ctx.name(w.name)}.<domain>`).join(', ')}; or --host ${unhosted[0]?.w.name}=<host>); until then reach ${unhosted.length === 1 ? 'it' : 'them'} with ${unhosted.map(({ w, port, local }) => `\`${portForward(ctx, w, [{ local, port }])}\``).join(', ')}`,
      );
    for (const w of ctx.model.workloads.filter((x) => x.exposure === 'entry' || x.exposure === 'public'))
      if (!w.oneShot && !ctx.pods.get(w.name)?.hostedBy) publicService(ctx, w);
    unexposedPorts(ctx, given);
    if (!ways.length) noWayIn(ctx);
  },
};

/** Roles that are never a way in, whatever port they listen on. */
const BACKEND_ROLES = new Set(['database', 'cache', 'queue', 'search', 'object-store', 'coordination', 'worker']);

/**
 * The web port of a service that serves one but that Compose publishes nowhere (NetBox, whose
 * override file publishes it): given `--host svc=name`, it gets an Ingress there.
 */
const unpublishedWeb = (w: Workload): WorkloadPort | undefined =>
  w.exposure === 'internal' && !w.oneShot && !BACKEND_ROLES.has(w.role)
    ? w.ports.find((p) => !p.published && !notHttp(p) && !grpcPort(p))
    : undefined;

/**
 * Nothing published in Compose (a project that publishes its ports in an override file, or one
 * reached through a proxy outside it): no Ingress at all, and the operator is told how to reach the
 * application and how to give it one.
 */
function noWayIn(ctx: ConvertContext): void {
  if (ctx.model.workloads.some((w) => w.exposure === 'entry' || w.exposure === 'public')) return;
  const web = ctx.model.workloads
    .flatMap((w) => {
      const port = unpublishedWeb(w);
      return port && !ctx.pods.get(w.name)?.hostedBy ? [{ w, port }] : [];
    })
    .sort((a, b) => Number(b.w.role === 'web') - Number(a.w.role === 'web'));
  const first = web[0];
  // A stack of servers only (a Qdrant cluster): reached by its first service's port, from the operator's machine.
  const server = first
    ? undefined
    : ctx.model.workloads.find((w) => !w.oneShot && !ctx.pods.get(w.name)?.hostedBy && w.ports.length);
  const reach = (w: Workload, port: number) => `\`${portForward(ctx, w, [{ local: String(port), port }])}\``;
  ctx.todo.push(
    `The Compose file publishes no port, so nothing is reachable from outside the cluster and no Ingress was made${
      first
        ? `: to give ${first.w.name} one, convert again with --host ${first.w.name}=<host> (and -f for an override file that publishes ports, if the project has one); until then reach it with ${reach(first.w, first.port.port)}`
        : server?.ports[0]
          ? `: reach ${server.name} from your machine with ${reach(server, server.ports[0].port)}`
          : ''
    }`,
  );
}

/** The host names given by service (`--host svc=name`), each for a service that can have an Ingress. */
function checkedHosts(ctx: ConvertContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const [service, host] of Object.entries(ctx.options.hosts ?? {})) {
    const w = ctx.model.workloads.find((x) => x.name === service);
    const why = !w
      ? `there is no service ${service}`
      : w.oneShot || ctx.pods.get(w.name)?.hostedBy
        ? `${service} does not run as a service of its own`
        : !ingressPort(w) && !unpublishedWeb(w)
          ? `${service} listens on no HTTP port to send it to`
          : undefined;
    if (why)
      ctx.diagnostics.push(
        error(
          'ingress-host',
          `--host ${service}=${host}: ${why}`,
          w?.origin,
          `name a service that serves a web port: ${
            ctx.model.workloads
              .filter((x) => ingressPort(x) ?? unpublishedWeb(x))
              .map((x) => x.name)
              .join(', ') || 'none does'
          }`,
        ),
      );
    else out.set(service, host);
  }
  return out;
}

/** The port an entry's Ingress sends to: its published web port, 80/443/8080 first. */
function entryPort(w: Workload): WorkloadPort | undefined {
  const web = w.ports.filter((p) => !notHttp(p) && !grpcPort(p));
  return (
    web.find((p) => p.published && (p.port === 80 || p.port === 443 || p.port === 8080)) ??
    web.find((p) => p.published) ??
    (w.ports.some((p) => p.published) ? undefined : web[0])
  );
}

/** The ports Compose published on a service that no LoadBalancer carries: HTTP, or gRPC. */
const publishedHttp = (w: Workload) => w.ports.filter((p) => p.published && !notHttp(p));

/** The web ports Compose published on a service (an Ingress can send to them). */
const publishedWeb = (w: Workload) => publishedHttp(w).filter((p) => !grpcPort(p));

/** The port an Ingress of this service sends to: an entry's, or a public service's first published web port. */
const ingressPort = (w: Workload): WorkloadPort | undefined =>
  w.exposure === 'entry' ? entryPort(w) : w.exposure === 'public' ? publishedWeb(w)[0] : undefined;

/** The command that reaches a service from the operator's machine, local port first. */
const portForward = (ctx: ConvertContext, w: Workload, ports: readonly { local: string; port: number }[]) =>
  `kubectl -n ${ctx.namespaceOf(w.name)} port-forward svc/${ctx.name(w.name)} ${ports.map((p) => `${p.local}:${p.port}`).join(' ')}`;

/**
 * How surely a service is the site itself: 0 when it is published on the host's 80 or 443, 1 when
 * its container serves 80 or 443, else 2. The surest entry keeps the Ingress with no host.
 */
const webRank = (w: Workload) =>
  w.ports.some((p) => p.published === '80' || p.published === '443')
    ? 0
    : w.ports.some((p) => p.port === 80 || p.port === 443)
      ? 1
      : 2;

/**
 * Ports Compose published on services other than the entries (a Grafana, a Prometheus, an admin
 * UI, a collector's gRPC port): reachable inside the cluster only, unless given a host. Said per
 * service, with the port-forward that reaches it — never silently dropped.
 */
function unexposedPorts(ctx: ConvertContext, given: ReadonlyMap<string, string>): void {
  const left = ctx.model.workloads.flatMap((w) => {
    if (w.exposure !== 'public' || w.oneShot || ctx.pods.get(w.name)?.hostedBy || given.has(w.name)) return [];
    const ports = publishedHttp(w);
    return ports.length ? [{ w, ports }] : [];
  });
  if (!left.length) return;
  const each = left.map(({ w, ports }) => {
    const forward = portForward(
      ctx,
      w,
      ports.map((p) => ({ local: p.published?.split('-')[0] ?? String(p.port), port: p.port })),
    );
    const named = ports.map((p) => (grpcPort(p) ? `${p.port} ${grpcPort(p)}` : String(p.port))).join(', ');
    return `${w.name} ${named} (\`${forward}\`)`;
  });
  const web = (
    left.find(({ w }) => w.role === 'web' && publishedWeb(w).length) ?? left.find(({ w }) => publishedWeb(w).length)
  )?.w.name;
  const grpc = left.some(({ ports }) => ports.some((p) => grpcPort(p)));
  ctx.todo.push(
    [
      ctx.model.workloads.some((w) => w.exposure === 'entry')
        ? `Ports published in Compose on services other than the entry are reachable only inside the cluster (only the entry gets an Ingress); from your machine: ${each.join('; ')}.`
        : `No service was recognised as the way in (a web server or application on a published HTTP port), so none got an Ingress and the ports published in Compose are reachable only inside the cluster; from your machine: ${each.join('; ')}.`,
      !web
        ? ''
        : left.length === 1
          ? `To give it an Ingress of its own host: --host ${web}=<host>.`
          : `To give one an Ingress of its own host: --host SERVICE=<host> (for example --host ${web}=<host>).`,
      grpc
        ? 'A gRPC port is for programs: clients in the cluster use the Service; outside clients need a LoadBalancer or an Ingress with a gRPC backend and TLS.'
        : '',
    ]
      .filter(Boolean)
      .join(' '),
  );
}

function ingressFor(ctx: ConvertContext, { w, port, host }: Way, sole: boolean): void {
  const name = ctx.name(w.name);
  const tls = ctx.options.tlsIssuer;
  ctx.emit({
    service: w.name,
    file: 'ingress',
    object: new Ingress({
      metadata: {
        name,
        labels: ctx.labels(w),
        ...(tls ? { annotations: { 'cert-manager.io/cluster-issuer': tls } } : {}),
      },
      spec: {
        ...(ctx.options.ingressClass ? { ingressClassName: ctx.options.ingressClass } : {}),
        ...(tls && host ? { tls: [{ hosts: [host], secretName: `${name}-tls` }] } : {}),
        rules: [
          {
            ...(host ? { host } : {}),
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: port } } } }],
            },
          },
        ],
      },
    }),
    comments: [
      `${w.name} is ${w.exposure === 'entry' ? `${sole ? 'the' : 'a'} way in (${w.roleReason})` : 'reached from outside on the host it was given'}.${host ? '' : ' No --host given: the rule matches any host name.'}${tls ? ` TLS from cert-manager (${tls}).` : ' No TLS: pass --tls-issuer to get a certificate from cert-manager.'}`,
    ],
  });
  if (!host)
    ctx.todo.push(`Choose the public host name for ${w.name} (--host) and point DNS at the ingress controller`);
}

/** The published ports of a service that are not HTTP, each with what it speaks. */
export function publicPorts(w: Workload): { port: WorkloadPort; speaks: string }[] {
  return w.ports.flatMap((port) => {
    // gRPC published on the way in (Temporal's frontend proxy) is how clients reach the stack: a
    // LoadBalancer carries it; an HTTP Ingress does not without a gRPC backend and TLS.
    const speaks = port.published
      ? (notHttp(port) ?? (w.exposure === 'entry' ? grpcPort(port) : undefined))
      : undefined;
    return speaks ? [{ port, speaks }] : [];
  });
}

function publicService(ctx: ConvertContext, w: Workload): void {
  const open = publicPorts(w);
  if (!open.length) return;
  const type = ctx.options.serviceType === 'NodePort' ? 'NodePort' : 'LoadBalancer';
  const name = dnsLabel(`${ctx.name(w.name)}-public`);
  const hostPort = (p: WorkloadPort) => Number(p.published?.split('-')[0]);
  const what = [...new Set(open.map((o) => o.speaks))].join(', ');
  ctx.emit({
    service: w.name,
    file: 'service-public',
    object: new Service({
      metadata: { name, labels: ctx.labels(w) },
      spec: {
        type,
        selector: ctx.selector(w),
        ports: open.map(({ port: p }) => ({
          name: portName(p.port, p.protocol),
          port: p.port,
          targetPort: p.port,
          protocol: p.protocol.toUpperCase() as 'TCP' | 'UDP' | 'SCTP',
          ...(type === 'NodePort' && hostPort(p) >= 30000 && hostPort(p) <= 32767 ? { nodePort: hostPort(p) } : {}),
        })),
      },
    }),
    comments: [
      `${w.name} publishes ${what} (${open.map((o) => `${o.port.published}:${o.port.port}/${o.port.protocol}`).join(', ')}): ${open.every((o) => grpcPort(o.port)) ? 'gRPC, which a plain HTTP Ingress does not carry' : 'not HTTP'}, so not behind the Ingress. A ${type} Service${type === 'NodePort' ? ' on every node' : ' with an address of its own'}; its NetworkPolicy admits traffic from outside on these ports.`,
    ],
  });
  ctx.todo.push(
    `${w.name} serves ${what} outside the cluster through the ${type} Service ${name}: ${type === 'LoadBalancer' ? `point its DNS name at the address \`kubectl -n ${ctx.namespaceOf(w.name)} get service ${name}\` shows (EXTERNAL-IP)` : 'open the node ports in your firewall and point its DNS name at the nodes'}`,
  );
}
