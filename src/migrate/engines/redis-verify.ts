import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Comparison, Verification } from '../types.js';
import { batchPrint, batchesAgree, ttlAgrees, type PrintMode } from './redis-print.js';

/**
 * Redis verification, batch by batch: the source's keys are taken in SCAN batches and each batch is
 * hashed on both servers with the same key list (one short reply a batch, whatever the values
 * weigh). A batch whose hashes differ is settled key by key, and each differing key is named.
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

const NAMED = 10;

/** One key as verify sees it: its type, a digest of its value, and its remaining time to live. */
interface KeyPrint {
  readonly type: string;
  readonly digest: string;
  /** Milliseconds left, or -1 for none. */
  readonly ttl: number;
}

/** What verification found, gathered batch by batch: counts by type, and the keys that differ. */
export class KeyTally {
  private readonly byType = new Map<string, [number, number]>();
  readonly missing: string[] = [];
  readonly extra: string[] = [];
  readonly changed: string[] = [];
  readonly ttl: string[] = [];
  /** Keys present on each side. */
  readonly present: [number, number] = [0, 0];

  countTypes(side: 0 | 1, types: ReadonlyMap<string, number>): void {
    for (const [type, n] of types) {
      if (type === 'none') continue;
      const t = this.byType.get(type) ?? [0, 0];
      t[side] += n;
      this.byType.set(type, t);
      this.present[side] += n;
    }
  }

  /** One key compared (in a batch whose hashes differed): missing, changed, or a TTL lost or gained. */
  compareKey(k: Buffer, x: KeyPrint, y: KeyPrint, elapsedMs: number): void {
    if (x.type === 'none') return;
    if (y.type === 'none') this.missing.push(showKey(k));
    else if (y.type !== x.type || y.digest !== x.digest) this.changed.push(showKey(k));
    else if (!ttlAgrees(x.ttl, y.ttl, elapsedMs)) this.ttl.push(showKey(k));
  }

  addExtra(k: Buffer): void {
    this.extra.push(showKey(k));
  }

  result(notes: readonly string[] = []): Verification {
    const list = (keys: string[]) =>
      keys.length
        ? `${keys.length}: ${keys.sort().slice(0, NAMED).join(', ')}${keys.length > NAMED ? ', …' : ''}`
        : '0';
    const items: Comparison[] = [...this.byType]
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([type, [n, m]]) => ({ object: `${type} keys`, source: String(n), target: String(m), equal: n === m }));
    for (const [object, keys] of [
      ['keys missing on the target', this.missing],
      ['keys only on the target', this.extra],
      ['keys whose value differs', this.changed],
      ['keys whose TTL differs', this.ttl],
    ] as const)
      items.push({ object, source: '0', target: list([...keys]), equal: keys.length === 0 });
    return { ok: items.every((i) => i.equal), items, ...(notes.length ? { notes } : {}) };
  }
}

