import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { ConvertContext, Emitted, Pass } from '../context.js';
import { podReferences } from '../draft.js';
import { dnsLabel } from '../names.js';

/** The Kubernetes DNS name of a Service in a namespace, as an ExternalName points to it. */
export const serviceFqdn = (name: string, namespace: string) => `${name}.${namespace}.svc.cluster.local`;

/**
 * The Namespace, labelled with the Pod Security level its pods meet: "baseline" enforced and
 * "restricted" warned about. Pods that need more (the node's files or network, capabilities beyond
 * Docker's defaults, unsafe sysctls, privileged) go to a second namespace that enforces "privileged",
 * so that one node agent does not lower the level of the whole application.
 */
export const namespacePass: Pass = {
  id: 'namespace',
  description: 'the Namespaces and their Pod Security levels',
  run(ctx) {
    const plan = ctx.namespaces;
    const why = [...plan.reasons].map(([service, r]) => `${service} (${r.join(', ')})`).join('; ');
    ctx.emit({
      file: 'namespace',
      object: namespace(ctx, plan.main, plan.mainLevel),
      comments: [
        `Namespace for ${ctx.project.name}. Pod Security: "${plan.mainLevel}" enforced${plan.mainLevel === 'privileged' ? ` (every pod needs host access or privileges: ${why})` : ''}, "restricted" warned about.${plan.privileged ? ` Pods that need more than baseline run in ${plan.privileged}.` : ''}`,
      ],
    });
    if (!plan.privileged) return;
    ctx.emit({
      file: 'namespace-privileged',
      object: namespace(ctx, plan.privileged, 'privileged'),
      comments: [
        `Namespace for the pods of ${ctx.project.name} that Pod Security "baseline" would refuse: ${why}. Only these run here, so ${plan.main} keeps "baseline".`,
        'Names resolve across the two namespaces through ExternalName Services, and NetworkPolicies admit the other namespace by name.',
      ],
    });
    const names = [...plan.reasons.keys()];
    const one = names.length === 1;
    const needs = one
      ? (plan.reasons.get(names[0] ?? '') ?? []).join(', ')
      : [...plan.reasons].map(([service, r]) => `${service}: ${r.join(', ')}`).join('; ');
    ctx.todo.push(
      `${names.join(', ')} need${one ? 's' : ''} more than Pod Security baseline (${needs}): ${one ? 'it runs' : 'they run'} in namespace ${plan.privileged}, which enforces "privileged"; give access to that namespace only to those who operate ${one ? 'it' : 'them'}, or remove the need and convert again`,
    );
  },
};

