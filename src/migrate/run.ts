import { mysqlEngine } from './engines/mysql.js';
import { postgresEngine } from './engines/postgres.js';
import { rabbitmqEngine } from './engines/rabbitmq.js';
import { redisEngine } from './engines/redis.js';
import { volumeEngine } from './engines/volume.js';
import {
  MigrateError,
  type Endpoint,
  type Engine,
  type EngineId,
  type Inspection,
  type RunOptions,
  type RunOutcome,
  type Verification,
} from './types.js';
import { hideSecret } from './url.js';

const ENGINES = new Map<EngineId, Engine>([
  ['postgres', postgresEngine],
  ['mysql', mysqlEngine],
  ['redis', redisEngine],
  ['rabbitmq', rabbitmqEngine],
  ['volume', volumeEngine],
]);

export function engineFor(id: EngineId): Engine {
  const e = ENGINES.get(id);
  if (!e) throw new MigrateError(`no migration engine for ${id}`);
  return e;
}

/** Which engine a URL calls for, when the user did not say. */
export function engineFromUrl(url: string): EngineId {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'postgres':
    case 'postgresql':
      return 'postgres';
    case 'mysql':
    case 'mariadb':
      return 'mysql';
    case 'redis':
    case 'rediss':
      return 'redis';
    case 'http':
    case 'https':
      return 'rabbitmq';
    case undefined:
    case 'file':
      return 'volume';
    default:
      throw new MigrateError(
        `no engine for ${scheme}:// URLs (postgres, mysql, redis, http for RabbitMQ, or a folder)`,
      );
  }
}

export interface MigrationResult {
  readonly service: string;
  readonly engine: EngineId;
  readonly source: Inspection;
  readonly outcome?: RunOutcome;
  readonly verification?: Verification;
  /** The plain verdict: migrated and verified, or what went wrong. */
  readonly verdict: string;
  readonly ok: boolean;
  readonly seconds: number;
}

/**
 * One service's data move: look at both sides (a target that holds data is refused unless forced),
 * stream the data across, then compare source and target and say plainly whether they match.
 */
export async function migrateOne(
  service: string,
  engineId: EngineId,
  src: Endpoint,
  dst: Endpoint,
  options: RunOptions,
  onSource?: (source: Inspection) => void,
): Promise<MigrationResult> {
  const engine = engineFor(engineId);
  const started = Date.now();
  const source = await engine.inspect(src);
  onSource?.(source);
  const target = await engine.inspect(dst);
  if (!target.empty && !options.force) {
    throw new MigrateError(
      `the target ${hideSecret(dst.url)} already holds ${target.objects} object${target.objects === 1 ? '' : 's'}: refusing to write into it. Use --force to replace what is there.`,
    );
  }
  const outcome = await engine.run(src, dst, options);
  const seconds = (Date.now() - started) / 1000;
  if (!outcome.ok)
    return { service, engine: engineId, source, outcome, verdict: `FAILED: ${outcome.error}`, ok: false, seconds };
  const verification = await engine.verify(src, dst);
  const verdict = verdictOf(verification);
  return {
    service,
    engine: engineId,
    source,
    outcome,
    verification,
    verdict,
    ok: verification.ok,
    seconds: (Date.now() - started) / 1000,
  };
}

/** The plain verdict of a comparison: all equal, or which objects differ. */
export function verdictOf(v: Verification): string {
  const diff = v.items.filter((i) => !i.equal);
  return v.ok
    ? `OK: ${v.items.length} object${v.items.length === 1 ? '' : 's'} compared, all equal`
    : `MISMATCH: ${diff.length} of ${v.items.length} differ (${diff
        .slice(0, 5)
        .map((d) => d.object)
        .join(', ')}${diff.length > 5 ? ', …' : ''})`;
}
