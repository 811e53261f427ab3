import type { AppModel } from '../model/types.js';
import type { Conversion, Emitted } from '../transform/index.js';
import { dnsLabel } from '../transform/names.js';
import { orderedObject } from './yaml.js';

import { LAYERS, layersOf, type Layer } from '../model/layers.js';

export { LAYERS, type Layer };
export type Environment = 'prod' | 'dev';
export const ENVIRONMENTS: readonly Environment[] = ['prod', 'dev'];

/** Plain JSON. */
export type Json = Record<string, unknown>;
export type Quantities = Record<string, string>;
export interface ContainerJson extends Json {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  resources?: { requests?: Quantities; limits?: Quantities };
  env?: unknown[];
  volumeMounts?: { name: string; mountPath: string }[];
  readinessProbe?: Json;
  livenessProbe?: Json;
}
export interface PodJson extends Json {
  containers?: ContainerJson[];
  initContainers?: ContainerJson[];
  volumes?: Json[];
}
export interface ClaimSpecJson extends Json {
  resources?: { requests?: { storage?: string } };
  storageClassName?: string;
}
export interface SpecJson extends Json {
  replicas?: number;
  template?: { spec?: PodJson };
  jobTemplate?: { spec?: { template?: { spec?: PodJson } } };
  volumeClaimTemplates?: { metadata: { name: string }; spec: ClaimSpecJson }[];
  schedule?: string;
  rules?: Json[];
  tls?: Json[];
  ingressClassName?: string;
  ports?: { port: number; targetPort?: number | string }[];
  clusterIP?: string;
}
/** A Kubernetes object as plain JSON, with the fields the emitters read typed. */
export interface ObjectJson extends Json {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: SpecJson;
  stringData?: Record<string, string>;
}

/** One generated object as every form writes it: its JSON, its layer and the service it belongs to. */
export interface Rendered {
  readonly emitted: Emitted;
  readonly json: ObjectJson;
  readonly layer: Layer;
  /** `Kind/name`, unique in a conversion (`Kind/namespace/name` in the second namespace). */
  readonly id: string;
  /** Its file inside its layer: `<service>/<kind>.yaml`, or `<kind>.yaml` for project-wide objects. */
  readonly path: string;
  readonly service?: string;
  /** The service's own workload (Deployment, StatefulSet, DaemonSet, Job) rather than a helper such as a backup. */
  readonly main: boolean;
  /** The backup CronJob of a database or the claim that keeps its dumps. */
  readonly backup: boolean;
}

const WORKLOAD_FILES = new Set(['deployment', 'statefulset', 'daemonset', 'job']);

export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
/** Argo CD applies lower waves first and waits for each to be healthy (a Job: complete). */
const WAVES: Readonly<Record<Layer, string>> = { data: '0', jobs: '1', apps: '2' };

/** Marks every object with its Argo CD sync wave: the Namespace and Secrets first, then data, jobs, apps. */
export function addSyncWaves(objects: readonly Rendered[]): void {
  for (const r of objects) {
    const first = r.json.kind === 'Namespace' || r.json.kind === 'Secret';
    (r.json.metadata.annotations ??= {})[SYNC_WAVE] = first ? '-1' : WAVES[r.layer];
  }
}

