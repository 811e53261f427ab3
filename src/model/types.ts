import type { LabelRoute } from './proxy-labels.js';
import type { DockerfileFacts } from './dockerfile.js';
import type { Origin } from '../diagnostics/diagnostic.js';
import type { ImageRef, Readiness, Role } from '../knowledge/index.js';

/**
 * The application as Stevedore understands it, with no Kubernetes in it: what each service is,
 * what it keeps, whom it talks to, who reaches it, which values are secret, and what a migration
 * must address. Every later stage (analyze, convert, lint, migrate) reads this.
 */
export interface AppModel {
  readonly project: string;
  readonly workingDir: string;
  readonly workloads: readonly Workload[];
  readonly edges: readonly Edge[];
  /** Named volumes with the services that mount them. */
  readonly volumes: readonly NamedVolume[];
  /** Services left out by profiles. */
  readonly disabled: readonly { readonly name: string; readonly profiles: readonly string[] }[];
  readonly findings: readonly Finding[];
}

export interface Workload {
  readonly name: string;
  readonly origin?: Origin;
  readonly image?: ImageRef;
  readonly build?: {
    readonly context: string;
    readonly dockerfile?: string;
    readonly target?: string;
    /** Build arguments with a value (unset ones are left to the build). */
    readonly args?: Readonly<Record<string, string>>;
  };
  /** The routes its reverse-proxy labels give it (Traefik, caddy-docker-proxy). */
  readonly routes?: readonly LabelRoute[];
  /** For a built image: what its Dockerfile (read inside the project) says of ports and user. */
  readonly dockerfile?: DockerfileFacts;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly role: Role;
  /** Why that role: the knowledge entry, or the clue in the service that decided it. */
  readonly roleReason: string;
  /** The catalog entry that matched the image, if any. */
  readonly knowledge?: string;
  /** The catalog's readiness check for the image as this service runs it (its command's mode). */
  readonly readiness?: Readiness;
  /** How that check was chosen, or why the image has none as it runs here (n8n's worker without its health switch). */
  readonly knownCheck?: string;
  /** Keeps data that must survive a restart. */
  readonly stateful: boolean;
  /** Runs to completion instead of serving. */
  readonly oneShot: boolean;
  /** Shares another service's network namespace (`network_mode: service:X`). */
  readonly sidecarOf?: string;
  readonly ports: readonly WorkloadPort[];
  readonly environment: readonly EnvVar[];
  readonly storage: readonly Mount[];
  readonly healthcheck?: HealthCheck;
  readonly replicas: number;
  /** `deploy.mode: global`: one per node. */
  readonly global: boolean;
  /** Why it watches or manages the node it runs on (mounts /proc, ships /var/log): a DaemonSet with hostPath volumes. */
  readonly nodeAgent?: string;
  readonly resources: { readonly limits?: ResourceAmounts; readonly reservations?: ResourceAmounts };
  /** GPUs it reserves (`deploy.resources.reservations.devices` or `gpus`): the device plugin's resource and a count. */
  readonly gpus?: { readonly resource: string; readonly count: number; readonly all: boolean };
  readonly restart: 'always' | 'unless-stopped' | 'on-failure' | 'no';
  readonly user?: string;
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  readonly privileged: boolean;
  readonly readOnlyRoot: boolean;
  readonly networkMode?: string;
  readonly exposure: Exposure;
  readonly profiles: readonly string[];
  /** Compose `secrets` and `configs` mounted as files. */
  readonly fileSecrets: readonly { readonly source: string; readonly target: string }[];
  readonly fileConfigs: readonly { readonly source: string; readonly target: string }[];
  /** Configuration files or folders it mounts that could not be searched for addresses (absent, too large), as paths. */
  readonly configUnsearched?: readonly string[];
}

export type Exposure =
  /** The way in from outside: gets the Ingress. */
  | 'entry'
  /** Published on the host and meant to be reached from outside. */
  | 'public'
  /** A data service published on the host only so developers can connect; internal in a cluster. */
  | 'dev-only'
  /** Reached only by other services. */
  | 'internal';

export interface WorkloadPort {
  readonly port: number;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  readonly published?: string;
  readonly hostIp?: string;
  /** Where the port is known from. */
  readonly source:
    'ports' | 'expose' | 'dockerfile' | 'labels' | 'knowledge' | 'healthcheck' | 'reference' | 'environment';
  /** The variable that says so, for a port read from the service's environment. */
  readonly variable?: string;
  /** What it speaks, where the model knows it is not HTTP though the port number does not say so. */
  readonly speaks?: string;
}