function namespace(ctx: ConvertContext, name: string, level: 'baseline' | 'privileged'): Namespace {
  return new Namespace({
    metadata: {
      name,
      labels: {
        'app.kubernetes.io/part-of': dnsLabel(ctx.project.name),
        'app.kubernetes.io/managed-by': 'stevedore',
        'pod-security.kubernetes.io/enforce': level,
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  });
}

/**
 * With two namespaces, what one pod names must exist in its own: a Service reached across gets an
 * ExternalName Service of the same name in the client's namespace (short names resolve as under
 * Compose), a ConfigMap or Secret used in both is written to both, and a claim cannot be shared
 * across namespaces (a to-do). Runs after assemble, when every pod's references are known.
 */
export const crossNamespacePass: Pass = {
  id: 'cross-namespace',
  description: 'names, ConfigMaps and Secrets across the two namespaces',
  run(ctx) {
    if (!ctx.namespaces.privileged) return;
    externalNames(ctx);
    sharedObjects(ctx);
  },
};

function externalNames(ctx: ConvertContext): void {
  const services = new Map<string, Emitted>();
  for (const e of ctx.objects)
    if (e.object instanceof Service && e.object.spec?.type !== 'ExternalName')
      services.set(`${e.namespace}/${e.object.metadata?.name ?? ''}`, e);
  // Per client namespace and name: the target namespace and the clients (sorted, for stable filing).
  const wanted = new Map<string, { to: string; from: Set<string>; target: string }>();
  for (const e of ctx.model.edges) {
    if (e.kind === 'network_mode') continue;
    const from = ctx.namespaceOf(e.from);
    const to = ctx.namespaceOf(e.to);
    if (from === to) continue;
    const names = new Set([ctx.name(e.to), ...(e.host ? [dnsLabel(e.host)] : [])]);
    for (const name of names) {
      if (!services.has(`${to}/${name}`)) continue;
      const key = `${from}/${name}`;
      const w = wanted.get(key) ?? { to, from: new Set<string>(), target: e.to };
      w.from.add(e.from);
      wanted.set(key, w);
    }
  }
  for (const [key, w] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const name = key.slice(key.indexOf('/') + 1);
    const real = services.get(`${w.to}/${name}`)?.object as Service;
    const clients = [...w.from].sort();
    const workload = ctx.workload(w.target);
    ctx.emit({
      service: ctx.filedWith(clients) ?? clients[0] ?? w.target,
      file: `service-${name}-elsewhere`,
      object: new Service({
        metadata: { name, labels: workload ? ctx.labels(workload) : ctx.projectLabels() },
        spec: {
          type: 'ExternalName',
          externalName: serviceFqdn(name, w.to),
          // Informative only (an ExternalName forwards nothing): the ports the clients use.
          ...(real.spec?.ports?.length
            ? { ports: real.spec.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })) }
            : {}),
        },
      }),
      comments: [
        `${clients.join(', ')} reach${clients.length === 1 ? 'es' : ''} ${w.target} as ${name}, and ${w.target} runs in namespace ${w.to}: this name in ${key.slice(0, key.indexOf('/'))} points there.`,
      ],
    });
  }
}

/** ConfigMaps and Secrets a pod reads from the other namespace are written to its own too. */
function sharedObjects(ctx: ConvertContext): void {
  const byName = new Map<string, Emitted[]>();
  for (const e of ctx.objects) {
    const kind = (e.object as unknown as { kind: string }).kind;
    const name = (e.object as unknown as { metadata?: { name?: string } }).metadata?.name ?? '';
    const k = `${kind}/${name}`;
    const list = byName.get(k);
    if (list) list.push(e);
    else byName.set(k, [e]);
  }
  const workloads = ctx.objects.filter((e) => e.service && podSpecOf(e.object));
  for (const e of workloads) {
    const spec = podSpecOf(e.object) as IPodSpec;
    const ns = e.namespace as string;
    for (const ref of podReferences(spec)) {
      const copies = byName.get(ref) ?? [];
      if (!copies.length || copies.some((c) => c.namespace === ns)) continue;
      const original = copies[0] as Emitted;
      if (ref.startsWith('PersistentVolumeClaim/')) {
        ctx.todo.push(
          `${e.service ?? ''} (namespace ${ns}) mounts claim ${ref.slice(ref.indexOf('/') + 1)} of namespace ${original.namespace ?? ''}: a claim cannot be shared across namespaces; give it a volume of its own or remove its need for Pod Security "privileged"`,
        );
        continue;
      }
      const json = JSON.parse(JSON.stringify(original.object.toJSON())) as object;
      const copy: Emitted = {
        ...original,
        ...(e.service ? { service: e.service } : {}),
        namespace: ns,
        object: ref.startsWith('Secret/') ? new Secret(json) : new ConfigMap(json),
        comments: [
          ...original.comments,
          `The same as in namespace ${original.namespace ?? ''}: ${e.service ?? ''} runs in ${ns}.`,
        ],
      };
      ctx.emit(copy);
      copies.push(copy);
    }
  }
}

function podSpecOf(object: unknown): IPodSpec | undefined {
  const o = object as {
    kind?: string;
    spec?: { template?: { spec?: IPodSpec }; jobTemplate?: { spec?: { template?: { spec?: IPodSpec } } } };
  };
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind ?? '') ? o.spec?.template?.spec : undefined;
}
