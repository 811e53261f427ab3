import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseManifests } from '../../../src/lint/parse.js';
import { lint } from '../../../src/lint/run.js';
import { mysqlEnv, mysqlJobScript, mysqlSide } from '../../../src/migrate/in-cluster-mysql.js';
import { migrationJob, splitPassword } from '../../../src/migrate/in-cluster.js';
import { after, before, describe, it } from '../../harness.js';
import { mariadb, startMariadb, type Server } from '../../servers.js';
import { standInCluster } from './fake-kubectl.js';

/**
 * The MySQL/MariaDB Job's script, run here with sh against throwaway MariaDB servers, with the
 * variables and the Secret's passwords as the Job's container gets them.
 */
const SOURCE = `
create table owners (id int primary key, name varchar(40));
insert into owners select seq, concat('owner ', seq) from seq_1_to_20;
create table \`odd name\` (id int auto_increment primary key, title varchar(60) default 'x', owner int,
  kind enum('a', 'b') default 'a', photo blob, key title_idx (title),
  constraint fk_owner foreign key (owner) references owners (id));
insert into \`odd name\` (title, owner, kind, photo) select concat('t', seq), 1 + seq % 20, if(seq % 2, 'a', 'b'), unhex(md5(seq)) from seq_1_to_2000;
create view recent as select id, title from \`odd name\` where id > 1900;
create procedure n_items() select count(*) from \`odd name\`;
create trigger items_bi before insert on \`odd name\` for each row set new.title = trim(new.title);
`;

function runJob(env: Record<string, string>): { code: number | null; out: string; last: string } {
  const r = spawnSync('sh', ['-c', mysqlJobScript()], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TMPDIR: process.env.TMPDIR ?? '/tmp', ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, last: r.stdout.trim().split('\n').pop() ?? '' };
}

/** The Job's variables for two MySQL URLs, as the Job sets them (mysqlEnv) and its Secret adds the passwords. */
const env = (from: string, to: string, extra: Record<string, string> = {}) => {
  const [a, b] = [mysqlSide(from), mysqlSide(to)];
  return {
    ...Object.fromEntries(mysqlEnv(a, b).map((e) => [e.name, e.value])),
    SOURCE_PASSWORD: a.password,
    TARGET_PASSWORD: b.password,
    ...extra,
  };
};

