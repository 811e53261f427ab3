import { mysqlEngine } from './engines/mysql.js';
import { postgresEngine } from './engines/postgres.js';
import { rabbitmqEngine } from './engines/rabbitmq.js';
import { redisEngine } from './engines/redis.js';
import { volumeEngine } from './engines/volume.js';
import { ENGINE_IDS, MigrateError, type Endpoint, type Engine, type EngineId } from './types.js';
import { hideSecret } from './url.js';

/**
 * Refuses a source and target that are one data set, whatever the URLs say and whatever --force
 * says: copying onto the source would empty it first, and comparing it with itself proves nothing.
 */
export async function assertDistinct(engine: Engine, src: Endpoint, dst: Endpoint): Promise<void> {
  const [a, b] = await Promise.all([identify(engine, src), identify(engine, dst)]);
  if (a === b)
    throw new MigrateError(
      `the source ${hideSecret(src.url)} and the target ${hideSecret(dst.url)} are the same ${engine.id === 'volume' ? 'folder' : 'data set'} (${a}): nothing was written`,
    );
}

/**
 * What an endpoint is, asked once per endpoint object: a run checks before it inspects, before it
 * writes and before it verifies, and asking again (a helper container, a connection) would only cost.
 */
const identities = new WeakMap<Endpoint, Promise<string>>();
function identify(engine: Engine, ep: Endpoint): Promise<string> {
  let id = identities.get(ep);
  if (!id) {
    id = engine.identify(ep);
    identities.set(ep, id);
    // A failed look is not remembered: the next attempt asks again.
    id.catch(() => identities.delete(ep));
  }
  return id;
}

/** An engine whose run and verify refuse a target that is the source before doing anything. */
function guarded(engine: Engine): Engine {
  return {
    ...engine,
    async run(src, dst, options) {
      await assertDistinct(engine, src, dst);
      return engine.run.call(this, src, dst, options);
    },
    async verify(src, dst, options) {
      await assertDistinct(engine, src, dst);
      return engine.verify.call(this, src, dst, options);
    },
  };
}

/** Every engine by its id, guarded: the type makes a missing or extra engine a compile error. */
export const ENGINES: Readonly<Record<EngineId, Engine>> = {
  postgres: guarded(postgresEngine),
  mysql: guarded(mysqlEngine),
  redis: guarded(redisEngine),
  rabbitmq: guarded(rabbitmqEngine),
  volume: guarded(volumeEngine),
};

export function isEngineId(id: string): id is EngineId {
  return (ENGINE_IDS as readonly string[]).includes(id);
}

export function engineFor(id: string): Engine {
  if (!isEngineId(id)) throw new MigrateError(`no migration engine "${id}" (${ENGINE_IDS.join(', ')})`);
  return ENGINES[id];
}

/** Which engine a URL calls for, when the user did not say: by its scheme; a plain path is a folder. */
export function engineFromUrl(url: string): EngineId {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return 'volume';
  const found = ENGINE_IDS.find((id) => ENGINES[id].schemes.includes(scheme));
  if (found) return found;
  const known = ENGINE_IDS.flatMap((id) => ENGINES[id].schemes.map((s) => `${s}:// (${id})`));
  throw new MigrateError(`no engine for ${scheme}:// URLs: ${known.join(', ')}, or a folder`);
}
