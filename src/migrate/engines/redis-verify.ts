import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Comparison, Verification } from '../types.js';

/**
 * Redis verification, key by key: each side's keys with their type, TTL and a digest hashed on the
 * server; keys whose digests differ are settled by comparing their values.
 */

/** Keys per round trip, for the copy and the verification alike. */
export const BATCH = 500;

/** Key names are bytes: they travel as Buffers end to end, never decoded. */
export async function* scan(client: Redis): AsyncGenerator<Buffer[]> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scanBuffer(cursor, 'COUNT', BATCH);
    cursor = next.toString();
    if (keys.length) yield keys;
  } while (cursor !== '0');
}

/** A key name as people read it: printable ASCII as is, every other byte as \xNN. */
function showKey(k: Buffer): string {
  let out = '';
  for (const byte of k)
    out +=
      byte >= 0x20 && byte < 0x7f && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, '0')}`;
  return out;
}

/** One key as verify sees it: its type, a digest of its value, and its remaining time to live. */
interface KeyPrint {
  readonly type: string;
  readonly digest: string;
  /** Milliseconds left, or -1 for none. */
  readonly ttl: number;
}

/** How far two TTLs of one key may drift apart (the copy and the two reads take time). */
const TTL_SLACK_MS = 5000;
const NAMED = 10;

/** Key by key: missing, extra, changed value, TTL lost or gained; every difference named. */
export function compareKeys(a: Map<string, KeyPrint>, b: Map<string, KeyPrint>, elapsedMs: number): Verification {
  const name = (hex: string) => showKey(Buffer.from(hex, 'hex'));
  const missing: string[] = [];
  const changed: string[] = [];
  const ttl: string[] = [];
  const byType = new Map<string, [number, number]>();
  for (const [k, x] of a) {
    const t = byType.get(x.type) ?? [0, 0];
    t[0]++;
    byType.set(x.type, t);
    const y = b.get(k);
    if (!y) missing.push(name(k));
    else if (y.type !== x.type || y.digest !== x.digest) changed.push(name(k));
    else if (x.ttl < 0 !== y.ttl < 0 || Math.abs(x.ttl - y.ttl) > TTL_SLACK_MS + elapsedMs) ttl.push(name(k));
  }
  const extra: string[] = [];
  for (const [k, y] of b) {
    const t = byType.get(y.type) ?? [0, 0];
    t[1]++;
    byType.set(y.type, t);
    if (!a.has(k)) extra.push(name(k));
  }
  const list = (keys: string[]) =>
    keys.length ? `${keys.length}: ${keys.sort().slice(0, NAMED).join(', ')}${keys.length > NAMED ? ', …' : ''}` : '0';
  const items: Comparison[] = [...byType]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([type, [n, m]]) => ({ object: `${type} keys`, source: String(n), target: String(m), equal: n === m }));
  for (const [object, keys] of [
    ['keys missing on the target', missing],
    ['keys only on the target', extra],
    ['keys whose value differs', changed],
    ['keys whose TTL differs', ttl],
  ] as const)
    items.push({ object, source: '0', target: list([...keys]), equal: keys.length === 0 });
  return { ok: items.every((i) => i.equal), items };
}

/**
 * Every key's type, TTL and a digest of its DUMP payload, keyed by the hex of its name: one round
 * trip per batch, as the copy itself. Equal payloads are equal values; a payload that differs may
 * still hold the same value in another encoding, and is then compared by value ({@link valuePrints}).
 */
export async function fingerprint(c: Redis): Promise<Map<string, KeyPrint>> {
  const out = new Map<string, KeyPrint>();
  let serverSide = true;
  for await (const batch of scan(c)) {
    // The server hashes each payload itself (one short line a key comes back instead of the
    // payload): where scripts are disabled, the payloads come over and are hashed here.
    let lines: string[] | undefined;
    if (serverSide) {
      try {
        lines = (await c.eval(PRINT_SCRIPT, batch.length, ...batch)) as string[];
      } catch {
        serverSide = false;
      }
    }
    if (!lines) {
      const p = c.pipeline();
      for (const k of batch) p.type(k).pttl(k).dumpBuffer(k);
      const replies = (await p.exec()) ?? [];
      lines = batch.map((_, i) => {
        const payload = replies[3 * i + 2]?.[1];
        const hash = Buffer.isBuffer(payload) ? createHash('sha1').update(payload).digest('hex') : 'none';
        const type = replies[3 * i]?.[1];
        return `${typeof type === 'string' ? type : 'none'} ${Number(replies[3 * i + 1]?.[1] ?? -1)} ${hash}`;
      });
    }
    batch.forEach((k, i) => {
      const [type = 'none', ttl = '-1', hash = 'none'] = (lines?.[i] ?? '').split(' ');
      out.set(k.toString('hex'), { type, digest: `dump:${hash}`, ttl: Number(ttl) >= 0 ? Number(ttl) : -1 });
    });
  }
  return out;
}

/**
 * Per key: its type, remaining TTL and a SHA-1 hashed on the server — of its members in byte order
 * for a set or hash (whose payload order depends on the server's hashing history), else of its DUMP
 * payload.
 */
const PRINT_SCRIPT = `local function canon(t)
  table.sort(t)
  for j, v in ipairs(t) do t[j] = #v .. ':' .. v end
  return 'v' .. redis.sha1hex(table.concat(t, ','))
