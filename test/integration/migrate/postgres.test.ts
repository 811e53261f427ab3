import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from '../../harness.js';
import { LOCAL, transportFrom } from '../../../src/io/exec.js';
import { postgresEngine } from '../../../src/migrate/engines/postgres.js';
import { migrateOne } from '../../../src/migrate/run.js';
import { MigrateError, type Endpoint } from '../../../src/migrate/types.js';
import { psql, startPostgres, waitFor, type Server } from '../../servers.js';

/** A source shaped like the SongNodes database, plus everything pg_dump must carry. */
const FIXTURE = `
create schema music; create schema analytics;
create table music.artists (id serial primary key, name text not null, country char(2));
insert into music.artists (name, country) select 'artist ' || g, (array['DE','US','UK','FR'])[1 + g % 4] from generate_series(1, 10516) g;
create table music.tracks (id bigserial primary key, artist_id int references music.artists(id), title text, bpm numeric(5,2), cover bytea);
insert into music.tracks (artist_id, title, bpm, cover) select 1 + g % 10516, 'track ' || g, 60 + (g % 120) + 0.5, decode(md5(g::text), 'hex') from generate_series(1, 15137) g;
create table music.playlists (id serial primary key, name text, track_ids bigint[], meta jsonb);
insert into music.playlists (name, track_ids, meta) select 'list ' || g, array[g, g + 1, g + 2], jsonb_build_object('n', g, 'tags', jsonb_build_array('a', 'b')) from generate_series(1, 2099) g;
create table analytics.events (id bigserial primary key, at timestamptz default '2025-01-01', kind text, payload text);
insert into analytics.events (kind, payload) select 'play', repeat('x', 50) || g from generate_series(1, 100000) g;
create index events_kind on analytics.events (kind);
create view music.popular as select a.name, count(*) from music.tracks t join music.artists a on a.id = t.artist_id group by a.name;
create function music.track_count(a int) returns bigint language sql as 'select count(*) from music.tracks where artist_id = a';
select lo_from_bytea(0, decode(repeat('ab', 5000), 'hex')) from generate_series(1, 3);
create table music.venues (id int primary key, info json, location point);
insert into music.venues select g, json_build_object('cap', g * 10), point(g, g) from generate_series(1, 50) g;
`;

let src: Server;
let dst: Server;
const endpoint = (s: Server, db: string): Endpoint => ({
  url: s.url.replace(/\/postgres$/, `/${db}`),
  transport: LOCAL,
});
const sourceChecksum = () =>
  createHash('sha256')
    .update(
      psql(endpoint(src, 'musicdb').url, "select md5(string_agg(t::text, ',' order by id)) from music.tracks t") +
        psql(endpoint(src, 'musicdb').url, 'select count(*), max(id) from analytics.events'),
    )
    .digest('hex');
let before_: string;

before(async () => {
  [src, dst] = await Promise.all([startPostgres(), startPostgres()]);
  psql(src.url, 'create database musicdb');
  psql(endpoint(src, 'musicdb').url, FIXTURE);
  for (const db of ['custom', 'parallel', 'transport', 'killed', 'nonempty']) psql(dst.url, `create database ${db}`);
  before_ = sourceChecksum();
});
after(async () => {
  await Promise.all([src?.stop(), dst?.stop()]);
});

