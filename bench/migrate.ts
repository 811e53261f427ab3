/**
 * Prints figures (not a test) for `migrate run` on a pgbench database (BENCH_PG_SCALE, default 67,
 * about 1 GB): throughput against a raw `pg_dump -Fc | pg_restore` pipe measured in the same run
 * (target ≥ 0.95×), --jobs 2 against a raw directory-format dump and restore, and verification
 * time as a share of the migration (target ≤ 10%); then a Redis copy and its key-by-key verification
 * (time and peak memory).
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LOCAL } from '../src/io/exec.js';
import { Redis } from 'ioredis';
import { postgresEngine } from '../src/migrate/engines/postgres.js';
import { redisEngine } from '../src/migrate/engines/redis.js';
import { psql, startPostgres, startRedis } from '../test/servers.js';

const scale = Number(process.env.BENCH_PG_SCALE ?? 67);
const line = (label: string, value: string, target = '') =>
  console.log(`${label.padEnd(56)} ${value.padStart(14)}  ${target}`);
const src = await startPostgres();
const dst = await startPostgres();
try {
  const db = (name: string) => src.url.replace(/\/postgres$/, `/${name}`);
  const to = (name: string) => dst.url.replace(/\/postgres$/, `/${name}`);
  psql(src.url, 'create database bench');
  for (const d of ['rawjobs', 'jobs']) psql(dst.url, `create database ${d}`);
  let t = performance.now();
  execSync(`pgbench -i -q -s ${scale} -d '${db('bench')}'`, { stdio: 'ignore' });
  const size = Number(psql(db('bench'), 'select pg_database_size(current_database())'));
  line(
    `pgbench database, scale ${scale}`,
    `${(size / 1e6).toFixed(0)} MB`,
    `built in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const mbps = (ms: number) => `${(size / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
  // One dump to nowhere first, so that neither measured run gets a colder cache than the other.
  execSync(`pg_dump -Fc -d '${db('bench')}' > /dev/null`, { shell: '/bin/bash' });
  // Each load leaves the target server busier (checkpoints, autovacuum) for the next one: the first
  // load into a fresh server is the fastest. So one load warms it, unmeasured, and then the three
  // runs take turns, twice, each keeping its best.
  psql(dst.url, 'create database warm');
  execSync(`pg_dump -Fc -d '${db('bench')}' | pg_restore --no-owner --no-acl -d '${to('warm')}'`, {
    stdio: 'ignore',
    shell: '/bin/bash',
  });
  const from = { url: db('bench'), transport: LOCAL };
  let into = { url: '', transport: LOCAL };
  let rawPipe = Infinity;
  let raw = Infinity;
  let ours = Infinity;
  let copyOnly = Infinity;
  for (const round of [1, 2]) {
    for (const d of [`raw${round}`, `stevedore${round}`, `plain${round}`]) psql(dst.url, `create database ${d}`);
    t = performance.now();
    execSync(`pg_dump -Fc -d '${db('bench')}' | pg_restore --no-owner --no-acl -d '${to(`raw${round}`)}'`, {
      stdio: 'ignore',
      shell: '/bin/bash',
    });
    rawPipe = Math.min(rawPipe, performance.now() - t);
    psql(to(`raw${round}`), 'ANALYZE');
    raw = Math.min(raw, performance.now() - t);
    // The same endpoints for the run and its verification, as `migrate run` has them: the source's
    // fingerprint is taken while the copy runs, so verification then reads only the target.
    into = { url: to(`stevedore${round}`), transport: LOCAL };
    t = performance.now();
    const r = await postgresEngine.run(from, into, {});
    ours = Math.min(ours, performance.now() - t);
    if (!r.ok) throw new Error(r.error);
    // The same copy with no verification to follow (no source fingerprint during it): the baseline
    // that the cost of verifying is measured against.
    t = performance.now();
    const bare = await postgresEngine.run(from, { url: to(`plain${round}`), transport: LOCAL }, { verifyAfter: false });
    copyOnly = Math.min(copyOnly, performance.now() - t);
    if (!bare.ok) throw new Error(bare.error);
    if (round === 1) {
      // The verification that follows a run reads the print the run took: only the last run's is used.
      await postgresEngine.verify(from, into);
    }
  }
  line('raw pg_dump -Fc | pg_restore (best of 2)', mbps(rawPipe), `${(rawPipe / 1000).toFixed(1)} s`);
  line('raw pg_dump -Fc | pg_restore, then ANALYZE (what run does)', mbps(raw), `${(raw / 1000).toFixed(1)} s`);
  line('stevedore migrate run (stream + ANALYZE, best of 2)', mbps(ours), `${(ours / 1000).toFixed(1)} s`);
  line('  throughput relative to raw + ANALYZE', `${(raw / ours).toFixed(2)}×`, 'target ≥ 0.95×');
  line('  the same run with no verification to follow', mbps(copyOnly), `${(copyOnly / 1000).toFixed(1)} s`);

  t = performance.now();
  const v = await postgresEngine.verify(from, into);
  const verify = performance.now() - t;
  if (!v.ok) throw new Error('verification failed');
  line('verification after the copy (source read during it)', `${(verify / 1000).toFixed(2)} s`);
  line(
    '  cost of verifying: run + verification against the bare run',
    `${(((ours + verify - copyOnly) / (ours + verify)) * 100).toFixed(1)}%`,
    'of the migration (target ≤ 10%)',
  );
  t = performance.now();
  const cold = await postgresEngine.verify({ ...from }, { ...into });
  const both = performance.now() - t;
  if (!cold.ok) throw new Error('verification failed');
  line('  `migrate verify` on its own (both sides read)', `${(both / 1000).toFixed(2)} s`);

  const dir = mkdtempSync(path.join(tmpdir(), 'bench-dir-'));
  t = performance.now();
  execSync(
    `pg_dump -Fd -j 2 -f ${dir}/d -d '${db('bench')}' && pg_restore -Fd -j 2 --no-owner --no-acl -d '${to('rawjobs')}' ${dir}/d`,
    { stdio: 'ignore', shell: '/bin/bash' },
  );
  const rawJobs = performance.now() - t;
  rmSync(dir, { recursive: true, force: true });
  line('raw pg_dump -Fd -j 2 + pg_restore -j 2', mbps(rawJobs), `${(rawJobs / 1000).toFixed(1)} s`);
  t = performance.now();
  const j = await postgresEngine.run(
    { url: db('bench'), transport: LOCAL },
    { url: to('jobs'), transport: LOCAL },
    { jobs: 2 },
  );
  const jobs = performance.now() - t;
  if (!j.ok) throw new Error(j.error);
  line('stevedore migrate run --jobs 2', mbps(jobs), `${(jobs / 1000).toFixed(1)} s`);
  line('  relative to raw --jobs 2', `${(rawJobs / jobs).toFixed(2)}×`);
} finally {
  await Promise.all([src.stop(), dst.stop()]);
}

// Redis: BENCH_REDIS_KEYS keys of every common type (default 200,000). The copy alone (no
// verification to follow) against the copy that hashes each batch on both servers plus the
// verification after it: the difference is what verification costs. Rounds alternate, each keeps
// its best. Then a verification from scratch (both servers read in full), with peak memory.
{
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
    let copyOnly = Infinity;
    let copyVerified = Infinity;
    let verifyAfter = Infinity;
    for (let round = 0; round < 3; round++) {
      let t = performance.now();
      const plain = await redisEngine.run(ep(a), ep(b), { force: true, verifyAfter: false });
      if (!plain.ok) throw new Error(plain.error);
      copyOnly = Math.min(copyOnly, performance.now() - t);
      const from = ep(a);
      t = performance.now();
      const r = await redisEngine.run(from, ep(b), { force: true });
      if (!r.ok) throw new Error(r.error);
      const copied = performance.now() - t;
      t = performance.now();
      const v = await redisEngine.verify(from, ep(b));
      if (!v.ok) throw new Error('redis verification failed');
      const checked = performance.now() - t;
      if (copied + checked < copyVerified) [copyVerified, verifyAfter] = [copied + checked, checked];
    }
    line('redis migrate run, no verification', `${(copyOnly / 1000).toFixed(2)} s`, 'best of 3');
    line(
      'redis migrate run + verify (batches hashed while copying)',
      `${(copyVerified / 1000).toFixed(2)} s`,
      `verification ${(((copyVerified - copyOnly) / copyOnly) * 100).toFixed(0)}% of the copy (target ≤ 10%); the check after the copy ${verifyAfter.toFixed(0)} ms`,
    );
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
