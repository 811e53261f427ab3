import type { Redis } from 'ioredis';
import { MigrateError } from '../types.js';
import { scan } from './redis-verify.js';
import {
  PRINT_LUA,
  batchPrint,
  batchesAgree,
  parseCanonical,
  payloadPrint,
  scriptPrint,
  type BatchPrint,
  type PrintMode,
} from './redis-print.js';

/**
 * The Redis copy: SCAN the source, DUMP + PTTL each key, RESTORE it on the target with its TTL.
 * Where both servers run scripts, a batch is read in one script call and written in one (instead of
 * a command a key, whose handling here costs more than the servers' work), and each batch can be
 * hashed on both servers in the same calls for the verification that follows. Otherwise (scripts
 * not allowed, as on some managed servers) the same is done with pipelines.
 */

/** Payload bytes per read: a batch of large values is read in several calls, so no reply is huge. */
const READ_BUDGET = 16 * 1024 * 1024;

/**
 * Reads keys from the first until the budget is spent: how many were read, then the PTTL and DUMP
 * ('' when gone) of each; with prints wanted, the canonical hashes of hash-table sets and hashes
 * (`index:sha1,…`), from which the batch's print is made here, as the server would make it.
 */
const READ_SCRIPT = `${PRINT_LUA}
local budget, want = tonumber(ARGV[1]), ARGV[2] == '1'
local out, canonical = {}, {}
local size, n = 0, 0
for i, k in ipairs(KEYS) do
  if i > 1 and size >= budget then break end
  n = i
  local d = redis.call('DUMP', k)
  out[#out + 1] = redis.call('PTTL', k)
  out[#out + 1] = d or ''
  if d then
    size = size + #d
    local code = string.byte(d, 1)
    if want and (code == 2 or code == 4) then canonical[#canonical + 1] = i .. ':' .. canon_of(k, code) end
  end
end
return {n, out, table.concat(canonical, ',')}`;

/**
 * RESTOREs each key given (ARGV: replace, print, then TTL and payload a key; a TTL of -1 is none,
 * 0 is about to expire), then prints the keys as stored. A key restored without a TTL is printed
 * without asking its TTL: that none gained one is checked once, by the count of keys that expire.
 */
const RESTORE_SCRIPT = `${PRINT_LUA}
local replace, want = ARGV[1] == '1', ARGV[2] == '1'
local n = 0
local given = {}
for i, k in ipairs(KEYS) do
  local ttl, d = tonumber(ARGV[1 + 2 * i]), ARGV[2 + 2 * i]
  given[i] = ttl
  if d ~= '' and ttl ~= -2 then
    local px = 0
    if ttl == 0 then px = 1 elseif ttl > 0 then px = ttl end
    if replace then redis.call('RESTORE', k, px, d, 'REPLACE') else redis.call('RESTORE', k, px, d) end
    n = n + 1
  end
end
if not want then return {n} end
local acc = print_acc()
for i, k in ipairs(KEYS) do
  local ttl = -1
  if given[i] >= 0 then ttl = nil end
  print_key(i, k, nil, ttl, acc)
end
return {n, print_result(acc)}`;

/** One read part of a batch: its keys, each key's TTL and payload (empty when it went away), and its print. */
interface Chunk {
  readonly keys: Buffer[];
  readonly ttls: number[];
  readonly payloads: Buffer[];
  readonly print?: BatchPrint;
}

export interface CopyOptions {
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  readonly onBytes?: (bytes: number) => void;
  /** Scripts on both servers (one call a batch) or pipelines (a command a key). */
  readonly transfer: PrintMode;
  /** Hash each batch on both servers as it is copied, for the verification that follows. */
  readonly prints: boolean;
}

export interface CopyTally {
  keys: number;
  bytes: number;
  readonly sourceTypes: Map<string, number>;
  readonly targetTypes: Map<string, number>;
  /** Parts whose prints differed: settled key by key by the verification. */
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
    const print = o.prints ? await batchPrint(a, batch, 'client') : undefined;
    return [
      {
        keys: batch,
        ttls: batch.map((_, i) => Number(res[2 * i]?.[1] ?? -2)),
        payloads: batch.map((_, i) => {
          const d = res[2 * i + 1]?.[1];
          return Buffer.isBuffer(d) ? d : Buffer.alloc(0);
        }),
        ...(print ? { print } : {}),
      },
    ];
  }
  const chunks: Chunk[] = [];
  for (let from = 0; from < batch.length;) {
    const keys = batch.slice(from);
    const reply = (await a.callBuffer(
      'EVAL',
      READ_SCRIPT,
      keys.length,
      ...keys,
      READ_BUDGET,
      o.prints ? '1' : '0',
    )) as [number, (number | Buffer)[], Buffer];
    const n = Number(reply[0]);
    const out = reply[1];
    const ttls = Array.from({ length: n }, (_, i) => Number(out[2 * i]));
    const payloads = Array.from({ length: n }, (_, i) => {
      const d = out[2 * i + 1];
      return Buffer.isBuffer(d) ? d : Buffer.alloc(0);
    });
    chunks.push({
      keys: keys.slice(0, n),
      ttls,
      payloads,
      ...(o.prints ? { print: payloadPrint(ttls, payloads, parseCanonical(String(reply[2]))) } : {}),
    });
    from += Math.max(1, n);
  }
  return chunks;
}

/** Writes one part to the target; returns its print as stored there, when asked. */
async function writeChunk(b: Redis, c: Chunk, o: CopyOptions): Promise<{ n: number; print?: BatchPrint }> {
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
    return { n, ...(o.prints ? { print: await batchPrint(b, c.keys, 'client') } : {}) };
  }
  const args: (Buffer | string | number)[] = [o.force ? '1' : '0', o.prints ? '1' : '0'];
  c.keys.forEach((_, i) => args.push(c.ttls[i] ?? -2, c.payloads[i] ?? ''));
  let reply: [number, unknown?];
  try {
    reply = (await b.callBuffer('EVAL', RESTORE_SCRIPT, c.keys.length, ...c.keys, ...args)) as [number, unknown?];
  } catch (e) {
    throw new MigrateError(
      `RESTORE failed on the target: ${(e as Error).message.replace(/^ERR Error running script.*?: /, '')}`,
    );
  }
  return { n: Number(reply[0]), ...(o.prints ? { print: scriptPrint(reply[1]) } : {}) };
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
      const { n, print } = await writeChunk(b, c, o);
      tally.keys += n;
      c.payloads.forEach((p, i) => {
        tally.bytes += p.length;
        if (p.length && (c.ttls[i] ?? -1) >= 0) tally.expiring++;
      });
      o.onBytes?.(tally.bytes);
      if (!c.print || !print) continue;
      addTypes(tally.sourceTypes, c.print.types);
      addTypes(tally.targetTypes, print.types);
      if (!batchesAgree(c.print, print, Date.now() - started)) tally.suspects.push(c.keys);
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
