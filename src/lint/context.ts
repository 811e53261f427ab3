import type { ComposeLinks } from './compose-links.js';
import type { K8sObject, LintSeverity, Manifest } from './types.js';
import { obj, str, strMap, workloadOf, type Workload } from './workloads.js';

export const PSS_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PssLevel = (typeof PSS_LEVELS)[number];

export interface LintOptions {
  /** The Pod Security level checked where no Namespace in the input says one (default restricted, as warnings). */
  readonly podSecurity?: PssLevel;
  /** What the Compose project says reaches what (`--compose`). */
  readonly compose?: ComposeLinks;
}

/** Everything a rule sees: the objects, indexed once. */
export class LintContext {
  readonly workloads: Workload[];
  private readonly kinds = new Map<string, Manifest[]>();
  /** Objects by kind and namespace (`''` for those without one), and workloads by namespace: rules look up, never scan. */
  private readonly byNamespace = new Map<string, Manifest[]>();
  private readonly workloadsByNamespace = new Map<string, Workload[]>();

  constructor(
    readonly manifests: readonly Manifest[],
    readonly options: LintOptions = {},
  ) {
    for (const m of manifests) {
      const list = this.kinds.get(m.object.kind) ?? [];
      list.push(m);
      this.kinds.set(m.object.kind, list);
    }
    this.workloads = manifests.flatMap((m) => workloadOf(m) ?? []);
    for (const m of manifests) push(this.byNamespace, `${m.object.kind}\0${m.object.metadata.namespace ?? ''}`, m);
    for (const w of this.workloads) push(this.workloadsByNamespace, w.namespace ?? '', w);
  }

  /** Objects of a kind that share a namespace with `near` (objects without a namespace meet every one). */
  near(kind: string, near: K8sObject): Manifest[] {
    const ns = near.metadata.namespace;
    if (ns === undefined) return this.of(kind);
    return [...(this.byNamespace.get(`${kind}\0${ns}`) ?? []), ...(this.byNamespace.get(`${kind}\0`) ?? [])];
  }

  of(...kinds: string[]): Manifest[] {
    return kinds.flatMap((k) => this.kinds.get(k) ?? []);
  }

  /** Objects of a kind in the same namespace as `near`, by name. */
  find(kind: string, name: string | undefined, near: K8sObject): Manifest | undefined {
    return this.near(kind, near).find((m) => m.object.metadata.name === name);
  }

  workloadsNear(near: K8sObject): Workload[] {
    const ns = near.metadata.namespace;
    if (ns === undefined) return this.workloads;
    return [...(this.workloadsByNamespace.get(ns) ?? []), ...(this.workloadsByNamespace.get('') ?? [])];
  }

  /**
   * The Pod Security level a workload is held to, and how hard: a Namespace in the input with an
   * `enforce` label makes violations errors; its `warn`/`audit` label or `--pod-security` make them warnings.
   */
  podSecurity(w: Workload): { level: PssLevel; severity: LintSeverity } {
    const key = w.namespace ?? '';
    let held = this.held.get(key);
    if (!held) this.held.set(key, (held = this.readPodSecurity(w)));
    return held;
  }

  private readonly held = new Map<string, { level: PssLevel; severity: LintSeverity }>();

  private readPodSecurity(w: Workload): { level: PssLevel; severity: LintSeverity } {
    const ns = w.namespace ? this.of('Namespace').find((m) => m.object.metadata.name === w.namespace) : undefined;
    const labels = strMap(ns?.object.metadata.labels);
    const label = (mode: string) => {
      const v = labels[`pod-security.kubernetes.io/${mode}`];
      return (PSS_LEVELS as readonly string[]).includes(v ?? '') ? (v as PssLevel) : undefined;
    };
    const enforce = label('enforce');
    if (enforce) return { level: enforce, severity: 'error' };
    const warn = label('warn') ?? label('audit');
    return { level: warn ?? this.options.podSecurity ?? 'restricted', severity: 'warning' };
  }
}

/** Objects without a namespace go wherever they are applied, so they meet any namespace. */
export function sameNamespace(a: K8sObject, b: K8sObject): boolean {
  const x = a.metadata.namespace;
  const y = b.metadata.namespace;
  return x === undefined || y === undefined || x === y;
}

export const annotations = (o: K8sObject): Record<string, string> => strMap(o.metadata.annotations);
export const nameOf = (o: K8sObject): string => str(obj(o.metadata).name) ?? '';

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
