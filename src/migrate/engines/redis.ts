import { dnsLabel } from '../../transform/names.js';
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  MigrateError,
  type Comparison,
  type Endpoint,
  type Engine,
  type Inspection,
  type RunOutcome,
  type Verification,
} from '../types.js';
import { hideSecret } from '../url.js';

const BATCH = 500;

async function connect(ep: Endpoint): Promise<Redis> {
  if (ep.transport.prefix.length)
    throw new MigrateError('Redis is reached by URL only: use kubectl port-forward or docker port to expose it');
  const client = new Redis(ep.url, {
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
  return client;
}

async function* scan(client: Redis): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'COUNT', BATCH);
    cursor = next;
    if (keys.length) yield keys;
  } while (cursor !== '0');
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
    'SCAN the source; DUMP + PTTL each key and RESTORE it on the target with its TTL, pipelined in batches of 500; verified by key counts and digests per type',

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
          write.restore(batch[i] ?? '', ttl > 0 ? ttl : 0, payload, ...((o.force ? ['REPLACE'] : []) as []));
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
    try {
      const [fa, fb] = await Promise.all([fingerprint(a), fingerprint(b)]);
      const items: Comparison[] = [];
      const types = [...new Set([...fa.byType.keys(), ...fb.byType.keys()])].sort();
      for (const t of types) {
        const x = fa.byType.get(t) ?? { n: 0, hash: createHash('sha256') };
        const y = fb.byType.get(t) ?? { n: 0, hash: createHash('sha256') };
        const hx = x.hash.copy().digest('hex').slice(0, 12);
        const hy = y.hash.copy().digest('hex').slice(0, 12);
        items.push({
          object: `${t} keys`,
          source: `${x.n}, digest ${hx}`,
          target: `${y.n}, digest ${hy}`,
          equal: x.n === y.n && hx === hy,
        });
      }
      items.push({
        object: 'keys with a TTL',
        source: String(fa.withTtl),
        target: String(fb.withTtl),
        equal: fa.withTtl === fb.withTtl,
      });
      const missing = [...fa.keys].filter((k) => !fb.keys.has(k));
      items.push({
        object: 'keys missing on the target',
        source: '0',
        target: String(missing.length),
        equal: missing.length === 0,
      });
      return { ok: items.every((i) => i.equal), items };
    } finally {
      a.disconnect();
      b.disconnect();
    }
  },
};

/** Per type: how many keys and a digest of their names and contents (order-independent); TTL presence. */
async function fingerprint(c: Redis) {
  const byType = new Map<string, { n: number; hash: ReturnType<typeof createHash> }>();
  const keys = new Set<string>();
  let withTtl = 0;
  const entries: [string, string, string][] = [];
  for await (const batch of scan(c)) {
    const p = c.pipeline();
    for (const k of batch) p.type(k).pttl(k);
    const meta = (await p.exec()) ?? [];
    const q = c.pipeline();
    const kinds: string[] = [];
    batch.forEach((k, i) => {
      const type = meta[2 * i]?.[1] as string;
      if ((meta[2 * i + 1]?.[1] as number) > 0) withTtl++;
      kinds.push(type);
      keys.add(k);
      if (type === 'string') q.getBuffer(k);
      else if (type === 'hash') q.hgetallBuffer(k);
      else if (type === 'list') q.lrangeBuffer(k, 0, -1);
      else if (type === 'set') q.smembersBuffer(k);
      else if (type === 'zset') q.zrange(k, '0', '-1', 'WITHSCORES');
      else if (type === 'stream') q.xrange(k, '-', '+');
      else q.dumpBuffer(k);
    });
    const values = (await q.exec()) ?? [];
    batch.forEach((k, i) => {
      const kind = kinds[i] ?? 'none';
      entries.push([kind, k, canonical(kind, values[i]?.[1])]);
    });
  }
  entries.sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  for (const [type, k, v] of entries) {
    const t = byType.get(type) ?? { n: 0, hash: createHash('sha256') };
    t.n++;
    t.hash.update(k).update('\0').update(v).update('\0');
    byType.set(type, t);
  }
  return { byType, keys, withTtl };
}

function canonical(type: string, v: unknown): string {
  const h = (x: unknown) => (Buffer.isBuffer(x) ? x.toString('base64') : JSON.stringify(x));
  if (type === 'set' && Array.isArray(v)) return v.map(h).sort().join(',');
  if (type === 'hash' && v && typeof v === 'object')
    return Object.entries(v as Record<string, Buffer>)
      .map(([k, x]) => `${k}=${h(x)}`)
      .sort()
      .join(',');
  if (Array.isArray(v)) return v.map(h).join(',');
  return h(v);
}
