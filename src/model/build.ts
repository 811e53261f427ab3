import type { ComposeProject, Service } from '../compose/types.js';
import { originOf, pointer } from '../compose/types.js';
import { parseSize } from '../compose/syntax.js';
import type { Result } from '../diagnostics/diagnostic.js';
import { nodeFs, type FileSystem } from '../io/fs.js';
import {
  DATA_ROLES,
  knowledgeById,
  lookupImage,
  parseImage,
  runningAs,
  type ImageKnowledge,
  type ImageRef,
} from '../knowledge/index.js';
import { decideRole } from './classify.js';
import { detectFindings } from './findings/index.js';
import { readDockerfile } from './dockerfile.js';
import { labelRoutes } from './proxy-labels.js';
import { knownReadiness, ports } from './listening.js';
import { serviceConfig } from './config-refs.js';
import { buildEdges, indexEdges } from './graph.js';
import { classifyEnv, weakDefault } from './secrets.js';
import { classifyMount, nodeAgentReason } from './storage.js';
import type { AppModel, Edge, EnvVar, Exposure, Mount, Workload } from './types.js';

export interface ModelOptions {
  /** Used to tell a bind-mounted file from a folder. @default the real file system */
  readonly fs?: FileSystem;
}

/** The application model of a loaded Compose project. Pure apart from looking at bind-mount sources. */
export function buildModel(project: ComposeProject, options: ModelOptions = {}): Result<AppModel> {
  const fs = options.fs ?? nodeFs;
  // Mounts first: the configuration files they bring are searched for addresses like the environment is.
  const images = new Map(Object.values(project.services).map((svc) => [svc.name, identify(svc)]));
  const mounts = new Map(
    Object.values(project.services).map((svc) => [
      svc.name,
      classifyMounts(svc, project, fs, images.get(svc.name) ?? {}),
    ]),
  );
  const configs = new Map(
    Object.values(project.services).map((svc) => [
      svc.name,
      serviceConfig(svc, project, mounts.get(svc.name) ?? [], fs),
    ]),
  );
  const edges = buildEdges(project, configs);
  const { to } = indexEdges(edges);
  // How many services mount each named volume: one that several share is nobody's own data.
  const volumeUsers = new Map<string, number>();
  for (const svc of Object.values(project.services)) {
    for (const v of new Set(
      svc.volumes.filter((x) => x.type === 'volume' && x.source).flatMap((x) => (x.source ? [x.source] : [])),
    ))
      volumeUsers.set(v, (volumeUsers.get(v) ?? 0) + 1);
  }
  // And each host folder a service writes to: one that several share (uploads written by the app and
  // served by its workers) makes none of them stateful either.
  for (const list of mounts.values())
    for (const source of new Set(list.flatMap((m) => (m.kind === 'host-path' && m.source ? [m.source] : []))))
      volumeUsers.set(`host:${source}`, (volumeUsers.get(`host:${source}`) ?? 0) + 1);
  const drafts = Object.values(project.services).map((svc) =>
    draftWorkload(svc, project, fs, to.get(svc.name) ?? [], volumeUsers, {
      ...images.get(svc.name),
      storage: mounts.get(svc.name) ?? [],
      unsearched: configs.get(svc.name)?.unsearched ?? [],
    }),
  );
  const exposure = decideExposure(drafts);
  const workloads = drafts.map((w) => ({ ...w, exposure: exposure.get(w.name) ?? 'internal' }));
  const volumes = Object.entries(project.volumes).map(([name, v]) => ({
    name,
    external: Boolean(v.external),
    usedBy: workloads.filter((w) => w.storage.some((m) => m.volume === name)).map((w) => w.name),
  }));
  const model: AppModel = {
    project: project.name,
    workingDir: project.working_dir,
    workloads,
    edges,
    volumes,
    disabled: Object.entries(project.disabled_services).map(([name, profiles]) => ({ name, profiles })),
    findings: [],
  };
  return { value: { ...model, findings: detectFindings(model, project) }, diagnostics: [] };
}

type Draft = Omit<Workload, 'exposure'>;

