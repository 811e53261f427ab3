import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { LOCAL } from '../../../src/io/exec.js';
import { redisEngine } from '../../../src/migrate/engines/redis.js';
import { SAMPLE, copyKeys } from '../../../src/migrate/engines/redis-copy.js';
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

describe("Redis copy: each server's writes accounted for, and the verification that trusts them", () => {
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

  it('every type and encoding is copied as sent, each counted by type, and the sample is drawn from all the keys', async () => {
    const [a, b] = [client(src), client(dst)];
    await Promise.all([a.flushdb(), b.flushdb()]);
    await fill(a);
    const p = a.pipeline();
    for (let i = 0; i < 4000; i++) p.set(`late:${i}`, i);
    await p.exec();
    for (const transfer of ['script', 'client'] as const) {
      await b.flushdb();
      const tally = await copyKeys(a, b, { transfer });
      assert.equal(tally.keys, await a.dbsize(), transfer);
      assert.equal(await b.dbsize(), tally.keys);
      assert.equal(tally.expiring, 1);
      assert.equal(tally.sourceTypes.get('hash'), 2);
      assert.equal(tally.targetTypes.get('stream'), 1);
      assert.equal(tally.sample.length, SAMPLE);
      assert.equal(new Set(tally.sample.map(String)).size, SAMPLE, 'no key drawn twice');
      // Drawn from all 5500 keys, not the first 1000 written: both kinds are in it, in proportion.
      const late = tally.sample.filter((k) => k.toString().startsWith('late:')).length;
      assert.ok(late > 600 && late < 850, `${late} of ${SAMPLE} drawn from the 4000 late keys`);
    }
    for (const k of ['set:big', 'hash:big', 'zset:big', 'stream', 'long', 'session'])
      assert.deepEqual(await b.dumpBuffer(k).then((d) => d.length > 0), true, k);
    assert.deepEqual(
      await b.smembers('set:big').then((m) => m.sort()),
      await a.smembers('set:big').then((m) => m.sort()),
    );
    assert.ok((await b.pttl('session')) > 590_000, 'the TTL went along');
    await a.del(...Array.from({ length: 4000 }, (_, i) => `late:${i}`));
  });

  it('right after the copy, verification trusts the prints and says so', async () => {
    const { from, to } = await copied();
    const v = await redisEngine.verify(from, to);
    assert.ok(v.ok, JSON.stringify(v.items.filter((i) => !i.equal)));
    assert.match(v.notes?.join(' ') ?? '', /neither server ran any other write since the copy started/);
    assert.match(v.notes?.join(' ') ?? '', new RegExp(`${SAMPLE} keys drawn from all of them compared by value`));
  });

  it('a save on either server (which resets its count of changes since the last save) is no write: still trusted', async () => {
    const { from, to } = await copied();
    await Promise.all([client(src).save(), client(dst).save()]);
    const v = await redisEngine.verify(from, to);
    assert.ok(v.ok, JSON.stringify(v.items.filter((i) => !i.equal)));
    assert.match(v.notes?.join(' ') ?? '', /neither server ran any other write since the copy started/);
  });

  it('a server that does not say what it wrote (ACL CAT refused to the user) is compared in full, a swapped value named', async () => {
    const [a, b] = [client(src), client(dst)];
    await Promise.all([a.flushdb(), b.flushdb()]);
    await fill(a);
    // A user that may do everything but ask about ACLs: its writes cannot be counted.
    await b.call('ACL', 'SETUSER', 'mover', 'on', '>moverpw', '~*', '&*', '+@all', '-acl');
    try {
      const from = ep(src.url);
      const to = ep(dst.url.replace('redis://', 'redis://mover:moverpw@'));
      const r = await redisEngine.run(from, to, {});
      assert.ok(r.ok, r.error);
      await b.set('k:3', 'swapped');
      const v = await redisEngine.verify(from, to);
      assert.equal(v.ok, false);
      assert.equal(v.items.find((i) => i.object === 'keys whose value differs')?.target, '1: k:3');
      assert.match(v.notes?.join(' ') ?? '', /the writes since the copy started are unknown/);
    } finally {
      await b.call('ACL', 'DELUSER', 'mover');
    }
  });

  it('counters reset on the target after the copy (CONFIG RESETSTAT): compared in full, not trusted', async () => {
    const { from, to } = await copied();
    await client(dst).config('RESETSTAT');
    const v = await redisEngine.verify(from, to);
    assert.ok(v.ok, JSON.stringify(v.items.filter((i) => !i.equal)));
    assert.match(v.notes?.join(' ') ?? '', /the writes since the copy started are unknown/);
    assert.doesNotMatch(v.notes?.join(' ') ?? '', /neither server ran any other write/);
  });

  it('a write to the source after the copy is seen: compared again in full, the key named', async () => {
    const { from, to } = await copied();
    await client(src).set('k:7', 'written after the copy');
    const v = await redisEngine.verify(from, to);
    assert.equal(v.ok, false);
    assert.equal(v.items.find((i) => i.object === 'keys whose value differs')?.target, '1: k:7');
    assert.match(v.notes?.join(' ') ?? '', /the source was written during or after the copy \(set ×1\)/);
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

  // An app left running against the target (not scaled to zero) writes while the copy runs: to a
  // key already copied, or one deleted and another added so that the count still agrees.
  for (const [what, intrusion] of [
    [
      'a key already copied overwritten',
      `local k = redis.call('RANDOMKEY'); redis.call('SET', k, 'intruder'); return k`,
    ],
    [
      'a key already copied deleted and another added',
      `local k = redis.call('RANDOMKEY'); redis.call('DEL', k); redis.call('SET', 'intruder', '1'); return k`,
    ],
  ] as const)
    it(`a write to the target during the copy is seen (${what}): compared in full, the key named`, async () => {
      const [a, b] = [client(src), client(dst)];
      await Promise.all([a.flushdb(), b.flushdb()]);
      await fill(a);
      const intruder = client(dst);
      let hit: Promise<unknown> | undefined;
      const [from, to] = [ep(src.url), ep(dst.url)];
      const r = await redisEngine.run(from, to, {
        // Sent the moment the first part is written, before the next is read: it lands mid-copy.
        onBytes: () => {
          hit ??= intruder.eval(intrusion, 0);
        },
      });
      assert.ok(r.ok, r.error);
      const key = String(await hit);
      assert.ok(key && key !== 'undefined', 'the intrusion ran');
      const v = await redisEngine.verify(from, to);
      assert.equal(v.ok, false, 'a copy an app wrote into is not certified');
      assert.match(v.notes?.join(' ') ?? '', /compared again in full/);
      const named = v.items.filter((i) => !i.equal).map((i) => `${i.object}: ${i.target}`);
      assert.ok(
        named.some((line) => line.includes(key)),
        `${key} is named: ${named.join('; ')}`,
      );
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
