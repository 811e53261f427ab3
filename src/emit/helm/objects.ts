import { podSpecOf, type ClaimSpecJson, type Json, type ObjectJson, type Rendered } from '../environments.js';
import { escapeBraces, goString, Hooks } from './template.js';
import { mainContainer, type ServiceObjects } from './values.js';

export interface ChartContext {
  readonly chart: string;
  readonly project: string;
  /** Compose service → key under `services:` in values. */
  readonly serviceKeys: ReadonlyMap<string, string>;
  /** Secret name → key under `secrets:` in values. */
  readonly secretKeys: ReadonlyMap<string, string>;
  /** Per service, the production objects that values control. */
  readonly shapes: ReadonlyMap<string, ServiceObjects>;
  /** The conversion's namespace (the release's) and the second one for privileged pods, if any. */
  readonly namespace: string;
  readonly privilegedNamespace?: string;
}

const NAME = 'app.kubernetes.io/name';
const INSTANCE = 'app.kubernetes.io/instance';
const COMPONENT = 'app.kubernetes.io/component';
const PART_OF = 'app.kubernetes.io/part-of';
const MANAGED_BY = 'app.kubernetes.io/managed-by';
const PSS = 'pod-security.kubernetes.io/';
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];

/** One object as a template: its explanation, the values that control it, and the condition it exists under. */
export function objectTemplate(r: Rendered, ctx: ChartContext): string {
  const hooks = new Hooks();
  const json = structuredClone(r.json);
  const second = json.kind === 'Namespace' && json.metadata.name === ctx.privilegedNamespace;
  if (json.kind === 'Namespace') {
    json.metadata.name = hooks.add({ kind: 'scalar', expr: namespaceExpr(json.metadata.name, ctx) });
    const labels = (json.metadata.labels ??= {}) as Json;
    if (!second)
      for (const level of ['enforce', 'warn'])
        labels[`${PSS}${level}`] = hooks.add({ kind: 'optional', expr: `.Values.namespace.podSecurity.${level}` });
    // The second namespace's level is what its pods need: enforced whenever the first one's is.
    else
      labels[`${PSS}enforce`] = hooks.add({
        kind: 'when',
        expr: '.Values.namespace.podSecurity.enforce',
        literal: labels[`${PSS}enforce`],
      });
  } else if (json.metadata.namespace !== undefined)
    json.metadata.namespace = hooks.add({ kind: 'scalar', expr: namespaceExpr(json.metadata.namespace, ctx) });
  if (ctx.privilegedNamespace) namespaceReferences(json, hooks, ctx);
  templateLabels(json, hooks, ctx);
  secretReferences(json, hooks, ctx);
  const key = r.service ? ctx.serviceKeys.get(r.service) : undefined;
  const shape = r.service ? ctx.shapes.get(r.service) : undefined;
  let condition: string | undefined;
  if (key && shape) {
    serviceHooks(r, json, hooks, shape, ctx.chart);
    if (json.kind === 'PodDisruptionBudget') condition = '$v.pdb.enabled';
    // The backup claim stays: the database's pod mounts it (so that it is bound when the database starts).
    else if (r.backup && json.kind === 'CronJob') condition = '$v.backup.enabled';
    else if (json.kind === 'Ingress') condition = '$v.ingress.enabled';
  }
  // The second namespace is the chart's own (no one creates it before the install); the first is the release's.
  if (json.kind === 'Namespace' && !second) condition = '.Values.namespace.create';
  // One-shot Jobs can be held back (jobs.enabled=false): installed before the data is moved, they
  // would write to the empty databases, or wait for apps still at zero and fail for good.
  if (json.kind === 'Job' && r.layer === 'jobs') condition = '.Values.jobs.enabled';
  const body = hooks.render(json);
  const head = r.emitted.comments.map((c) => escapeBraces(`# ${c}`.replace(/\n/g, '\n# '))).join('\n');
  const lines = [
    ...(head ? [head] : []),
    ...(key && (body.includes('$v') || condition?.includes('$v'))
      ? [`{{- $v := index .Values.services ${goString(key)} }}`]
      : []),
    ...(condition ? [`{{- if ${condition} }}`] : []),
    body.replace(/\n$/, ''),
    ...(condition ? ['{{- end }}'] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** A namespace of the conversion as the chart names it: the release's, or the release's with `-privileged`. */
function namespaceExpr(ns: string, ctx: ChartContext): string {
  return ns === ctx.privilegedNamespace ? '{{ .Release.Namespace }}-privileged' : '{{ .Release.Namespace }}';
}

/** Where one namespace names the other: NetworkPolicy peers and ExternalName Services follow the release. */
function namespaceReferences(json: ObjectJson, hooks: Hooks, ctx: ChartContext): void {
  const names = [ctx.namespace, ctx.privilegedNamespace ?? ''];
  const spec = json.spec;
  const external = spec?.externalName;
  if (spec && typeof external === 'string') {
    const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(external);
    if (m?.[1] && m[2] && names.includes(m[2]))
      spec.externalName = hooks.add({
        kind: 'scalar',
        expr: `${m[1]}.${namespaceExpr(m[2], ctx)}.svc.cluster.local`,
      });
  }
  if (json.kind !== 'NetworkPolicy') return;
  for (const rule of [
    ...((spec?.ingress as Json[] | undefined) ?? []),
    ...((spec?.egress as Json[] | undefined) ?? []),
  ])
    for (const peer of [...((rule.from as Json[] | undefined) ?? []), ...((rule.to as Json[] | undefined) ?? [])]) {
      const labels = (peer.namespaceSelector as { matchLabels?: Json } | undefined)?.matchLabels;
      const ns = labels?.['kubernetes.io/metadata.name'];
      if (labels && typeof ns === 'string' && names.includes(ns))
        labels['kubernetes.io/metadata.name'] = hooks.add({ kind: 'scalar', expr: namespaceExpr(ns, ctx) });
    }
}

/** Standard label sets become the chart's helpers; the instance and manager follow the release. */
function templateLabels(node: Json, hooks: Hooks, ctx: ChartContext): void {
  for (const [k, v] of Object.entries(node)) {
    if (Array.isArray(v)) {
      for (const item of v) if (item && typeof item === 'object') templateLabels(item as Json, hooks, ctx);
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    const map = v as Json;
    const keys = Object.keys(map);
    const standard = map[INSTANCE] === ctx.project && typeof map[NAME] === 'string';
    if (standard && keys.length === 2) {
      node[k] = hooks.add({ kind: 'include', expr: `include "${ctx.chart}.selectorLabels" ${dict(map)}` });
      continue;
    }
    if (
      standard &&
      map[PART_OF] === ctx.project &&
      map[MANAGED_BY] === 'stevedore' &&
      keys.every((x) => [NAME, INSTANCE, COMPONENT, PART_OF, MANAGED_BY].includes(x))
    ) {
      node[k] = hooks.add({ kind: 'include', expr: `include "${ctx.chart}.labels" ${dict(map)}` });
      continue;
    }
    if (map[INSTANCE] === ctx.project) map[INSTANCE] = hooks.add({ kind: 'scalar', expr: '{{ .Release.Name }}' });
    if (map[MANAGED_BY] === 'stevedore')
      map[MANAGED_BY] = hooks.add({ kind: 'scalar', expr: '{{ .Release.Service }}' });
    templateLabels(map, hooks, ctx);
  }
}

function dict(labels: Json): string {
  const component = labels[COMPONENT] as string | undefined;
  return `(dict "name" ${goString(labels[NAME] as string)}${component ? ` "component" ${goString(component)}` : ''} "ctx" $)`;
}

/** A reference to a Secret we generate names `secrets.<key>.existingSecret` when that is set. */
function secretReferences(node: Json, hooks: Hooks, ctx: ChartContext): void {
  for (const [k, v] of Object.entries(node)) {
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const item of v) if (item && typeof item === 'object') secretReferences(item as Json, hooks, ctx);
      continue;
    }
    const ref = v as Json;
    const field =
      k === 'secretKeyRef' || k === 'secretRef'
        ? 'name'
        : k === 'secret'
          ? ref.secretName
            ? 'secretName'
            : 'name'
          : undefined;
    const key = field ? ctx.secretKeys.get(ref[field] as string) : undefined;
    if (field && key)
      ref[field] = hooks.add({
        kind: 'scalar',
        expr: `{{ (index $.Values.secrets ${goString(key)}).existingSecret | default ${goString(ref[field] as string)} | quote }}`,
      });
    else secretReferences(ref, hooks, ctx);
  }
}

/** Image, replicas, resources, probes, env, persistence, ingress and backup schedule from the service's values. */
function serviceHooks(r: Rendered, json: ObjectJson, hooks: Hooks, shape: ServiceObjects, chart: string): void {
  const mainImage = mainContainer(shape.main)?.image;
  const pod = podSpecOf(json);
  for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])])
    if (mainImage && c.image === mainImage)
      c.image = hooks.add({ kind: 'scalar', expr: `{{ include "${chart}.image" $v.image | quote }}` });
  const spec: Json = json.spec ?? {};
  const c: Json | undefined = r.main ? pod?.containers?.[0] : undefined;
  if (c) {
    c.imagePullPolicy = hooks.add({ kind: 'optional', expr: '$v.image.pullPolicy' });
    if (c.resources) c.resources = hooks.add({ kind: 'block', expr: '$v.resources' });
    for (const p of PROBES) if (c[p]) c[p] = hooks.add({ kind: 'when', expr: '$v.probes.enabled', literal: c[p] });
    c.env = hooks.add({ kind: 'append', expr: '$v.env', literal: (c.env as unknown[] | undefined) ?? [] });
    if (typeof spec.replicas === 'number') spec.replicas = hooks.add({ kind: 'scalar', expr: '{{ $v.replicas }}' });
    if (json.kind === 'StatefulSet')
      for (const t of json.spec?.volumeClaimTemplates ?? [])
        claimHooks(t.spec, claimKey(shape, t.metadata.name), hooks);
  }
  if (json.kind === 'PersistentVolumeClaim' && !r.backup && json.spec)
    claimHooks(json.spec, claimKey(shape, json.metadata.name), hooks);
  if (json.kind === 'Ingress') {
    spec.ingressClassName = hooks.add({ kind: 'optional', expr: '$v.ingress.className' });
    for (const rule of json.spec?.rules ?? [])
      if (rule.host) rule.host = hooks.add({ kind: 'scalar', expr: '{{ $v.ingress.host | quote }}' });
    for (const tls of json.spec?.tls ?? [])
      if (tls.hosts) tls.hosts = hooks.add({ kind: 'block', expr: '(list $v.ingress.host)' });
  }
  if (json.kind === 'CronJob' && r.backup)
    spec.schedule = hooks.add({ kind: 'scalar', expr: '{{ $v.backup.schedule | quote }}' });
}