end
local out = {}
for i, k in ipairs(KEYS) do
  local t = redis.call('TYPE', k).ok
  local h
  if t == 'set' then
    h = canon(redis.call('SMEMBERS', k))
  elseif t == 'hash' then
    local f = redis.call('HGETALL', k)
    local p = {}
    for j = 1, #f, 2 do p[#p + 1] = #f[j] .. ':' .. f[j] .. '=' .. f[j + 1] end
    h = canon(p)
  else
    local d = redis.call('DUMP', k)
    h = d and redis.sha1hex(d) or 'none'
  end
  out[i] = t .. ' ' .. redis.call('PTTL', k) .. ' ' .. h
end
return out`;

/** For the keys whose payloads differ: type, TTL and a digest of the value itself, member order aside. */
export async function valuePrints(c: Redis, keys: readonly Buffer[]): Promise<Map<string, KeyPrint>> {
  const out = new Map<string, KeyPrint>();
  for (let from = 0; from < keys.length; from += BATCH) {
    const batch = keys.slice(from, from + BATCH);
    const p = c.pipeline();
    for (const k of batch) p.type(k).pttl(k);
    const meta = (await p.exec()) ?? [];
    const q = c.pipeline();
    const kinds = batch.map((k, i) => {
      const reply = meta[2 * i]?.[1];
      const type = typeof reply === 'string' ? reply : 'none';
      if (type === 'string') q.getBuffer(k);
      else if (type === 'hash') q.callBuffer('HGETALL', k);
      else if (type === 'list') q.lrangeBuffer(k, 0, -1);
      else if (type === 'set') q.smembersBuffer(k);
      else if (type === 'zset') q.callBuffer('ZRANGE', k, '0', '-1', 'WITHSCORES');
      else if (type === 'stream') q.callBuffer('XRANGE', k, '-', '+');
      else q.dumpBuffer(k);
      return type;
    });
    const values = (await q.exec()) ?? [];
    // A stream's consumer groups (where each has read to, what is pending) are part of its data.
    const streams = batch.filter((_, i) => kinds[i] === 'stream');
    const groups = new Map<Buffer, unknown>();
    if (streams.length) {
      const g = c.pipeline();
      for (const k of streams) g.callBuffer('XINFO', 'GROUPS', k);
      ((await g.exec()) ?? []).forEach(([, v], i) => groups.set(streams[i] ?? Buffer.alloc(0), v));
    }
    batch.forEach((k, i) => {
      const type = kinds[i] ?? 'none';
      const ttl = Number(meta[2 * i + 1]?.[1] ?? -1);
      const value = type === 'stream' ? [values[i]?.[1], groups.get(k)] : values[i]?.[1];
      out.set(k.toString('hex'), { type, digest: digest(type, value), ttl: ttl >= 0 ? ttl : -1 });
    });
  }
  return out;
}

/** A digest of a value that does not depend on how the server orders a set's members or a hash's fields. */
function digest(type: string, v: unknown): string {
  const flat = (x: unknown): Buffer[] =>
    Array.isArray(x)
      ? x.flatMap(flat)
      : [Buffer.isBuffer(x) ? x : Buffer.from(typeof x === 'string' || typeof x === 'number' ? String(x) : '')];
  const h = createHash('sha256');
  const put = (parts: Buffer[]) => {
    for (const part of parts) h.update(String(part.length)).update(':').update(part);
  };
  if (type === 'set' && Array.isArray(v)) put(flat(v).sort((x, y) => Buffer.compare(x, y)));
  else if (type === 'hash' && Array.isArray(v)) {
    const pairs: Buffer[][] = [];
    const items = flat(v);
    for (let i = 0; i + 1 < items.length; i += 2)
      pairs.push([items[i] ?? Buffer.alloc(0), items[i + 1] ?? Buffer.alloc(0)]);
    pairs.sort((x, y) => Buffer.compare(x[0] ?? Buffer.alloc(0), y[0] ?? Buffer.alloc(0)));
    put(pairs.flat());
  } else put(flat(v));
  return h.digest('hex').slice(0, 24);
}
