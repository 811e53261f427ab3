import type { Transport } from '../io/exec.js';

export type EngineId = 'postgres' | 'mysql' | 'redis' | 'rabbitmq' | 'volume';

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
  /** PostgreSQL: leave out ownership and privileges (for a target with other roles). @default true */
  readonly noOwner?: boolean;
  readonly signal?: AbortSignal;
  readonly onBytes?: (bytes: number) => void;
}

export interface Inspection {
  /** Bytes of data at the endpoint, when the engine can tell. */
  readonly sizeBytes?: number;
  /** Tables, keys, files, definitions: the things the engine moves. */
  readonly objects: number;
  readonly empty: boolean;
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
}

export interface Engine {
  readonly id: EngineId;
  readonly method: string;
  inspect(ep: Endpoint): Promise<Inspection>;
  /** The commands a run would execute, passwords hidden: for the plan and --dry-run. */
  describe(src: Endpoint, dst: Endpoint, options: RunOptions): string[];
  run(src: Endpoint, dst: Endpoint, options: RunOptions): Promise<RunOutcome>;
  verify(src: Endpoint, dst: Endpoint): Promise<Verification>;
}

/** A failure with a message meant for the user (no stack trace is shown for it). */
export class MigrateError extends Error {}