function draftWorkload(
  svc: Service,
  project: ComposeProject,
  fs: FileSystem,
  incoming: readonly Edge[],
  volumeUsers: ReadonlyMap<string, number>,
  read: Identity & { readonly storage: readonly Mount[]; readonly unsearched: readonly string[] },
): Draft {
  const at = (...seg: (string | number)[]) => originOf(project, pointer('services', svc.name, ...seg));
  const { image, knowledge } = read;
  const completedBy = incoming.filter((e) => e.condition === 'service_completed_successfully').map((e) => e.from);
  const decision = decideRole(svc, knowledge, completedBy, read.mode);
  const storage = [...read.storage];
  const nodeAgent = nodeAgentReason(storage, knowledge);
  for (const t of svc.tmpfs ?? []) storage.push(tmpfsMount(t));
  const environment = environmentOf(svc, project, knowledge);
  // Data it owns: a named volume no other service mounts, or its data path on the host (a folder no
  // other service mounts). A volume shared with other services (uploaded assets served by a frontend and written by a backend)
  // does not make each of them stateful: they share one claim instead.
  const ownsData = storage.some(
    (m) =>
      (m.kind === 'data' && m.volume !== undefined && (volumeUsers.get(m.volume) ?? 0) === 1) ||
      (m.kind === 'host-path' && m.isDataPath && (volumeUsers.get(`host:${m.source ?? ''}`) ?? 0) <= 1),
  );
  const stateful = !decision.oneShot && (DATA_ROLES.has(decision.role) || ownsData);
  const restart = svc.restart?.startsWith('on-failure') ? 'on-failure' : ((svc.restart ?? 'no') as Workload['restart']);
  const origin = at();
  const build = buildOf(svc);
  // The image is built here: its Dockerfile says what it listens on and which user it runs as.
  const dockerfile = build ? readDockerfile(fs, project.working_dir, build) : undefined;
  // A reverse proxy's labels say where the service listens too (loadbalancer.server.port, upstreams).
  const routes = labelRoutes(svc.labels);
  const listens = ports(svc, decision.oneShot ? undefined : knowledge, incoming, dockerfile, routes);
  return {
    name: svc.name,
    ...(origin ? { origin } : {}),
    ...(image ? { image } : {}),
    ...(build ? { build } : {}),
    ...(dockerfile ? { dockerfile } : {}),
    ...(routes.length ? { routes } : {}),
    ...(svc.command ? { command: svc.command } : {}),
    ...(svc.entrypoint ? { entrypoint: svc.entrypoint } : {}),
    role: decision.role,
    roleReason: decision.reason,
    ...(knowledge ? { knowledge: knowledge.id } : {}),
    ...knownReadiness(knowledge, listens, read.knownCheck),
    stateful,
    oneShot: decision.oneShot,
    ...(svc.network_mode?.startsWith('service:') ? { sidecarOf: svc.network_mode.slice(8) } : {}),
    ports: listens,
    environment,
    storage,
    ...healthcheckOf(svc),
    replicas: decision.oneShot ? 1 : (svc.deploy?.replicas ?? 1),
    global: svc.deploy?.mode === 'global',
    ...(nodeAgent ? { nodeAgent } : {}),
    ...gpusOf(svc),
    resources: resourcesOf(svc),
    restart,
    ...(svc.user ? { user: svc.user } : {}),
    capAdd: svc.cap_add ?? [],
    capDrop: svc.cap_drop ?? [],
    privileged: Boolean(svc.privileged),
    readOnlyRoot: Boolean(svc.read_only),
    ...(svc.network_mode ? { networkMode: svc.network_mode } : {}),
    profiles: svc.profiles ?? [],
    fileSecrets: svc.secrets.map((s) => ({ source: s.source, target: s.target })),
    fileConfigs: svc.configs.map((s) => ({ source: s.source, target: s.target })),
    ...(read.unsearched.length ? { configUnsearched: read.unsearched } : {}),
  };
}

/** The service's environment, each value classified: secret or not, and why; a weak default flagged. */
function environmentOf(svc: Service, project: ComposeProject, knowledge: ImageKnowledge | undefined): EnvVar[] {
  return Object.entries(svc.environment).map(([name, value]) => {
    const verdict = classifyEnv(name, value, knowledge?.secretEnv);
    const template = project.templates.get(pointer('services', svc.name, 'environment', name));
    const weak = verdict.sensitive && weakDefault(template, value);
    const origin = originOf(project, pointer('services', svc.name, 'environment', name));
    return {
      name,
      value,
      sensitive: verdict.sensitive,
      ...(verdict.reason ? { reason: verdict.reason } : {}),
      ...(weak ? { weakDefault: true } : {}),
      ...(origin ? { origin } : {}),
    };
  });
}

