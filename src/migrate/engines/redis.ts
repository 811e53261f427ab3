import { inClusterHint } from '../in-cluster-hint.js';
import { dnsLabel } from '../../transform/names.js';
import { Redis } from 'ioredis';
import {
  MigrateError,
  type Endpoint,
  type Engine,
  type Inspection,
  type RunOutcome,
  type Verification,
} from '../types.js';
import { fail, ok, versionCheck, warning } from '../checks.js';
import { humanBytes } from '../report.js';
import { hideSecret } from '../url.js';
import { BATCH, KeyTally, changeMark, compareAll, settleBatch } from './redis-verify.js';
import { scriptsAllowed, type PrintMode } from './redis-print.js';
import { copyKeys } from './redis-copy.js';

/**
 * What the copy saw, for the verification that follows it: each key was read back from the target
 * as it was written, so the verification has only to check that neither server changed since.
 */
interface CopyPrints {
  readonly mode: PrintMode;
  /** Each server's change counter after the copy (the source's before it), when it reports one. */
  readonly source: { readonly mark: string | undefined; readonly types: ReadonlyMap<string, number> };
  readonly target: { readonly mark: string | undefined; readonly types: ReadonlyMap<string, number> };
  /** Parts the target did not hold as sent: settled key by key by the verification. */
  readonly suspects: readonly Buffer[][];
  /** Keys written with a TTL: as many must expire on the target (a key written without one gained none). */
  readonly expiring: number;
}

/** How many keys of the connection's database expire (INFO keyspace). */
async function expiringKeys(c: Redis, db: number): Promise<number> {
  return Number(new RegExp(`^db${db}:.*expires=(\\d+)`, 'm').exec(await c.info('keyspace'))?.[1] ?? 0);
}

const copyPrints = new WeakMap<Endpoint, CopyPrints>();