describe('postgres engine with real servers', () => {
  it('inspects: size and objects of the source; an empty target is empty', async () => {
    const s = await postgresEngine.inspect(endpoint(src, 'musicdb'));
    assert.ok(s.sizeBytes! > 10_000_000);
    assert.ok(s.objects > 10);
    assert.equal((await postgresEngine.inspect(endpoint(dst, 'custom'))).empty, true);
  });

  it('custom format, streamed: verified equal, with the SongNodes tables counted, and sequences continue', async () => {
    const keep = mkdtempSync(path.join(tmpdir(), 'stevedore-keep-'));
    try {
      let last = '';
      const r = await migrateOne('postgres', 'postgres', endpoint(src, 'musicdb'), endpoint(dst, 'custom'), {
        keepDump: keep,
        onProgress: (done, total, unit) => (last = `${done}/${total} ${unit}`),
      });
      assert.match(last, /^(\d+)\/\1 rows$/, 'the streamed restore ends at every row the source estimates');
      assert.ok(r.ok, r.verdict);
      const rows = new Map(r.verification!.items.map((i) => [i.object, i]));
      assert.match(rows.get('table music.tracks')!.target, /^15137 rows/);
      assert.match(rows.get('table music.artists')!.target, /^10516 rows/);
      assert.match(rows.get('table music.playlists')!.target, /^2099 rows/);
      assert.match(rows.get('table analytics.events')!.target, /^100000 rows/);
      assert.equal(rows.get('views')!.target, '1');
      assert.equal(rows.get('functions')!.target, '1');
      assert.match(rows.get('large objects')!.target, /^3,/);
      assert.equal(rows.get('sequence analytics.events_id_seq')!.target, 'at 100000');
      assert.equal(
        psql(endpoint(dst, 'custom').url, "insert into analytics.events (kind) values ('new') returning id").trim(),
        '100001',
      );
      // The kept dump and its checksum.
      assert.ok(r.outcome!.keptDump);
      const dump = readFileSync(r.outcome!.keptDump.path);
      assert.equal(createHash('sha256').update(dump).digest('hex'), r.outcome!.keptDump.sha256);
      assert.ok(existsSync(`${r.outcome!.keptDump.path}.sha256`));
      // The dump holds the whole database: its owner alone may read it.
      assert.equal(statSync(r.outcome!.keptDump.path).mode & 0o777, 0o600);
      assert.equal(statSync(`${r.outcome!.keptDump.path}.sha256`).mode & 0o777, 0o600);
      assert.equal(r.outcome!.bytes, dump.length);
    } finally {
      rmSync(keep, { recursive: true, force: true });
    }
  });

  it('directory format with --jobs 2: verified equal', async () => {
    const seen: string[] = [];
    const r = await migrateOne('postgres', 'postgres', endpoint(src, 'musicdb'), endpoint(dst, 'parallel'), {
      jobs: 2,
      onProgress: (done, total, unit) => seen.push(`${done}/${total} ${unit}`),
    });
    assert.ok(r.ok, r.verdict);
    assert.ok(r.outcome!.notes.some((n) => n.includes('2 parallel jobs')));
    // --jobs shows progress too: rows, from none to every row the source estimates, never going back.
    const done = seen.map((x) => Number(x.split('/')[0]));
    assert.match(seen[0]!, /^0\/\d+ rows$/);
    assert.match(seen.at(-1)!, /^(\d+)\/\1 rows$/);
    assert.deepEqual(
      done,
      [...done].sort((a, b) => a - b),
    );
  });

  it("one big table: progress moves inside it, from the target's own COPY counter, not in whole tables", async () => {
    psql(src.url, 'create database bigone');
    psql(
      endpoint(src, 'bigone').url,
      "create table big (id bigint, note text); insert into big select g, 'note ' || g from generate_series(1, 2000000) g; analyze big",
    );
    psql(dst.url, 'create database bigone');
    const seen: [number, number, string][] = [];
    const r = await migrateOne('big', 'postgres', endpoint(src, 'bigone'), endpoint(dst, 'bigone'), {
      onProgress: (done, total, unit) => seen.push([done, total, unit]),
    });
    assert.ok(r.ok, r.verdict);
    const total = seen[0]![1];
    assert.ok(Math.abs(total - 2_000_000) < 100_000, `the estimate is about 2,000,000 rows: ${total}`);
    assert.ok(seen.every(([, t, unit]) => t === total && unit === 'rows'));
    assert.deepEqual(seen[0], [0, total, 'rows']);
    assert.deepEqual(seen.at(-1), [total, total, 'rows']);
    const inside = seen.filter(([done]) => done > 0 && done < total);
    assert.ok(inside.length > 0, `some progress inside the one table: ${JSON.stringify(seen)}`);
    const done = seen.map(([d]) => d);
    assert.deepEqual(
      done,
      [...done].sort((a, b) => a - b),
      'never goes back',
    );
  });

  it('through an exec transport (a local command prefix standing in for docker exec)', async () => {
    const t = transportFrom('env');
    const r = await migrateOne(
      'postgres',
      'postgres',
      { url: endpoint(src, 'musicdb').url, transport: t },
      { url: endpoint(dst, 'transport').url, transport: t },
      {},
    );
    assert.ok(r.ok, r.verdict);
    const shown = postgresEngine.describe(
      { url: endpoint(src, 'musicdb').url, transport: t },
      { url: endpoint(dst, 'transport').url, transport: t },
      {},
    );
    assert.match(
      shown[0]!,
      /^env env PGPASSWORD=\*\*\* pg_dump -Fc -d postgres:\/\/postgres@127\.0\.0\.1:\d+\/musicdb \| env env PGPASSWORD=\*\*\* pg_restore/,
    );
    assert.doesNotMatch(shown.join('\n'), /secret/);
  });

  it('refuses a target that holds data, unless --force', async () => {
    psql(endpoint(dst, 'nonempty').url, 'create table precious (x int); insert into precious values (1)');
    await assert.rejects(
      migrateOne('postgres', 'postgres', endpoint(src, 'musicdb'), endpoint(dst, 'nonempty'), {}),
      (e: Error) => e instanceof MigrateError && /already holds 1 object.*--force/.test(e.message),
    );
    assert.equal(
      psql(endpoint(dst, 'nonempty').url, 'select count(*) from precious').trim(),
      '1',
      'nothing was written',
    );
    const forced = await migrateOne('postgres', 'postgres', endpoint(src, 'musicdb'), endpoint(dst, 'nonempty'), {
      force: true,
    });
    assert.ok(forced.ok, forced.verdict);
  });

  it('wrong credentials: a clear error, nothing written', async () => {
    const bad = { url: dst.url.replace(':secret@', ':wrong@').replace(/\/postgres$/, '/custom'), transport: LOCAL };
    await assert.rejects(
      migrateOne('postgres', 'postgres', endpoint(src, 'musicdb'), bad, {}),
      /password authentication failed/,
    );
  });

  it('source unreachable: a clear error naming it', async () => {
    const gone = { url: 'postgres://postgres:secret@127.0.0.1:1/musicdb', transport: LOCAL };
    await assert.rejects(
      migrateOne('postgres', 'postgres', gone, endpoint(dst, 'custom'), {}),
      (e: Error) =>
        /PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/musicdb/.test(e.message) &&
        !e.message.includes('secret'),
    );
  });

  it('the target dies mid-restore: both processes end, the message says so, a --force rerun starts clean', async () => {
    const victim = await startPostgres();
    try {
      psql(victim.url, 'create database killed');
      let killed = false;
      const r = await migrateOne('postgres', 'postgres', endpoint(src, 'musicdb'), endpoint(victim, 'killed'), {
        onBytes: (n) => {
          if (!killed && n > 200_000) {
            killed = true;
            victim.kill();
          }
        },
      });
      assert.ok(killed, 'the target was killed during the copy');
      assert.equal(r.ok, false);
      assert.match(r.verdict, /^FAILED: pg_restore on the target (failed|was killed)/);
      assert.match(r.verdict, /partial copy: run again with --force/);
    } finally {
      await victim.stop();
    }
    const again = await startPostgres();
    try {
      psql(again.url, 'create database killed');
      psql(endpoint(again, 'killed').url, 'create table leftover (x int)');
      const r = await migrateOne('postgres', 'postgres', endpoint(src, 'musicdb'), endpoint(again, 'killed'), {
        force: true,
      });
      assert.ok(r.ok, r.verdict);
    } finally {
      await again.stop();
    }
  });

  it('interrupted (Ctrl-C): both processes are stopped and the message says what state the target is in', async () => {
    psql(dst.url, 'create database interrupted');
    const controller = new AbortController();
    const r = await postgresEngine.run(endpoint(src, 'musicdb'), endpoint(dst, 'interrupted'), {
      signal: controller.signal,
      onBytes: (n) => {
        if (n > 100_000) controller.abort();
      },
    });
    assert.equal(r.ok, false);
    assert.match(
      r.error!,
      /^stopped on request after \d+ bytes; both sides were ended\. The target holds a partial copy: run again with --force/,
    );
  });

  it('the source is unchanged by all of the above', () => {
    assert.equal(sourceChecksum(), before_);
  });
});

