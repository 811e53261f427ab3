import type { K8sObject, Manifest } from './types.js';

/** A path inside an object, for pointing a finding at a field. */
export type Path = readonly (string | number)[];

/** The kinds whose objects run pods, and where each keeps its pod template. */
const POD_SPEC_PATHS: Record<string, Path> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  DeploymentConfig: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_SPEC_PATHS);
/** The kinds that keep a service running (kube-linter's "DeploymentLike" without Pod and jobs). */
export const LONG_RUNNING = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'DeploymentConfig',
]);
export const REPLICATED = new Set([
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
  'DeploymentConfig',
]);

export type Json = Record<string, unknown>;

export function get(value: unknown, path: Path): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}
export const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const strMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).map(([k, x]) => [k, String(x)]));

export interface Container {
  readonly name: string;
  readonly spec: Json;
  /** Path of the container inside its object. */
  readonly path: Path;
  readonly init: boolean;
  readonly ephemeral: boolean;
}

/** A workload with its pod template, read once: every pod rule works on these. */
export interface Workload {
  readonly at: Manifest;
  readonly object: K8sObject;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly podSpec: Json;
  readonly podPath: Path;
  /** Labels of the pods it makes. */
  readonly labels: Record<string, string>;
  readonly containers: Container[];
  /** `spec.replicas` (1 when unset) for what has replicas; undefined for a DaemonSet, Pod or Job. */
  readonly replicas: number | undefined;
}

export function podSpecPath(kind: string): Path | undefined {
  return POD_SPEC_PATHS[kind];
}

export function workloadOf(at: Manifest): Workload | undefined {
  const o = at.object;
  const podPath = POD_SPEC_PATHS[o.kind];
  if (!podPath) return undefined;
  const podSpec = obj(get(o, podPath));
  const labelsPath = o.kind === 'Pod' ? ['metadata', 'labels'] : [...podPath.slice(0, -1), 'metadata', 'labels'];
  const containers: Container[] = [];
  for (const [key, init, ephemeral] of [
    ['initContainers', true, false],
    ['containers', false, false],
    ['ephemeralContainers', false, true],
  ] as const) {
    arr(podSpec[key]).forEach((c, i) => {
      const spec = obj(c);
      containers.push({ name: str(spec.name) ?? `#${i + 1}`, spec, path: [...podPath, key, i], init, ephemeral });
    });
  }
  const replicas = REPLICATED.has(o.kind)
    ? typeof get(o, ['spec', 'replicas']) === 'number'
      ? (get(o, ['spec', 'replicas']) as number)
      : 1
    : undefined;
  return {
    at,
    object: o,
    kind: o.kind,
    name: o.metadata.name ?? '',
    namespace: o.metadata.namespace,
    podSpec,
    podPath,
    labels: strMap(get(o, labelsPath)),
    containers,
    replicas,
  };
}

/** The main and init containers (not ephemeral debug containers). */
export const runContainers = (w: Workload): Container[] => w.containers.filter((c) => !c.ephemeral);

export interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: string[] }[];
}

/**
 * Whether a label selector selects these labels. An empty selector selects everything (as in a
 * NetworkPolicy's podSelector); callers that treat it otherwise check for it first.
 */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  const s = obj(selector) as LabelSelector;
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (labels[k] !== String(v)) return false;
  for (const e of arr(s.matchExpressions)) {
    const { key, operator, values = [] } = obj(e) as { key: string; operator: string; values?: string[] };
    const has = Object.hasOwn(labels, key);
    const value = labels[key];
    const ok =
      operator === 'In'
        ? has && values.map(String).includes(value ?? '')
        : operator === 'NotIn'
          ? !has || !values.map(String).includes(value ?? '')
          : operator === 'Exists'
            ? has
            : operator === 'DoesNotExist'
              ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}

/** A Service's selector (a plain map) as a label selector. */
export const mapSelects = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

export const isEmptySelector = (selector: unknown): boolean => {
  const s = obj(selector);
  return Object.keys(obj(s.matchLabels)).length === 0 && arr(s.matchExpressions).length === 0;
};

/** The effective value of a container security setting: the container's, else the pod's. */
export function effective(w: Workload, c: Container, key: string): unknown {
  const own = get(c.spec, ['securityContext', key]);
  return own !== undefined ? own : get(w.podSpec, ['securityContext', key]);
}

export const displayName = (o: K8sObject): string => `${o.kind}/${o.metadata.name ?? '?'}`;

export interface HostMount {
  readonly container: Container;
  readonly hostPath: string;
  readonly readOnly: boolean;
  /** Path of the volumeMount inside the object. */
  readonly path: Path;
}

/** Every mount of a hostPath volume, by container. */
export function hostMounts(w: Workload): HostMount[] {
  const volumes = new Map<string, string>();
  for (const v of arr(w.podSpec.volumes)) {
    const p = str(get(v, ['hostPath', 'path']));
    if (p !== undefined) volumes.set(str(obj(v).name) ?? '', p);
  }
  if (!volumes.size) return [];
  return runContainers(w).flatMap((c) =>
    arr(c.spec.volumeMounts).flatMap((m, i) => {
      const hostPath = volumes.get(str(obj(m).name) ?? '');
      return hostPath === undefined
        ? []
        : [{ container: c, hostPath, readOnly: obj(m).readOnly === true, path: [...c.path, 'volumeMounts', i] }];
    }),
  );
}

/** A value as text for a message: scalars as they are, anything else as JSON. */
export const text = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null
      ? String(v)
      : JSON.stringify(v);
