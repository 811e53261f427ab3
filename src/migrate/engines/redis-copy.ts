import type { Redis } from 'ioredis';
import { MigrateError } from '../types.js';
import { scan } from './redis-verify.js';
import { typeOf, type PrintMode } from './redis-print.js';

/**
 * The Redis copy: SCAN the source, DUMP + PTTL each key, RESTORE it on the target with its TTL.
 * Where both servers run scripts, a batch is read in one script call and written in one (instead of
 * a command a key, whose handling here costs more than the servers' work). Otherwise (scripts not
 * allowed, as on some managed servers) the same is done with pipelines.
 *
 * Each payload travels as the source's DUMP made it, checksum included, and RESTORE refuses one
 * whose checksum does not hold: a value cannot change on the way. What the verification that
 * follows needs besides is kept here: the types and TTLs sent, and a sample of keys spread over the
 * whole key space, compared by value on both servers.
 */

/** Payload bytes per read: a batch of large values is read in several calls, so no reply is huge. */
const READ_BUDGET = 16 * 1024 * 1024;

/** Keys compared by value on both servers after a copy that nothing else wrote into. */
export const SAMPLE = 1000;

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
 * RESTOREs each key given (ARGV: replace, then TTL and payload a key; a TTL of -1 is none, 0 is
 * about to expire, -2 or an empty payload a key that went away between SCAN and DUMP); returns how
 * many it wrote.
 */
const RESTORE_SCRIPT = `local replace = ARGV[1] == '1'
local n = 0
for i, k in ipairs(KEYS) do
  local ttl, d = tonumber(ARGV[2 * i]), ARGV[1 + 2 * i]
  if d ~= '' and ttl ~= -2 then
    local px = 0
    if ttl == 0 then px = 1 elseif ttl > 0 then px = ttl end
    if replace then redis.call('RESTORE', k, px, d, 'REPLACE') else redis.call('RESTORE', k, px, d) end
    n = n + 1
  end
end
return n`;

/** One read part of a batch: its keys, and each key's TTL and payload (empty when it went away). */
interface Chunk {
  readonly keys: Buffer[];
  readonly ttls: number[];
  readonly payloads: Buffer[];
}

/** Whether a key of a part was written: it still existed when the source was read. */
const written = (c: Chunk, i: number) => (c.ttls[i] ?? -2) !== -2 && Boolean(c.payloads[i]?.length);

export interface CopyOptions {
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  readonly onBytes?: (bytes: number) => void;
  /** Scripts on both servers (one call a batch) or pipelines (a command a key). */
  readonly transfer: PrintMode;
}

export interface CopyTally {
  /** Keys written (RESTOREs the target accepted). */
  keys: number;
  bytes: number;
  /** Keys of each type read from the source (by the RDB type of its payload). */
  readonly sourceTypes: Map<string, number>;
  /** Keys of each type written to the target. */
  readonly targetTypes: Map<string, number>;
  /** Keys written with a TTL: the target's count of keys that expire must be this. */
  expiring: number;
  /** Up to {@link SAMPLE} of the keys written, drawn evenly from all of them (reservoir sampling). */
  readonly sample: Buffer[];
  /** Set when stopped on request. */
  stopped?: boolean;
}

const count = (into: Map<string, number>, type: string) => into.set(type, (into.get(type) ?? 0) + 1);

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

/** Writes one part to the target; returns how many keys it wrote. */
async function writeChunk(b: Redis, c: Chunk, o: CopyOptions): Promise<number> {
  if (o.transfer === 'client') {
    const w = b.pipeline();
    let n = 0;
    c.keys.forEach((k, i) => {
      if (!written(c, i)) return;
      const ttl = c.ttls[i] ?? -1;
      // PTTL 0 is about to expire: RESTORE with 0 would keep it for ever.
      w.restore(k, ttl > 0 ? ttl : ttl === 0 ? 1 : 0, c.payloads[i] ?? '', ...((o.force ? ['REPLACE'] : []) as []));
      n++;
    });
    const failed = ((await w.exec()) ?? []).find(([err]) => err);
    if (failed) throw new MigrateError(`RESTORE failed on the target: ${failed[0]?.message ?? 'unknown error'}`);
    return n;
  }
  const args: (Buffer | string | number)[] = [o.force ? '1' : '0'];
  c.keys.forEach((_, i) => args.push(c.ttls[i] ?? -2, c.payloads[i] ?? ''));
  try {
    return Number(await b.callBuffer('EVAL', RESTORE_SCRIPT, c.keys.length, ...c.keys, ...args));
  } catch (e) {
    throw new MigrateError(
      `RESTORE failed on the target: ${(e as Error).message.replace(/^ERR Error running script.*?: /, '')}`,
    );
  }
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
    expiring: 0,
    sample: [],
  };
  let seen = 0;
  const write = async (chunks: Chunk[]) => {
    for (const c of chunks) {
      const n = await writeChunk(b, c, o);
      c.payloads.forEach((p, i) => {
        tally.bytes += p.length;
        if (!written(c, i)) return;
        const type = typeOf(p);
        count(tally.sourceTypes, type);
        count(tally.targetTypes, type);
        if ((c.ttls[i] ?? -1) >= 0) tally.expiring++;
        // Reservoir sampling: after m keys, each of them is in the sample with the same chance.
        const m = ++seen;
        const k = c.keys[i] ?? Buffer.alloc(0);
        if (tally.sample.length < SAMPLE) tally.sample.push(k);
        else {
          const j = Math.floor(Math.random() * m);
          if (j < SAMPLE) tally.sample[j] = k;
        }
      });
      tally.keys += n;
      o.onBytes?.(tally.bytes);
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
