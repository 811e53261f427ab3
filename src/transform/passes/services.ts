import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Service } from 'kubernetes-models/v1/Service';
import { notHttp } from '../../knowledge/ports.js';
import type { Workload, WorkloadPort } from '../../model/types.js';
import type { ConvertContext, Pass } from '../context.js';
import { dnsLabel, isDnsLabel, portName } from '../names.js';

/** Where a port was learnt, as the Service's comment says it. */
const PORT_SOURCES: Record<WorkloadPort['source'], string> = {
  ports: 'ports',
  expose: 'expose',
  dockerfile: "the Dockerfile's EXPOSE",
  labels: "the proxy's routing labels",
  knowledge: 'the image catalog',
  healthcheck: 'the health check',
  reference: 'the addresses other services use',
};

/**
 * A ClusterIP Service for every service that listens — from ports, expose, whoever connects to it,
 * or the catalog — so that DNS works as under Compose; a headless Service for each StatefulSet.
 */
export const servicesPass: Pass = {
  id: 'services',
  description: 'Services and headless Services',
  run(ctx) {
    for (const draft of ctx.pods.values()) {
      const w = draft.workload;
      if (w.oneShot || draft.hostedBy) continue;
      const ports = w.ports.map((p) => ({
        name: portName(p.port, p.protocol),
        port: p.port,
        targetPort: p.port,
        protocol: p.protocol.toUpperCase() as 'TCP' | 'UDP' | 'SCTP',
      }));
      // Sidecars listen in this pod too: their ports are this Service's.
      for (const side of ctx.pods.values()) {
        if (side.hostedBy?.as !== 'sidecar' || side.hostedBy.service !== w.name) continue;
        for (const p of side.workload.ports)
          if (!ports.some((q) => q.port === p.port))
            ports.push({
              name: portName(p.port, p.protocol),
              port: p.port,
              targetPort: p.port,
              protocol: p.protocol.toUpperCase() as 'TCP',
            });
      }
      draft.main.ports = w.ports.map((p) => ({
        name: portName(p.port, p.protocol),
        containerPort: p.port,
        protocol: p.protocol.toUpperCase() as 'TCP' | 'UDP' | 'SCTP',
      }));
      const name = ctx.name(w.name);
      const reachedAs = reachedNames(ctx, w.name);
      if (!ports.length) {
        // Reached by name but listening on no known port: a headless Service gives the name, resolving to
        // the pod addresses as Compose's DNS does, whatever the port.
        for (const host of reachedAs.size ? reachedAs : draft.kind === 'StatefulSet' ? [name] : [])
          ctx.emit({
            service: w.name,
            file: host === name ? 'service' : `service-${host}`,
            object: new Service({
              metadata: { name: host, labels: ctx.labels(w) },
              spec: { clusterIP: 'None', selector: ctx.selector(w) },
            }),
            comments: [
              `Headless Service without ports: other services reach ${w.name} as ${host}, and no port is known for it (add one to the Compose file with expose:). The name resolves to the pod addresses.`,
            ],
          });
        if (reachedAs.size)
          ctx.todo.push(
            `${w.name} is reached by name but declares no port: it got a headless Service (DNS only) and a NetworkPolicy open on every port for its clients; add expose: with its port in the Compose file to narrow both`,
          );
        if (draft.kind === 'StatefulSet')
          ctx.emit({
            service: w.name,
            file: 'service-headless',
            object: new Service({
              metadata: { name: `${name}-headless`, labels: ctx.labels(w) },
              spec: { clusterIP: 'None', publishNotReadyAddresses: true, selector: ctx.selector(w) },
            }),
            comments: [`Headless Service: gives each ${w.name} pod a stable DNS name (${name}-0.${name}-headless).`],
          });
        continue;
      }
      for (const alias of reachedAs) {
        if (alias === name) continue;
        ctx.emit({
          service: w.name,
          file: `service-${alias}`,
          object: new Service({
            metadata: { name: alias, labels: ctx.labels(w) },
            spec: { selector: ctx.selector(w), ports },
          }),
          comments: [
            `Other services reach ${w.name} as ${alias} (a network alias, link alias or host name in Compose): a second Service with that name.`,
          ],
        });
      }
      const type =
        w.exposure === 'entry' && ctx.options.serviceType && ctx.options.serviceType !== 'ClusterIP'
          ? ctx.options.serviceType
          : 'ClusterIP';
      const sources = [...new Set(w.ports.map((p) => p.source))];
      ctx.emit({
        service: w.name,
        file: 'service',
        object: new Service({
          metadata: { name, labels: ctx.labels(w) },
          spec: { type, selector: ctx.selector(w), ports },
        }),
        comments: [
          `${type} Service so that other pods reach ${w.name} by name.${sources.includes('ports') ? '' : ` Ports from ${sources.map((x) => PORT_SOURCES[x]).join(', ')}: the Compose file publishes none.`}${w.exposure === 'dev-only' ? ' Its host port was for developers: use kubectl port-forward.' : ''}`,
        ],
      });
      if (draft.kind === 'StatefulSet') {
        ctx.emit({
          service: w.name,
          file: 'service-headless',
          object: new Service({
            metadata: { name: `${name}-headless`, labels: ctx.labels(w) },
            spec: { clusterIP: 'None', publishNotReadyAddresses: true, selector: ctx.selector(w), ports },
          }),
          comments: [`Headless Service: gives each ${w.name} pod a stable DNS name (${name}-0.${name}-headless).`],
        });
      }
    }
  },
};