export interface EnvVar {
  readonly name: string;
  /** The value after interpolation; `null` when unset. Sensitive values never leave the model except into Secrets. */
  readonly value: string | null;
  readonly sensitive: boolean;
  /** Why it is sensitive, e.g. "name contains PASSWORD". */
  readonly reason?: string;
  /** The value came from a `${VAR:-default}` default that looks like a placeholder (change-me, dev-only…). */
  readonly weakDefault?: boolean;
  readonly origin?: Origin;
}

export type MountKind =
  /** A named volume: persistent data. */
  | 'data'
  /** A bind mount of a configuration file or folder, read by the service. */
  | 'config'
  /** A bind mount of a host folder the service writes to. */
  | 'host-path'
  /**
   * The service's own source (its build context) mounted over the code its image holds, for live
   * reload in development: the image has the code, so a cluster does without it.
   */
  | 'source'
  /** tmpfs or an anonymous volume: thrown away with the container. */
  | 'scratch'
  /** The Docker engine's socket. */
  | 'docker-socket'
  /** A path of the machine itself, outside the project folder (/proc, /etc, a home folder): never read. */
  | 'node';

export interface Mount {
  readonly kind: MountKind;
  readonly target: string;
  readonly source?: string;
  readonly readOnly: boolean;
  /** The named volume, for kind `data`. */
  readonly volume?: string;
  /** The target is where the image keeps its data (from the catalog). */
  readonly isDataPath: boolean;
  /** For a bind mount: the source is a single file. */
  readonly isFile?: boolean;
  /** For scratch space: held in memory (tmpfs) rather than on the node's disk. */
  readonly memory?: boolean;
  /** For scratch space: the size Compose gives it, in bytes. */
  readonly sizeBytes?: number;
  readonly origin?: Origin;
}

export interface HealthCheck {
  readonly test: readonly string[];
  readonly intervalMs?: number;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly startPeriodMs?: number;
}

export interface ResourceAmounts {
  readonly cpus?: number;
  readonly memoryBytes?: number;
}

/** How a dependency was found; `config`: an address in a configuration file the service reads. */
export type EdgeKind = 'depends_on' | 'link' | 'network_mode' | 'environment' | 'command' | 'config';

export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** For depends_on: service_started, service_healthy, service_completed_successfully. */
  readonly condition?: string;
  /** The environment variable, command word or configuration file line (`./nginx.conf:16`) that names the target. */
  readonly via?: string;
  /** The target port, when the reference names one. */
  readonly port?: number;
  /** The DNS name used to reach the target (its name, an alias, a hostname); none for network_mode. */
  readonly host?: string;
  readonly origin?: Origin;
}

export interface NamedVolume {
  readonly name: string;
  readonly external: boolean;
  readonly usedBy: readonly string[];
}

export type FindingSeverity = 'high' | 'medium' | 'low' | 'info';

export interface Finding {
  readonly code: FindingCode;
  readonly severity: FindingSeverity;
  /** The service concerned; for a finding shared by several, the first of {@link services}. */
  readonly service?: string;
  /** Every service concerned, when one finding stands for several. */
  readonly services?: readonly string[];
  readonly message: string;
  /** What to do about it in Kubernetes. */
  readonly action: string;
  readonly origin?: Origin;
}

export const FINDING_CODES = {
  'docker-socket': 'Mounts the Docker socket',
  privileged: 'Runs privileged',
  'host-network': 'Uses the host network, PID or IPC namespace',
  'host-data-mount': 'Keeps data in a host folder',
  'host-path': 'Mounts a host folder',
  'node-path': 'Mounts a path of the Docker host itself',
  'build-without-image': 'Built from source with no pushable image name',
  'invalid-image': 'An image no runtime can pull (not an image reference)',
  'unpinned-image': 'Image without a fixed version',
  'hardcoded-secret': 'A secret written into the Compose file',
  'weak-default-secret': 'A secret whose default is a placeholder',
  'single-point-of-failure': 'A stateful service with one replica',
  'container-name': 'Fixed container_name',
  'swarm-only': 'Keys only Docker Swarm reads',
  unsupported: 'A feature Kubernetes has no direct answer for',
  'no-healthcheck': 'No health check and no known readiness check',
  'no-volume': 'Data service without a volume',
  'published-data-port': 'A data service published on the host',
  'no-resources': 'No resource limits',
  'dangerous-capability': 'Adds a powerful Linux capability',
} as const;
export type FindingCode = keyof typeof FINDING_CODES;
