import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from '../../harness.js';
import { parse } from 'yaml';
import { EXAMPLES, ROOT, runCli } from '../../helpers.js';
import { psql, startPostgres, type Server } from '../../servers.js';

const BIN = path.join(ROOT, 'dist', 'stevedore.js');
const run = runCli;

describe('stevedore migrate on the command line', () => {
  let src: Server;
  let dst: Server;
  const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-mcli-'));
  before(async () => {
    [src, dst] = await Promise.all([startPostgres(), startPostgres()]);
    psql(
      src.url,
      'create table tracks (id serial primary key, title text); insert into tracks (title) select md5(g::text) from generate_series(1, 15137) g',
    );
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('plan: Markdown for people, YAML that run reads back, no secret in either', () => {
    const md = run(['migrate', 'plan', '-f', path.join(EXAMPLES, 'songnodes', 'docker-compose.yml')]);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /## 1\. postgres \(postgres\)/);
    assert.match(md.stdout, /docker exec -i musicdb-postgres pg_dump -Fc/);
    const yaml = run([
      'migrate',
      'plan',
      '-f',
      path.join(EXAMPLES, 'songnodes', 'docker-compose.yml'),
      '--format',
      'yaml',
    ]);
    const plan = parse(yaml.stdout);
    assert.deepEqual(
      plan.steps.map((s: { service: string }) => s.service),
      ['postgres', 'rabbitmq', 'redis'],
    );
    for (const text of [md.stdout, yaml.stdout])
      assert.ok(!text.includes('musicdb_dev_pw') && !text.includes('rabbit_dev_pw'));
  });

  it('run --dry-run prints the commands and runs none', () => {
    const r = run(['migrate', 'run', '--from', src.url, '--to', dst.url, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /pg_dump -Fc -d postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres \| .*pg_restore/);
    assert.doesNotMatch(r.stdout, /secret/);
    assert.equal(psql(dst.url, "select count(*) from pg_tables where tablename = 'tracks'").trim(), '0');
    const noOwner = run(['migrate', 'run', '--from', src.url, '--to', dst.url, '--dry-run', '--no-owner']);
    assert.match(noOwner.stdout, /pg_dump -Fc --no-owner --no-acl -d /);
  });

  it('run copies and prints the verdict table; --json gives one line per event', () => {
    const r = run(['migrate', 'run', '--service', 'postgres', '--from', src.url, '--to', dst.url]);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /postgres \(postgres\): OK: \d+ objects compared, all equal/);
    assert.match(r.stdout, /table public\.tracks\s+15137 rows, checksum \w+\s+15137 rows, checksum \w+\s+ok/);
    assert.match(r.stderr, /Verdict: every object matched\. Data loss: 0 records\./);
    const v = run(['migrate', 'verify', '--from', src.url, '--to', dst.url, '--json']);
    assert.equal(v.code, 0);
    const result = JSON.parse(v.stdout.trim().split('\n').pop()!);
    assert.equal(result.ok, true);
    // Progress in what can be counted: rows restored, from 0 to the source's estimate of them all.
    const again = run(['migrate', 'run', '--from', src.url, '--to', dst.url, '--json', '--force']);
    assert.equal(again.code, 0, again.stderr);
    const progress = again.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((e) => e.event === 'progress' && e.unit === 'rows');
    assert.ok(progress.length >= 2, again.stdout);
    assert.equal(progress[0].done, 0);
    assert.equal(progress.at(-1).done, progress.at(-1).total);
    assert.ok(Math.abs(progress.at(-1).total - 15137) < 1500, `about 15137 rows: ${progress.at(-1).total}`);
  });

  it('run --report writes the summary: the counts verify measures, sizes, times, no password', () => {
    psql(
      src.url,
      "create table albums (id int primary key, name text); insert into albums select g, 'a' || g from generate_series(1, 321) g",
    );
    const file = path.join(dir, 'summary.md');
    const r = run([
      'migrate',
      'run',
      '--service',
      'db',
      '--from',
      src.url,
      '--to',
      dst.url,
      '--force',
      '--report',
      file,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const report = readFileSync(file, 'utf8');
    assert.match(report, /\*\*Verdict: every service moved and verified; data loss: 0 records\.\*\*/);
    assert.doesNotMatch(report, /secret/);
    const v = run(['migrate', 'verify', '--from', src.url, '--to', dst.url, '--json']);
    const items = (JSON.parse(v.stdout.trim().split('\n').pop()!) as { items: { object: string; source: string }[] })
      .items;
    assert.ok(items.some((i) => /321 rows/.test(i.source)) && items.some((i) => /15137 rows/.test(i.source)));
    for (const i of items) assert.ok(report.includes(`| ${i.object} | ${i.source} | ${i.source} | yes |`), i.object);
    assert.match(report, /\| db \| postgres \| \d+ objects? \| .+ \| .+ s \| (\d+)\/\1 equal \|/);
    psql(src.url, 'drop table albums');
    psql(dst.url, 'drop table albums');
  });

  it('a second run refuses the non-empty target with exit 1; a changed target fails verify', () => {
    const again = run(['migrate', 'run', '--from', src.url, '--to', dst.url]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already holds .*--force/);
    psql(dst.url, 'delete from tracks where id = 7');
    const v = run(['migrate', 'verify', '--from', src.url, '--to', dst.url]);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /MISMATCH: 1 of \d+ differ \(table public\.tracks\)/);
  });

  it('a plan file with ${VAR} passwords: missing variable stops before anything runs; with it, --force replaces', () => {
    const file = path.join(dir, 'plan.yaml');
    const u = (s: Server) => s.url.replace(':secret@', ':${PG_PW}@');
    writeFileSync(
      file,
      `project: t\nnamespace: t\noutOfScope: []\nsteps:\n  - service: db\n    engine: postgres\n    method: x\n    source: {url: "${u(src)}"}\n    target: {url: "${u(dst)}"}\n    needs: [PG_PW]\n    stop: []\n    size: ""\n    rollback: ""\n    notes: []\n`,
    );
    const missing = run(['migrate', 'run', '--plan', file, '--force']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /needs PG_PW in the environment/);
    const ok = run(['migrate', 'run', '--plan', file, '--force'], { PG_PW: 'secret' });
    assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    assert.match(ok.stdout, /note: --force: the target database was emptied first/);
  });

  it('usage errors exit 2', () => {
    assert.equal(run(['migrate', 'run', '--from', src.url, '--to', dst.url, '--jobs', 'many']).code, 2);
    assert.equal(run(['migrate', 'run', '--engine', 'oracle', '--from', 'x', '--to', 'y']).code, 2);
  });
});

describe('a migrate run that is killed leaves nothing behind', () => {
  let src: Server;
  let dst: Server;
  const tmp = mkdtempSync(path.join(tmpdir(), 'stevedore-killed-'));
  before(async () => {
    [src, dst] = await Promise.all([startPostgres(), startPostgres()]);
    psql(
      src.url,
      `create table a (id bigint primary key, v text); insert into a select g, repeat(md5(g::text), 4) from generate_series(1, 600000) g;
       create table b (id bigint primary key, v text); insert into b select g, repeat(md5(g::text), 4) from generate_series(1, 600000) g;`,
    );
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    rmSync(tmp, { recursive: true, force: true });
  });
  const ours = (port: number) => {
    const r = spawnSync('pgrep', ['-af', `pg_(dump|restore).*:${port}/`], { encoding: 'utf8' });
    return r.stdout.trim();
  };

  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    it(`${signal} during --jobs 2: no pg_dump or pg_restore left running, no dump left in the temporary folder`, async () => {
      const child = spawn(
        process.execPath,
        [BIN, 'migrate', 'run', '--from', src.url, '--to', dst.url, '--jobs', '2', '--force'],
        {
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', TMPDIR: tmp },
          stdio: 'ignore',
        },
      );
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const until = Date.now() + 20_000;
      // Killed while the dump or the restore runs (a warm cache can make the dump itself brief).
      // The first sight is kept: asking again could fall between the dump's end and the restore's start.
      const busy = () => ours(src.port) + ours(dst.port);
      let seen = busy();
      while (!seen && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        seen = busy();
      }
      assert.ok(seen, 'pg_dump or pg_restore started');
      child.kill(signal);
      const code = await exited;
      assert.notEqual(code, 0, 'an interrupted run does not report success');
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(ours(src.port) + ours(dst.port), '', 'no dump or restore process left');
      assert.deepEqual(readdirSync(tmp), [], 'no dump left behind');
    });
});