/** The database a redis:// URL names (its path), 0 when it names none. */
function dbIndex(ep: Endpoint): number {
  const p = new URL(ep.url).pathname.replace(/^\//, '');
  if (p === '') return 0;
  if (!/^\d+$/.test(p)) throw new MigrateError(`${hideSecret(ep.url)}: the database is a number, not "${p}"`);
  return Number(p);
}

/**
 * A connection to the database the URL names, checked: a database the server does not have is an
 * error here, before anything is read or written (a failed SELECT must never leave us on db 0).
 */
async function connect(ep: Endpoint): Promise<Redis> {
  if (ep.transport.prefix.length)
    throw new MigrateError('Redis is reached by URL only: use kubectl port-forward or docker port to expose it');
  const db = dbIndex(ep);
  const client = new Redis(ep.url, {
    db: 0,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectTimeout: 5000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    client.disconnect();
    throw new MigrateError(`Redis at ${hideSecret(ep.url)}: ${(e as Error).message}`);
  }
  try {
    await client.select(db);
  } catch (e) {
    client.disconnect();
    throw new MigrateError(
      `Redis at ${hideSecret(ep.url)} has no database ${db} (${(e as Error).message}): nothing was read or written`,
    );
  }
  return client;
}

/**
 * Every key with its TTL, moved by DUMP and RESTORE over SCAN, pipelined in batches. Chosen over
 * copying the RDB file: it works against a running server through a plain connection (no file
 * access, no restart of the target), keeps TTLs, and can be verified key by key.
 */
export const redisEngine: Engine = {
  id: 'redis',
  schemes: ['redis', 'rediss'],
  method:
    'SCAN the source; DUMP + PTTL each key and RESTORE it on the target with its TTL, 500 keys a call (a script on each server, or a pipeline where scripts are not allowed); each key read back from the target as it is written and compared with what the source gave (its DUMP bytes, or the members of a hash-table set or hash, and its TTL), and every key of a part that differs compared by value (TTL, consumer groups) and named',

  plan({ workload: w, namespace, has }) {
    const published = w.ports.find((p) => p.published)?.published ?? '6379';
    return [
      {
        source: { url: `redis://localhost:${published}/0` },
        target: { url: 'redis://localhost:16379/0' },
        needs: [],
        notes: [
          `first: kubectl port-forward -n ${namespace} svc/${dnsLabel(w.name)} 16379:6379`,
          ...(w.ports.some((p) => p.published)
            ? []
            : [`the Compose service publishes no port: add "6379:6379" or run from a container on its network`]),
          inClusterHint(
            { workload: w, has },
            {
              scheme: 'redis',
              port: 6379,
              user: ':',
              passwordVars: ['REDIS_PASSWORD'],
              optionalPassword: true,
              path: '',
              does: 'makes the target replicate the source (every database, TTLs kept), stop, and verify it, from a Job in the target namespace; the target pod itself must reach the Compose host',
            },
          ),
        ],
      },
    ];
  },

  async identify(ep) {
    const c = await connect(ep);
    try {
      const runId = /run_id:(\w+)/.exec(await c.info('server'))?.[1] ?? '?';
      return `Redis server ${runId}, database ${dbIndex(ep)}`;
    } finally {
      c.disconnect();
    }
  },

  async inspect(ep): Promise<Inspection> {
    const c = await connect(ep);
    try {
      const size = Number(/used_memory:(\d+)/.exec(await c.info('memory'))?.[1] ?? 0);
      const n = await c.dbsize();
      return { sizeBytes: size, objects: n, empty: n === 0 };
    } finally {
      c.disconnect();
    }
  },

  async preflight(src, dst, { source }) {
    const [a, b] = await Promise.all([connect(src), connect(dst)]);
    try {
      const [ia, ib] = await Promise.all([a.info(), b.info()]);
      const field = (info: string, k: string) => new RegExp(`^${k}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '?';
      const checks = [
        versionCheck(
          'server versions',
          field(ia, 'redis_version'),
          field(ib, 'redis_version'),
          'RESTORE refuses the DUMP payload of a newer server',
        ),
      ];
      let limit: { max: number; policy: string } | undefined;
      try {
        const [, max] = await b.config('GET', 'maxmemory');
        const [, policy] = await b.config('GET', 'maxmemory-policy');
        limit = { max: Number(max), policy: policy ?? '?' };
      } catch {
        // CONFIG may be renamed or denied on a managed server.
      }
      const need = Number(field(ia, 'used_memory_dataset')) || (source.sizeBytes ?? 0);
      const used = Number(field(ib, 'used_memory')) || 0;
      if (!limit) checks.push(warning('memory on the target', 'CONFIG GET maxmemory is not allowed: not checked'));
      else if (limit.max === 0)
        checks.push(ok('memory on the target', `no maxmemory limit; the source's data takes ${humanBytes(need)}`));
      else if (used + need > limit.max)
        checks.push(
          fail(
            'memory on the target',
            `the source's data takes ${humanBytes(need)}, the target has ${humanBytes(Math.max(0, limit.max - used))} left under maxmemory ${humanBytes(limit.max)}: ${limit.policy === 'noeviction' ? 'RESTORE would fail half-way' : `keys would be evicted (${limit.policy}) without an error`}`,
          ),
        );
      else
        checks.push(
          ok(
            'memory on the target',
            `${humanBytes(need)} to write, ${humanBytes(limit.max - used)} left under maxmemory`,
          ),
        );
      return checks;
    } finally {
      a.disconnect();
      b.disconnect();
    }
  },

  describe(src, dst, o) {
    return [
      `${o.force ? 'FLUSHDB on the target, then ' : ''}SCAN ${hideSecret(src.url)} → DUMP/PTTL → RESTORE${o.force ? ' REPLACE' : ''} into ${hideSecret(dst.url)}, ${BATCH} keys per call, each key read back from the target as it is written`,
    ];
  },

  async run(src, dst, o): Promise<RunOutcome> {
    const [a, b] = await Promise.all([connect(src), connect(dst)]);
    const notes: string[] = [];
    copyPrints.delete(src);
    let done = { keys: 0, bytes: 0 };
    try {
      const transfer: PrintMode = (await scriptsAllowed(a)) && (await scriptsAllowed(b)) ? 'script' : 'client';
      if (transfer === 'client') notes.push('scripts are not allowed on a server: keys were moved a command each');
      if (o.force && (await b.dbsize()) > 0) {
        await b.flushdb();
        notes.push('--force: the target database was flushed first');
      }
      // With a verification to follow, each key is read back from the target as it is written.
      const prints = o.verifyAfter !== false;
      const sourceMark = prints ? await changeMark(a) : undefined;
      const tally = await copyKeys(a, b, {
        transfer,
        prints,
        ...(o.force ? { force: true } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.onBytes ? { onBytes: o.onBytes } : {}),
      });
      done = tally;
      if (tally.stopped)
        return {
          ok: false,
          bytes: tally.bytes,
          error: `stopped on request after ${tally.keys} keys; the target holds a partial copy: run again with --force to start clean`,
          notes,
        };
      notes.push(`${tally.keys} keys copied`);
      if (prints)
        copyPrints.set(src, {
          mode: transfer,
          source: { mark: sourceMark, types: tally.sourceTypes },
          target: { mark: await changeMark(b), types: tally.targetTypes },
          suspects: tally.suspects,
          expiring: tally.expiring,
        });
      return { ok: true, bytes: tally.bytes, notes };
    } catch (e) {
      return {
        ok: false,
        bytes: done.bytes,
        error: `${(e as Error).message}. The target holds a partial copy: run again with --force to start clean. The source was only read.`,
        notes,
      };
    } finally {
      a.disconnect();
      b.disconnect();
    }
  },

  async verify(src, dst): Promise<Verification> {
    const [a, b] = await Promise.all([connect(src), connect(dst)]);
    const early = copyPrints.get(src);
    copyPrints.delete(src);
    try {
      if (early) {
        // The copy read every key back from the target against what the source gave; that still
        // holds if neither server has changed since (their change counters) and the target has
        // exactly the keys it was given.
        const [sourceMark, targetMark] = await Promise.all([changeMark(a), changeMark(b)]);
        // A server that does not report its counter could have changed unseen: compared in full.
        const counted = [sourceMark, targetMark, early.source.mark, early.target.mark].every((m) => m !== undefined);
        const unchanged = counted && sourceMark === early.source.mark && targetMark === early.target.mark;
        if (unchanged) {
          const tally = new KeyTally();
          tally.countTypes(0, early.source.types);
          tally.countTypes(1, early.target.types);
          for (const batch of early.suspects) await settleBatch(a, b, batch, tally, 0);
          if ((await b.dbsize()) === tally.present[1] && (await expiringKeys(b, dbIndex(dst))) === early.expiring)
            return tally.result([
              'each key read back from the target as it was written, against what the source gave; neither server has written a key since',
            ]);
        }
        const why = unchanged
          ? 'the target does not hold exactly the keys copied, or not exactly the TTLs'
          : !counted
            ? 'a server does not report its change counter (INFO persistence), so a change since the copy could not be ruled out'
            : sourceMark !== early.source.mark
              ? 'the source changed during or after the copy (its change counter moved: a writer, an expiry or a save)'
              : 'the target changed after the copy (a writer, an expiry or a save)';
        const tally = await compareAll(a, b, early.mode);
        return tally.result([`compared again in full: ${why}`]);
      }
      const mode: PrintMode = (await scriptsAllowed(a)) && (await scriptsAllowed(b)) ? 'script' : 'client';
      return (await compareAll(a, b, mode)).result();
    } finally {
      a.disconnect();
      b.disconnect();
    }
  },
};
