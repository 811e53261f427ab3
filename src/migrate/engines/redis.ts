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
import { BATCH, compareKeys, fingerprint, scan, valuePrints } from './redis-verify.js';

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
    'SCAN the source; DUMP + PTTL each key and RESTORE it on the target with its TTL, pipelined in batches of 500; verified key by key (value, TTL, consumer groups), naming every key that differs',

  plan({ workload: w, namespace }) {
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
      `${o.force ? 'FLUSHDB on the target, then ' : ''}SCAN ${hideSecret(src.url)} → DUMP/PTTL → RESTORE${o.force ? ' REPLACE' : ''} into ${hideSecret(dst.url)}, ${BATCH} keys per round trip`,
    ];
  },

  async run(src, dst, o): Promise<RunOutcome> {
    const [a, b] = await Promise.all([connect(src), connect(dst)]);
    const notes: string[] = [];
    let bytes = 0;
    let keys = 0;
    try {
      if (o.force && (await b.dbsize()) > 0) {
        await b.flushdb();
        notes.push('--force: the target database was flushed first');
      }
      for await (const batch of scan(a)) {
        if (o.signal?.aborted)
          return {
            ok: false,
            bytes,
            error: `stopped on request after ${keys} keys; the target holds a partial copy: run again with --force to start clean`,
            notes,
          };
        const read = a.pipeline();
        for (const k of batch) read.pttl(k).dumpBuffer(k);
        const res = (await read.exec()) ?? [];
        const write = b.pipeline();
        let n = 0;
        for (let i = 0; i < batch.length; i++) {
          const ttl = res[2 * i]?.[1] as number;
          const payload = res[2 * i + 1]?.[1] as Buffer | null;
          if (ttl === -2 || !payload) continue; // expired or deleted between SCAN and DUMP
          const key = batch[i];
          if (!key) continue;
          write.restore(key, ttl > 0 ? ttl : 0, payload, ...((o.force ? ['REPLACE'] : []) as []));
          bytes += payload.length;
          n++;
        }
        const written = (await write.exec()) ?? [];
        const failed = written.find(([err]) => err);
        if (failed)
          return {
            ok: false,
            bytes,
            error: `RESTORE failed on the target: ${failed[0]?.message ?? 'unknown error'}. The target holds a partial copy: run again with --force to start clean.`,
            notes,
          };
        keys += n;
        o.onBytes?.(bytes);
      }
      notes.push(`${keys} keys copied`);
      return { ok: true, bytes, notes };
    } catch (e) {
      return {
        ok: false,
        bytes,
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
    const started = Date.now();
    try {
      const [fa, fb] = await Promise.all([fingerprint(a), fingerprint(b)]);
      const suspects = [...fa]
        .filter(([k, x]) => {
          const y = fb.get(k);
          return y !== undefined && y.digest !== x.digest;
        })
        .map(([k]) => Buffer.from(k, 'hex'));
      if (suspects.length) {
        const [va, vb] = await Promise.all([valuePrints(a, suspects), valuePrints(b, suspects)]);
        for (const [k, v] of va) fa.set(k, v);
        for (const [k, v] of vb) fb.set(k, v);
      }
      return compareKeys(fa, fb, Date.now() - started);
    } finally {
      a.disconnect();
      b.disconnect();
    }
  },
};
