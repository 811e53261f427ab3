import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { Workload, WorkloadPort } from '../../model/types.js';
import type { Pass } from '../context.js';
import { dnsLabel } from '../names.js';
import { CREATED_SEPARATELY } from '../../lint/types.js';
import { knowledgeById } from '../../knowledge/index.js';
import { JOB_ENGINES } from '../../knowledge/types.js';
import { publicPorts } from './ingress.js';

const policyPort = (p: WorkloadPort) => ({
  port: p.port,
  protocol: p.protocol.toUpperCase() as 'TCP' | 'UDP' | 'SCTP',
});

/**
 * Default-deny ingress for the namespace, then one policy per service allowing exactly the pods
 * that the dependency graph says connect to it, on its ports — plus the ingress controller to the
 * entry, backup jobs to their database, and traffic from outside to what a LoadBalancer or NodePort serves.
 */
export const networkPolicyPass: Pass = {
  id: 'network-policy',
  description: 'NetworkPolicies from the dependency graph',
  run(ctx) {
    const part = dnsLabel(ctx.project.name);
    for (const namespace of [ctx.namespaces.main, ...(ctx.namespaces.privileged ? [ctx.namespaces.privileged] : [])])
      ctx.emit({
        file:
          namespace === ctx.namespaces.main ? 'networkpolicy-default-deny' : 'networkpolicy-default-deny-privileged',
        namespace,
        object: new NetworkPolicy({
          metadata: {
            name: 'default-deny-ingress',
            labels: { 'app.kubernetes.io/part-of': part, 'app.kubernetes.io/managed-by': 'stevedore' },
          },
          spec: { podSelector: {}, policyTypes: ['Ingress'] },
        }),
        comments: ['No pod in the namespace accepts connections unless a policy below allows it.'],
      });
    // Addresses in configuration files are searched (an nginx upstream, a Prometheus target); a file
    // that could not be read (not in the project, too large) could name a connection we do not know.
    const unsearched = ctx.model.workloads.filter((w) => !w.oneShot && w.configUnsearched?.length);
    if (unsearched.length)
      ctx.todo.push(
        `NetworkPolicies admit the connections found in depends_on, links, environment, commands and the configuration files that could be read; these could not be searched for addresses: ${unsearched.map((w) => `${(w.configUnsearched ?? []).map((f) => ctx.display(f)).join(', ')} (${w.name})`).join('; ')}. Where one names another service (an nginx upstream, a Prometheus scrape target), add that service to depends_on in the Compose file and convert again, or its pods are refused`,
      );
    const podOf = (service: string) => {
      const d = ctx.pods.get(service);
      return d?.hostedBy ? d.hostedBy.service : service;
    };
    // The Services some Ingress sends traffic to: their pods admit the ingress controller.
    const routedTo = new Set(
      ctx.objects.flatMap((e) =>
        e.object instanceof Ingress
          ? (e.object.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend.service?.name ?? ''))
          : [],
      ),
    );
    for (const draft of ctx.pods.values()) {
      const w = draft.workload;
      if (draft.hostedBy || w.oneShot) continue;
      const sources = [...new Set(ctx.incoming(w.name).map((e) => podOf(e.from)))]
        .filter((s) => s !== w.name)
        .sort()
        .flatMap((s) => ctx.workload(s) ?? []);
      // A client in the other namespace is admitted by its namespace's name and its pods' labels.
      const here = ctx.namespaceOf(w.name);
      const from: INetworkPolicyPeer[] = sources.map((s) => ({
        podSelector: { matchLabels: ctx.selector(s) },
        ...(ctx.namespaceOf(s.name) !== here
          ? { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ctx.namespaceOf(s.name) } } }
          : {}),
      }));
      if (ctx.has('CronJob', dnsLabel(`${ctx.name(w.name)}-backup`, 52)))
        from.push({
          podSelector: {
            matchLabels: {
              'app.kubernetes.io/name': `${ctx.name(w.name)}-backup`,
              'app.kubernetes.io/instance': ctx.namespace,
            },
          },
        });
      if (w.stateful && draft.replicas > 1) from.push({ podSelector: { matchLabels: ctx.selector(w) } });
      const copiedByJob = migrationPeer(w);
      if (copiedByJob) from.push(copiedByJob);
      const behindIngress = routedTo.has(ctx.name(w.name));
      if (behindIngress)
        from.push({
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': ctx.options.ingressNamespace ?? 'ingress-nginx' },
          },
        });
      // From outside the cluster: published ports that are not HTTP (their LoadBalancer or NodePort
      // Service), and the entry's ports when --service-type makes its own Service reachable from outside.
      const outsideOnEntry =
        w.exposure === 'entry' &&
        (ctx.options.serviceType === 'LoadBalancer' || ctx.options.serviceType === 'NodePort');
      const outside = [
        ...new Set([
          ...(w.exposure === 'entry' || w.exposure === 'public' ? publicPorts(w).map((o) => o.port) : []),
          ...(outsideOnEntry ? w.ports : []),
        ]),
      ].map(policyPort);
      const external: INetworkPolicyIngressRule[] = outside.length
        ? [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }], ports: outside }]
        : [];
      if (!from.length && !external.length) continue;
      // No known port (a headless Service gives the name): the clients may use any port.
      const ports = w.ports.map(policyPort);
      ctx.emit({
        service: w.name,
        file: 'networkpolicy',
        object: new NetworkPolicy({
          metadata: {
            name: ctx.name(w.name),
            labels: ctx.labels(w),
            // The copy Job it admits is made by `stevedore migrate job`, not here.
            ...(copiedByJob ? { annotations: { [CREATED_SEPARATELY]: `Job/${dnsLabel(`${w.name}-migration`)}` } } : {}),
          },
          spec: {
            podSelector: { matchLabels: ctx.selector(w) },
            policyTypes: ['Ingress'],
            ingress: [...(from.length ? [{ from, ...(ports.length ? { ports } : {}) }] : []), ...external],
          },
        }),
        comments: [
          `Who may connect to ${w.name}: ${[...sources.map((s) => s.name), ...(copiedByJob ? ['the in-cluster copy of its data (migrate run --in-cluster)'] : []), ...(behindIngress ? [`the ingress controller (namespace ${ctx.options.ingressNamespace ?? 'ingress-nginx'})`] : []), ...(external.length ? [`anyone outside the cluster on ${outside.map((p) => `${p.port}/${p.protocol}`).join(', ')}`] : [])].join(', ') || 'its backup job'} — from depends_on and the host names found in their settings and configuration files.`,
        ],
      });
    }
  },
};

/**
 * The in-cluster copy of a database's data (`stevedore migrate run --in-cluster`, its Job beside the
 * database) writes through its Service: the peer that admits that Job's pods, for engines that have one.
 */
function migrationPeer(w: Workload): INetworkPolicyPeer | undefined {
  const migration = w.stateful && w.knowledge ? knowledgeById(w.knowledge)?.migration : undefined;
  if (!(JOB_ENGINES as readonly string[]).includes(migration ?? '')) return undefined;
  return {
    podSelector: {
      matchLabels: {
        'app.kubernetes.io/name': dnsLabel(`${w.name}-migration`),
        'app.kubernetes.io/component': 'migration',
      },
    },
  };
}
