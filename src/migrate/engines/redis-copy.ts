import type { Redis } from 'ioredis';
import { MigrateError } from '../types.js';
import { scan } from './redis-verify.js';
import { RDB_TYPES_LUA, parseList, sameMembers, ttlAgrees, typeOf, type PrintMode } from './redis-print.js';

/**
 * The Redis copy: SCAN the source, DUMP + PTTL each key, RESTORE it on the target with its TTL.
 * Where both servers run scripts, a batch is read in one script call and written in one (instead of
 * a command a key, whose handling here costs more than the servers' work). Otherwise (scripts not
 * allowed, as on some managed servers) the same is done with pipelines.
 *
 * With a verification to follow, every key is read back from the target right after it is written
 * and compared with the payload the source gave: the same DUMP bytes, or for a set or hash kept as a
 * hash table (whose payload order is the server's own) the same members; and its TTL.
 */

/** Payload bytes per read: a batch of large values is read in several calls, so no reply is huge. */
const READ_BUDGET = 16 * 1024 * 1024;

/** Reads keys from the first until the budget is spent: how many were read, then the PTTL and DUMP ('' when gone) of each. */
const READ_SCRIPT = `local budget = tonumber(ARGV[1])
local out = {}
local size, n = 0, 0
for i, k in ipairs(KEYS) do
  if i > 1 and size >= budget then break end
  n = i
  local d = redis.call('DUMP', k)
  out[#out + 1] = redis.call('PTTL', k)
  out[#out + 1] = d or ''
  if d then size = size + #d end
end
return {n, out}`;

/**
 * RESTOREs each key given (ARGV: replace, read back, then TTL and payload a key; a TTL of -1 is
 * none, 0 is about to expire). Read back: the keys whose DUMP is not the payload given, the DUMP of
 * each hash-table set and hash (compared member by member by the caller), the TTL of each key
 * given one, and the keys of each type. A key restored without a TTL is not asked its TTL: that none
 * gained one is checked once, by the count of keys that expire.
 */
const RESTORE_SCRIPT = `${RDB_TYPES_LUA}
local replace, want = ARGV[1] == '1', ARGV[2] == '1'
local n = 0
local given = {}
for i, k in ipairs(KEYS) do
  local ttl, d = tonumber(ARGV[1 + 2 * i]), ARGV[2 + 2 * i]
  if d ~= '' and ttl ~= -2 then
    local px = 0
    if ttl == 0 then px = 1 elseif ttl > 0 then px = ttl end
    if replace then redis.call('RESTORE', k, px, d, 'REPLACE') else redis.call('RESTORE', k, px, d) end
    n = n + 1
    given[i] = ttl
  end
end
if not want then return {n} end
local differ, unordered, ttls, types = {}, {}, {}, {}
for i, k in ipairs(KEYS) do
  local d = redis.call('DUMP', k)
  local code = d and string.byte(d, 1) or -1
  local t = d and (TYPES[code] or ('rdb' .. code)) or 'none'
  types[t] = (types[t] or 0) + 1
  if code == 2 or code == 4 then
    unordered[#unordered + 1] = i
    unordered[#unordered + 1] = d
  elseif (d or '') ~= (given[i] and ARGV[2 + 2 * i] or '') then
    differ[#differ + 1] = i
  end
  if given[i] and given[i] >= 0 then ttls[#ttls + 1] = i .. ':' .. redis.call('PTTL', k) end
end
local tc = {}
for t, c in pairs(types) do tc[#tc + 1] = t .. '=' .. c end
return {n, table.concat(differ, ','), unordered, table.concat(ttls, ','), table.concat(tc, ',')}`;

/** One read part of a batch: its keys, and each key's TTL and payload (empty when it went away). */
interface Chunk {
  readonly keys: Buffer[];
  readonly ttls: number[];
  readonly payloads: Buffer[];
}

/** What the target holds of a part, read back right after it was written. Indexes count from 1. */
export interface ReadBack {
  /** Keys whose DUMP is not the payload sent. */
  readonly differ: readonly number[];
  /** The DUMP of each hash-table set and hash, compared member by member. */
  readonly unordered: ReadonlyMap<number, Buffer>;
  /** The TTL of each key sent with one. */
  readonly ttls: ReadonlyMap<number, number>;
  /** Keys of each type; `none` for keys the target does not have. */
  readonly types: ReadonlyMap<string, number>;
}

