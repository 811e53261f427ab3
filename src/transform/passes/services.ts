import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Service } from 'kubernetes-models/v1/Service';
import type { Pass } from '../context.js';
import { portName } from '../names.js';

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
      if (!ports.length) continue;
      const name = ctx.name(w.name);
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
          `${type} Service so that other pods reach ${w.name} by name.${sources.includes('ports') ? '' : ` Ports from ${sources.join(', ')}: the Compose file publishes none.`}${w.exposure === 'dev-only' ? ' Its host port was for developers: use kubectl port-forward.' : ''}`,
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

/** An Ingress for the entry service; host, class and cert-manager TLS by flag. */
export const ingressPass: Pass = {
  id: 'ingress',
  description: 'Ingress for the entry service',
  run(ctx) {
    for (const w of ctx.model.workloads.filter((x) => x.exposure === 'entry')) {
      const port =
        w.ports.find((p) => p.published && (p.port === 80 || p.port === 443 || p.port === 8080)) ??
        w.ports.find((p) => p.published) ??
        w.ports[0];
      if (!port) continue;
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
                  paths: [
                    { path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: port.port } } } },
                  ],
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
  },
};
