/** What a service is for; the model decides one per service. */
export const ROLES = [
  'database',
  'cache',
  'queue',
  'object-store',
  'search',
  'coordination',
  'proxy',
  'web',
  'api',
  'worker',
  'job',
  'sidecar',
  'observability',
  'identity',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose data must survive a restart: they become StatefulSets with volumes. */
export const DATA_ROLES: ReadonlySet<Role> = new Set(['database', 'queue', 'object-store', 'search', 'coordination']);

/** How a readiness check for the image is done when the Compose file has no healthcheck. */
export type Readiness = (
  | { readonly kind: 'exec'; readonly command: readonly string[] }
  | { readonly kind: 'http'; readonly path: string; readonly port: number }
  | { readonly kind: 'tcp'; readonly port: number }
) & {
  /** The check exists only when this environment variable is `true` (Keycloak's KC_HEALTH_ENABLED). */
  readonly onlyWith?: string;
  /** The environment variable that moves the check's port. */
  readonly portEnv?: string;
  /** Where the switch and port are read from. */
  readonly source?: string;
};

/** How the data of an engine is moved between servers by `stevedore migrate`. */
export type MigrationMethod = 'postgres' | 'mysql' | 'redis' | 'rabbitmq' | 'mongodb' | 'volume' | 'none';

/** The engines whose copy can run as a Job in the cluster (`migrate run --in-cluster`, `migrate job`). */
export const JOB_ENGINES = ['postgres', 'mysql', 'redis'] as const;
export type JobEngine = (typeof JOB_ENGINES)[number];

export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/**
 * The user facts of one variant of an image (a repository of the entry, or a tag family such as
 * `-alpine`), with where they come from: Debian's postgres is uid 999, Alpine's 70, Bitnami's 1001.
 */
export interface ImageVariant {
  /** Repositories this variant is (without registry); any of the entry's when absent. */
  readonly images?: readonly string[];
  /** Tags of this variant; any tag when absent. */
  readonly tag?: RegExp;
  readonly uid?: number;
  readonly fsGroup?: number;
  /** Starts as root (to chown its data and drop privileges), so runAsNonRoot would break it. */
  readonly needsRoot?: boolean;
  /** Where the fact is read from: the image's Dockerfile or base image. */
  readonly source: string;
}

/**
 * A way an image runs, chosen by its repository, tag, command or entrypoint (n8n's `worker`,
 * Nextcloud's `fpm` tags and `/cron.sh`): what it is, listens on and how its readiness is checked
 * then, where that differs from the image's main way. Every matcher given must match.
 */
export interface RunMode {
  /** Repositories of the mode (without registry). */
  readonly images?: readonly string[];
  readonly tag?: RegExp;
  /** Tested against the service's command, its words joined by spaces. */
  readonly command?: RegExp;
  /** Tested against the service's entrypoint, its words joined by spaces. */
  readonly entrypoint?: RegExp;
  /** What the image is in this mode, e.g. `queue worker` (said as n8n's queue worker). */
  readonly name: string;
  /** The mode is a product of its own (Grafana Alloy beside Promtail): its name is said alone. */
  readonly product?: boolean;
  readonly role?: Role;
  /** Ports it listens on in this mode, main first (none: it serves nothing). */
  readonly ports: readonly number[];
  /** The check in this mode; absent: it serves nothing to check. */
  readonly readiness?: Readiness;
  /** Where the facts are read from. */
  readonly source: string;
}

/** What Stevedore knows about a well-known image; every later stage reads from here. */
export interface ImageKnowledge {
  /** Stable id, e.g. `postgres`. */
  readonly id: string;
  /** Human name, e.g. `PostgreSQL`. */
  readonly name: string;
  /** Image repositories (without registry or tag) that are this software. */
  readonly images: readonly string[];
  readonly role: Role;
  /** Ports the server listens on, main port first. */
  readonly ports: readonly number[];
  /** Where the image keeps its data. */
  readonly dataPaths: readonly string[];
  /** The image's own user and the group that must own its volume. */
  readonly uid?: number;
  readonly fsGroup?: number;
  /** Where uid and fsGroup are read from (the image's Dockerfile). */
  readonly userSource?: string;
  /** Variants whose user differs; the first that matches wins over uid/fsGroup/needsRoot. */
  readonly variants?: readonly ImageVariant[];
  readonly readiness?: Readiness;
  /** Ways it runs (by repository, tag, command, entrypoint) where role, ports or readiness differ; the first that matches wins. */
  readonly modes?: readonly RunMode[];
  /** How to back it up, as a command run with the image's own tools. */
  readonly backup?: string;
  readonly migration: MigrationMethod;
  /** A Kubernetes operator that runs it better than a plain StatefulSet. */
  readonly operator?: string;
  readonly resources: Resources;
  /** Volume size for its data, when it has data. */
  readonly volumeSize?: string;
  /** Runs with a read-only root file system given these writable folders. */
  readonly writablePaths?: readonly string[];
  /** Watches the node it runs on (metrics of the machine, its logs): one pod per node, with the node's paths. */
  readonly nodeAgent?: boolean;
  /** A developer's tool (a mail catcher): the ports it publishes are for developers, never the public entry. */
  readonly developerTool?: boolean;
  /** The web interface people look at the stack through (Grafana, Kibana): the way in when nothing else is. */
  readonly dashboard?: boolean;
  /** Needs to start as root (it drops privileges itself, or binds low ports). */
  readonly needsRoot?: boolean;
  /** Secret environment variables the image reads, e.g. POSTGRES_PASSWORD. */
  readonly secretEnv?: readonly string[];
  readonly notes?: string;
}
