import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { knowledgeById } from '../knowledge/index.js';
import type { AppModel, Finding, Workload } from '../model/types.js';
import { indexEdges, type EdgeIndex } from '../model/graph.js';
import { layersOf, type Layer } from '../model/layers.js';
import { mappedObjects, planService, type ConvertedObject, type PlannedObject } from './mapping.js';

/**
 * The analysis report as data: what `analyze --format json` prints and what the Markdown and
 * HTML renderers read. Its shape is described by schemas/analysis.schema.json. Secret values are
 * never in it: a sensitive variable carries its name and why it is sensitive, not its value.
 */
export interface Analysis {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'stevedore'; readonly version: string };
  readonly project: string;
  readonly summary: Summary;
  readonly services: readonly ServiceReport[];
  readonly edges: readonly {
    readonly from: string;
    readonly to: string;
    readonly kinds: readonly string[];
    readonly condition?: string;
    readonly via: readonly string[];
  }[];
  readonly volumes: AppModel['volumes'];
  readonly disabled: AppModel['disabled'];
  readonly decisions: readonly Decision[];
  readonly findings: readonly Omit<Finding, 'origin'>[];
  readonly checklist: readonly string[];
}

export interface Summary {
  readonly services: number;
  readonly stateful: readonly string[];
  readonly stateless: readonly string[];
  readonly jobs: readonly string[];
  readonly entry: readonly string[];
  readonly findings: { readonly high: number; readonly medium: number; readonly low: number; readonly info: number };
}

export interface ServiceReport {
  readonly name: string;
  readonly role: string;
  readonly roleReason: string;
  readonly knowledge?: string;
  readonly image?: string;
  readonly build?: string;
  readonly stateful: boolean;
  readonly oneShot: boolean;
  /** Where convert puts it: with the data services, the one-shot jobs, or the apps (applied in that order). */
  readonly layer: Layer;
  readonly replicas: number;
  readonly exposure: string;
  readonly ports: readonly {
    readonly port: number;
    readonly protocol: string;
    readonly published?: string;
    readonly source: string;
    readonly variable?: string;
  }[];
  readonly storage: readonly {
    readonly kind: string;
    readonly target: string;
    readonly source?: string;
    readonly readOnly: boolean;
    readonly dataPath: boolean;
  }[];
  readonly healthcheck?: string;
  readonly environment: readonly {
    readonly name: string;
    readonly secret: boolean;
    readonly value?: string | null;
    readonly reason?: string;
  }[];
  readonly dependsOn: readonly string[];
  readonly usedBy: readonly string[];
  readonly resources: {
    readonly cpuLimit?: number;
    readonly memoryLimitBytes?: number;
    readonly cpuRequest?: number;
    readonly memoryRequestBytes?: number;
    readonly defaulted: boolean;
  };
  readonly kubernetes: readonly PlannedObject[];
  readonly profiles: readonly string[];
}

export interface Decision {
  readonly topic: string;
  readonly decision: string;
  readonly why: string;
}

/**
 * The analysis of a model. Given what convert made (`converted`: its objects per service and its
 * namespace), the Kubernetes mapping lists exactly those objects; without it, the plan.
 */
export function buildAnalysis(
  model: AppModel,
  converted?: { readonly namespace: string; readonly objects: ReadonlyMap<string, readonly ConvertedObject[]> },
): Analysis {
  const index = indexEdges(model.edges);
  const layers = layersOf(model);
  const services = model.workloads.map((w) => serviceReport(w, model, index, layers, converted));
  const count = (s: Finding['severity']) => model.findings.filter((f) => f.severity === s).length;
  const edgeMap = new Map<
    string,
    { from: string; to: string; kinds: Set<string>; condition?: string; via: Set<string> }
  >();
  for (const e of model.edges) {
    const key = `${e.from}>${e.to}`;
    const cur = edgeMap.get(key) ?? { from: e.from, to: e.to, kinds: new Set<string>(), via: new Set<string>() };
    cur.kinds.add(e.kind);
    if (e.condition) cur.condition = e.condition;
    if (e.via && (e.kind === 'environment' || e.kind === 'config')) cur.via.add(e.via);
    edgeMap.set(key, cur);
  }
  return {
    schemaVersion: 1,
    tool: { name: 'stevedore', version: pkg.version },
    project: model.project,
    summary: {
      services: model.workloads.length,
      stateful: model.workloads.filter((w) => w.stateful).map((w) => w.name),
      stateless: model.workloads.filter((w) => !w.stateful && !w.oneShot).map((w) => w.name),
      jobs: model.workloads.filter((w) => w.oneShot).map((w) => w.name),
      entry: model.workloads.filter((w) => w.exposure === 'entry').map((w) => w.name),
      findings: { high: count('high'), medium: count('medium'), low: count('low'), info: count('info') },
    },
    services,
    edges: [...edgeMap.values()].map((e) => ({
      from: e.from,
      to: e.to,
      kinds: [...e.kinds].sort(),
      ...(e.condition ? { condition: e.condition } : {}),
      via: [...e.via].sort(),
    })),
    volumes: model.volumes,
    disabled: model.disabled,
    decisions: decisions(model),
    findings: model.findings.map(({ origin: _origin, ...f }) => f),
    checklist: checklist(model),
  };
}

