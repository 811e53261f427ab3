import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { LOCAL } from '../../../src/io/exec.js';
import { parseManifests } from '../../../src/lint/parse.js';
import { lint } from '../../../src/lint/run.js';
import { fingerprint, fingerprintScript } from '../../../src/migrate/engines/postgres-fingerprint.js';
import { postgresJob, postgresJobScript, splitPassword } from '../../../src/migrate/in-cluster.js';
import { after, before, describe, it } from '../../harness.js';
import { psql, startPostgres, type Server } from '../../servers.js';
import { standInCluster } from './fake-kubectl.js';

/**
 * The in-cluster Job's script is the product: the cluster only runs it. So it runs here, for real,
 * with sh against throwaway servers, exactly as the Job's container would (same variables).
 */
const SOURCE = `
create type mood as enum ('sad', 'ok', 'happy');
create table tracks (id serial primary key, title text not null, artist_id int, mood mood default 'ok');
create table artists (id int primary key, name text unique);
alter table tracks add foreign key (artist_id) references artists(id);
insert into artists select g, 'artist ' || g from generate_series(1, 50) g;
insert into tracks (title, artist_id, mood) select 'track ' || g, 1 + g % 50, (array['sad','ok','happy'])[1 + g % 3]::mood from generate_series(1, 3000) g;
create view long_titles as select * from tracks where length(title) > 9;
`;

function runJob(script: string, env: Record<string, string>): { code: number | null; out: string; last: string } {
  const r = spawnSync('sh', ['-c', script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
  });
  const out = `${r.stdout}${r.stderr}`;
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return { code: r.status, out, last };
}