describe('the in-cluster MySQL/MariaDB Job script, run for real', () => {
  let src: Server;
  let dst: Server;
  before(async () => {
    [src, dst] = await Promise.all([startMariadb(), startMariadb()]);
    mariadb(src.url, 'create database shop');
    mariadb(src.url, SOURCE, 'shop');
    mariadb(dst.url, 'create database shop');
  });
  after(async () => Promise.all([src?.stop(), dst?.stop()]));
  const from = () => `${src.url}/shop`;
  const to = () => `${dst.url}/shop`;

  it('copies and verifies; a name with a space and a blob survive; no password in the Job', () => {
    const r = runJob(env(from(), to()));
    assert.equal(r.code, 0, r.out);
    assert.match(r.last, /^stevedore-job: OK: \d+ objects compared, all equal$/);
    assert.equal(mariadb(dst.url, 'select count(*), sum(length(photo)) from `odd name`', 'shop').trim(), '2000\t32000');
    const job = JSON.stringify(
      migrationJob({
        service: 'db',
        namespace: 'shop',
        engine: 'mysql',
        image: 'mariadb:11.4',
        uid: 999,
        sourceUrl: splitPassword(from()).url,
        targetUrl: splitPassword(to()).url,
      }).toJSON(),
    );
    assert.ok(!job.includes('apppw'), 'the password is not in the Job');
    assert.match(job, /"name":"SOURCE_PASSWORD","valueFrom":\{"secretKeyRef"/);
  });

  it('a swap between rows, a dropped index, a changed default and a changed view: each a MISMATCH', () => {
    const verify = () => runJob(env(from(), to(), { VERIFY_ONLY: '1' }));
    const cases: [string, string, string][] = [
      ['swap two owners', 'update `odd name` set owner = if(id = 1, 3, 2) where id in (1, 2)', 'odd name'],
      ['drop an index', 'alter table `odd name` drop index title_idx', 'definition of odd name'],
      ['change a default', "alter table `odd name` alter title set default 'y'", 'definition of odd name'],
      [
        'change a view',
        'create or replace view recent as select id, title from `odd name` where id > 10',
        'view recent',
      ],
    ];
    for (const [what, sql, object] of cases) {
      mariadb(dst.url, 'drop database shop; create database shop');
      assert.equal(runJob(env(from(), to())).code, 0);
      assert.equal(verify().code, 0, `equal before ${what}`);
      mariadb(dst.url, sql, 'shop');
      const r = verify();
      assert.equal(r.code, 2, `${what}: ${r.out}`);
      assert.match(r.last, /^stevedore-job: MISMATCH: \d+ lines differ/);
      assert.ok(r.out.includes(object), `${what}: names ${object}`);
    }
  });

  it('refuses a target that holds tables, and one database as both sides; FORCE=1 replaces the target', () => {
    const held = runJob(env(from(), to()));
    assert.equal(held.code, 3, held.out);
    assert.match(held.last, /the target already holds \d+ objects in shop: refusing/);
    const same = runJob(env(from(), from().replace('127.0.0.1', 'localhost')));
    assert.equal(same.code, 3, same.out);
    assert.match(same.last, /one database/);
    assert.equal(mariadb(src.url, 'select count(*) from `odd name`', 'shop').trim(), '2000', 'the source is whole');
    const forced = runJob(env(from(), to(), { FORCE: '1' }));
    assert.equal(forced.code, 0, forced.out);
    assert.match(forced.out, /FORCE=1: the target database shop was dropped and made again/);
  });

  it('a target that refuses the restore fails the run, with no dump process left', () => {
    mariadb(
      dst.url,
      "create user if not exists 'weak'@'%' identified by 'weakpw'; create database if not exists other",
    );
    mariadb(dst.url, "grant select on other.* to 'weak'@'%'");
    const weak = to()
      .replace('app:apppw@', 'weak:weakpw@')
      .replace(/\/shop$/, '/other');
    const r = runJob(env(from(), weak));
    assert.equal(r.code, 1, r.out);
    assert.match(
      r.last,
      /FAILED: .* exited \d+, .* \d+, copying database shop into other\. The target holds a partial copy/,
    );
    const left = spawnSync('pgrep', ['-f', `mariadb-dump.*${src.port}`], { encoding: 'utf8' });
    assert.equal(left.stdout.trim(), '', 'no dump left running');
  });

  it('the Job passes stevedore lint', () => {
    const job = migrationJob({
      service: 'shopdb',
      namespace: 'shop',
      engine: 'mysql',
      image: 'mariadb:11.4.3',
      uid: 999,
      sourceUrl: 'mariadb://root@compose-host:3306/shop',
      targetUrl: 'mariadb://root@shopdb:3306/shop',
    });
    const { manifests, errors } = parseManifests('job.yaml', stringify(job.toJSON()));
    assert.deepEqual(errors, []);
    assert.deepEqual(
      lint(manifests, [])
        .findings.filter((f) => f.severity === 'error')
        .map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });
});

describe('migrate run --in-cluster for MariaDB, with a stand-in for the cluster', () => {
  let src: Server;
  let dst: Server;
  const cluster = standInCluster();
  const { dir, stevedore } = cluster;
  before(async () => {
    [src, dst] = await Promise.all([startMariadb(), startMariadb()]);
    mariadb(src.url, 'create database shop');
    mariadb(src.url, SOURCE, 'shop');
    mariadb(dst.url, 'create database shop');
  });
  after(async () => {
    cluster.remove();
    await Promise.all([src?.stop(), dst?.stop()]);
  });
  const sides = () => ['-n', 'shop', '--service', 'shop', '--from', `${src.url}/shop`, '--to', `${dst.url}/shop`];

  it('runs the copy as a Job and prints its verdict; no password in any argument; migrate job writes it', () => {
    const r = stevedore('migrate', 'run', '--in-cluster', ...sides());
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /stevedore-job: OK: \d+ objects compared, all equal/);
    assert.match(r.stderr, /Verdict: every object matched\. Data loss: 0 records\./);
    assert.equal(mariadb(dst.url, 'select count(*) from `odd name`', 'shop').trim(), '2000');
    const calls = readFileSync(path.join(dir, 'calls'), 'utf8');
    assert.doesNotMatch(calls + r.stdout + r.stderr, /apppw/);
    const job = stevedore('migrate', 'job', ...sides());
    assert.equal(job.status, 0, job.stderr);
    assert.match(job.stdout, /name: TARGET_HOST\n\s+value: 127\.0\.0\.1/);
    assert.doesNotMatch(job.stdout, /apppw/);
  });
});

describe('the MySQL/MariaDB Job moves every database of the source server that holds data', () => {
  let src: Server;
  let dst: Server;
  before(async () => {
    [src, dst] = await Promise.all([startMariadb(), startMariadb()]);
    mariadb(
      src.url,
      'create database ghost; create database activitypub character set latin1 collate latin1_swedish_ci; create database empty_one',
    );
    mariadb(src.url, 'create table posts (id int primary key); insert into posts values (1), (2)', 'ghost');
    mariadb(
      src.url,
      "create table follows (id int primary key, who varchar(20)); insert into follows values (1, 'café')",
      'activitypub',
    );
    mariadb(dst.url, 'create database ghost');
  });
  after(async () => Promise.all([src?.stop(), dst?.stop()]));
  const at = (s: Server, db: string) => `${s.url}/${db}`;

  it('makes the databases the target lacks with the source character set, copies and verifies each, names a difference by database', () => {
    const base = env(at(src, 'ghost'), at(dst, 'ghost'));
    const r = runJob(base);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /holds 2 databases with data: ghost, activitypub/);
    assert.match(r.out, /created database activitypub on the target \(latin1, latin1_swedish_ci\)/);
    assert.match(r.last, /^stevedore-job: OK: \d+ objects compared, all equal$/);
    assert.equal(mariadb(dst.url, 'select count(*) from ghost.posts').trim(), '2');
    assert.equal(mariadb(dst.url, 'select who from activitypub.follows').trim(), 'café');
    assert.equal(
      mariadb(
        dst.url,
        "select schema_name from information_schema.schemata where schema_name in ('activitypub', 'empty_one')",
      ).trim(),
      'activitypub',
      'an empty database is not made',
    );
    const verify = () => runJob({ ...base, VERIFY_ONLY: '1' });
    mariadb(dst.url, "update follows set who = 'cafe' where id = 1", 'activitypub');
    const v = verify();
    assert.equal(v.code, 2, v.out);
    assert.match(v.out, /stevedore-job: > database activitypub: table follows\t1 rows, checksum/);
    // A second run is refused before anything is written, naming each database that holds data.
    const again = runJob(base);
    assert.equal(again.code, 3);
    assert.match(again.last, /already holds \d+ objects in ghost, \d+ objects in activitypub: refusing/);
    mariadb(dst.url, 'drop database activitypub');
    assert.match(verify().out, /> database activitypub: database\tmissing/);
  });

  it('ONE_DATABASE=1 moves the one named; a plan naming the mysql schema moves the user databases only', () => {
    mariadb(dst.url, 'create database solo');
    const one = runJob(env(at(src, 'ghost'), at(dst, 'solo'), { ONE_DATABASE: '1' }));
    assert.equal(one.code, 0, one.out);
    assert.doesNotMatch(one.out, /databases with data/);
    assert.equal(mariadb(dst.url, 'select count(*) from solo.posts').trim(), '2');
    const users = mariadb(dst.url, 'select count(*) from mysql.global_priv').trim();
    const fromMysql = runJob(env(at(src, 'mysql'), at(dst, 'mysql'), { FORCE: '1' }));
    assert.equal(fromMysql.code, 0, fromMysql.out);
    assert.doesNotMatch(fromMysql.out, /copying database mysql/);
    assert.equal(
      mariadb(dst.url, 'select count(*) from mysql.global_priv').trim(),
      users,
      'the target keeps its users',
    );
  });
});