/** The Compose healthcheck, when it has a test and is not disabled, with its timings in milliseconds. */
function healthcheckOf(svc: Service): Pick<Workload, 'healthcheck'> {
  const hc = svc.healthcheck;
  if (!hc || hc.disable || !hc.test?.length) return {};
  return {
    healthcheck: {
      test: hc.test,
      ...(hc.interval !== undefined ? { intervalMs: hc.interval } : {}),
      ...(hc.timeout !== undefined ? { timeoutMs: hc.timeout } : {}),
      ...(hc.retries !== undefined ? { retries: hc.retries } : {}),
      ...(hc.start_period !== undefined ? { startPeriodMs: hc.start_period } : {}),
    },
  };
}

/** Where the image is built from, when it is. */
function buildOf(svc: Service): Workload['build'] {
  return svc.build
    ? {
        context: svc.build.context,
        ...(svc.build.dockerfile ? { dockerfile: svc.build.dockerfile } : {}),
        ...(svc.build.target ? { target: svc.build.target } : {}),
        ...(svc.build.args ? { args: buildArgs(svc.build.args) } : {}),
      }
    : undefined;
}

/** Limits and reservations: `deploy.resources`, else the legacy `cpus`, `mem_limit`, `mem_reservation`. */
function resourcesOf(svc: Service): Workload['resources'] {
  const limits = svc.deploy?.resources?.limits;
  const reservations = svc.deploy?.resources?.reservations;
  const amounts = (r: typeof limits) =>
    r && (r.cpus !== undefined || r.memory !== undefined)
      ? {
          ...(r.cpus !== undefined ? { cpus: r.cpus } : {}),
          ...(r.memory !== undefined ? { memoryBytes: r.memory } : {}),
        }
      : undefined;
  const limitAmounts =
    amounts(limits) ??
    (svc.cpus !== undefined || svc.mem_limit !== undefined
      ? {
          ...(svc.cpus !== undefined ? { cpus: svc.cpus } : {}),
          ...(svc.mem_limit !== undefined ? { memoryBytes: svc.mem_limit } : {}),
        }
      : undefined);
  const reservationAmounts =
    amounts(reservations) ?? (svc.mem_reservation !== undefined ? { memoryBytes: svc.mem_reservation } : undefined);
  return {
    ...(limitAmounts ? { limits: limitAmounts } : {}),
    ...(reservationAmounts ? { reservations: reservationAmounts } : {}),
  };
}

/** The service's image and what the catalog knows of it, looked up once. */
interface Identity {
  readonly image?: ImageRef;
  /** The catalog's entry with the mode the service's command chose applied. */
  readonly knowledge?: ImageKnowledge;
  readonly mode?: string;
  readonly knownCheck?: string;
}

function identify(svc: Service): Identity {
  const image = svc.image ? parseImage(svc.image) : undefined;
  const entry = image ? lookupImage(image) : undefined;
  if (!entry) return image ? { image } : {};
  const running = runningAs(entry, {
    ...(image ? { image } : {}),
    ...(svc.command ? { command: svc.command } : {}),
    ...(svc.entrypoint ? { entrypoint: svc.entrypoint } : {}),
    environment: svc.environment,
  });
  return {
    ...(image ? { image } : {}),
    knowledge: running.knowledge,
    ...(running.check ? { knownCheck: running.check } : {}),
    ...(running.mode ? { mode: running.mode } : {}),
  };
}

/** What each of the service's volumes is (data, configuration, the node's, scratch). */
function classifyMounts(
  svc: Service,
  project: ComposeProject,
  fs: FileSystem,
  { image, knowledge }: Identity,
): Mount[] {
  return svc.volumes.map((v, i) => {
    const origin = originOf(project, pointer('services', svc.name, 'volumes', i));
    return classifyMount(v, {
      fs,
      projectDir: project.working_dir,
      ...(svc.build?.context ? { buildContext: svc.build.context } : {}),
      runs: [...(svc.healthcheck?.test ?? []), ...(svc.command ?? []), ...(svc.entrypoint ?? [])].join(' '),
      ...(knowledge ? { knowledge } : {}),
      ...(image ? { image } : {}),
      ...(origin ? { origin } : {}),
    });
  });
}

const DEV_ONLY_ROLES = new Set(['database', 'cache', 'queue', 'object-store', 'search', 'coordination']);