/** Whether the target holds a part as it was sent: every value, every TTL within the run's drift. */
export function partAgrees(c: Chunk, back: ReadBack, elapsedMs: number): boolean {
  if (back.differ.length) return false;
  for (const [i, d] of back.unordered) if (!sameMembers(c.payloads[i - 1], d)) return false;
  return c.ttls.every((ttl, i) => {
    if (ttl < 0 || !c.payloads[i]?.length) return true;
    const y = back.ttls.get(i + 1);
    return y !== undefined && ttlAgrees(ttl, y, elapsedMs);
  });
}

/** The read-back made here, where scripts are not allowed: the same as the script's. */
async function readBackHere(b: Redis, c: Chunk): Promise<ReadBack> {
  const p = b.pipeline();
  c.keys.forEach((k, i) => {
    p.dumpBuffer(k);
    if ((c.ttls[i] ?? -1) >= 0 && c.payloads[i]?.length) p.pttl(k);
  });
  const replies = ((await p.exec()) ?? []).map(([, v]) => v);
  const back = {
    differ: [] as number[],
    unordered: new Map<number, Buffer>(),
    ttls: new Map<number, number>(),
    types: new Map<string, number>(),
  };
  let at = 0;
  c.keys.forEach((_, i) => {
    const d = replies[at++];
    const dump = Buffer.isBuffer(d) ? d : undefined;
    const type = typeOf(dump);
    back.types.set(type, (back.types.get(type) ?? 0) + 1);
    const sent = (c.ttls[i] ?? -2) !== -2 && c.payloads[i]?.length ? c.payloads[i] : undefined;
    if (dump && (dump[0] === 2 || dump[0] === 4)) back.unordered.set(i + 1, dump);
    else if (!(dump ?? Buffer.alloc(0)).equals(sent ?? Buffer.alloc(0))) back.differ.push(i + 1);
    if ((c.ttls[i] ?? -1) >= 0 && c.payloads[i]?.length) back.ttls.set(i + 1, Number(replies[at++]));
  });
  return back;
}

/** The script's read-back reply. */
function readBackOf(reply: unknown[]): ReadBack {
  const [, differ, unordered, ttls, types] = reply;
  const text = (v: unknown) => (Buffer.isBuffer(v) || typeof v === 'string' ? v.toString() : '');
  const pairs = Array.isArray(unordered) ? (unordered as unknown[]) : [];
  const back = new Map<number, Buffer>();
  for (let j = 0; j + 1 < pairs.length; j += 2) back.set(Number(pairs[j]), pairs[j + 1] as Buffer);
  return {
    differ: text(differ).split(',').filter(Boolean).map(Number),
    unordered: back,
    ttls: new Map(parseList(text(ttls), ':').map(([i, ms]) => [Number(i), ms])),
    types: new Map(parseList(text(types), '=')),
  };
}

export interface CopyOptions {
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  readonly onBytes?: (bytes: number) => void;
  /** Scripts on both servers (one call a batch) or pipelines (a command a key). */
  readonly transfer: PrintMode;
  /** Read every key back from the target as it is written, for the verification that follows. */
  readonly prints: boolean;
}

export interface CopyTally {
  keys: number;
  bytes: number;
  readonly sourceTypes: Map<string, number>;
  readonly targetTypes: Map<string, number>;
  /** Parts the target did not hold as sent: settled key by key by the verification. */
  readonly suspects: Buffer[][];
  /** Keys written with a TTL: the target's count of keys that expire must be this. */
  expiring: number;
  /** Set when stopped on request. */
  stopped?: boolean;
}

const addTypes = (into: Map<string, number>, from: ReadonlyMap<string, number>) => {
  for (const [t, n] of from) into.set(t, (into.get(t) ?? 0) + n);
};

