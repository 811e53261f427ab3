import { CATALOG } from './catalog.js';
import type { ImageKnowledge, RunMode } from './types.js';

export * from './types.js';
export { CATALOG } from './catalog.js';

/** An image reference taken apart: `[registry/]repository[:tag][@digest]`. */
export interface ImageRef {
  readonly raw: string;
  /** Absent for Docker Hub. */
  readonly registry?: string;
  /** Without Docker Hub's `library/` prefix. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export function parseImage(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0] ?? '')) registry = parts.shift();
  if (registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io')
    registry = undefined;
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  const repository = parts.join('/').toLowerCase();
  return { raw, ...(registry ? { registry } : {}), repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/**
 * The image reference grammar of Docker's distribution/reference, which the container runtime
 * applies when it pulls (an image it rejects leaves the pod in InvalidImageName): an optional
 * registry host (with a port), lowercase path components, a tag of at most 128 word characters,
 * dots and dashes, an optional digest.
 */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const HOST =
  '(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
const REFERENCE = new RegExp(
  `^(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** Whether a runtime can pull the reference at all (`apache/airflow:|version|`, a placeholder left in, cannot). */
export function isValidReference(raw: string): boolean {
  return raw.length <= 255 && REFERENCE.test(raw.trim());
}

/**
 * True when the reference names a moving target: no tag, `:latest`, or a tag that names no version
 * at all (`alpine`, `fpm-alpine`, `stable`, `lts`, `bookworm`: republished with each release, so
 * `postgres:alpine` moves to the next major version, which does not start on the older one's data).
 */
export function isUnpinned(ref: ImageRef): boolean {
  if (ref.digest || !isValidReference(ref.raw)) return false;
  return ref.tag === undefined || ref.tag === 'latest' || !/\d/.test(ref.tag);
}

const INDEX = new Map<string, ImageKnowledge>();
for (const entry of CATALOG) for (const image of entry.images) INDEX.set(image.toLowerCase(), entry);

/** What the catalog knows about an image, by its full name, its repository, or an official image's name behind a mirror. */
export function lookupImage(ref: ImageRef): ImageKnowledge | undefined {
  if (ref.registry) {
    const full = INDEX.get(`${ref.registry}/${ref.repository}`);
    if (full) return full;
  }
  const direct = INDEX.get(ref.repository);
  if (direct) return direct;
  // A mirror such as registry.example.com/mirror/postgres: match the official image by its last name.
  const last = ref.repository.split('/').pop() ?? ref.repository;
  const official = INDEX.get(last);
  return official && official.images.includes(last) ? official : undefined;
}

/** Image families that write their state (keys, databases, generated settings) into /config. */
const STATE_IN_CONFIG = /^(lscr\.io\/|ghcr\.io\/)?(linuxserver|jitsi|hotio)\//;

/** Whether the image keeps its state in /config (jitsi, linuxserver, hotio): a writable /config there is data. */
export function keepsStateInConfig(ref: ImageRef): boolean {
  return STATE_IN_CONFIG.test(ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository);
}

export function knowledgeById(id: string): ImageKnowledge | undefined {
  return CATALOG.find((k) => k.id === id);
}

/** How a service runs its image: what picks a mode of the catalog's entry. */
export interface HowRun {
  readonly image?: ImageRef;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment: Readonly<Record<string, string | null>>;
}

function modeMatches(m: RunMode, run: HowRun): boolean {
  const words = (w: readonly string[] | undefined) => (w ?? []).join(' ').trim();
  // A mirror (registry.example.com/mirror/nextcloud) is the image it mirrors.
  const repo = run.image?.repository ?? '';
  if (m.images && !m.images.some((i) => repo === i || repo.endsWith(`/${i}`))) return false;
  if (m.tag && !m.tag.test(run.image?.tag ?? '')) return false;
  if (m.command && !m.command.test(words(run.command))) return false;
  if (m.entrypoint && !m.entrypoint.test(words(run.entrypoint))) return false;
  return true;
}

/**
 * The words of a command that runs an application image's background process instead of its server:
 * a job queue's worker (Sidekiq, RQ, Celery, Laravel's queue:work), a scheduler or periodic
 * housekeeping. Such a process listens on none of the server's ports.
 */
const BACKGROUND_COMMAND =
  /(?:^|[\s/])(?:(?:rq)?worker|sidekiq|celery\b.*\b(?:worker|beat)|beat|scheduler|triggerer|dag-processor|housekeeping(?:\.sh)?|queue:(?:work|listen)|schedule:work|rqscheduler|cron)(?=$|[\s.])/i;

/**
 * An application's image that serves on known ports, with a command that runs one of its background
 * processes instead (NetBox's `manage.py rqworker` and `housekeeping.sh`, Mastodon's `bundle exec
 * sidekiq`, Airflow's `celery worker` and `scheduler`, Sentry's `run worker`): a worker with no
 * port and none of the server's checks, unless its catalog entry names the mode itself. Ports it does listen on still come from the Compose file, its health
 * check and the services that connect to it.
 */
function backgroundMode(k: ImageKnowledge, run: HowRun): RunMode | undefined {
  if (!['web', 'api', 'worker'].includes(k.role) || !k.ports.length) return undefined;
  const inCommand = BACKGROUND_COMMAND.exec((run.command ?? []).join(' '))?.[0];
  const found = (inCommand ?? BACKGROUND_COMMAND.exec((run.entrypoint ?? []).join(' '))?.[0])?.trim();
  if (!found) return undefined;
  return {
    ...(inCommand ? { command: BACKGROUND_COMMAND } : { entrypoint: BACKGROUND_COMMAND }),
    name: 'background worker',
    role: 'worker',
    ports: [],
    source: `its command runs ${found.replace(/^.*\//, '')}, not the server that listens on ${k.ports.join(', ') || 'its ports'}`,
  };
}

/** What about the service chose the mode, as said to the user. */
function chosenBy(m: RunMode, run: HowRun): string {
  const said: string[] = [];
  if (m.images) said.push(`image ${run.image?.repository ?? ''}`);
  if (m.tag) said.push(`tag ${run.image?.tag ?? ''}`);
  if (m.command) said.push(`command ${(run.command ?? []).join(' ')}`);
  if (m.entrypoint) said.push(`entrypoint ${(run.entrypoint ?? []).join(' ')}`);
  return said.join(', ');
}

/** The catalog's entry as a service runs it: its command's mode applied, and how its readiness is known. */
export interface RunningAs {
  /** The entry with the mode's role and ports, and the check that applies with this environment. */
  readonly knowledge: ImageKnowledge;
  /** What the image is as run, when a mode applies: `n8n run as its queue worker (command worker)`, `Grafana Alloy`. */
  readonly mode?: string;
  /** How the readiness check was chosen, or why there is none: said beside the probes. */
  readonly check?: string;
}

/**
 * What the image is when run with this command and environment: n8n's `worker` is a queue worker
 * that listens on nothing but, with QUEUE_HEALTH_CHECK_ACTIVE=true, a health port; Keycloak serves
 * its health endpoints only with KC_HEALTH_ENABLED=true.
 */
export function runningAs(k: ImageKnowledge, run: HowRun): RunningAs {
  const mode = k.modes?.find((m) => modeMatches(m, run)) ?? backgroundMode(k, run);
  const env = run.environment;
  const named = mode ? (mode.product ? mode.name : `${k.name}'s ${mode.name}`) : k.name;
  const known = mode ? mode.readiness : k.readiness;
  const { readiness: _main, modes: _modes, ...rest } = k;
  const base: ImageKnowledge = {
    ...rest,
    ...(mode ? { ports: mode.ports, ...(mode.role ? { role: mode.role } : {}) } : {}),
  };
  const withMode = mode
    ? { mode: mode.product ? mode.name : `${k.name} run as its ${mode.name} (${chosenBy(mode, run)})` }
    : {};
  const source = known?.source ?? mode?.source;
  const from = source ? ` (${source})` : '';
  if (!known)
    return { knowledge: base, ...withMode, ...(mode ? { check: `${named} serves no health check${from}` } : {}) };
  if (known.onlyWith && !/^(true|1|yes|on)$/i.test(env[known.onlyWith]?.trim() ?? ''))
    return {
      knowledge: base,
      ...withMode,
      check: `${named} serves no health check unless ${known.onlyWith}=true${from}; set it in the Compose file to get its probes`,
    };
  const moved = known.portEnv ? Number(env[known.portEnv] ?? NaN) : NaN;
  const readiness =
    known.kind !== 'exec' && Number.isInteger(moved) && moved > 0 && moved < 65536 ? { ...known, port: moved } : known;
  return { knowledge: { ...base, readiness }, ...withMode, check: `probes use the known check for ${named}${from}` };
}

/** The user an image runs as, for its variant: uid, fsGroup, whether it must start as root, and the source. */
export interface RuntimeUser {
  readonly uid?: number;
  readonly fsGroup?: number;
  readonly needsRoot: boolean;
  readonly source?: string;
}

export function runtimeUser(k: ImageKnowledge, ref: ImageRef | undefined): RuntimeUser {
  const repo = ref?.repository;
  const last = repo?.split('/').pop();
  const v = k.variants?.find(
    (x) =>
      (!x.images ||
        (repo !== undefined && (x.images.includes(repo) || (last !== undefined && x.images.includes(last))))) &&
      (!x.tag || x.tag.test(ref?.tag ?? '')),
  );
  if (v)
    return {
      ...(v.uid !== undefined ? { uid: v.uid } : {}),
      ...(v.fsGroup !== undefined ? { fsGroup: v.fsGroup } : {}),
      needsRoot: Boolean(v.needsRoot),
      source: v.source,
    };
  return {
    ...(k.uid !== undefined ? { uid: k.uid } : {}),
    ...(k.fsGroup !== undefined ? { fsGroup: k.fsGroup } : {}),
    needsRoot: Boolean(k.needsRoot),
    ...(k.userSource ? { source: k.userSource } : {}),
  };
}