function serviceReport(
  w: Workload,
  model: AppModel,
  index: EdgeIndex,
  layers: ReadonlyMap<string, Layer>,
  converted?: { readonly namespace: string; readonly objects: ReadonlyMap<string, readonly ConvertedObject[]> },
): ServiceReport {
  const k = w.knowledge ? knowledgeById(w.knowledge) : undefined;
  const limits = w.resources.limits;
  const req = w.resources.reservations;
  return {
    name: w.name,
    role: w.role,
    roleReason: w.roleReason,
    ...(k ? { knowledge: k.name } : {}),
    ...(w.image ? { image: w.image.raw } : {}),
    ...(w.build ? { build: relative(model.workingDir, w.build.context) } : {}),
    stateful: w.stateful,
    oneShot: w.oneShot,
    layer: layers.get(w.name) ?? 'apps',
    replicas: w.replicas,
    exposure: w.exposure,
    ports: w.ports.map((p) => ({
      port: p.port,
      protocol: p.protocol,
      ...(p.published ? { published: p.published } : {}),
      source: p.source,
      ...(p.variable ? { variable: p.variable } : {}),
    })),
    storage: w.storage.map((m) => ({
      kind: m.kind,
      target: m.target,
      ...(m.source ? { source: m.kind === 'data' ? m.source : relative(model.workingDir, m.source) } : {}),
      readOnly: m.readOnly,
      dataPath: m.isDataPath,
    })),
    ...(w.healthcheck ? { healthcheck: describeTest(w.healthcheck.test) } : {}),
    environment: w.environment.map((e) =>
      e.sensitive
        ? { name: e.name, secret: true, ...(e.reason ? { reason: e.reason } : {}) }
        : { name: e.name, secret: false, value: e.value },
    ),
    dependsOn: [...new Set((index.from.get(w.name) ?? []).map((e) => e.to))].sort(),
    usedBy: [...new Set((index.to.get(w.name) ?? []).map((e) => e.from))].sort(),
    resources: {
      ...(limits?.cpus !== undefined ? { cpuLimit: limits.cpus } : {}),
      ...(limits?.memoryBytes !== undefined ? { memoryLimitBytes: limits.memoryBytes } : {}),
      ...(req?.cpus !== undefined ? { cpuRequest: req.cpus } : {}),
      ...(req?.memoryBytes !== undefined ? { memoryRequestBytes: req.memoryBytes } : {}),
      defaulted: !limits,
    },
    kubernetes: converted
      ? mappedObjects(
          planService(w, index.to.get(w.name) ?? []),
          converted.objects.get(w.name) ?? [],
          converted.namespace,
        )
      : planService(w, index.to.get(w.name) ?? []),
    profiles: w.profiles,
  };
}

/** A path inside the project as ./x; outside it, as it is. */
function relative(dir: string, p: string): string {
  if (!path.isAbsolute(p)) return p;
  const rel = path.relative(dir, p);
  return rel === '' ? '.' : rel.startsWith('..') ? p : `./${rel}`;
}

export function describeTest(test: readonly string[]): string {
  const [kind, ...rest] = test;
  if (kind === 'CMD-SHELL') return rest.join(' ');
  if (kind === 'CMD') return rest.join(' ');
  return test.join(' ');
}