function claimKey(shape: ServiceObjects, name: string): string | undefined {
  return shape.claims.find((c) => c.name === name)?.key;
}

function claimHooks(spec: ClaimSpecJson, key: string | undefined, hooks: Hooks): void {
  if (!key) return;
  const p = `(index $v.persistence ${goString(key)})`;
  const requests: Json | undefined = spec.resources?.requests;
  if (requests?.storage !== undefined)
    requests.storage = hooks.add({ kind: 'scalar', expr: `{{ ${p}.size | quote }}` });
  spec.storageClassName = hooks.add({ kind: 'optional', expr: `${p}.storageClass` });
}

/** A Secret from values, or none when an existing Secret is named or no value is given. */
export function secretTemplate(s: Rendered, ctx: ChartContext): string {
  const hooks = new Hooks();
  const key = ctx.secretKeys.get(s.json.metadata.name) ?? s.json.metadata.name;
  const json = structuredClone(s.json);
  delete json.stringData;
  json.metadata.namespace = hooks.add({ kind: 'scalar', expr: namespaceExpr(json.metadata.namespace ?? '', ctx) });
  templateLabels(json, hooks, ctx);
  const body = hooks.render(json).replace(/\n$/, '');
  return [
    `{{- $s := index .Values.secrets ${goString(key)} }}`,
    '{{- if and (not $s.existingSecret) $s.data }}',
    body,
    'stringData:',
    '  {{- range $k, $val := $s.data }}',
    '  {{ $k | quote }}: {{ $val | toString | quote }}',
    '  {{- end }}',
    '{{- end }}',
    '',
  ].join('\n');
}
