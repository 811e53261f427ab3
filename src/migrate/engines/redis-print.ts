import { createHash, type Hash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Batch prints: a batch of keys as one server holds them, as one hash over every key's type,
 * whether it expires, and its value, in the batch's key order — plus the TTLs that are set and the
 * keys of each type. The same keys printed on both servers give the same print when the copy is
 * right; a swap, a lost key, a changed value or a lost TTL changes it.
 *
 * A key's value is its DUMP payload; a set or hash kept as a hash table (whose payload order
 * depends on the server's hashing seed) is printed as the SHA-1 of its members in byte order. The
 * type comes from the payload's first byte (its RDB type), so a key costs one DUMP.
 */

/** RDB object types (the first byte of a DUMP payload) and the Redis type each is. */
const RDB_TYPES: Readonly<Record<number, string>> = {
  0: 'string',
  1: 'list',
  2: 'set',
  3: 'zset',
  4: 'hash',
  5: 'zset',
  9: 'hash',
  10: 'list',
  11: 'set',
  12: 'zset',
  13: 'hash',
  14: 'list',
  15: 'stream',
  16: 'hash',
  17: 'zset',
  18: 'list',
  19: 'stream',
  20: 'set',
  21: 'stream',
};

export const typeOf = (payload: Buffer | undefined): string =>
  payload?.length ? (RDB_TYPES[payload[0] ?? -1] ?? `rdb${payload[0] ?? -1}`) : 'none';

/** One key's part of the hash: `|type±length:` and the value. Written alike here and in Lua. */
const header = (type: string, expires: boolean, length: number) => `|${type}${expires ? '+' : '-'}${length}:`;

/**
 * In Lua, shared by every script that prints keys: `print_key` adds one key to `acc` (`d` and `ttl`
 * when the caller has them already, else read here), `print_result` gives hash, TTLs and types.
 */
export const RDB_TYPES_LUA = `local TYPES = {${Object.entries(RDB_TYPES)
  .map(([code, t]) => `[${code}] = '${t}'`)
  .join(', ')}}`;

export const PRINT_LUA = `${RDB_TYPES_LUA}
local function canon(t)
  table.sort(t)
  for j, v in ipairs(t) do t[j] = #v .. ':' .. v end
  return redis.sha1hex(table.concat(t, ','))
end
local function canon_of(k, code)
  if code == 2 then return canon(redis.call('SMEMBERS', k)) end
  local f = redis.call('HGETALL', k)
  local p = {}
  for j = 1, #f, 2 do p[#p + 1] = #f[j] .. ':' .. f[j] .. '=' .. f[j + 1] end
  return canon(p)
end
local function print_key(i, k, d, ttl, acc)
  if d == nil then d = redis.call('DUMP', k) end
  if ttl == nil then ttl = redis.call('PTTL', k) end
  local code = d and string.byte(d, 1) or -1
  local t = d and (TYPES[code] or ('rdb' .. code)) or 'none'
  acc.types[t] = (acc.types[t] or 0) + 1
  local v = d or ''
  if code == 2 or code == 4 then v = canon_of(k, code) end
  if ttl >= 0 then acc.ttls[#acc.ttls + 1] = i .. ':' .. ttl end
  local parts = acc.parts
  parts[#parts + 1] = '|' .. t .. (ttl >= 0 and '+' or '-') .. #v .. ':'
  parts[#parts + 1] = v
end
local function print_acc() return {parts = {}, ttls = {}, types = {}} end
local function print_result(acc)
  local tc = {}
  for t, n in pairs(acc.types) do tc[#tc + 1] = t .. '=' .. n end
  return {redis.sha1hex(table.concat(acc.parts)), table.concat(acc.ttls, ','), table.concat(tc, ',')}
end
`;

/** The print of a batch of keys, hashed on the server. */
export const BATCH_SCRIPT = `${PRINT_LUA}
local acc = print_acc()
for i, k in ipairs(KEYS) do print_key(i, k, nil, nil, acc) end
return print_result(acc)`;

/** A batch of keys as one server holds them: one hash of them all, the TTLs there are, the types. */
export interface BatchPrint {
  readonly hash: string;
  /** Index in the batch (from 1) → milliseconds left, for the keys that expire. */
  readonly ttls: ReadonlyMap<number, number>;
  /** Keys of each type; `none` for keys the server does not have. */
  readonly types: ReadonlyMap<string, number>;
}

/**
 * How a server's batches are printed: by script on the server, or (where scripts are not allowed,
 * as on some managed servers) here, from DUMP payloads. Both sides of a comparison use the same way.
 */
export type PrintMode = 'script' | 'client';

/** Whether the server runs our scripts. */
export async function scriptsAllowed(c: Redis): Promise<boolean> {
  try {
    await c.eval(BATCH_SCRIPT, 0);
    return true;
  } catch {
    return false;
  }
}

/** Builds a print here, key by key, exactly as `print_key` does on the server. */
class PrintBuilder {
  private readonly h: Hash = createHash('sha1');
  private readonly ttls = new Map<number, number>();
  private readonly types = new Map<string, number>();

  add(i: number, payload: Buffer | undefined, ttl: number, value?: Buffer | string): void {
    const type = typeOf(payload);
    this.types.set(type, (this.types.get(type) ?? 0) + 1);
    if (ttl >= 0) this.ttls.set(i, ttl);
    const v = value ?? payload ?? Buffer.alloc(0);
    this.h.update(header(type, ttl >= 0, v.length)).update(v);
  }

  done(): BatchPrint {
    return { hash: this.h.digest('hex'), ttls: this.ttls, types: this.types };
  }
}

/** One batch's print on one server, in the given mode. */
export async function batchPrint(c: Redis, keys: readonly Buffer[], mode: PrintMode): Promise<BatchPrint> {
  if (mode === 'script') return scriptPrint(await c.eval(BATCH_SCRIPT, keys.length, ...keys));
  // Without scripts every payload is hashed as it is: a hash-table set or hash may then differ
  // between servers in order only, and is settled by value.
  const p = c.pipeline();
  for (const k of keys) p.pttl(k).dumpBuffer(k);
  const replies = (await p.exec()) ?? [];
  const b = new PrintBuilder();
  keys.forEach((_, i) => {
    const payload = replies[2 * i + 1]?.[1];
    b.add(i + 1, Buffer.isBuffer(payload) ? payload : undefined, Number(replies[2 * i]?.[1] ?? -2));
  });
  return b.done();
}

/** `1:5000,7:300` → index → number; `string=120,hash=3` → type → number. */
export function parseList(text: string, sep: string): [string, number][] {
  return (text ? text.split(',') : []).map((part) => {
    const at = part.lastIndexOf(sep);
    return [part.slice(0, at), Number(part.slice(at + 1))];
  });
}

/** A reply of {@link BATCH_SCRIPT} (or a script ending in `print_result`) as a print. */
export function scriptPrint(reply: unknown): BatchPrint {
  const [hash = '', ttls = '', types = ''] = (Array.isArray(reply) ? reply : []).map(String);
  return {
    hash,
    ttls: new Map(parseList(ttls, ':').map(([i, ms]) => [Number(i), ms])),
    types: new Map(parseList(types, '=')),
  };
}

/** How far two TTLs of one key may drift apart (the copy and the two reads take time). */
export const TTL_SLACK_MS = 5000;

/** Whether two TTLs of one key agree: both none, or both set and within the run's drift. */
export function ttlAgrees(x: number, y: number, elapsedMs: number): boolean {
  return x < 0 === y < 0 && (x < 0 || Math.abs(x - y) <= TTL_SLACK_MS + elapsedMs);
}

/** Whether two prints of one batch agree: same hash, same keys expiring, TTLs within the drift. */
export function batchesAgree(a: BatchPrint, b: BatchPrint, elapsedMs: number): boolean {
  if (a.hash !== b.hash || a.ttls.size !== b.ttls.size) return false;
  for (const [i, x] of a.ttls) {
    const y = b.ttls.get(i);
    if (y === undefined || !ttlAgrees(x, y, elapsedMs)) return false;
  }
  return true;
}