/** Reads one batch of the source, in parts of at most {@link READ_BUDGET} payload bytes. */
async function readBatch(a: Redis, batch: Buffer[], o: CopyOptions): Promise<Chunk[]> {
  if (o.transfer === 'client') {
    const p = a.pipeline();
    for (const k of batch) p.pttl(k).dumpBuffer(k);
    const res = (await p.exec()) ?? [];
    return [
      {
        keys: batch,
        ttls: batch.map((_, i) => Number(res[2 * i]?.[1] ?? -2)),
        payloads: batch.map((_, i) => {
          const d = res[2 * i + 1]?.[1];
          return Buffer.isBuffer(d) ? d : Buffer.alloc(0);
        }),
      },
    ];
  }
  const chunks: Chunk[] = [];
  for (let from = 0; from < batch.length;) {
    const keys = batch.slice(from);
    const reply = (await a.callBuffer('EVAL', READ_SCRIPT, keys.length, ...keys, READ_BUDGET)) as [
      number,
      (number | Buffer)[],
    ];
    const n = Number(reply[0]);
    const out = reply[1];
    chunks.push({
      keys: keys.slice(0, n),
      ttls: Array.from({ length: n }, (_, i) => Number(out[2 * i])),
      payloads: Array.from({ length: n }, (_, i) => {
        const d = out[2 * i + 1];
        return Buffer.isBuffer(d) ? d : Buffer.alloc(0);
      }),
    });
    from += Math.max(1, n);
  }
  return chunks;
}

/** Writes one part to the target; returns how many keys it wrote, and what it holds of them when asked. */
async function writeChunk(b: Redis, c: Chunk, o: CopyOptions): Promise<{ n: number; back?: ReadBack }> {
  if (o.transfer === 'client') {
    const w = b.pipeline();
    let n = 0;
    c.keys.forEach((k, i) => {
      const ttl = c.ttls[i] ?? -2;
      const payload = c.payloads[i];
      if (ttl === -2 || !payload?.length) return; // expired or deleted between SCAN and DUMP
      // PTTL 0 is about to expire: RESTORE with 0 would keep it for ever.
      w.restore(k, ttl > 0 ? ttl : ttl === 0 ? 1 : 0, payload, ...((o.force ? ['REPLACE'] : []) as []));
      n++;
    });
    const failed = ((await w.exec()) ?? []).find(([err]) => err);
    if (failed) throw new MigrateError(`RESTORE failed on the target: ${failed[0]?.message ?? 'unknown error'}`);
    return { n, ...(o.prints ? { back: await readBackHere(b, c) } : {}) };
  }
  const args: (Buffer | string | number)[] = [o.force ? '1' : '0', o.prints ? '1' : '0'];
  c.keys.forEach((_, i) => args.push(c.ttls[i] ?? -2, c.payloads[i] ?? ''));
  let reply: unknown[];
  try {
    reply = (await b.callBuffer('EVAL', RESTORE_SCRIPT, c.keys.length, ...c.keys, ...args)) as unknown[];
  } catch (e) {
    throw new MigrateError(
      `RESTORE failed on the target: ${(e as Error).message.replace(/^ERR Error running script.*?: /, '')}`,
    );
  }
  return { n: Number(reply[0]), ...(o.prints ? { back: readBackOf(reply) } : {}) };
}

/**
 * Copies every key; the next batch is read while the last one is written. Throws a MigrateError
 * when the target refuses a key (the target then holds a partial copy).
 */
export async function copyKeys(a: Redis, b: Redis, o: CopyOptions): Promise<CopyTally> {
  const tally: CopyTally = {
    keys: 0,
    bytes: 0,
    sourceTypes: new Map(),
    targetTypes: new Map(),
    suspects: [],
    expiring: 0,
  };
  const started = Date.now();
  const write = async (chunks: Chunk[]) => {
    for (const c of chunks) {
      const { n, back } = await writeChunk(b, c, o);
      tally.keys += n;
      c.payloads.forEach((p, i) => {
        tally.bytes += p.length;
        if (p.length && (c.ttls[i] ?? -1) >= 0) tally.expiring++;
      });
      o.onBytes?.(tally.bytes);
      if (!back) continue;
      for (const p of c.payloads) {
        const type = typeOf(p);
        tally.sourceTypes.set(type, (tally.sourceTypes.get(type) ?? 0) + 1);
      }
      addTypes(tally.targetTypes, back.types);
      if (!partAgrees(c, back, Date.now() - started)) tally.suspects.push(c.keys);
    }
  };
  let writing: Promise<void> | undefined;
  try {
    for await (const batch of scan(a)) {
      if (o.signal?.aborted) {
        tally.stopped = true;
        break;
      }
      const chunks = await readBatch(a, batch, o);
      await writing;
      writing = write(chunks);
      writing.catch(() => undefined); // awaited with the next batch or below
    }
    await writing;
  } finally {
    await writing?.catch(() => undefined);
  }
  return tally;
}
