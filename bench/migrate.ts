/**
 * Prints figures (not a test) for `migrate run`. PostgreSQL: two databases of about 1 GB, pgbench's
 * (BENCH_PG_SCALE, default 67; one big table with one key, the cheapest copy per byte, so the one
 * where verifying weighs most) and the shop database of bench/shop.sql (BENCH_SHOP_SCALE, default
 * 11; an application's shape, keys and indexes on every table). For each: throughput against a raw
 * `pg_dump -Fc | pg_restore` pipe measured in the same run (target ≥ 0.95×), and what verifying adds
 * to the copy (target ≤ 10%); for pgbench also --jobs 2 against a raw directory-format dump and
 * restore. Then a Redis copy and its key-by-key verification (time and peak memory).
 * BENCH_ONLY=postgres or BENCH_ONLY=redis runs one part; BENCH_PG_WORKLOAD=pgbench or shop one
 * PostgreSQL database.
 */
import { performance } from 'node:perf_hooks';
import { LOCAL } from '../src/io/exec.js';
import { Redis } from 'ioredis';
import { redisEngine } from '../src/migrate/engines/redis.js';
import { psql, startPostgres, startRedis } from '../test/servers.js';
import { busyCpu, costLines, line, median } from './figures.js';
import { jobsFigures, pgbench, shop, verifyCost } from './postgres-cost.js';

const only = process.env.BENCH_ONLY;
const workload = process.env.BENCH_PG_WORKLOAD;
if (only !== 'redis') {
  const servers = { src: await startPostgres(), dst: await startPostgres() };
  try {
    // Autovacuum would clean up after one round's load during the next: off, on both servers.
    for (const s of [servers.src, servers.dst]) {
      psql(s.url, 'alter system set autovacuum = off');
      psql(s.url, 'select pg_reload_conf()');
    }
    // Whole rotations of the three runs of a round: each run in each position equally often.
    const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
    if (workload !== 'shop') {
      const size = pgbench(servers, Number(process.env.BENCH_PG_SCALE ?? 67));
      await verifyCost(servers, 'bench', size, rounds);
      await jobsFigures(servers, 'bench', size);
    }
    if (workload !== 'pgbench') {
      const size = shop(servers, Number(process.env.BENCH_SHOP_SCALE ?? 11));
      await verifyCost(servers, 'shop', size, rounds);
    }
  } finally {
    await Promise.all([servers.src.stop(), servers.dst.stop()]);
  }
}

// Redis: BENCH_REDIS_KEYS keys of every common type (default 200,000). The copy alone (no
// verification to follow) against the copy that reads every key back from the target plus the
// verification after it: the difference is what verification costs, the mean of the rounds'
// pairs. Then a verification from scratch (both servers read in full), with peak memory.
if (only !== 'postgres') {
  const keys = Number(process.env.BENCH_REDIS_KEYS ?? 200_000);
  const [a, b] = await Promise.all([startRedis(), startRedis()]);
  try {
    const client = new Redis(a.port, '127.0.0.1');
    for (let i = 0; i < keys; i += 5000) {
      const p = client.pipeline();
      for (let k = i; k < Math.min(i + 5000, keys); k++) {
        const kind = k % 5;
        if (kind === 0) p.set(`s:${k}`, 'x'.repeat(200));
        else if (kind === 1) p.hset(`h:${k}`, { a: 'x'.repeat(50), b: 'y'.repeat(50), c: String(k) });
        else if (kind === 2) p.rpush(`l:${k}`, 'a', 'b', 'c', 'd');
        else if (kind === 3) p.sadd(`t:${k}`, 'a', 'b', 'c', String(k));
        else p.zadd(`z:${k}`, 1, 'a', 2, 'b', 3, String(k));
      }
      await p.exec();
    }
    const used = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1] ?? 0);
    client.disconnect();
    line(`redis, ${keys} keys of five types`, `${(used / 1e6).toFixed(0)} MB`, 'used_memory of the source');
    const ep = (s: { url: string }) => ({ url: s.url, transport: LOCAL });
    const bare: number[] = [];
    const verified: number[] = [];
    const after: number[] = [];
    let fullAfter = 0;
    const cpuBare: number[] = [];
    const cpuVerified: number[] = [];
    // Pairs in turn, the order turned around each round (an even number of rounds, so each run is
    // first as often as second); the cost is the mean of the pairs' differences.
    const rounds = Number(process.env.BENCH_REDIS_ROUNDS ?? 8);
    for (let round = 0; round < rounds; round++) {
      const plain = async () => {
        const cpu = busyCpu();
        const t = performance.now();
        const r = await redisEngine.run(ep(a), ep(b), { force: true, verifyAfter: false });
        if (!r.ok) throw new Error(r.error);
        bare.push(performance.now() - t);
        cpuBare.push(busyCpu() - cpu);
      };
      const checked = async () => {
        const from = ep(a);
        const cpu = busyCpu();
        let t = performance.now();
        const r = await redisEngine.run(from, ep(b), { force: true });
        if (!r.ok) throw new Error(r.error);
        const copied = performance.now() - t;
        t = performance.now();
        const v = await redisEngine.verify(from, ep(b));
        if (!v.ok) throw new Error('redis verification failed');
        if (v.notes?.some((n) => n.startsWith('compared again in full'))) fullAfter++;
        after.push(performance.now() - t);
        verified.push(copied + (after.at(-1) ?? 0));
        cpuVerified.push(busyCpu() - cpu);
      };
      for (const step of round % 2 ? [checked, plain] : [plain, checked]) await step();
    }
    const copyOnly = median(bare);
    const extra = median(verified.map((v, i) => v - (bare[i] ?? NaN)));
    line('redis migrate run, no verification', `${(median(bare) / 1000).toFixed(2)} s`, `median of ${rounds}`);
    line(
      'redis migrate run + verify (writes counted, a sample)',
      `${((median(bare) + extra) / 1000).toFixed(2)} s`,
      `the check after the copy ${median(after).toFixed(0)} ms; compared in full instead in ${fullAfter} of ${rounds} runs`,
    );
    costLines(verified, bare, cpuVerified, cpuBare);
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t = performance.now();
    const v = await redisEngine.verify(ep(a), ep(b));
    const verify = performance.now() - t;
    clearInterval(sampler);
    if (!v.ok) throw new Error('redis verification failed');
    line(
      'redis verify on its own (both servers read in full)',
      `${(verify / 1000).toFixed(2)} s`,
      `${((verify / copyOnly) * 100).toFixed(0)}% of the copy; peak RSS +${((peak - base) / 1e6).toFixed(0)} MB`,
    );
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
}
