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
import { BATCH, KeyTally, compareAll, settleBatch, writeMark, writesBetween, type WriteMark } from './redis-verify.js';
import { scriptsAllowed, type PrintMode } from './redis-print.js';
import { copyKeys } from './redis-copy.js';

/**
 * What the copy saw, for the verification that follows it: each server's writes before the copy,
 * what was sent, and a sample of the keys. The copy holds if, since, the source ran no write and
 * the target none but the copy's RESTOREs, the target has exactly the keys and TTLs sent, and the
 * sample reads the same on both.
 */
interface CopyPrints {
  readonly mode: PrintMode;
  /** When the copy started: the TTLs compared may have run down by this long. */
  readonly started: number;
  /** Each server's write mark before the copy (the target's after --force emptied it). */
  readonly source: { readonly mark: WriteMark | undefined; readonly types: ReadonlyMap<string, number> };
  readonly target: { readonly mark: WriteMark | undefined; readonly types: ReadonlyMap<string, number> };
  /** RESTOREs the target accepted. */
  readonly restores: number;
  /** Keys written with a TTL: as many must expire on the target (a key written without one gained none). */
  readonly expiring: number;
  /** Keys drawn from all the copied ones, compared by value on both servers. */
  readonly sample: readonly Buffer[];
}

/**
 * Why the writes since the copy started rule the trusted verdict out, or undefined when they do
 * not: none on the source, and on the target exactly the copy's RESTOREs.
 */
function unexpectedWrites(
  source: Map<string, number> | undefined,
  target: Map<string, number> | undefined,
  restores: number,
): string | undefined {
  if (!source || !target)
    return 'the writes since the copy started are unknown (a server does not report them through INFO commandstats and ACL CAT, or its counters were reset), so a change could not be ruled out';
  const list = (m: Map<string, number>) => [...m].map(([name, n]) => `${name} ×${n}`).join(', ');
  if (source.size) return `the source was written during or after the copy (${list(source)})`;
  const others = new Map([...target].filter(([name]) => name !== 'restore'));
  if ((target.get('restore') ?? 0) !== restores) others.set('restore', (target.get('restore') ?? 0) - restores);
  if (others.size) return `the target was written besides the copy, during or after it (${list(others)})`;
  return undefined;
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
    "SCAN the source; DUMP + PTTL each key and RESTORE it on the target with its TTL, 500 keys a call (a script on each server, or a pipeline where scripts are not allowed), each payload checked by RESTORE against its checksum; verified by both servers' write counters (no write on the source, none on the target but the copy's), the keys and TTLs the target holds, and a sample of keys compared by value, else every key compared by value (TTL, consumer groups) and each one that differs named",

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
      `${o.force ? 'FLUSHDB on the target, then ' : ''}SCAN ${hideSecret(src.url)} → DUMP/PTTL → RESTORE${o.force ? ' REPLACE' : ''} into ${hideSecret(dst.url)}, ${BATCH} keys per call`,
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
      // With a verification to follow: both servers' writes before the copy, to account for after it.
      const prints = o.verifyAfter !== false;
      const started = Date.now();
      const [sourceMark, targetMark] = prints ? await Promise.all([writeMark(a), writeMark(b)]) : [];
      const tally = await copyKeys(a, b, {
        transfer,
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
          started,
          source: { mark: sourceMark, types: tally.sourceTypes },
          target: { mark: targetMark, types: tally.targetTypes },
          restores: tally.keys,
          expiring: tally.expiring,
          sample: tally.sample,
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
        // Every payload went as the source's DUMP made it and RESTORE checked its checksum. That
        // holds if the source ran no write since the copy started and the target none but the
        // copy's RESTOREs, the target has exactly the keys and TTLs sent, and the sample reads the
        // same on both servers.
        const [sourceMark, targetMark] = await Promise.all([writeMark(a), writeMark(b)]);
        let why = unexpectedWrites(
          writesBetween(early.source.mark, sourceMark),
          writesBetween(early.target.mark, targetMark),
          early.restores,
        );
        if (!why) {
          const tally = new KeyTally();
          tally.countTypes(0, early.source.types);
          tally.countTypes(1, early.target.types);
          await settleBatch(a, b, early.sample, tally, Date.now() - early.started);
          const sampled = tally.missing.length + tally.changed.length + tally.ttl.length === 0;
          const counted =
            (await b.dbsize()) === tally.present[1] && (await expiringKeys(b, dbIndex(dst))) === early.expiring;
          if (sampled && counted)
            return tally.result([
              `each value went as the source's DUMP made it, checked by RESTORE; neither server ran any other write since the copy started (their command counters); the target holds exactly the keys and TTLs sent; ${early.sample.length} keys drawn from all of them compared by value on both servers. \`stevedore migrate verify\` compares every key`,
            ]);
          why = sampled
            ? 'the target does not hold exactly the keys copied, or not exactly the TTLs'
            : 'a key of the sample differs by value';
        }
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