describe('postgres: the source fingerprint taken during the copy', () => {
  let a: Server;
  let b: Server;
  before(async () => {
    [a, b] = await Promise.all([startPostgres(), startPostgres()]);
    // An autovacuum's ANALYZE is a write: the prints would be taken again (rightly), and the
    // notes these tests read would change with the timing.
    for (const s of [a, b]) {
      psql(s.url, 'alter system set autovacuum = off');
      psql(s.url, 'select pg_reload_conf()');
      psql(s.url, 'create database shop');
    }
    psql(
      endpoint(a, 'shop').url,
      'create table items (id int primary key, name text); insert into items select g, md5(g::text) from generate_series(1, 20000) g',
    );
  });
  after(async () => Promise.all([a?.stop(), b?.stop()]));

  it('is not trusted once anything wrote to the source: a row changed after the copy is caught', async () => {
    const src = endpoint(a, 'shop');
    const dst = endpoint(b, 'shop');
    const r = await postgresEngine.run(src, dst, {});
    assert.ok(r.ok, r.error);
    // A writer that was not stopped: its change is not in the copy.
    psql(src.url, "update items set name = 'changed' where id = 7");
    const v = await postgresEngine.verify(src, dst);
    assert.equal(v.ok, false);
    assert.deepEqual(
      v.items.filter((i) => !i.equal).map((i) => i.object),
      ['table public.items'],
    );
    // With nothing written since, a fresh copy verifies.
    psql(dst.url.replace(/\/shop$/, '/postgres'), 'create database again');
    const again = endpoint(b, 'again');
    assert.ok((await postgresEngine.run(src, again, {})).ok);
    assert.equal((await postgresEngine.verify(src, again)).ok, true);
  });

  it("the target's print taken beside ANALYZE stands for it when nothing wrote since", async () => {
    psql(b.url, 'create database quiet');
    const src = endpoint(a, 'shop');
    const dst = endpoint(b, 'quiet');
    assert.ok((await postgresEngine.run(src, dst, {})).ok);
    const v = await postgresEngine.verify(src, dst);
    assert.equal(v.ok, true, JSON.stringify(v.items.filter((i) => !i.equal)));
    assert.deepEqual(v.notes, [
      'the source read during the copy, the target as its ANALYZE ran; neither server has written since',
    ]);
    // A verification with no run before it reads both sides, and says nothing of it.
    const again = await postgresEngine.verify(src, dst);
    assert.equal(again.ok, true);
    assert.equal(again.notes, undefined);
  });

  it('is not trusted when a writer was mid-transaction as the source was read: its commit after the copy is caught', async () => {
    // The writer's transaction takes its id, then a later one ends: the writer's commit after the
    // copy leaves the cluster's mark (one past the latest transaction ended) where it was, and only
    // the print's snapshot, which lists it as running, shows that the print may miss its rows.
    psql(a.url, 'create database busy');
    const src = endpoint(a, 'busy');
    psql(
      src.url,
      'create table t (id int primary key, v text); insert into t select g, g::text from generate_series(1, 500) g',
    );
    const writer = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', src.url], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let said = '';
    writer.stderr.on('data', (d: Buffer) => (said += d.toString()));
    writer.stdin.write("begin; update t set v = 'late' where id = 3;\n");
    await waitFor(
      () =>
        psql(
          src.url,
          "select count(*) from pg_stat_activity where backend_xid is not null and datname = 'busy'",
        ).trim() === '1',
      "the writer's transaction",
    );
    psql(src.url, 'create table later (x int)');
    psql(b.url, 'create database busy');
    const dst = endpoint(b, 'busy');
    assert.ok((await postgresEngine.run(src, dst, {})).ok);
    writer.stdin.end('commit;\n');
    await new Promise((done) => writer.on('close', done));
    assert.equal(said, '');
    const v = await postgresEngine.verify(src, dst);
    assert.equal(v.ok, false);
    assert.deepEqual(v.notes, [
      'the source read again: a transaction on its server wrote since its first read, or was running during it',
    ]);
    assert.deepEqual(
      v.items.filter((i) => !i.equal).map((i) => i.object),
      ['table public.t'],
    );
  });

  it('is not trusted once anything wrote to the target: a row changed after the copy is caught', async () => {
    psql(b.url, 'create database touched');
    const src = endpoint(a, 'shop');
    const dst = endpoint(b, 'touched');
    assert.ok((await postgresEngine.run(src, dst, {})).ok);
    // An application started on the target before the verification: its write is a difference.
    psql(dst.url, "update items set name = 'written by an app' where id = 11");
    const v = await postgresEngine.verify(src, dst);
    assert.equal(v.ok, false);
    assert.deepEqual(v.notes, [
      'the target read again: a transaction on its server wrote since its first read, or was running during it',
    ]);
    assert.deepEqual(
      v.items.filter((i) => !i.equal).map((i) => i.object),
      ['table public.items'],
    );
  });
});
