import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { after, before, describe, it } from '../../harness.js';
import { withDatabase } from '../../../src/migrate/url.js';
import { runCli } from '../../helpers.js';
import { mariadb, psql, startMariadb, startPostgres, type Server } from '../../servers.js';

/**
 * A PostgreSQL service's volume holds every database on its server. Plausible's image creates
 * `plausible_db` beside the `postgres` database its Compose file's POSTGRES_DB (unset) names: a
 * plan step for `postgres` copied and certified an empty database, and left the application's
 * data behind.
 */
const cli = runCli;

/** A one-step plan file, as `migrate plan --format yaml` writes one; its password a ${VAR}. */
function writePlan(
  file: string,
  o: { service: string; engine: 'postgres' | 'mysql'; from: string; to: string; needs: string },
): string {
  const step = {
    service: o.service,
    engine: o.engine,
    method: o.engine,
    source: { url: o.from },
    target: { url: o.to },
  };
  const rest = { needs: [o.needs], stop: [], size: '', rollback: '', notes: [] };
  writeFileSync(
    file,
    stringify({ project: 'p', namespace: 'p', steps: [{ ...step, ...rest }], apps: [], outOfScope: [] }),
  );
  return file;
}

describe('PostgreSQL: a server is moved with every database that holds data', () => {
  let src: Server;
  let dst: Server;
  const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-pgdbs-'));
  const db = (s: Server, name: string) => withDatabase(s.url, name);
  /** A plan as `migrate plan` writes it for Plausible: the step names `postgres`, the password as ${VAR}. */
  const plan = (service = 'plausible_db') => {
    const hide = (s: Server) => s.url.replace(':secret@', ':${PGPW}@');
    return writePlan(path.join(dir, 'plan.yaml'), {
      service,
      engine: 'postgres',
      from: hide(src),
      to: hide(dst),
      needs: 'PGPW',
    });
  };
  before(async () => {
    [src, dst] = await Promise.all([startPostgres(), startPostgres()]);
    psql(src.url, 'create role plausible login');
    psql(src.url, "create database plausible_db owner plausible encoding 'UTF8' template template0");
    psql(
      db(src, 'plausible_db'),
      'set role plausible; create table events (id bigserial primary key, name text not null, at timestamptz not null default now()); insert into events (name) select md5(g::text) from generate_series(1, 5000) g',
    );
    // An empty database (no relation, function or large object) is not a move of its own.
    psql(src.url, 'create database scratch');
    psql(dst.url, 'create role plausible login');
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('check lists each database the move takes, and says which the run creates', () => {
    const c = cli(['migrate', 'check', '--plan', plan()], { PGPW: 'secret' });
    assert.equal(c.code, 0, c.stdout + c.stderr);
    assert.match(c.stdout, /plausible_db \(database postgres\) \(postgres\)\n\s+✓ source reachable/);
    assert.match(
      c.stdout,
      /plausible_db \(database plausible_db\) \(postgres\)\n\s+✓ database\s+plausible_db: \d+ objects on the source, none on the target's server: the run creates it/,
    );
    assert.doesNotMatch(c.stdout, /scratch/);
  });

  it('verify before the move names the database the target lacks, not "every object matched"', () => {
    const v = cli(['migrate', 'verify', '--plan', plan()], { PGPW: 'secret' });
    assert.equal(v.code, 1, v.stdout + v.stderr);
    assert.match(
      v.stdout,
      /plausible_db \(database plausible_db\) \(postgres\): MISMATCH: the target's server has no database plausible_db/,
    );
    assert.match(v.stderr, /Verdict: NOT complete/);
  });

  it('run creates the database on the target as the source has it, copies and verifies each, and reports both', () => {
    const report = path.join(dir, 'migration.md');
    const r = cli(['migrate', 'run', '--plan', plan(), '--report', report], { PGPW: 'secret' });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /plausible_db \(database postgres\) \(postgres\): OK/);
    assert.match(r.stdout, /plausible_db \(database plausible_db\) \(postgres\): OK/);
    assert.match(r.stdout, /note: created database plausible_db on the target \(UTF8, [^)]*owned by plausible\)/);
    assert.match(r.stdout, /table public\.events\s+5000 rows/);
    assert.doesNotMatch(r.stdout, /scratch/, 'an empty database is no move');
    assert.equal(psql(db(dst, 'plausible_db'), 'select count(*) from events').trim(), '5000');
    assert.equal(
      psql(dst.url, "select pg_get_userbyid(datdba) from pg_database where datname = 'plausible_db'").trim(),
      'plausible',
    );
    const md = readFileSync(report, 'utf8');
    assert.match(md, /\| plausible_db \(database plausible_db\) \| postgres \| \d+ objects? \|/);
    assert.match(md, /every service moved and verified/);
    assert.doesNotMatch(md, /secret/);
    // Once moved, verify compares both databases and passes; a row changed in the second is named.
    const v = cli(['migrate', 'verify', '--plan', plan()], { PGPW: 'secret' });
    assert.equal(v.code, 0, v.stdout + v.stderr);
    psql(db(dst, 'plausible_db'), "update events set name = 'changed' where id = 42");
    const changed = cli(['migrate', 'verify', '--plan', plan()], { PGPW: 'secret' });
    assert.equal(changed.code, 1);
    assert.match(
      changed.stdout,
      /plausible_db \(database plausible_db\) \(postgres\): MISMATCH: 1 of \d+ differ \(table public\.events\)/,
    );
  });

  it('a second run refuses a target that holds data in any of the databases, and --force replaces each', () => {
    const again = cli(['migrate', 'run', '--plan', plan()], { PGPW: 'secret' });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already holds \d+ objects?: refusing to write into it/);
    const forced = cli(['migrate', 'run', '--plan', plan(), '--force'], { PGPW: 'secret' });
    assert.equal(forced.code, 0, forced.stdout + forced.stderr);
    assert.equal(psql(db(dst, 'plausible_db'), "select count(*) from events where name = 'changed'").trim(), '0');
  });
});

