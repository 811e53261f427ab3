import type { Model } from '@kubernetes-models/base';
import type { ComposeProject } from '../compose/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../io/fs.js';
import type { AppModel, Edge, Workload } from '../model/types.js';
import { indexEdges, type EdgeIndex } from '../model/graph.js';
import type { PodDraft } from './draft.js';
import { dnsLabel, rewriteAddresses, rewriteHosts, rewriteHostsInFile, shownPath } from './names.js';
import { planNamespaces, type NamespacePlan } from './privileged.js';

/** What `stevedore convert` takes. Every option documents its default. */
export interface ConvertOptions {
  /** @default the project name */
  readonly namespace?: string;
  /** Registry for images built from source, e.g. `ghcr.io/acme`. @default none: a to-do is reported */
  readonly registry?: string;
  /**
   * Host name for the Ingress of the entry service; any other entry gets `<service>.<host>`.
   * @default none: the entry's Ingress matches any host, and other entries get no Ingress
   */
  readonly host?: string;
  /** Host names by Compose service: the Ingress of that service (an entry, or any service with a published web port). */
  readonly hosts?: Readonly<Record<string, string>>;
  /** @default none (the cluster's default IngressClass) */
  readonly ingressClass?: string;
  /** cert-manager ClusterIssuer for TLS on the Ingress. @default none: no TLS */
  readonly tlsIssuer?: string;
  /** @default none (the cluster's default StorageClass) */
  readonly storageClass?: string;
  /** Size for every data volume, over the catalog's per-engine default. */
  readonly volumeSize?: string;
  /** Add a backup CronJob per database. @default true */
  readonly backups?: boolean;
  /** Namespace of the ingress controller, allowed to reach the entry service. @default ingress-nginx */
  readonly ingressNamespace?: string;
  /** How the entry is exposed besides the Ingress. @default 'ClusterIP' */
  readonly serviceType?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** Image for the wait-for init containers. @default busybox:1.36.1 */
  readonly waitImage?: string;
}

/** One Kubernetes object with where it goes and why it looks the way it does. */
export interface Emitted {
  /** The service it belongs to (its folder), or undefined for project-wide objects. */
  readonly service?: string;
  /** File name inside the folder, without extension. */
  readonly file: string;
  readonly object: Model<object>;
  /** Lines of explanation written above the object. */
  readonly comments: string[];
  /** Holds secret values: written to the git-ignored secrets file. */
  readonly secret?: boolean;
  /** Its namespace when not its service's (set by `emit`: every emitted object has one). */
  readonly namespace?: string;
}

/** A Compose key that could not be carried, and what to do instead. */
export interface NotCarried {
  readonly service?: string;
  readonly key: string;
  readonly why: string;
}

