import type { Origin } from '../diagnostics/diagnostic.js';

/**
 * The normalized Compose project: every short syntax in its long form, relative paths absolute,
 * durations in milliseconds, byte sizes in bytes, env files folded into `environment`.
 * Field names are Compose's own, so the project prints back as valid Compose.
 */
export interface ComposeProject {
  name: string;
  /** The project folder: relative paths in the files are resolved against it. */
  working_dir: string;
  /** The Compose files read, in order (includes and extended files listed after their parents). */
  files: string[];
  /** Profiles that were active. */
  profiles: string[];
  services: Record<string, Service>;
  /** Services left out because none of their profiles is active, with those profiles. */
  disabled_services: Record<string, string[]>;
  networks: Record<string, Network>;
  volumes: Record<string, Volume>;
  secrets: Record<string, SecretOrConfig>;
  configs: Record<string, SecretOrConfig>;
  models?: Record<string, unknown>;
  /** Top-level `x-` extensions. */
  extensions: Record<string, unknown>;
  /** Where each value came from, by JSON pointer into this object (see {@link originOf}). */
  origins: Map<string, Origin>;
  /** The text as written before interpolation, for values that held `${...}`, by JSON pointer. */
  templates: Map<string, string>;
}

export interface Service {
  name: string;
  image?: string;
  build?: Build;
  command?: string[] | null;
  entrypoint?: string[] | null;
  environment: Record<string, string | null>;
  env_file?: EnvFileRef[];
  ports: Port[];
  expose: string[];
  volumes: ServiceVolume[];
  tmpfs?: string[];
  depends_on: Record<string, Dependency>;
  healthcheck?: Healthcheck;
  deploy?: Deploy;
  restart?: string;
  user?: string;
  working_dir?: string;
  hostname?: string;
  container_name?: string;
  networks?: Record<string, ServiceNetwork | null>;
  network_mode?: string;
  secrets: FileMount[];
  configs: FileMount[];
  labels: Record<string, string>;
  cap_add?: string[];
  cap_drop?: string[];
  privileged?: boolean;
  read_only?: boolean;
  profiles?: string[];
  links?: string[];
  volumes_from?: string[];
  ulimits?: Record<string, { soft: number; hard: number }>;
  shm_size?: number;
  mem_limit?: number;
  mem_reservation?: number;
  memswap_limit?: number;
  cpus?: number;
  stop_grace_period?: number;
  dns?: string[];
  dns_search?: string[];
  extra_hosts?: Record<string, string[]>;
  sysctls?: Record<string, string>;
  security_opt?: string[];
  /** Every other key the specification allows, carried as written (`init`, `tty`, `logging`, `pid`, ...). */
  [key: string]: unknown;
}

export interface Build {
  context: string;
  dockerfile?: string;
  args?: Record<string, string | null>;
  target?: string;
  [key: string]: unknown;
}

export interface EnvFileRef {
  path: string;
  required: boolean;
  format?: string;
}

export interface Port {
  target: number;
  published?: string;
  host_ip?: string;
  protocol: string;
  mode: string;
  name?: string;
  app_protocol?: string;
}

export interface ServiceVolume {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  source?: string;
  target: string;
  read_only?: boolean;
  bind?: { create_host_path?: boolean; selinux?: string; propagation?: string };
  volume?: { nocopy?: boolean; subpath?: string };
  tmpfs?: { size?: number; mode?: number };
  [key: string]: unknown;
}

export interface Dependency {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  required: boolean;
  restart: boolean;
}

export interface Healthcheck {
  test?: string[];
  disable?: boolean;
  interval?: number;
  timeout?: number;
  retries?: number;
  start_period?: number;
  start_interval?: number;
}

export interface Resources {
  cpus?: number;
  memory?: number;
  pids?: number;
  [key: string]: unknown;
}

export interface Deploy {
  mode?: string;
  replicas?: number;
  resources?: { limits?: Resources; reservations?: Resources };
  restart_policy?: { condition?: string; delay?: number; max_attempts?: number; window?: number };
  placement?: { constraints?: string[]; preferences?: { spread: string }[]; max_replicas_per_node?: number };
  labels?: Record<string, string>;
  [key: string]: unknown;
}

export interface ServiceNetwork {
  aliases?: string[];
  ipv4_address?: string;
  ipv6_address?: string;
  [key: string]: unknown;
}

export interface FileMount {
  source: string;
  target: string;
  uid?: string;
  gid?: string;
  mode?: number;
}

export interface Network {
  name: string;
  driver?: string;
  external?: boolean;
  internal?: boolean;
  [key: string]: unknown;
}

export interface Volume {
  name: string;
  driver?: string;
  external?: boolean;
  [key: string]: unknown;
}

export interface SecretOrConfig {
  name: string;
  file?: string;
  environment?: string;
  content?: string;
  external?: boolean;
  [key: string]: unknown;
}

/** JSON pointer segment escaping (RFC 6901). */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The origin of the value at `ptr`, or of the nearest enclosing value that has one. */
export function originOf(project: Pick<ComposeProject, 'origins'>, ptr: string): Origin | undefined {
  let p = ptr;
  for (;;) {
    const o = project.origins.get(p);
    if (o) return o;
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/**
 * The service a model workload was built from. Every workload comes from a service of the same
 * project, so a miss is a bug in Stevedore, not in the input.
 */
export function serviceOf(project: Pick<ComposeProject, 'services'>, name: string): Service {
  const svc = project.services[name];
  if (!svc) throw new Error(`internal: the project has no service ${JSON.stringify(name)}`);
  return svc;
}
