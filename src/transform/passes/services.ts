import { Service } from 'kubernetes-models/v1/Service';
import { probePort } from '../../lint/ports.js';
import type { WorkloadPort } from '../../model/types.js';
import type { ConvertContext, Pass } from '../context.js';
import { isDnsLabel, portName } from '../names.js';

/** Where a port was learnt, as the Service's comment says it. */
const PORT_SOURCES: Record<WorkloadPort['source'], string> = {
  ports: 'ports',
  expose: 'expose',
  dockerfile: "the Dockerfile's EXPOSE",
  labels: "the proxy's routing labels",
  knowledge: 'the image catalog',
  healthcheck: 'the health check',
  reference: 'the addresses other services use',
  environment: 'its environment',
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
      // A port only its probes use (n8n's worker health port) is declared too: the kubelet reaches
      // it, no Service does.
      const { readinessProbe, livenessProbe, startupProbe } = draft.main;
      for (const port of [readinessProbe, livenessProbe, startupProbe].map(probePort))
        if (typeof port === 'number' && !draft.main.ports.some((p) => p.containerPort === port))
          draft.main.ports.push({ name: portName(port, 'tcp'), containerPort: port, protocol: 'TCP' });
      // A container that listens on nothing says nothing of ports (not `ports: []`).
      if (!draft.main.ports.length) delete draft.main.ports;
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
      const variables = [...new Set(w.ports.flatMap((p) => (p.variable ? [p.variable] : [])))];
      const from = (x: WorkloadPort['source']) =>
        x === 'environment' && variables.length ? `${PORT_SOURCES[x]} (${variables.join(', ')})` : PORT_SOURCES[x];
      ctx.emit({
        service: w.name,
        file: 'service',
        object: new Service({
          metadata: { name, labels: ctx.labels(w) },
          spec: { type, selector: ctx.selector(w), ports },
        }),
        comments: [
          `${type} Service so that other pods reach ${w.name} by name.${sources.includes('ports') ? '' : ` Ports from ${sources.map(from).join(', ')}: the Compose file publishes none.`}${w.exposure === 'dev-only' ? ' Its host port was for developers: use kubectl port-forward.' : ''}`,
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