/**
 * The ways in: an Ingress for the entry service's HTTP port (host, class and cert-manager TLS by flag),
 * and for every published port that is not HTTP (mail, DNS, VPN, UDP media) a LoadBalancer Service
 * (NodePort with --service-type NodePort), since an HTTP Ingress cannot carry it.
 */
export const ingressPass: Pass = {
  id: 'ingress',
  description: 'Ingress for the entry service; LoadBalancer Services for published ports that are not HTTP',
  run(ctx) {
    for (const w of ctx.model.workloads.filter((x) => x.exposure === 'entry')) {
      const web = w.ports.filter((p) => !notHttp(p));
      const port =
        web.find((p) => p.published && (p.port === 80 || p.port === 443 || p.port === 8080)) ??
        web.find((p) => p.published) ??
        (w.ports.some((p) => p.published) ? undefined : web[0]);
      if (port) ingressFor(ctx, w, port.port);
    }
    for (const w of ctx.model.workloads.filter((x) => x.exposure === 'entry' || x.exposure === 'public'))
      if (!w.oneShot && !ctx.pods.get(w.name)?.hostedBy) publicService(ctx, w);
    unexposedWeb(ctx);
  },
};

/**
 * Web ports Compose published for people (a Grafana, a Prometheus, an admin UI) on services other
 * than the entry: only the entry gets an Ingress, so these are reachable inside the cluster only.
 * Said, with the port-forward that reaches each — never silently dropped.
 */
function unexposedWeb(ctx: ConvertContext): void {
  const left = ctx.model.workloads.flatMap((w) => {
    if (w.exposure !== 'public' || w.oneShot || ctx.pods.get(w.name)?.hostedBy) return [];
    const web = w.ports.filter((p) => p.published && !notHttp(p));
    return web.length ? [{ w, web }] : [];
  });
  if (!left.length) return;
  const forwards = left.map(
    ({ w, web }) =>
      `kubectl -n ${ctx.namespaceOf(w.name)} port-forward svc/${ctx.name(w.name)} ${web.map((p) => `${p.published?.split('-')[0] ?? p.port}:${p.port}`).join(' ')}`,
  );
  ctx.todo.push(
    `${left.map(({ w, web }) => `${w.name} (${web.map((p) => p.port).join(', ')})`).join(', ')} published web ports in Compose but only the entry gets an Ingress: reach ${left.length === 1 ? 'it' : 'them'} with ${forwards.map((f) => `\`${f}\``).join(', ')}, or give ${left.length === 1 ? 'it' : 'each'} an Ingress of its own host`,
  );
}

function ingressFor(ctx: ConvertContext, w: Workload, port: number): void {
  const name = ctx.name(w.name);
  const host = ctx.options.host;
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
      `${w.name} is the way in (${w.roleReason}).${host ? '' : ' No --host given: the rule matches any host name.'}${tls ? ` TLS from cert-manager (${tls}).` : ' No TLS: pass --tls-issuer to get a certificate from cert-manager.'}`,
    ],
  });
  if (!host)
    ctx.todo.push(`Choose the public host name for ${w.name} (--host) and point DNS at the ingress controller`);
}

/** The published ports of a service that are not HTTP, each with what it speaks. */
export function publicPorts(w: Workload): { port: WorkloadPort; speaks: string }[] {
  return w.ports.flatMap((port) => {
    const speaks = port.published ? notHttp(port) : undefined;
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
      `${w.name} publishes ${what} (${open.map((o) => `${o.port.published}:${o.port.port}/${o.port.protocol}`).join(', ')}): not HTTP, so not behind the Ingress. A ${type} Service${type === 'NodePort' ? ' on every node' : ' with an address of its own'}; its NetworkPolicy admits traffic from outside on these ports.`,
    ],
  });
  ctx.todo.push(
    `${w.name} serves ${what} outside the cluster through the ${type} Service ${name}: ${type === 'LoadBalancer' ? `point its DNS name at the address \`kubectl -n ${ctx.namespaceOf(w.name)} get service ${name}\` shows (EXTERNAL-IP)` : 'open the node ports in your firewall and point its DNS name at the nodes'}`,
  );
}

/**
 * The DNS names other services use for this one (its own name, network and link aliases, host names)
 * that can be Service names; names Kubernetes cannot hold (with `_`) are left to the lint report.
 */
function reachedNames(ctx: ConvertContext, service: string): Set<string> {
  const out = new Set<string>();
  for (const e of ctx.incoming(service)) {
    if (!e.host || e.kind === 'network_mode') continue;
    if (e.kind === 'depends_on' && e.condition === 'service_completed_successfully') continue;
    const host = e.host === service ? ctx.name(service) : e.host;
    // A name that is another service's own Service name is that service's, not an alias of this one.
    const owner = ctx.serviceNamed(host);
    if (isDnsLabel(host) && (owner === undefined || owner === service)) out.add(host);
  }
  return out;
}
