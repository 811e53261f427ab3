/**
 * The PostgreSQL figures of bench/migrate.ts: the workloads (a pgbench database, and the shop
 * database with the shape an application's data has), what verifying costs a copy of one, and
 * --jobs 2 against the raw tools.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { LOCAL } from '../src/io/exec.js';
import { postgresEngine } from '../src/migrate/engines/postgres.js';
import { psql, type Server } from '../test/servers.js';
import { busyCpu, costLines, line, mean, median } from './figures.js';

/** The source and target servers, and how a database of each is named in a URL. */
export interface Servers {
  readonly src: Server;
  readonly dst: Server;
}
const on = (s: Server, name: string) => s.url.replace(/\/postgres$/, `/${name}`);

/** The target's dirty pages written out and on the disk, so that no run pays for the last one's writes. */
function settle(dst: Server): void {
  psql(dst.url, 'checkpoint');
  execSync('sync');
}

/** Builds a database on the source with `build`, says its size, and returns the size in bytes. */
function built(s: Servers, name: string, label: string, build: (url: string) => void): number {
  psql(s.src.url, `create database ${name}`);
  const t = performance.now();
  build(on(s.src, name));
  const size = Number(psql(on(s.src, name), 'select pg_database_size(current_database())'));
  line(label, `${(size / 1e6).toFixed(0)} MB`, `built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return size;
}

/** pgbench's tables at a scale (67 is about 1 GB): one big table, one key each, the cheapest copy per byte. */
export function pgbench(s: Servers, scale: number): number {
  return built(s, 'bench', `pgbench database, scale ${scale}`, (url) =>
    execSync(`pgbench -i -q -s ${scale} -d '${url}'`, { stdio: 'ignore' }),
  );
}

/**
 * bench/shop.sql at a scale (11 is about 1 GB): five tables with foreign keys, secondary and unique
 * indexes, an enum, a domain, arrays, jsonb, a view, a materialized view, large objects, owners and
 * grants. Its roles are made on both servers, as a copy that keeps owners needs.
 */
export function shop(s: Servers, scale: number): number {
  const sql = path.join(path.dirname(fileURLToPath(import.meta.url)), 'shop.sql');
  psql(s.dst.url, 'create role shop_owner; create role shop_reader');
  return built(s, 'shop', `shop database, scale ${scale}`, (url) => {
    execSync(`psql -X -q -v ON_ERROR_STOP=1 -v scale=${scale} -d '${url}' -f '${sql}' > /dev/null`);
    psql(url, 'VACUUM ANALYZE');
  });
}

/**
 * Rounds of three copies of database `name` (a raw pg_dump | pg_restore, `migrate run` followed by
 * its verification, and `migrate run` with no verification to follow), then a verification on its
 * own and the floor under it (both sides only read).
 */
export async function verifyCost({ src, dst }: Servers, name: string, size: number, rounds: number): Promise<void> {
  const db = (n: string) => on(src, n);
  const to = (n: string) => on(dst, n);
  let t = 0;
  const mbps = (ms: number) => `${(size / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
  // One dump to nowhere first, so that neither measured run gets a colder cache than the other.
  execSync(`pg_dump -Fc -d '${db(name)}' > /dev/null`, { shell: '/bin/bash' });
  // Each load leaves the target server busier (checkpoints, autovacuum) for the next one: the first
  // load into a fresh server is the fastest. So one load warms it, unmeasured, before the rounds.
  psql(dst.url, 'create database warm');
  execSync(`pg_dump -Fc -d '${db(name)}' | pg_restore --no-owner --no-acl -d '${to('warm')}'`, {
    stdio: 'ignore',
    shell: '/bin/bash',
  });
  const from = { url: db(name), transport: LOCAL };
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
  let reread = 0;
  // Rounds with the order rotated each time: a load runs slower the later it comes in a round (by
  // about a second here), so over whole rotations (rounds a multiple of three) each run is in each
  // position equally often. On a shared two-core machine one run can also take a second more than
  // the next: throughput is the best of the rounds, and the cost of verifying the mean of each
  // round's difference between the run with verification and the bare run beside it.
  for (let round = 1; round <= rounds; round++) {
    const names = [`raw${round}`, `stevedore${round}`, `plain${round}`];
    for (const d of names) psql(dst.url, `create database ${d}`);
    const steps: (() => void | Promise<void>)[] = [
      () => {
        t = performance.now();
        execSync(`pg_dump -Fc -d '${db(name)}' | pg_restore --no-owner --no-acl -d '${to(`raw${round}`)}'`, {
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
        if (v.notes?.some((n) => n.includes('read again'))) reread++;
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
    for (const step of [...steps.slice((round - 1) % steps.length), ...steps.slice(0, (round - 1) % steps.length)]) {
      // Each run starts from the same state: the last load's dirty pages written out, to the disk
      // (the test servers run with fsync off, so a checkpoint leaves its writes in the page cache,
      // and the kernel wrote them back during the next runs: the third run of a round was slower
      // by two or three seconds).
      settle(dst);
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
  const bareMean = mean(bares);
  line(
    'verification after the run (the rest of the target read), median',
    `${(median(checks) / 1000).toFixed(2)} s`,
    `${((median(checks) / bareMean) * 100).toFixed(1)}% of the bare run's mean; a side read again in ${reread} of ${rounds}`,
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
    db(name),
    "select string_agg(format('(select count(*) from %I.%I)', schemaname, tablename), ' + ') from pg_tables where schemaname = 'public'",
  ).trim();
  const cpuRead = busyCpu();
  t = performance.now();
  execSync(
    `psql -X -q -d '${db(name)}' -c 'select ${tables}' > /dev/null & psql -X -q -d '${into.url}' -c 'select ${tables}' > /dev/null; wait`,
    { shell: '/bin/bash' },
  );
  const read = performance.now() - t;
  line(
    '  floor: both sides read, no hashing',
    `${(read / 1000).toFixed(2)} s`,
    `${((read / bareMean) * 100).toFixed(1)}% of the copy; ${(busyCpu() - cpuRead).toFixed(2)} CPU s`,
  );

  for (const d of [`raw${rounds}`, `stevedore${rounds}`, `plain${rounds}`, 'warm']) psql(dst.url, `drop database ${d}`);
}

/** --jobs 2 against the raw tools' directory format, on database `name`. */
export async function jobsFigures({ src, dst }: Servers, name: string, size: number): Promise<void> {
  const db = (n: string) => on(src, n);
  const to = (n: string) => on(dst, n);
  const mbps = (ms: number) => `${(size / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
  let t = 0;
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
          `pg_dump -Fd -j 2 -f ${dir}/d -d '${db(name)}' && pg_restore -Fd -j 2 --no-owner --no-acl -d '${to(`rawjobs${round}`)}' ${dir}/d`,
          { stdio: 'ignore', shell: '/bin/bash' },
        );
        psql(to(`rawjobs${round}`), 'ANALYZE');
        rawJobs = Math.min(rawJobs, performance.now() - t);
        rmSync(dir, { recursive: true, force: true });
      },
      async () => {
        t = performance.now();
        const j = await postgresEngine.run(
          { url: db(name), transport: LOCAL },
          { url: to(`jobs${round}`), transport: LOCAL },
          { jobs: 2, verifyAfter: false },
        );
        jobs = Math.min(jobs, performance.now() - t);
        if (!j.ok) throw new Error(j.error);
      },
    ];
    for (const step of [...steps.slice((round - 1) % steps.length), ...steps.slice(0, (round - 1) % steps.length)]) {
      settle(dst);
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
}
