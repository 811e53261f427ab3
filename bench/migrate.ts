/**
 * Prints figures (not a test) for `migrate run` on a pgbench database (BENCH_PG_SCALE, default 67,
 * about 1 GB): throughput against a raw `pg_dump -Fc | pg_restore` pipe measured in the same run
 * (target ≥ 0.95×), --jobs 2 against a raw directory-format dump and restore, and what verifying
 * adds to the copy (target ≤ 10%); then a Redis copy and its key-by-key verification (time and peak
 * memory). BENCH_ONLY=postgres or BENCH_ONLY=redis runs one part.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
const only = process.env.BENCH_ONLY;

/**
 * CPU seconds the whole machine has spent busy (user, nice, system, interrupts; not idle, I/O wait
 * or time taken by other guests): every server, tool and this process counted. Steadier than the
 * clock on a shared machine, where a neighbour can add a second to one run and not the next.
 */
function busyCpu(): number {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  return ((f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0)) / 100;
}
/** What verifying adds to a copy: by the clock, then by the machine's busy CPU, each the median of paired runs. */
function costLines(clockWith: number[], clockWithout: number[], cpuWith: number[], cpuWithout: number[]): void {
  const clock = pairs(
    clockWith.map((x) => x / 1000),
    clockWithout.map((x) => x / 1000),
  );
  line(
    '  cost of verifying, clock',
    clock.share,
    `of the copy (target ≤ 10%); +${clock.extra.toFixed(2)} s on ${(median(clockWithout) / 1000).toFixed(2)} s, median of pairs (${clock.each} s)`,
  );
  const cpu = pairs(cpuWith, cpuWithout);
  line(
    '  cost of verifying, machine CPU',
    cpu.share,
    `+${cpu.extra.toFixed(2)} CPU s on ${median(cpuWithout).toFixed(2)}, median of pairs (${cpu.each})`,
  );
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;
/** Each pair's difference (with verification − without), and the median of those against the median without. */
function pairs(withIt: number[], without: number[]): { each: string; share: string; extra: number } {
  const d = withIt.map((v, i) => v - (without[i] ?? NaN));
  return {
    each: d.map((x) => x.toFixed(2)).join(' '),
    share: `${((median(d) / median(without)) * 100).toFixed(1)}%`,
    extra: median(d),
  };
}
if (only !== 'redis') {
  const src = await startPostgres();
  const dst = await startPostgres();
  try {
    const db = (name: string) => src.url.replace(/\/postgres$/, `/${name}`);
    const to = (name: string) => dst.url.replace(/\/postgres$/, `/${name}`);
    // Autovacuum would clean up after one round's load during the next: off, on both servers.
    for (const s of [src, dst]) {
      psql(s.url, 'alter system set autovacuum = off');
      psql(s.url, 'select pg_reload_conf()');
    }
    psql(src.url, 'create database bench');
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
    // load into a fresh server is the fastest. So one load warms it, unmeasured, before the rounds.
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
    const verified: number[] = [];
    const checks: number[] = [];
    const bares: number[] = [];
    const cpuVerified: number[] = [];
    const cpuBare: number[] = [];
    // Rounds with the order turned around each time (a load right after another runs slower). On a
    // shared two-core machine one run can take a second more than the next: throughput is the best
    // of the rounds, and the cost of verifying the median of each round's difference between the run
    // with verification and the bare run beside it.
    const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
    for (let round = 1; round <= rounds; round++) {
      const names = [`raw${round}`, `stevedore${round}`, `plain${round}`];
      for (const d of names) psql(dst.url, `create database ${d}`);
      const steps: (() => void | Promise<void>)[] = [
        () => {
          t = performance.now();
          execSync(`pg_dump -Fc -d '${db('bench')}' | pg_restore --no-owner --no-acl -d '${to(`raw${round}`)}'`, {
            stdio: 'ignore',
            shell: '/bin/bash',
          });
          rawPipe = Math.min(rawPipe, performance.now() - t);
          psql(to(`raw${round}`), 'ANALYZE');
          raw = Math.min(raw, performance.now() - t);
        },
        async () => {
          // The run and the verification that follows it, as `migrate run` has them: the source's
          // fingerprint is taken during the run, the target's beside its ANALYZE, so verification
          // then waits for what is left of the target's read.
          into = { url: to(`stevedore${round}`), transport: LOCAL };
          const cpu = busyCpu();
          t = performance.now();
          const r = await postgresEngine.run(from, into, {});
          const copied = performance.now() - t;
          if (!r.ok) throw new Error(r.error);
          t = performance.now();
          const v = await postgresEngine.verify(from, into);
          const checked = performance.now() - t;
          if (!v.ok) throw new Error('verification failed');
          ours = Math.min(ours, copied);
          checks.push(checked);
          verified.push(copied + checked);
          cpuVerified.push(busyCpu() - cpu);
        },
        async () => {
          // The same copy with no verification to follow (no source fingerprint during it): the
          // baseline that the cost of verifying is measured against.
          const cpu = busyCpu();
          t = performance.now();
          const bare = await postgresEngine.run(
            from,
            { url: to(`plain${round}`), transport: LOCAL },
            { verifyAfter: false },
          );
          bares.push(performance.now() - t);
          cpuBare.push(busyCpu() - cpu);
          copyOnly = Math.min(copyOnly, performance.now() - t);
          if (!bare.ok) throw new Error(bare.error);
        },
      ];
      for (const step of round % 2 ? steps : [...steps].reverse()) {
        // Each run starts from the same state: the last load's dirty pages written out.
        psql(dst.url, 'checkpoint');
        await step();
      }
      if (round < rounds) for (const d of names) psql(dst.url, `drop database ${d}`);
    }
    line(`raw pg_dump -Fc | pg_restore (best of ${rounds})`, mbps(rawPipe), `${(rawPipe / 1000).toFixed(1)} s`);
    line('raw pg_dump -Fc | pg_restore, then ANALYZE (what run does)', mbps(raw), `${(raw / 1000).toFixed(1)} s`);
    // The copy's own speed is the run with no verification to follow: a run that verifies also
    // reads both servers (the source during the copy, the target beside ANALYZE).
    line(
      `stevedore migrate run, no verification (stream + ANALYZE, best of ${rounds})`,
      mbps(copyOnly),
      `${(copyOnly / 1000).toFixed(1)} s`,
    );
    line('  throughput relative to raw + ANALYZE', `${(raw / copyOnly).toFixed(2)}×`, 'target ≥ 0.95×');
    line(
      '  the run that verifies (both servers also read during it)',
      mbps(ours),
      `${(ours / 1000).toFixed(1)} s, best of ${rounds}`,
    );
    const bareMedian = median(bares);
    line(
      'verification after the run (the rest of the target read), median',
      `${(median(checks) / 1000).toFixed(2)} s`,
      `${((median(checks) / bareMedian) * 100).toFixed(1)}% of the bare run's median`,
    );
    costLines(verified, bares, cpuVerified, cpuBare);
    t = performance.now();
    const cold = await postgresEngine.verify({ ...from }, { ...into });
    const both = performance.now() - t;
    if (!cold.ok) throw new Error('verification failed');
    line('  `migrate verify` on its own (both sides read)', `${(both / 1000).toFixed(2)} s`);
    // The floor under any full verification on this machine: both databases only read (a count of
    // every table's rows, no hashing), the two sides at once as verify reads them. What verifying
    // costs beyond this is the hashing; what this costs is the reading itself.
    const tables = psql(
      db('bench'),
      "select string_agg(format('(select count(*) from %I.%I)', schemaname, tablename), ' + ') from pg_tables where schemaname = 'public'",
    ).trim();
    const cpuRead = busyCpu();
    t = performance.now();
    execSync(
      `psql -X -q -d '${db('bench')}' -c 'select ${tables}' > /dev/null & psql -X -q -d '${into.url}' -c 'select ${tables}' > /dev/null; wait`,
      { shell: '/bin/bash' },
    );
    const read = performance.now() - t;
    line(
      '  floor: both sides read, no hashing',
      `${(read / 1000).toFixed(2)} s`,
      `${((read / bareMedian) * 100).toFixed(1)}% of the copy; ${(busyCpu() - cpuRead).toFixed(2)} CPU s`,
    );

    // --jobs 2 against the same raw tools, each side as the copy runs it: the raw dump and restore
    // then ANALYZE, against the run with no verification to follow (it keeps owners and grants, and
    // runs ANALYZE). Three rounds, order turned each time, the best of each.
    let rawJobs = Infinity;
    let jobs = Infinity;
    for (let round = 1; round <= 3; round++) {
      psql(dst.url, `create database rawjobs${round}`);
      psql(dst.url, `create database jobs${round}`);
      const steps: (() => void | Promise<void>)[] = [
        () => {
          const dir = mkdtempSync(path.join(tmpdir(), 'bench-dir-'));
          t = performance.now();
          execSync(
            `pg_dump -Fd -j 2 -f ${dir}/d -d '${db('bench')}' && pg_restore -Fd -j 2 --no-owner --no-acl -d '${to(`rawjobs${round}`)}' ${dir}/d`,
            { stdio: 'ignore', shell: '/bin/bash' },
          );
          psql(to(`rawjobs${round}`), 'ANALYZE');
          rawJobs = Math.min(rawJobs, performance.now() - t);
          rmSync(dir, { recursive: true, force: true });
        },
        async () => {
          t = performance.now();
          const j = await postgresEngine.run(
            { url: db('bench'), transport: LOCAL },
            { url: to(`jobs${round}`), transport: LOCAL },
            { jobs: 2, verifyAfter: false },
          );
          jobs = Math.min(jobs, performance.now() - t);
          if (!j.ok) throw new Error(j.error);
        },
      ];
      for (const step of round % 2 ? steps : [...steps].reverse()) {
        psql(dst.url, 'checkpoint');
        await step();
      }
      psql(dst.url, `drop database rawjobs${round}`);
      psql(dst.url, `drop database jobs${round}`);
    }
    line(
      'raw pg_dump -Fd -j 2 + pg_restore -j 2, then ANALYZE',
      mbps(rawJobs),
      `${(rawJobs / 1000).toFixed(1)} s, best of 3`,
    );
    line('stevedore migrate run --jobs 2, no verification', mbps(jobs), `${(jobs / 1000).toFixed(1)} s, best of 3`);
    line('  relative to raw --jobs 2', `${(rawJobs / jobs).toFixed(2)}×`);
  } finally {
    await Promise.all([src.stop(), dst.stop()]);
  }
}

// Redis: BENCH_REDIS_KEYS keys of every common type (default 200,000). The copy alone (no
// verification to follow) against the copy that reads every key back from the target plus the
// verification after it: the difference is what verification costs, the median of the rounds'
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
    // Pairs in turn, the order turned around each round; the cost is the median of the pairs' differences.
    const rounds = Number(process.env.BENCH_REDIS_ROUNDS ?? 7);
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