export class ConvertContext {
  readonly objects: Emitted[] = [];
  readonly notCarried: NotCarried[] = [];
  readonly todo: string[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly namespace: string;
  /** Kubernetes name of each Compose service. */
  readonly names = new Map<string, string>();
  /** The pod of each service, filled in by the passes and turned into objects at the end. */
  readonly pods = new Map<string, PodDraft>();
  /** The dependency graph by source and target service. */
  readonly edges: EdgeIndex;
  /** The application's namespace and, for pods that need more than Pod Security baseline, a second one. */
  readonly namespaces: NamespacePlan;

  constructor(
    readonly model: AppModel,
    readonly project: ComposeProject,
    readonly options: ConvertOptions,
    readonly fs: FileSystem,
  ) {
    this.namespace = dnsLabel(options.namespace ?? project.name);
    this.namespaces = planNamespaces(model, project, this.namespace);
    this.edges = indexEdges(model.edges);
    for (const w of model.workloads) this.names.set(w.name, dnsLabel(w.name, 52));
  }

  name(service: string): string {
    return this.names.get(service) ?? dnsLabel(service, 52);
  }

  /** Edges that reach a service. */
  incoming(service: string): readonly Edge[] {
    return this.edges.to.get(service) ?? [];
  }

  /** Edges that leave a service. */
  outgoing(service: string): readonly Edge[] {
    return this.edges.from.get(service) ?? [];
  }

  workload(service: string): Workload | undefined {
    return this.model.workloads.find((w) => w.name === service);
  }

  labels(w: Workload): Record<string, string> {
    return {
      'app.kubernetes.io/name': this.name(w.name),
      'app.kubernetes.io/instance': this.namespace,
      'app.kubernetes.io/component': w.role,
      'app.kubernetes.io/part-of': dnsLabel(this.project.name),
      'app.kubernetes.io/managed-by': 'stevedore',
    };
  }

  /** Labels of an object that belongs to the project rather than to one service (a shared claim or ConfigMap). */
  projectLabels(): Record<string, string> {
    return { 'app.kubernetes.io/part-of': dnsLabel(this.project.name), 'app.kubernetes.io/managed-by': 'stevedore' };
  }

  /**
   * The service an object shared by several is filed with: one applied first (a stateful service,
   * then a job), so that with GitOps layers the data services never wait on an object of a later layer.
   */
  filedWith(users: readonly string[]): string | undefined {
    const rank = (u: string) => {
      const w = this.workload(u);
      return w?.stateful ? 0 : w?.oneShot ? 1 : 2;
    };
    return [...users].sort((a, b) => rank(a) - rank(b))[0];
  }

  selector(w: Workload): Record<string, string> {
    return { 'app.kubernetes.io/name': this.name(w.name), 'app.kubernetes.io/instance': this.namespace };
  }

  /** The namespace of a service's objects (the application's unless its pod needs more than baseline). */
  namespaceOf(service: string | undefined): string {
    return this.namespaces.namespaceOf(service);
  }

  emit(e: Emitted): void {
    this.objects.push(e.namespace ? e : { ...e, namespace: this.namespaceOf(e.service) });
    const obj = e.object as unknown as { kind?: string; metadata?: { name?: string } };
    if (obj.kind && obj.metadata?.name) this.emittedNames.add(`${obj.kind}/${obj.metadata.name}`);
  }

  /** A path as the user wrote it: relative to the project folder when inside it. */
  display(p: string | undefined): string {
    return p ? shownPath(this.project.working_dir, p) : '';
  }

  has(kind: string, name: string): boolean {
    return this.emittedNames.has(`${kind}/${name}`);
  }

  /** `Kind/name` of every emitted object (objects keep their names once emitted). */
  private readonly emittedNames = new Set<string>();

  /** The Compose service whose Service has this name, if any. */
  serviceNamed(dnsName: string): string | undefined {
    this.byDnsName ??= new Map([...this.names].map(([service, dns]) => [dns, service]));
    return this.byDnsName.get(dnsName);
  }

  private byDnsName?: Map<string, string>;

  /**
   * A value as the cluster needs it: host names of renamed services, and services' fixed addresses
   * in URLs and host:port pairs, become their Service names (commands and settings alike).
   */
  rewriteReferences(value: string): string {
    const { renames, addresses } = this.refs();
    return rewriteAddresses(rewriteHosts(value, renames), addresses);
  }

  /**
   * A configuration file's text as the cluster needs it: renamed services' host names and fixed
   * addresses replaced where they stand as hosts (URLs, host:port pairs, host settings) only.
   */
  rewriteFileReferences(text: string): string {
    const { renames, addresses } = this.refs();
    return rewriteAddresses(rewriteHostsInFile(text, renames), addresses);
  }

  /** Every fixed address a service has in Compose (`ipv4_address`, `ipv6_address`), with its Service name. */
  fixedAddresses(): readonly [string, string][] {
    return this.refs().addresses;
  }

  private refs(): { renames: [string, string][]; addresses: [string, string][] } {
    this.references ??= {
      renames: [...this.names].filter(([from, to]) => from !== to),
      addresses: Object.entries(this.project.services).flatMap(([service, svc]) =>
        Object.values(svc.networks ?? {}).flatMap((n) =>
          [n?.ipv4_address, n?.ipv6_address].flatMap((ip) =>
            ip ? [[ip, this.name(service)] as [string, string]] : [],
          ),
        ),
      ),
    };
    return this.references;
  }

  private references?: { renames: [string, string][]; addresses: [string, string][] };

  skip(service: string | undefined, key: string, why: string): void {
    this.notCarried.push({ ...(service ? { service } : {}), key, why });
  }
}

/** A transform pass: one concern, one file. */
export interface Pass {
  readonly id: string;
  readonly description: string;
  run(ctx: ConvertContext): void;
}