function decisions(model: AppModel): Decision[] {
  const ws = model.workloads;
  const stateful = ws.filter((w) => w.stateful);
  const entry = ws.filter((w) => w.exposure === 'entry');
  const devOnly = ws.filter((w) => w.exposure === 'dev-only');
  const scaled = ws.filter((w) => w.replicas >= 2 && !w.oneShot);
  const secrets = ws.reduce((n, w) => n + w.environment.filter((e) => e.sensitive).length, 0);
  const config = ws.reduce((n, w) => n + w.environment.filter((e) => !e.sensitive).length, 0);
  const probes = ws.filter((w) => w.healthcheck).length;
  const known = ws.filter((w) => !w.healthcheck && w.readiness).length;
  const out: Decision[] = [
    {
      topic: 'Service types',
      decision: `ClusterIP for every service that listens${entry.length ? `; an Ingress for ${entry.map((w) => w.name).join(', ')}` : ''}${stateful.length ? '; a headless Service for each StatefulSet' : ''}`,
      why: entry.length
        ? `${entry.map((w) => w.name).join(', ')} ${entry.length === 1 ? 'is' : 'are'} the way in (${entry.map((w) => w.roleReason).join('; ')}); nothing else needs to be reachable from outside`
        : 'no service looks like a public entry; add --host to publish one',
    },
    {
      topic: 'Storage',
      decision: stateful.length
        ? `StatefulSets with a PersistentVolumeClaim per replica for ${stateful.map((w) => `${w.name} (${w.knowledge ? (knowledgeById(w.knowledge)?.volumeSize ?? '10Gi') : '10Gi'})`).join(', ')}`
        : 'no service keeps data: Deployments only',
      why: 'named volumes hold data that must outlive a pod; sizes come from what each engine typically needs and can be changed with x-stevedore or flags',
    },
    {
      topic: 'Configuration and secrets',
      decision: `${config} setting${config === 1 ? '' : 's'} into ConfigMaps, ${secrets} sensitive value${secrets === 1 ? '' : 's'} into Secrets`,
      why: 'values are classified by name (PASSWORD, SECRET, TOKEN, KEY…), by content (passwords inside URLs, random-looking keys) and by what each image is known to read as a secret',
    },
    {
      topic: 'Scaling',
      decision: scaled.length
        ? `${scaled.map((w) => `${w.name} × ${w.replicas}`).join(', ')} with a PodDisruptionBudget and topology spread; the rest single-replica`
        : 'every service starts with one replica',
      why: 'replicas come from deploy.replicas; a PodDisruptionBudget on a single replica would block every node drain, so there is none',
    },
    {
      topic: 'Security',
      decision:
        'non-root, no privilege escalation, all capabilities dropped (cap_add added back), RuntimeDefault seccomp, no service-account token',
      why: `the restricted Pod Security profile most clusters enforce${ws.some((w) => w.privileged) ? '; privileged services need an exception (see risks)' : ''}`,
    },
    {
      topic: 'Health checks',
      decision: `${probes} service${probes === 1 ? '' : 's'} get readiness and liveness probes from their healthcheck${known ? `, ${known} from the known check of their image` : ''}`,
      why: 'a Service only sends traffic to ready pods, so probes also replace depends_on conditions',
    },
  ];
  if (devOnly.length)
    out.push({
      topic: 'Developer ports',
      decision: `${devOnly.map((w) => w.name).join(', ')} stay internal`,
      why: 'their host ports served developer access; use kubectl port-forward instead',
    });
  const obs = ws.filter((w) => w.role === 'observability');
  out.push({
    topic: 'Observability',
    decision: obs.length
      ? `${obs.map((w) => w.name).join(', ')} can move as they are, or be replaced by the cluster's monitoring stack`
      : "no monitoring in the stack: rely on the cluster's",
    why: 'a cluster usually runs Prometheus and log collection once for all workloads',
  });
  return out;
}

function checklist(model: AppModel): string[] {
  const ws = model.workloads;
  const built = ws.filter((w) => w.build);
  const stateful = ws.filter((w) => w.stateful);
  const steps: string[] = [];
  if (built.length)
    steps.push(
      `Build and push images for ${built.map((w) => w.name).join(', ')} to a registry the cluster can pull from`,
    );
  const secretCount = ws.reduce((n, w) => n + w.environment.filter((e) => e.sensitive).length, 0);
  if (secretCount)
    steps.push(
      `Provide the ${secretCount} secret value${secretCount === 1 ? '' : 's'} for production (a secret manager or sealed secrets); never reuse the Compose defaults`,
    );
  if (stateful.length) steps.push('Pick a StorageClass and confirm the volume sizes');
  for (const w of stateful) {
    const k = w.knowledge ? knowledgeById(w.knowledge) : undefined;
    steps.push(`Back up ${w.name}${k?.backup ? ` (${k.backup})` : ''} before anything else`);
  }
  if (stateful.length)
    steps.push(`Deploy the data services (${stateful.map((w) => w.name).join(', ')}) and wait until they are ready`);
  const movable = stateful.filter((w) => w.knowledge && knowledgeById(w.knowledge)?.migration !== 'none');
  if (movable.length)
    steps.push(
      `Stop writes, then move the data: stevedore migrate plan, run, verify (${movable.map((w) => w.name).join(', ')})`,
    );
  const jobs = ws.filter((w) => w.oneShot);
  if (jobs.length) steps.push(`Run the one-shot jobs: ${jobs.map((w) => w.name).join(', ')}`);
  steps.push('Deploy the applications and check every pod becomes ready');
  const entry = ws.filter((w) => w.exposure === 'entry');
  if (entry.length)
    steps.push(`Point DNS at the Ingress for ${entry.map((w) => w.name).join(', ')} and test from outside`);
  steps.push('Keep the Compose volumes until the new stack has run a full backup cycle');
  return steps;
}