/** Every object of a conversion, Secrets apart (they go to a git-ignored file in every form). */
export function renderObjects(c: Conversion, model: AppModel): { objects: Rendered[]; secrets: Rendered[] } {
  const layers = layersOf(model);
  const objects: Rendered[] = [];
  const secrets: Rendered[] = [];
  const seen = new Map<string, number>();
  for (const e of c.objects) {
    const dir = e.service ? `${dnsLabel(e.service)}/` : '';
    const n = seen.get(`${dir}${e.file}`) ?? 0;
    seen.set(`${dir}${e.file}`, n + 1);
    const json = orderedObject(e, c.namespace) as unknown as ObjectJson;
    const layer: Layer = (e.service ? layers.get(e.service) : undefined) ?? 'data';
    const r: Rendered = {
      emitted: e,
      json,
      layer,
      id:
        json.metadata.namespace && json.metadata.namespace !== c.namespace
          ? `${json.kind}/${json.metadata.namespace}/${json.metadata.name}`
          : `${json.kind}/${json.metadata.name}`,
      path: `${dir}${e.file}${n ? `-${n + 1}` : ''}.yaml`,
      ...(e.service ? { service: e.service } : {}),
      main: Boolean(e.service) && WORKLOAD_FILES.has(e.file),
      backup: e.file === 'cronjob-backup' || e.file === 'pvc-backups',
    };
    (e.secret ? secrets : objects).push(r);
  }
  return { objects, secrets };
}

/** The pod spec of a workload object, or undefined. */
/** The objects of each Compose service, in their order (objects of no service left out). */
export function byService(objects: readonly Rendered[]): Map<string, Rendered[]> {
  const out = new Map<string, Rendered[]>();
  for (const r of objects) {
    if (!r.service) continue;
    const mine = out.get(r.service);
    if (mine) mine.push(r);
    else out.set(r.service, [r]);
  }
  return out;
}

export function podSpecOf(json: ObjectJson): PodJson | undefined {
  if (json.kind === 'CronJob') return json.spec?.jobTemplate?.spec?.template?.spec;
  if (json.kind === 'Pod') return json.spec;
  return json.spec?.template?.spec;
}

/** Requests a development cluster reserves at most for a service's main container. */
export const DEV_REQUESTS = { cpu: '50m', memory: '64Mi' } as const;

/**
 * Development differs from production in what a laptop cluster can hold and how code is iterated on:
 * one replica, no PodDisruptionBudget, no backup CronJob, small requests (limits stay, so a leak still
 * shows), images built here not pulled again, Pod Security warning instead of enforcing. Every change is
 * one a Helm value expresses too, so both forms render the same development objects.
 */
export function devVariant(objects: readonly Rendered[], model: AppModel): Rendered[] {
  const built = new Set(model.workloads.filter((w) => w.build).map((w) => w.name));
  const out: Rendered[] = [];
  for (const r of objects) {
    // No backup CronJob; its claim stays, as the database's pod mounts it.
    if (r.json.kind === 'PodDisruptionBudget' || (r.backup && r.json.kind === 'CronJob')) continue;
    const json = structuredClone(r.json);
    if (r.main && json.spec?.replicas !== undefined && json.spec.replicas > 1) json.spec.replicas = 1;
    const main = r.main ? podSpecOf(json)?.containers?.[0] : undefined;
    if (main) {
      const requests = main.resources?.requests;
      if (requests) {
        for (const [k, small] of Object.entries(DEV_REQUESTS))
          if (requests[k] !== undefined && quantity(requests[k]) > quantity(small)) requests[k] = small;
      }
      if (r.service && built.has(r.service)) main.imagePullPolicy = 'IfNotPresent';
    }
    if (json.kind === 'Namespace') relaxPodSecurity(json);
    out.push({ ...r, json });
  }
  return out;
}

const PSS = 'pod-security.kubernetes.io/';

function relaxPodSecurity(ns: ObjectJson): void {
  const labels = ns.metadata.labels;
  const level = labels?.[`${PSS}enforce`];
  if (!labels || level === undefined) return;
  delete labels[`${PSS}enforce`];
  delete labels[`${PSS}enforce-version`];
  labels[`${PSS}warn`] ??= level;
}

const UNITS: Record<string, number> = {
  m: 1e-3,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/** A Kubernetes quantity ("500m", "1Gi", "2") as a number; NaN when it is not one. */
export function quantity(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return NaN;
  const unit = m[2] ?? '';
  const scale = unit === '' ? 1 : UNITS[unit];
  return scale === undefined ? NaN : Number(m[1]) * scale;
}
