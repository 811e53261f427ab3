import { mysqlEngine } from './engines/mysql.js';
import { postgresEngine } from './engines/postgres.js';
import { rabbitmqEngine } from './engines/rabbitmq.js';
import { redisEngine } from './engines/redis.js';
import { volumeEngine } from './engines/volume.js';
import { ENGINE_IDS, MigrateError, type Engine, type EngineId } from './types.js';

/** Every engine by its id: the type makes a missing or extra engine a compile error. */
export const ENGINES: Readonly<Record<EngineId, Engine>> = {
  postgres: postgresEngine,
  mysql: mysqlEngine,
  redis: redisEngine,
  rabbitmq: rabbitmqEngine,
  volume: volumeEngine,
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