describe('MySQL / MariaDB: a server is moved with every database that holds data', () => {
  let src: Server;
  let dst: Server;
  const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-mydbs-'));
  /** A plan as `migrate plan` writes it: the step names one database (`mysql` with no MYSQL_DATABASE). */
  const plan = (database: string) => {
    const url = (s: Server) => `${s.url.replace(':apppw@', ':${DBPW}@')}/${database}`;
    return writePlan(path.join(dir, `plan-${database}.yaml`), {
      service: 'db',
      engine: 'mysql',
      from: url(src),
      to: url(dst),
      needs: 'DBPW',
    });
  };
  before(async () => {
    [src, dst] = await Promise.all([startMariadb(), startMariadb()]);
    // Ghost's layout: MYSQL_DATABASE=ghost, and an init script that makes activitypub.
    mariadb(
      src.url,
      `create database ghost; use ghost; create table ghost.posts (id int primary key, title varchar(100));
       insert into ghost.posts select seq, concat('post ', seq) from seq_1_to_300;
       create database activitypub character set latin1 collate latin1_swedish_ci; use activitypub;
       create table activitypub.follows (id int primary key, actor varchar(200)) character set latin1;
       insert into activitypub.follows select seq, concat('https://example.com/u/', seq) from seq_1_to_1200;
       create database empty_one;`,
    );
    // The converted image made its MYSQL_DATABASE on first start; nothing else.
    mariadb(dst.url, 'create database ghost');
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("run moves ghost and activitypub, the second created with the source's character set; the system schemas stay", () => {
    const r = cli(['migrate', 'run', '--plan', plan('ghost')], { DBPW: 'apppw' });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /db \(database ghost\) \(mysql\): OK/);
    assert.match(r.stdout, /db \(database activitypub\) \(mysql\): OK/);
    assert.match(r.stdout, /note: created database activitypub on the target \(latin1, latin1_swedish_ci\)/);
    assert.doesNotMatch(r.stdout, /empty_one|database mysql\)/);
    assert.equal(mariadb(dst.url, 'select count(*) from activitypub.follows').trim(), '1200');
    assert.equal(
      mariadb(
        dst.url,
        "select default_character_set_name from information_schema.schemata where schema_name = 'activitypub'",
      ).trim(),
      'latin1',
    );
    const v = cli(['migrate', 'verify', '--plan', plan('ghost')], { DBPW: 'apppw' });
    assert.equal(v.code, 0, v.stdout + v.stderr);
    mariadb(dst.url, "update activitypub.follows set actor = 'x' where id = 7");
    const changed = cli(['migrate', 'verify', '--plan', plan('ghost')], { DBPW: 'apppw' });
    assert.equal(changed.code, 1);
    assert.match(changed.stdout, /db \(database activitypub\) \(mysql\): MISMATCH/);
  });

  it('a plan that names the mysql schema (no MYSQL_DATABASE) moves the user databases, never the system one', () => {
    const c = cli(['migrate', 'check', '--plan', plan('mysql'), '--force'], { DBPW: 'apppw' });
    assert.equal(c.code, 0, c.stdout + c.stderr);
    assert.match(c.stdout, /db \(database ghost\) \(mysql\)/);
    assert.match(c.stdout, /db \(database activitypub\) \(mysql\)/);
    assert.doesNotMatch(c.stdout, /database mysql\)|empty_one/);
  });
});