describe('the in-cluster PostgreSQL Job script, run for real', () => {
  let src: Server;
  let dst: Server;
  const url = (s: Server, db: string) => s.url.replace(/\/postgres$/, `/${db}`);
  const env = (from: string, to: string, extra: Record<string, string> = {}) => {
    const a = splitPassword(from);
    const b = splitPassword(to);
    // These servers hold several databases on purpose: each case moves one of them.
    return {
      SOURCE_URL: a.url,
      SOURCE_PASSWORD: a.password,
      TARGET_URL: b.url,
      TARGET_PASSWORD: b.password,
      ONE_DATABASE: '1',
      ...extra,
    };
  };
  before(async () => {
    [src, dst] = await Promise.all([startPostgres(), startPostgres()]);
    psql(src.url, 'create database music');
    psql(url(src, 'music'), SOURCE);
    psql(src.url, 'create database owned');
    psql(url(src, 'owned'), 'create role curator nologin; create table t (id int); alter table t owner to curator');
    for (const db of ['music', 'again', 'owned', 'limited']) psql(dst.url, `create database ${db}`);
    psql(dst.url, "create role weak login password 'weakpw'");
  });
  after(async () => Promise.all([src?.stop(), dst?.stop()]));

  it('moves every database of the source server that holds data, making those the target lacks as the source has them', async () => {
    const whole = await startPostgres();
    try {
      psql(src.url, "create database latin template template0 encoding 'LATIN1' lc_collate 'C' lc_ctype 'C'");
      psql(url(src, 'latin'), "create table words (w text); insert into words values ('café'), ('naïve')");
      const job = () => env(src.url, whole.url, { ONE_DATABASE: '0' });
      // The plan names the empty `postgres` (Plausible's shape): the data is in the other databases.
      const roles = runJob(postgresJobScript(), job());
      assert.equal(roles.code, 3, roles.out);
      assert.match(roles.last, /lacks the roles curator/);
      assert.equal(psql(whole.url, "select count(*) from pg_database where datname = 'music'").trim(), '0');
      psql(whole.url, 'create role curator nologin');
      const r = runJob(postgresJobScript(), job());
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /holds 4 databases with data: postgres, latin, music, owned/);
      assert.match(r.out, /created database latin on the target \(LATIN1, C\)/);
      assert.match(r.last, /^stevedore-job: OK: \d+ objects compared, all equal$/);
      assert.equal(psql(url(whole, 'music'), "select count(*) from tracks where mood = 'happy'").trim(), '1000');
      assert.equal(psql(url(whole, 'latin'), "select string_agg(w, ',' order by w) from words").trim(), 'café,naïve');
      assert.equal(
        psql(whole.url, "select pg_encoding_to_char(encoding) from pg_database where datname = 'latin'").trim(),
        'LATIN1',
      );
      assert.equal(
        psql(url(whole, 'owned'), "select pg_get_userbyid(relowner) from pg_class where relname = 't'").trim(),
        'curator',
      );
      // A row added in another database than the URL's is named with its database.
      const check = () => runJob(postgresJobScript(), { ...job(), VERIFY_ONLY: '1' });
      psql(url(whole, 'owned'), 'insert into t values (1)');
      let v = check();
      assert.equal(v.code, 2, v.out);
      assert.match(v.out, /stevedore-job: > database owned: table public\.t\t1 \d+\n/);
      // A second run is refused before anything is written, naming where the data is.
      const again = runJob(postgresJobScript(), job());
      assert.equal(again.code, 3);
      assert.match(
        again.last,
        /already holds \d+ objects in latin, \d+ objects in music, 1 objects in owned: refusing/,
      );
      psql(whole.url, 'drop database latin');
      v = check();
      assert.equal(v.code, 2);
      assert.match(v.out, /> database latin: database\tmissing/);
      const forced = runJob(postgresJobScript(), { ...job(), FORCE: '1' });
      assert.equal(forced.code, 0, forced.out);
      assert.match(forced.out, /the target database owned was emptied first/);
      assert.equal(psql(url(whole, 'owned'), 'select count(*) from t').trim(), '0');
      // ONE_DATABASE=1 moves the URL's database alone.
      psql(whole.url, 'create database solo');
      const solo = runJob(postgresJobScript(), env(url(src, 'music'), url(whole, 'solo'), { ONE_DATABASE: '1' }));
      assert.equal(solo.code, 0, solo.out);
      assert.doesNotMatch(solo.out, /databases with data/);
      assert.equal(psql(url(whole, 'solo'), 'select count(*) from tracks').trim(), '3000');
      // A database the Job's user cannot read would be left behind: it stops before writing.
      psql(src.url, "create role reader login password 'readerpw'; revoke connect on database owned from public");
      psql(whole.url, 'create database blind');
      const blind = runJob(
        postgresJobScript({ noOwner: true }),
        env(url(src, 'music').replace('postgres:secret@', 'reader:readerpw@'), url(whole, 'blind'), {
          ONE_DATABASE: '0',
        }),
      );
      assert.equal(blind.code, 3, blind.out);
      assert.match(blind.last, /holds database owned, which this user cannot read .*Nothing was written\.$/);
      assert.equal(psql(url(whole, 'blind'), "select count(*) from pg_tables where schemaname = 'public'").trim(), '0');
      psql(src.url, 'grant connect on database owned to public; drop role reader');
      psql(src.url, 'drop database latin');
    } finally {
      await whole.stop();
    }
  });

  it('copies and verifies; the password is in no argument of the Job', () => {
    const r = runJob(postgresJobScript(), env(url(src, 'music'), url(dst, 'music')));
    assert.equal(r.code, 0, r.out);
    assert.match(r.last, /^stevedore-job: OK: \d+ objects compared, all equal$/);
    assert.equal(psql(url(dst, 'music'), "select count(*) from tracks where mood = 'happy'").trim(), '1000');
    const job = JSON.stringify(
      postgresJob({
        service: 'db',
        namespace: 'music',
        image: 'postgres:15',
        uid: 999,
        sourceUrl: splitPassword(url(src, 'music')).url,
        targetUrl: splitPassword(url(dst, 'music')).url,
      }).toJSON(),
    );
    assert.ok(!job.includes(':secret@') && !job.includes('"secret"'), 'the password is not in the Job');
  });

  it('a swapped value between rows, an enum changed, a dropped index: each a MISMATCH naming what differs', () => {
    const check = () => runJob(postgresJobScript(), env(url(src, 'music'), url(dst, 'music'), { VERIFY_ONLY: '1' }));
    psql(
      url(dst, 'music'),
      "update tracks set title = case id when 1 then 'track 2' when 2 then 'track 1' end where id in (1, 2)",
    );
    let r = check();
    assert.equal(r.code, 2, r.out);
    assert.match(r.out, /stevedore-job: [<>] table public\.tracks\t3000 /);
    assert.match(r.last, /^stevedore-job: MISMATCH: 2 lines differ/);
    psql(url(dst, 'music'), "update tracks set title = 'track ' || id where id in (1, 2)");
    assert.equal(check().code, 0);
    psql(url(dst, 'music'), "update tracks set mood = 'happy' where id = 4");
    assert.equal(check().code, 2);
    psql(url(dst, 'music'), "update tracks set mood = 'ok' where id = 4");
    assert.equal(check().code, 0);
    psql(url(dst, 'music'), 'alter table artists drop constraint artists_name_key');
    r = check();
    assert.equal(r.code, 2);
    assert.match(r.out, /definition of public\.artists/);
  });

  it('refuses a target that holds data, the same database on both sides, and roles the target lacks', () => {
    const full = runJob(postgresJobScript(), env(url(src, 'music'), url(dst, 'music')));
    assert.equal(full.code, 3);
    assert.match(full.last, /already holds \d+ objects in music: refusing to write into it/);
    const same = runJob(
      postgresJobScript(),
      env(url(src, 'music'), url(src, 'music').replace('127.0.0.1', 'localhost')),
    );
    assert.equal(same.code, 3);
    assert.match(same.last, /one database/);
    const roles = runJob(postgresJobScript(), env(url(src, 'owned'), url(dst, 'owned')));
    assert.equal(roles.code, 3);
    assert.match(roles.last, /lacks the roles curator/);
    assert.equal(psql(url(dst, 'owned'), "select count(*) from pg_class where relname = 't'").trim(), '0');
    const noOwner = runJob(postgresJobScript({ noOwner: true }), env(url(src, 'owned'), url(dst, 'owned')));
    assert.equal(noOwner.code, 0, noOwner.out);
  });

  it('FORCE=1 replaces what the target holds; a restore refused by the target fails the Job with no pg_dump left', () => {
    const forced = runJob(postgresJobScript(), env(url(src, 'music'), url(dst, 'music'), { FORCE: '1' }));
    assert.equal(forced.code, 0, forced.out);
    assert.match(forced.out, /the target database music was emptied first/);
    // A target role that may not create anything in the database: pg_restore stops at its first error.
    const weak = url(dst, 'limited').replace('postgres:secret@', 'weak:weakpw@');
    const r = runJob(postgresJobScript({ noOwner: true }), env(url(src, 'music'), weak));
    assert.equal(r.code, 1, r.out);
    assert.match(
      r.last,
      /^stevedore-job: FAILED: pg_dump exited \d+, pg_restore 1, copying database music into limited\. The target holds a partial copy/,
    );
    // This Job's dump only (it names this source's port): other test files dump at the same time.
    assert.equal(
      spawnSync('pgrep', ['-f', `pg_dump -Fc.*:${src.port}/`]).status,
      1,
      'no pg_dump of this source is left running',
    );
  });

  it('COPY_ROLES=1 makes the roles the data needs (settings, memberships); ROLE_PASSWORDS=1 with their hashes', () => {
    psql(
      url(src, 'owned'),
      "create role auditor login password 'auditpw'; alter role auditor set work_mem = '8MB'; grant curator to auditor; grant select on t to auditor",
    );
    psql(dst.url, 'create database roles_copy');
    const r = runJob(
      postgresJobScript(),
      env(url(src, 'owned'), url(dst, 'roles_copy'), { COPY_ROLES: '1', ROLE_PASSWORDS: '1' }),
    );
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /created the roles auditor curator \(attributes, settings and memberships, password hashes\)/);
    assert.equal(
      psql(url(dst, 'roles_copy'), "select pg_get_userbyid(relowner) from pg_class where relname = 't'").trim(),
      'curator',
    );
    const asAuditor = url(dst, 'roles_copy').replace('postgres:secret@', 'auditor:auditpw@');
    assert.equal(
      psql(asAuditor, 'select count(*) from t').trim(),
      '0',
      'auditor logs in with its password and reads t',
    );
    assert.equal(
      psql(
        dst.url,
        "select array_to_string(rolconfig, ',') || ' ' || pg_has_role('auditor', 'curator', 'member') from pg_roles where rolname = 'auditor'",
      ).trim(),
      'work_mem=8MB true',
    );
    const job = postgresJob({
      service: 'db',
      namespace: 'n',
      image: 'postgres:16',
      uid: 999,
      sourceUrl: 'postgres://u@h/d',
      targetUrl: 'postgres://u@t/d',
      copyRoles: true,
    });
    const jobEnv = job.spec?.template.spec?.containers[0]?.env ?? [];
    const vars = jobEnv.map((e: { name: string; value?: string }) => `${e.name}=${e.value ?? ''}`);
    assert.ok(vars.includes('COPY_ROLES=1'), vars.join(' '));
    assert.ok(!vars.some((v: string) => v.startsWith('ROLE_PASSWORDS')), 'no password hashes unless asked');
  });

  it('compares the same objects as `migrate verify`', async () => {
    const script = fingerprintScript(true);
    const r = spawnSync('psql', ['-X', '-A', '-t', '-q', '-F', '\t', '-d', url(src, 'music'), '-f', '-'], {
      input: script,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const fromScript = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t')[0])
      .sort();
    const fromEngine = [...(await fingerprint({ url: url(src, 'music'), transport: LOCAL })).print.keys()].sort();
    assert.deepEqual(fromScript, fromEngine);
  });

  it('the Job passes stevedore lint with no error', () => {
    const job = postgresJob({
      service: 'musicdb',
      namespace: 'music',
      image: 'postgres:15.8',
      uid: 999,
      sourceUrl: 'postgres://app@compose-host:5432/music',
      targetUrl: 'postgres://app@musicdb:5432/music',
    });
    const { manifests, errors } = parseManifests('job.yaml', stringify(job.toJSON()));
    assert.deepEqual(errors, []);
    const findings = lint(manifests, []).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(
      findings.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });
});

describe('migrate run --in-cluster and migrate job, with a stand-in for the cluster', () => {
  let src: Server;
  let dst: Server;
  const cluster = standInCluster();
  const { dir, stevedore } = cluster;
  const url = (s: Server, db: string) => s.url.replace(/\/postgres$/, `/${db}`);
  before(async () => {
    [src, dst] = await Promise.all([startPostgres('s3cret-source'), startPostgres('s3cret-target')]);
    psql(src.url, 'create database music');
    psql(url(src, 'music'), SOURCE);
    psql(dst.url, 'create database music');
  });
  after(async () => {
    cluster.remove();
    await Promise.all([src?.stop(), dst?.stop()]);
  });
  /** The one service's endpoints, as the cluster reaches them (both servers are local here). */
  const sides = () => ['-n', 'music', '--service', 'music', '--from', url(src, 'music'), '--to', url(dst, 'music')];
  const move = () => stevedore('migrate', 'run', '--in-cluster', ...sides());

  it('applies the Secret and the Job through stdin, waits, prints the log, deletes the Secret; no password in any argument', () => {
    const r = move();
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /stevedore-job: OK: \d+ objects compared, all equal/);
    assert.match(r.stderr, /Verdict: every object matched\. Data loss: 0 records\./);
    assert.equal(psql(url(dst, 'music'), 'select count(*) from tracks').trim(), '3000');
    const calls = readFileSync(path.join(dir, 'calls'), 'utf8');
    assert.doesNotMatch(calls + r.stdout + r.stderr, /s3cret/);
    assert.match(calls, /"delete","secret","music-migration"/);
    assert.equal(existsSync(path.join(dir, 'secret')), false, 'the Secret is deleted');
  });

  it('a Job that refuses (the target holds data now) is a failed run naming why', () => {
    const r = move();
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /Verdict: NOT complete: the target already holds \d+ objects in music: refusing to write into it \(FORCE=1 replaces them\)\. Nothing was written\. Data loss: unknown/,
    );
  });

  it('migrate job writes the manifest without passwords; other engines are told to use migrate run', () => {
    const r = stevedore('migrate', 'job', ...sides());
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^kind: Job$/m);
    assert.match(r.stdout, /create secret generic music-migration/);
    assert.doesNotMatch(r.stdout, /s3cret/);
    const other = stevedore('migrate', 'job', '-n', 'x', '--from', '/srv/a', '--to', '/srv/b');
    assert.equal(other.status, 1);
    assert.match(
      other.stderr,
      /in-cluster copies are made for PostgreSQL, MySQL, MariaDB and Redis; data \(volume\): use migrate run/,
    );
  });
});
