import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IHTTPIngressPath } from 'kubernetes-models/networking.k8s.io/v1/HTTPIngressPath';
import type { IIngressRule } from 'kubernetes-models/networking.k8s.io/v1/IngressRule';
import type { LabelRoute } from '../../model/proxy-labels.js';
import type { Workload } from '../../model/types.js';
import type { ConvertContext, Pass } from '../context.js';
import { dnsLabel } from '../names.js';

/**
 * The routing that a reverse proxy's labels (Traefik, caddy-docker-proxy) give each service, as an
 * Ingress of that service: its hosts and paths straight to its Service, so the cluster's ingress
 * controller does what the proxy container did.
 */
export const routesPass: Pass = {
  id: 'routes',
  description: 'Ingress rules from Traefik and Caddy routing labels',
  run(ctx) {
    const routed = ctx.model.workloads.filter((w) => w.routes?.length && !w.oneShot);
    for (const w of routed) routeIngress(ctx, w, w.routes ?? []);
    if (!routed.length) return;
    // The proxy that read those labels from the Docker engine finds none in Kubernetes.
    for (const p of ctx.model.workloads.filter((w) =>
      /(^|\/)(traefik|caddy-docker-proxy)$/.test(w.image?.repository ?? ''),
    ))
      ctx.todo.push(
        `${p.name} routed by Docker labels, which do not exist in Kubernetes: the labels of ${routed.map((w) => w.name).join(', ')} are Ingress rules now, for the cluster's ingress controller; leave ${p.name} out, or run it as that ingress controller`,
      );
  },
};

function routeIngress(ctx: ConvertContext, w: Workload, routes: readonly LabelRoute[]): void {
  const service = ctx.name(w.name);
  const fallback = w.ports[0]?.port;
  const rules: IIngressRule[] = [];
  for (const r of routes) {
    const port = r.port ?? fallback;
    if (!port) {
      ctx.skip(
        w.name,
        `labels: router ${r.router}`,
        'no port is known for it: add traefik.http.services.<name>.loadbalancer.server.port',
      );
      continue;
    }
    const paths: IHTTPIngressPath[] = (r.paths.length ? r.paths : [{ path: '/', exact: false }]).map((p) => ({
      path: p.path,
      pathType: p.exact ? 'Exact' : 'Prefix',
      backend: { service: { name: service, port: { number: port } } },
    }));
    for (const host of r.hosts.length ? r.hosts : [undefined])
      rules.push({ ...(host ? { host } : {}), http: { paths } });
    for (const d of r.dropped)
      ctx.skip(
        w.name,
        `labels: router ${r.router}`,
        `${d} has no Ingress equivalent: set it on the ingress controller`,
      );
  }
  if (!rules.length) return;
  const hosts = [...new Set(routes.filter((r) => r.tls).flatMap((r) => r.hosts))];
  const issuer = ctx.options.tlsIssuer;
  const name = dnsLabel(`${service}-routes`);
  ctx.emit({
    service: w.name,
    file: 'ingress-routes',
    object: new Ingress({
      metadata: {
        name,
        labels: ctx.labels(w),
        ...(issuer && hosts.length ? { annotations: { 'cert-manager.io/cluster-issuer': issuer } } : {}),
      },
      spec: {
        ...(ctx.options.ingressClass ? { ingressClassName: ctx.options.ingressClass } : {}),
        ...(issuer && hosts.length ? { tls: [{ hosts, secretName: `${name}-tls` }] } : {}),
        rules,
      },
    }),
    comments: [
      `The routing of ${w.name}'s proxy labels (${[...new Set(routes.map((r) => r.router))].join(', ')}), straight to its Service: the cluster's ingress controller takes the proxy's place.${hosts.length && !issuer ? ' The labels ask for TLS: pass --tls-issuer to get certificates from cert-manager.' : ''}`,
    ],
  });
}
