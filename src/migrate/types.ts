import type { Transport } from '../io/exec.js';
import type { ImageKnowledge } from '../knowledge/types.js';
import type { Workload } from '../model/types.js';

/**
 * The migration engines. Everything else that names engines (the registry, URL schemes, the plan, the
 * CLI's `--engine` choices) derives from this list; it is kept free of imports so the CLI can read it
 * without loading any engine.
 */
export const ENGINE_IDS = ['postgres', 'mysql', 'redis', 'rabbitmq', 'volume'] as const;
export type EngineId = (typeof ENGINE_IDS)[number];

/** A source or target: a connection URL (or folder), reached directly or through an exec transport. */
export interface Endpoint {
  /** `postgres://u:p@host:5432/db`, `mysql://…`, `redis://…/0`, `http://u:p@host:15672` (RabbitMQ management), or a folder. */
  readonly url: string;
  readonly transport: Transport;
}

export interface RunOptions {
  /** Parallel dump and restore (PostgreSQL directory format). @default 1 */
  readonly jobs?: number;
  /** Keep a copy of the dump here, with its SHA-256. @default none: streamed, no copy */
  readonly keepDump?: string;
  /** Overwrite a target that already holds data. @default false */
  readonly force?: boolean;
  /** PostgreSQL: leave out owners and grants (for a target with other roles); verify then skips them. @default false */
  readonly noOwner?: boolean;
  /** PostgreSQL: create on the target the roles the data needs that it lacks (attributes and memberships). @default false */
  readonly copyRoles?: boolean;
  /** PostgreSQL, with copyRoles: copy the roles' password hashes too (needs a superuser on the source). @default false */
  readonly rolePasswords?: boolean;
  /**
   * A verification follows the run (as `migrate run` does): the source's fingerprint is taken while
   * the copy runs, so the verification then reads only the target. @default true
   */
  readonly verifyAfter?: boolean;
  /**
   * RabbitMQ: after the definitions, move the queued messages too — the source's AMQP URL as the
   * target broker reaches it; the target pulls them with shovels, and they leave the source.
   */
  readonly moveMessages?: string;
  /** RabbitMQ, with moveMessages: how long a shovel may stay unconnected. @default 30 s */
  readonly moveConnectTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onBytes?: (bytes: number) => void;
  /** Progress in the engine's own units (PostgreSQL: tables whose data is restored), when it can tell. */
  readonly onProgress?: (done: number, total: number, unit: string) => void;
}

export interface Inspection {
  /** Bytes of data at the endpoint, when the engine can tell. */
  readonly sizeBytes?: number;
  /** Tables, keys, files, definitions: the things the engine moves. */
  readonly objects: number;
  readonly empty: boolean;
  /** The endpoint does not exist yet (a folder): fine for a target, a mistake for a source. */
  readonly missing?: boolean;
}

export interface RunOutcome {
  readonly ok: boolean;
  readonly bytes: number;
  /** What happened, in one sentence, when it failed: which side, and what state the target is in. */
  readonly error?: string;
  readonly keptDump?: { readonly path: string; readonly sha256: string };
  readonly notes: string[];
}

/** One compared thing: a table's rows and checksum, a key type's count and digest, a file tree. */
export interface Comparison {
  readonly object: string;
  readonly source: string;
  readonly target: string;
  readonly equal: boolean;
}

export interface Verification {
  readonly ok: boolean;
  readonly items: readonly Comparison[];
  /** What could not be compared, and why (a tool missing on one side). */
  readonly notes?: readonly string[];
}

/** Where one side of a planned move is reached: a URL (or folder), optionally through an exec prefix. */
export interface PlanSide {
  readonly url: string;
  readonly exec?: string;
}