/**
 * Who is reached from outside. The entry is the reverse proxy if there is one, else what serves
 * 80/443, else the web frontend (else the one API, the one published service, or the dashboard);
 * data services published on the host are for developers only.
 */
function decideExposure(workloads: readonly Draft[]): Map<string, Exposure> {
  const out = new Map<string, Exposure>();
  const published = (w: Draft) => w.ports.some((p) => p.published !== undefined);
  const devOnly = (w: Draft) =>
    DEV_ONLY_ROLES.has(w.role) || Boolean(w.knowledge && knowledgeById(w.knowledge)?.developerTool);
  const candidates = workloads.filter((w) => published(w) && !w.oneShot && !devOnly(w) && !w.sidecarOf);
  const pick = (f: (w: Draft) => boolean) => candidates.filter(f);
  let entry = pick((w) => w.role === 'proxy');
  if (!entry.length)
    entry = pick((w) =>
      w.ports.some(
        (p) =>
          p.published !== undefined &&
          (p.port === 80 || p.port === 443 || p.published === '80' || p.published === '443'),
      ),
    );
  if (!entry.length) entry = pick((w) => w.role === 'web');
  if (!entry.length && pick((w) => w.role === 'api').length === 1) entry = pick((w) => w.role === 'api');
  if (!entry.length && candidates.length === 1) entry = candidates;
  // An observability stack (ELK, Prometheus and Grafana) is looked at through its dashboard.
  if (!entry.length) entry = pick((w) => Boolean(w.knowledge && knowledgeById(w.knowledge)?.dashboard));
  for (const w of workloads) {
    if (entry.includes(w)) out.set(w.name, 'entry');
    else if (!published(w)) out.set(w.name, 'internal');
    else if (devOnly(w)) out.set(w.name, 'dev-only');
    else out.set(w.name, 'public');
  }
  return out;
}

/** The short `tmpfs:` form, `PATH[:OPTIONS]` as `docker run --tmpfs` reads it (`/run:rw,size=64m,mode=1777`). */
export function tmpfsMount(spec: string): Mount {
  const colon = spec.indexOf(':');
  const target = colon < 0 ? spec : spec.slice(0, colon);
  const options = colon < 0 ? [] : spec.slice(colon + 1).split(',');
  const size = options.find((o) => o.startsWith('size='))?.slice('size='.length);
  const sizeBytes = size === undefined ? undefined : parseSize(size);
  return {
    kind: 'scratch',
    target,
    readOnly: options.includes('ro'),
    isDataPath: false,
    memory: true,
    ...(sizeBytes ? { sizeBytes } : {}),
  };
}

function buildArgs(args: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(args).filter((e): e is [string, string] => e[1] !== null));
}

interface DeviceRequest {
  driver?: string;
  count?: number | string;
  device_ids?: string[];
  capabilities?: string[];
}

/** The device plugin's resource name for a Compose GPU driver. */
const GPU_RESOURCES: Record<string, string> = {
  nvidia: 'nvidia.com/gpu',
  amd: 'amd.com/gpu',
  intel: 'gpu.intel.com/i915',
};

/**
 * GPUs from `deploy.resources.reservations.devices` (capability `gpu`) or the service's `gpus`:
 * Kubernetes schedules them as a device plugin's extended resource, counted (`all` has no count
 * there: one, said in the comments).
 */
function gpusOf(svc: Service): { gpus?: NonNullable<Workload['gpus']> } {
  const devices = (svc.deploy?.resources?.reservations?.devices as DeviceRequest[] | undefined) ?? [];
  const raw = (svc as { gpus?: unknown }).gpus;
  const requests: DeviceRequest[] = [
    ...devices.filter((d) => d.capabilities?.includes('gpu') || (d.driver && d.driver in GPU_RESOURCES)),
    ...(raw === 'all' ? [{ count: 'all' }] : Array.isArray(raw) ? (raw as DeviceRequest[]) : []),
  ];
  if (!requests.length) return {};
  let count = 0;
  let all = false;
  for (const d of requests) {
    if (d.count === 'all' || (d.count === undefined && !d.device_ids)) all = true;
    count += d.device_ids?.length ?? (typeof d.count === 'number' ? d.count : Number(d.count) || 1);
  }
  const resource = GPU_RESOURCES[requests[0]?.driver ?? 'nvidia'] ?? 'nvidia.com/gpu';
  return { gpus: { resource, count: Math.max(1, count), all } };
}