/** For the keys of a batch that differed: type, TTL and a digest of the value itself, member order aside. */
export async function valuePrints(c: Redis, keys: readonly Buffer[]): Promise<KeyPrint[]> {
  const out: KeyPrint[] = [];
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
      out.push({ type, digest: digest(type, value), ttl: ttl >= 0 ? ttl : -1 });
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

/** Settles a batch whose prints differ: each key by value on both sides, every difference named. */
export async function settleBatch(
  a: Redis,
  b: Redis,
  keys: readonly Buffer[],
  tally: KeyTally,
  elapsedMs: number,
): Promise<void> {
  const [va, vb] = await Promise.all([valuePrints(a, keys), valuePrints(b, keys)]);
  keys.forEach((k, i) => {
    const x = va[i];
    const y = vb[i];
    if (x && y) tally.compareKey(k, x, y, elapsedMs);
  });
}

/**
 * The keys only the target has, named: looked for only when the target holds more keys than the
 * source's that it matched (a SCAN of the target, each batch checked on the source).
 */
export async function findExtras(a: Redis, b: Redis, tally: KeyTally): Promise<void> {
  for await (const batch of scan(b)) {
    const p = a.pipeline();
    for (const k of batch) p.exists(k);
    const r = (await p.exec()) ?? [];
    const extras = batch.filter((_, i) => Number(r[i]?.[1] ?? 0) === 0);
    if (!extras.length) continue;
    const t = b.pipeline();
    for (const k of extras) t.type(k);
    const types = new Map<string, number>();
    ((await t.exec()) ?? []).forEach(([, type], i) => {
      const name = typeof type === 'string' ? type : 'none';
      types.set(name, (types.get(name) ?? 0) + 1);
      tally.addExtra(extras[i] ?? Buffer.alloc(0));
    });
    tally.countTypes(1, types);
  }
}

/**
 * Compares the whole database: the source's SCAN batches, each hashed on both servers at once,
 * a few batches in flight so that both servers stay busy; differing batches settled key by key.
 */
export async function compareAll(a: Redis, b: Redis, mode: PrintMode): Promise<KeyTally> {
  const tally = new KeyTally();
  const started = Date.now();
  const inFlight: Promise<void>[] = [];
  const check = async (keys: Buffer[]) => {
    const [x, y] = await Promise.all([batchPrint(a, keys, mode), batchPrint(b, keys, mode)]);
    tally.countTypes(0, x.types);
    // The target's count is of the source's keys it has; keys only it has are found below.
    tally.countTypes(1, y.types);
    if (!batchesAgree(x, y, Date.now() - started)) await settleBatch(a, b, keys, tally, Date.now() - started);
  };
  for await (const keys of scan(a)) {
    const p = check(keys);
    p.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
    inFlight.push(p);
    if (inFlight.length >= 4) await inFlight.shift();
  }
  await Promise.all(inFlight);
  if ((await b.dbsize()) > tally.present[1]) await findExtras(a, b, tally);
  return tally;
}

/** Calls of each command that writes, as a server counts them (INFO commandstats): a write mark. */
export type WriteMark = ReadonlyMap<string, number>;

/** The calls of each write command in an INFO commandstats text; undefined when the text has no such section. */
export function parseWriteCalls(info: string, write: ReadonlySet<string>): Map<string, number> | undefined {
  if (!/^# Commandstats/m.test(info)) return undefined;
  const calls = new Map<string, number>();
  for (const [, name = '', n = '0'] of info.matchAll(/^cmdstat_([^:\s]+):calls=(\d+)/gm))
    if (write.has(name.toLowerCase())) calls.set(name.toLowerCase(), Number(n));
  return calls;
}

/**
 * Where a server's writes stand: how many times each command that writes (the server's own @write
 * category, subcommands included) has run, from any client, in any database, in scripts and
 * transactions too. Unlike the count of changes since the last save, a save does not reset it.
 * Undefined when the server does not say (INFO trimmed, ACL CAT not allowed): then nothing can be
 * ruled out.
 */
export async function writeMark(c: Redis): Promise<WriteMark | undefined> {
  try {
    const write = await writeCommands(c);
    return write && parseWriteCalls(await c.info('commandstats'), write);
  } catch {
    return undefined;
  }
}

/** Each connection's server's @write commands, asked once: the category is fixed while the server runs. */
const writeCategory = new WeakMap<Redis, Promise<ReadonlySet<string> | undefined>>();

function writeCommands(c: Redis): Promise<ReadonlySet<string> | undefined> {
  let known = writeCategory.get(c);
  if (!known) {
    known = c.call('ACL', 'CAT', 'write').then(
      (names) =>
        Array.isArray(names) && names.length ? new Set(names.map((n) => String(n).toLowerCase())) : undefined,
      () => undefined,
    );
    writeCategory.set(c, known);
  }
  return known;
}

/**
 * The writes between two marks, command by command (only those that ran); undefined when a mark
 * is missing or a counter went back (CONFIG RESETSTAT): then the writes between are unknown.
 */
export function writesBetween(
  before: WriteMark | undefined,
  after: WriteMark | undefined,
): Map<string, number> | undefined {
  if (!before || !after) return undefined;
  const out = new Map<string, number>();
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const d = (after.get(name) ?? 0) - (before.get(name) ?? 0);
    if (d < 0) return undefined;
    if (d > 0) out.set(name, d);
  }
  return out;
}