/** What an engine is told about a stateful service to plan its move. */
export interface PlanInput {
  readonly workload: Workload;
  readonly knowledge?: ImageKnowledge;
  readonly namespace: string;
  /** A plain (non-secret) environment value of the service. */
  readonly plain: (name: string) => string | undefined;
  /** Whether the service sets this variable at all. */
  readonly has: (name: string) => boolean;
  /** The source side for a URL: inside the Compose container. */
  readonly source: (url: string) => PlanSide;
  /** The target side for a URL: inside the converted pod. */
  readonly target: (url: string) => PlanSide;
  /** The source side for a named volume: read through a helper container, so the service can stay stopped. */
  readonly volumeSource: (volume: string) => PlanSide;
  /**
   * The target side for a named volume: a helper pod that mounts its claim, with the service at
   * zero replicas, so nothing is written under a running service. `first` and `after` are the
   * commands around the copy.
   */
  readonly volumeTarget: (volume: string) => {
    side: PlanSide;
    first: string[];
    after: string[];
    around: { claim?: string; before: readonly string[]; after: readonly string[] };
  };
}

/** One planned move as the engine sees it; the plan adds the service, writers, size and rollback. */
export interface StepDraft {
  readonly source: PlanSide;
  readonly target: PlanSide;
  /** Variables the URLs need from the environment when the plan runs. */
  readonly needs: readonly string[];
  readonly notes: readonly string[];
  /** What this move leaves behind, for the plan's "Not moved" list. */
  readonly leaves?: string;
  /** A copy into a helper pod: the commands that make it before the run and remove it after. */
  readonly around?: { readonly claim?: string; readonly before: readonly string[]; readonly after: readonly string[] };
}

/** One pre-flight check: what was looked at, and whether the move can go ahead. */
export interface PreflightCheck {
  readonly check: string;
  readonly status: 'ok' | 'warning' | 'fail';
  readonly detail: string;
}

/** What the engine's own pre-flight checks are given: both sides already inspected. */
export interface PreflightInput {
  readonly source: Inspection;
  readonly target: Inspection;
  readonly options: RunOptions;
}

export interface Engine {
  readonly id: EngineId;
  /** URL schemes that select this engine when none is named. */
  readonly schemes: readonly string[];
  /** How it moves and verifies, in one sentence for the plan. */
  readonly method: string;
  /** The moves for one stateful service whose image uses this engine. */
  plan(input: PlanInput): StepDraft[];
  /**
   * What the server says it is, with the data set on it: the same for every spelling of one data set
   * (127.0.0.1 or localhost, dir or dir/), different for any two that are not. Read only.
   */
  identify(ep: Endpoint): Promise<string>;
  inspect(ep: Endpoint): Promise<Inspection>;
  /**
   * What must hold before anything is written, read from both sides: versions of the servers and of
   * the tools each side runs, extensions, roles, memory or space on the target. Read only.
   */
  preflight(src: Endpoint, dst: Endpoint, input: PreflightInput): Promise<PreflightCheck[]>;
  /** The commands a run would execute, passwords hidden: for the plan and --dry-run. */
  describe(src: Endpoint, dst: Endpoint, options: RunOptions): string[];
  run(src: Endpoint, dst: Endpoint, options: RunOptions): Promise<RunOutcome>;
  /** Compares source and target; `options` are the run's (what it chose not to carry is not compared). */
  verify(src: Endpoint, dst: Endpoint, options?: RunOptions): Promise<Verification>;
  /**
   * A server that holds several databases (PostgreSQL): the ones to move, the URL's own first, then
   * every other that holds data. Read only. Absent: the URL's data set is all there is.
   */
  databases?(src: Endpoint, dst: Endpoint): Promise<ServerDatabase[]>;
  /** Creates a database the target lacks, as the source has it; says what was done. */
  createDatabase?(src: Endpoint, dst: Endpoint, name: string): Promise<string>;
  /** The URL naming another database of the same server, placeholders kept. */
  withDatabase?(url: string, name: string): string;
}

/** One database of a server, as a move of the whole server sees it. */
export interface ServerDatabase {
  readonly name: string;
  /** The database the URL names (a system schema the URL names for a connection is no move of its own). */
  readonly own: boolean;
  /** Relations, functions and large objects it holds on the source. */
  readonly objects: number;
  /** Whether the target's server has a database of that name. */
  readonly onTarget: boolean;
}

/** A failure with a message meant for the user (no stack trace is shown for it). */
export class MigrateError extends Error {}
