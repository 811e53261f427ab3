/**
 * Prints figures (not a test) for `migrate run` on a pgbench database (BENCH_PG_SCALE, default 67,
 * about 1 GB): throughput against a raw `pg_dump -Fc | pg_restore` pipe measured in the same run
 * (target ≥ 0.95×), --jobs 2 against a raw directory-format dump and restore, and verification
 * time as a share of the migration (target ≤ 10%).
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LOCAL } from '../src/io/exec.js';
import { postgresEngine } from '../src/migrate/engines/postgres.js';
import { psql, startPostgres } from '../test/servers.js';

const scale = Number(process.env.BENCH_PG_SCALE ?? 67);
const line = (label: string, value: string, target = '') =>
  console.log(`${label.padEnd(56)} ${value.padStart(14)}  ${target}`);
const src = await startPostgres();
const dst = await startPostgres();
try {
  const db = (name: string) => src.url.replace(/\/postgres$/, `/${name}`);
  const to = (name: string) => dst.url.replace(/\/postgres$/, `/${name}`);
  psql(src.url, 'create database bench');
  for (const d of ['raw', 'stevedore', 'rawjobs', 'jobs']) psql(dst.url, `create database ${d}`);
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
  t = performance.now();
  execSync(`pg_dump -Fc -d '${db('bench')}' | pg_restore --no-owner --no-acl -d '${to('raw')}'`, {
    stdio: 'ignore',
    shell: '/bin/bash',
  });
  const rawPipe = performance.now() - t;
  psql(to('raw'), 'ANALYZE');
  const raw = performance.now() - t;
  line('raw pg_dump -Fc | pg_restore', mbps(rawPipe), `${(rawPipe / 1000).toFixed(1)} s`);
  line('raw pg_dump -Fc | pg_restore, then ANALYZE (what run does)', mbps(raw), `${(raw / 1000).toFixed(1)} s`);

  t = performance.now();
  const r = await postgresEngine.run(
    { url: db('bench'), transport: LOCAL },
    { url: to('stevedore'), transport: LOCAL },
    {},
  );
  const ours = performance.now() - t;
  if (!r.ok) throw new Error(r.error);
  line('stevedore migrate run (stream + ANALYZE)', mbps(ours), `${(ours / 1000).toFixed(1)} s`);
  line('  throughput relative to raw + ANALYZE', `${(raw / ours).toFixed(2)}×`, 'target ≥ 0.95×');

  t = performance.now();
  const v = await postgresEngine.verify(
    { url: db('bench'), transport: LOCAL },
    { url: to('stevedore'), transport: LOCAL },
  );
  const verify = performance.now() - t;
  if (!v.ok) throw new Error('verification failed');
  line(
    'verification (row counts and checksums, both sides)',
    `${(verify / 1000).toFixed(1)} s`,
    `${((verify / (ours + verify)) * 100).toFixed(1)}% of the migration (target ≤ 10%)`,
  );

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
