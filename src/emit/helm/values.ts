import { podSpecOf, type ClaimSpecJson, type ContainerJson, type Json, type Rendered } from '../environments.js';
import { splitImage } from '../images.js';

/** A Helm values key for a name: camelCase, unique among its siblings. */
export function valuesKeys(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    const base = name.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')) || 'x';
    let key = /^[0-9]/.test(base) ? `_${base}` : base;
    for (let i = 2; used.has(key); i++) key = `${base}${i}`;
    used.add(key);
    out.set(name, key);
  }
  return out;
}

/** The objects of one service, as the chart's values see them. */
export interface ServiceObjects {
  readonly main?: Rendered;
  readonly claims: { readonly key: string; readonly name: string; readonly spec: ClaimSpecJson }[];
  readonly ingress?: Rendered;
  readonly pdb?: Rendered;
  readonly backup: Rendered[];
}

export function mainContainer(r: Rendered | undefined): ContainerJson | undefined {
  return r ? podSpecOf(r.json)?.containers?.[0] : undefined;
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** A service's values block in one environment; `shape` (production's objects) decides which keys exist. */
export function serviceValues(shape: ServiceObjects, env: ServiceObjects): Json {
  const v: Json = {};
  const c = mainContainer(env.main) ?? mainContainer(shape.main);
  const prodC = mainContainer(shape.main);
  if (prodC && c) {
    const img = splitImage(prodC.image ?? '');
    v.image = {
      repository: img.repository,
      tag: img.tag ?? '',
      ...(img.digest ? { digest: img.digest } : {}),
      pullPolicy: c.imagePullPolicy ?? '',
    };
    if (shape.main?.json.spec?.replicas !== undefined) v.replicas = env.main?.json.spec?.replicas;
    if (prodC.resources) v.resources = c.resources;
    if (PROBES.some((p) => prodC[p])) v.probes = { enabled: PROBES.some((p) => c[p]) };
    v.env = {};
  }
  if (shape.claims.length) {
    const persistence: Json = {};
    for (const claim of shape.claims) {
      const now = env.claims.find((x) => x.key === claim.key)?.spec ?? claim.spec;
      persistence[claim.key] = {
        size: now.resources?.requests?.storage ?? '',
        storageClass: now.storageClassName ?? '',
      };
    }
    v.persistence = persistence;
  }
  if (shape.ingress) {
    const rule = (env.ingress ?? shape.ingress).json.spec?.rules?.[0];
    v.ingress = {
      enabled: Boolean(env.ingress),
      host: rule?.host ?? '',
      className: (env.ingress ?? shape.ingress).json.spec?.ingressClassName ?? '',
    };
  }
  if (shape.pdb) v.pdb = { enabled: Boolean(env.pdb) };
  if (shape.backup.length) {
    const cron = (env.backup.length ? env.backup : shape.backup).find((r) => r.json.kind === 'CronJob');
    const schedule = cron?.json.spec?.schedule;
    v.backup = { enabled: env.backup.some((r) => r.json.kind === 'CronJob'), ...(schedule ? { schedule } : {}) };
  }
  return v;
}

/** The leaves of `after` that differ from `before`: what a second values file must set. */
export function valuesDiff(before: unknown, after: unknown): unknown {
  if (isMap(before) && isMap(after)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(after)) {
      const d = valuesDiff(before[k], v);
      if (d !== undefined) out[k] = d;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? undefined : after;
}

function isMap(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON schema for values: every known key typed and nothing else accepted, so a typo fails `helm install`. */
export function valuesSchema(values: unknown, path: string[] = []): Json {
  const free = new Set(['resources', 'env', 'data']);
  if (isMap(values)) {
    const last = path[path.length - 1] ?? '';
    if (free.has(last))
      return last === 'resources'
        ? { type: 'object' }
        : { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } };
    const properties: Json = {};
    for (const [k, v] of Object.entries(values)) properties[k] = valuesSchema(v, [...path, k]);
    return { type: 'object', additionalProperties: false, properties };
  }
  if (typeof values === 'boolean') return { type: 'boolean' };
  if (typeof values === 'number') return { type: 'integer', minimum: 0 };
  if (Array.isArray(values)) return { type: 'array' };
  return { type: 'string' };
}
