import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { LOCAL } from '../../../src/io/exec.js';
import { redisEngine } from '../../../src/migrate/engines/redis.js';
import { copyKeys, partAgrees, type ReadBack } from '../../../src/migrate/engines/redis-copy.js';
import { sameMembers } from '../../../src/migrate/engines/redis-print.js';
import type { Endpoint } from '../../../src/migrate/types.js';
import { after, before, describe, it } from '../../harness.js';
import { startRedis, type Server } from '../../servers.js';

/**
 * The copy reads every key back from the target as it writes it, and the verification that follows
 * trusts that only while neither server has changed since. These cases change a server at
 * the worst moment (between the copy and its verification), swap values, lose TTLs, and store
 * values in another encoding, and check the verdict each time.
 */
const ep = (url: string): Endpoint => ({ url, transport: LOCAL });

/** Every type, in every encoding a server picks by size. */
async function fill(c: Redis): Promise<void> {
  const p = c.pipeline();
  p.set('str', 'plain');
  p.set('int', '12345');
  p.set('long', 'abc'.repeat(400)); // compressed in the payload
  p.rpush('list', 'a', 'b', 'a');
  p.hset('hash:small', { a: '1', b: '2' });
  p.hset('hash:big', Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}`, `v${i}`])));
  p.sadd('set:ints', 1, 2, 3);
  p.sadd('set:small', 'x', 'y');
  p.sadd(
    'set:big',
    Array.from({ length: 300 }, (_, i) => `m${i}`),
  );
  p.zadd('zset:small', 1, 'a', 2, 'b');
  for (let i = 0; i < 200; i++) p.zadd('zset:big', i, `z${i}`);
  p.xadd('stream', '1-1', 'k', 'v');
  p.xgroup('CREATE', 'stream', 'workers', '0');
  p.set('session', 'ttl', 'PX', 600_000);
  for (let i = 0; i < 1500; i++) p.set(`k:${i}`, `v${i}`);
  await p.exec();
}

describe('Redis copy: each key read back as it is written, and the verification that trusts it', () => {
  let src: Server;
  let dst: Server;
  const clients: Redis[] = [];
  const client = (s: Server) => {
    const c = new Redis(s.port, '127.0.0.1');
    clients.push(c);
    return c;
  };
  before(async () => {
    [src, dst] = await Promise.all([startRedis(), startRedis()]);
  });
  after(async () => {
    for (const c of clients) c.disconnect();
    await Promise.all([src?.stop(), dst?.stop()]);
  });

  /** A fresh source holding `fill`, an empty target, and a copy with prints; returns the endpoint objects. */
  async function copied(): Promise<{ from: Endpoint; to: Endpoint }> {
    const [a, b] = [client(src), client(dst)];
    await Promise.all([a.flushdb(), b.flushdb()]);
    await fill(a);
    const from = ep(src.url);
    const to = ep(dst.url);
    const r = await redisEngine.run(from, to, {});
    assert.ok(r.ok, r.error);
    return { from, to };
  }

  it("every type and encoding reads back as sent, hash tables in the target's own order: a clean copy has no part to settle", async () => {
    const [a, b] = [client(src), client(dst)];
    await Promise.all([a.flushdb(), b.flushdb()]);
    await fill(a);
    for (const transfer of ['script', 'client'] as const) {
      await b.flushdb();
      const tally = await copyKeys(a, b, { transfer, prints: true });
      assert.equal(tally.suspects.length, 0, `${transfer}: every part read back as it was sent`);
      assert.equal(tally.keys, await a.dbsize());
      assert.equal(tally.expiring, 1);
      assert.equal(tally.sourceTypes.get('hash'), 2);
      assert.equal(tally.targetTypes.get('stream'), 1);
    }
    // The two servers keep the big set in another order: the payloads differ, the members do not.
    const [x, y] = [await a.dumpBuffer('set:big'), await b.dumpBuffer('set:big')];
    assert.equal(x[0], 2, 'a set kept as a hash table');
    assert.ok(!x.equals(y), 'the servers order it apart');
    assert.ok(sameMembers(x, y));
  });

  it('the read-back catches values swapped between keys, a changed member, a value moved between fields, a lost TTL', async () => {
    const [a, b] = [client(src), client(dst)];
    await Promise.all([a.flushdb(), b.flushdb()]);
    await a.set('left', 'AAAA');
    await a.set('right', 'BBBB');
    const [dl, dr] = [await a.dumpBuffer('left'), await a.dumpBuffer('right')];
    const part = { keys: [Buffer.from('left'), Buffer.from('right')], ttls: [-1, 60_000], payloads: [dl, dr] };
    const back = (over: Partial<ReadBack> = {}): ReadBack => ({
      differ: [],
      unordered: new Map(),
      ttls: new Map([[2, 59_000]]),
      types: new Map([['string', 2]]),
      ...over,
    });
    assert.ok(partAgrees(part, back(), 1000));
    assert.equal(partAgrees(part, back({ differ: [1, 2] }), 1000), false, 'a swap: both keys differ');
    assert.equal(partAgrees(part, back({ ttls: new Map() }), 1000), false, 'the TTL was lost');
    // Hash tables: one member changed, or two fields' values swapped, are not the same members.
    await a.sadd('set', ...Array.from({ length: 300 }, (_, i) => `m${i}`));
    await b.sadd('set', ...Array.from({ length: 299 }, (_, i) => `m${i}`), 'other');
    // Values longer than 64 bytes: kept as a hash table, whatever the server's listpack limits.
    const value = (i: number) => `v${i}`.padEnd(80, '.');
    const fields = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, value(i)]));
    await a.hset('hash', fields);
    await b.hset('hash', { ...fields, f1: value(2), f2: value(1) });
    assert.equal((await a.dumpBuffer('hash'))[0], 4, 'a hash kept as a hash table');
    assert.equal(sameMembers(await a.dumpBuffer('set'), await b.dumpBuffer('set')), false);
    assert.equal(sameMembers(await a.dumpBuffer('hash'), await b.dumpBuffer('hash')), false);
    await b.hset('hash', { f1: value(1), f2: value(2) });
    assert.ok(sameMembers(await a.dumpBuffer('hash'), await b.dumpBuffer('hash')), 'put back, the same again');
    assert.equal(sameMembers(dl, dl), false, 'a string is compared byte for byte, not here');
  });

  it('right after the copy, verification trusts the prints and says so', async () => {
    const { from, to } = await copied();
    const v = await redisEngine.verify(from, to);
    assert.ok(v.ok, JSON.stringify(v.items.filter((i) => !i.equal)));
    assert.match(v.notes?.join(' ') ?? '', /each key read back from the target as it was written/);
  });

  it('a write to the source after the copy is seen: compared again in full, the key named', async () => {
    const { from, to } = await copied();
    await client(src).set('k:7', 'written after the copy');
    const v = await redisEngine.verify(from, to);
    assert.equal(v.ok, false);
    assert.equal(v.items.find((i) => i.object === 'keys whose value differs')?.target, '1: k:7');
    assert.match(v.notes?.join(' ') ?? '', /the source changed/);
  });

  it('a value swapped on the target after the copy is named', async () => {
    const { from, to } = await copied();
    const b = client(dst);
    const [x, y] = [await b.get('k:1'), await b.get('k:2')];
    await b.set('k:1', y ?? '');
    await b.set('k:2', x ?? '');
    const v = await redisEngine.verify(from, to);
    assert.equal(v.items.find((i) => i.object === 'keys whose value differs')?.target, '2: k:1, k:2');
  });

  it('a TTL lost on the target after the copy is named', async () => {
    const { from, to } = await copied();
    await client(dst).persist('session');
    const v = await redisEngine.verify(from, to);
    assert.equal(v.items.find((i) => i.object === 'keys whose TTL differs')?.target, '1: session');
  });

  it('a key that expires on both sides between the copy and its verification is no difference', async () => {
    const [a, b] = [client(src), client(dst)];
    await Promise.all([a.flushdb(), b.flushdb()]);
    await a.set('brief', 'x', 'PX', 2000);
    await a.set('stays', 'y');
    const from = ep(src.url);
    const to = ep(dst.url);
    assert.ok((await redisEngine.run(from, to, {})).ok);
    assert.equal(await b.exists('brief'), 1, 'copied while it lived');
    await new Promise((r) => setTimeout(r, 2300));
    const v = await redisEngine.verify(from, to);
    assert.ok(v.ok, JSON.stringify(v.items.filter((i) => !i.equal)));
    assert.match(v.notes?.join(' ') ?? '', /compared again in full/);
  });

  it('a value the target stores in another encoding is settled by value, not called different', async () => {
    const [a, b] = [client(src), client(dst)];
    await Promise.all([a.flushdb(), b.flushdb()]);
    await a.hset('h', { f: 'v', g: 'w' });
    await b.config('SET', 'hash-max-listpack-entries', '0');
    try {
      const from = ep(src.url);
      const to = ep(dst.url);
      assert.ok((await redisEngine.run(from, to, {})).ok);
      assert.equal(await b.call('OBJECT', 'ENCODING', 'h'), 'hashtable');
      const v = await redisEngine.verify(from, to);
      assert.ok(v.ok, JSON.stringify(v.items.filter((i) => !i.equal)));
    } finally {
      await b.config('SET', 'hash-max-listpack-entries', '128');
    }
  });

  it('values larger than one read are read in parts; a swap between two of them is named', async () => {
    const [a, b] = [client(src), client(dst)];
    await Promise.all([a.flushdb(), b.flushdb()]);
    // Five incompressible 6 MB values: 30 MB, more than one read's 16 MB.
    const values = Array.from({ length: 5 }, () => randomBytes(6 * 1024 * 1024));
    for (const [i, v] of values.entries()) await a.set(`big:${i}`, v);
    const from = ep(src.url);
    const to = ep(dst.url);
    const r = await redisEngine.run(from, to, {});
    assert.ok(r.ok, r.error);
    for (const [i, v] of values.entries()) assert.ok((await b.getBuffer(`big:${i}`))?.equals(v), `big:${i}`);
    const v = await redisEngine.verify(from, to);
    assert.ok(v.ok, JSON.stringify(v.items.filter((i) => !i.equal)));
    await b.set('big:0', values[1] ?? '');
    await b.set('big:1', values[0] ?? '');
    const w = await redisEngine.verify(ep(src.url), ep(dst.url));
    assert.equal(w.items.find((i) => i.object === 'keys whose value differs')?.target, '2: big:0, big:1');
    await Promise.all([a.flushdb(), b.flushdb()]);
  });
});
