import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { LOCAL } from '../../../src/io/exec.js';
import { migrateOne } from '../../../src/migrate/run.js';
import { engineFor } from '../../../src/migrate/registry.js';
import { MigrateError, type Endpoint } from '../../../src/migrate/types.js';
import { after, before, describe, it } from '../../harness.js';
import { mariadb, psql, startMariadb, startPostgres, startRedis, type Server } from '../../servers.js';

/**
 * What ends a migration tool's reputation in one incident: writing into the source, and certifying a
 * copy that is wrong. Every case here writes the mistake a user would make, or the corruption a
 * broken copy would hold, and checks that nothing is lost and nothing wrong is called equal.
 */
const ep = (url: string): Endpoint => ({ url, transport: LOCAL });
const refusedAsSame = (e: unknown) =>
  e instanceof MigrateError && /are the same|is the source/.test(e.message) ? true : assert.fail(String(e));

describe('PostgreSQL: the same server under another name, swapped rows, and types hashed by value', () => {
  let pg: Server;
  let other: Server;
  const db = (s: Server, name: string) => s.url.replace(/\/postgres$/, `/${name}`);
  before(async () => {
    [pg, other] = await Promise.all([startPostgres(), startPostgres()]);
    psql(pg.url, 'create database shop');
    psql(
      db(pg, 'shop'),
      `create table artists (id int primary key, name text not null);
       insert into artists select g, 'artist ' || g from generate_series(1, 50) g;
       create table tracks (id int primary key, artist_id int references artists(id), title text, plays bigint);
       insert into tracks select g, 1 + g % 50, 'title ' || g, g * 7 from generate_series(1, 500) g;`,
    );
  });
  after(async () => Promise.all([pg?.stop(), other?.stop()]));

  it('127.0.0.1 and localhost are one server: refused even with --force, and the source keeps every row', async () => {
    const a = db(pg, 'shop');
    const b = a.replace('127.0.0.1', 'localhost');
    await assert.rejects(migrateOne('db', 'postgres', ep(a), ep(b), { force: true }), refusedAsSame);
    await assert.rejects(engineFor('postgres').verify(ep(a), ep(b)), refusedAsSame);
    assert.equal(psql(a, 'select count(*) from tracks').trim(), '500');
  });

  it('another database on the same server is a different target', async () => {
    psql(pg.url, 'create database shop_copy');
    const r = await migrateOne('db', 'postgres', ep(db(pg, 'shop')), ep(db(pg, 'shop_copy')), {});
    assert.ok(r.ok, r.verdict);
  });

  it('values moved between rows are caught: a title swap, a foreign-key swap, a rotation, a shuffle', async () => {
    psql(other.url, 'create database copy');
    const target = db(other, 'copy');
    const r = await migrateOne('db', 'postgres', ep(db(pg, 'shop')), ep(target), {});
    assert.ok(r.ok, r.verdict);
    const corruptions: [string, string][] = [
      [
        'swap two titles',
        `update tracks set title = case id when 1 then (select title from tracks where id = 2) else (select title from tracks where id = 1) end where id in (1, 2)`,
      ],
      [
        'swap two foreign keys',
        `update tracks set artist_id = case id when 10 then (select artist_id from tracks where id = 11) else (select artist_id from tracks where id = 10) end where id in (10, 11)`,
      ],
      [
        'rotate plays over three rows',
        `update tracks t set plays = (select plays from tracks where id = 1 + t.id % 3 + 100) where id between 100 and 102`,
      ],
      [
        'shuffle every title',
        `with s as (select id, lead(title, 1, (select title from tracks where id = 1)) over (order by id) as t from tracks) update tracks set title = s.t from s where s.id = tracks.id`,
      ],
    ];
    for (const [what, sql] of corruptions) {
      psql(other.url, 'drop database copy');
      psql(other.url, 'create database copy');
      assert.ok((await migrateOne('db', 'postgres', ep(db(pg, 'shop')), ep(target), {})).ok);
      psql(target, sql);
      const v = await engineFor('postgres').verify(ep(db(pg, 'shop')), ep(target));
      assert.equal(v.ok, false, `${what} passed as equal`);
      assert.ok(
        v.items.some((i) => i.object === 'table public.tracks' && !i.equal),
        `${what}: the tracks table is named as differing`,
      );
    }
  });

  it('enums, domains, arrays, ranges, composite types and columns named x or select copy and verify equal; a changed enum value does not', async () => {
    psql(pg.url, 'create database typed');
    // Types created in another order on the target get other OIDs: a hash of OIDs would differ.
    psql(other.url, 'create database typed; ');
    psql(db(other, 'typed'), `create type filler as enum ('a'); drop type filler;`);
    psql(
      db(pg, 'typed'),
      `create type mood as enum ('sad', 'ok', 'happy');
       create domain positive as int check (value > 0);
       create type address as (street text, city text);
       create table things (
         id int primary key, x int, "select" text, "order" mood, moods mood[], n positive,
         span int4range, at tstzrange, home address, tags text[], doc jsonb);
       insert into things select g, g, 'word ' || g, (array['sad','ok','happy']::mood[])[1 + g % 3],
         array['ok','happy']::mood[], g, int4range(g, g + 10), tstzrange('2025-01-01', '2025-02-01'),
         row('street ' || g, 'city')::address, array['a', 'b'], jsonb_build_object('g', g)
       from generate_series(1, 300) g;`,
    );
    psql(db(other, 'typed'), 'drop database if exists typed_t');
    const r = await migrateOne('db', 'postgres', ep(db(pg, 'typed')), ep(db(other, 'typed')), { force: true });
    assert.ok(r.ok, r.verdict);
    psql(db(other, 'typed'), `update things set "order" = 'happy' where id = 3 and "order" <> 'happy'`);
    psql(db(other, 'typed'), `update things set "order" = 'sad' where id = 4 and "order" <> 'sad'`);
    const v = await engineFor('postgres').verify(ep(db(pg, 'typed')), ep(db(other, 'typed')));
    assert.equal(v.ok, false, 'a changed enum value is caught');
  });

  it('every column type, hashed column by column: equal across servers set up apart; each value swapped between rows, a value moved between columns, a case change under a case-blind collation are caught', async () => {
    // A source table with a dropped column (its live columns are numbered 1, 3, 4…; the copy's 1, 2, 3…).
    psql(pg.url, 'create database kinds');
    psql(
      db(pg, 'kinds'),
      `create collation blind (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
       create type stamp as (at timestamptz, len interval, price money, raw bytea, ratio float8);
       create table k (id int primary key, gone int, b bool, by bytea, ch "char", nm name, i2 int2, i4a int4, i4b int4,
         i8 int8, o oid, f4 float4, f8 float8, nu numeric, mo money, tx text, vc varchar(20), bp char(5), ci text collate blind,
         d date, tm time, ttz timetz, ts timestamp, tstz timestamptz, iv interval, u uuid, jb jsonb, ip inet, net cidr,
         mac macaddr, mac8 macaddr8, ia int[], ta text[], da date[], bits bit(4), vb varbit, js json, x xml, pt point, comp stamp);
       insert into k select g, g, g % 2 = 0, ('\\x0' || g)::bytea, chr(64 + g)::"char", 'n' || g, g, g, g * 10,
         g * 1000000000000, g, g / 3.0, g / 7.0, g / 9.0, g * 1.25, 'text ' || g, 'vc ' || g, 'b' || g, 'Word' || g,
         date '2024-02-28' + g, time '10:00' + g * interval '1 minute', timetz '10:00+02' + g * interval '1 minute',
         timestamp '2024-01-01 12:00' + g * interval '1 hour', timestamptz '2024-01-01 12:00+00' + g * interval '1 hour',
         g * interval '1 day 2 hours', md5(g::text)::uuid, jsonb_build_object('g', g), ('10.0.0.' || g)::inet,
         ('10.' || g || '.0.0/16')::cidr, ('08:00:2b:01:02:0' || g)::macaddr, ('08:00:2b:01:02:03:04:0' || g)::macaddr8,
         array[g, g + 1], array['t' || g], array[date '2024-01-01' + g], (g % 16)::bit(4), (g % 8)::bit(3)::varbit,
         json_build_object('g', g), ('<g>' || g || '</g>')::xml, point(g, g),
         row(timestamptz '2024-06-01 00:00+00' + g * interval '1 day', g * interval '1 hour', g * 2.5, ('\\x1' || g)::bytea, g / 3.0)::stamp
       from generate_series(1, 9) g;
       alter table k drop column gone;`,
    );
    // The target's server prints dates, times, intervals, bytes and floats its own way.
    psql(
      other.url,
      `alter role postgres set datestyle = 'SQL, DMY'; alter role postgres set timezone = 'Asia/Kolkata';
       alter role postgres set intervalstyle = 'sql_standard'; alter role postgres set bytea_output = 'escape';
       alter role postgres set extra_float_digits = 0`,
    );
    psql(other.url, 'create database kinds');
    const [from, into] = [ep(db(pg, 'kinds')), ep(db(other, 'kinds'))];
    try {
      const r = await migrateOne('db', 'postgres', from, into, {});
      assert.ok(r.ok, r.verdict);
      const verify = () => engineFor('postgres').verify(from, into);
      const columns = psql(
        into.url,
        `select attname from pg_attribute where attrelid = 'k'::regclass and attnum > 1 and not attisdropped order by attnum`,
      )
        .trim()
        .split('\n');
      assert.equal(columns.length, 38);
      for (const c of columns) {
        // A swap is its own undoing: swapped, checked, swapped back.
        const swap = `update k set "${c}" = case id when 1 then (select "${c}" from k where id = 2) else (select "${c}" from k where id = 1) end where id in (1, 2)`;
        psql(into.url, swap);
        const v = await verify();
        assert.equal(v.ok, false, `a ${c} value swapped between two rows passed as equal`);
        psql(into.url, swap);
      }
      assert.ok((await verify()).ok, 'swapped back, the copy is equal again');
      psql(into.url, 'update k set i4a = i4b, i4b = i4a where id = 3');
      assert.equal((await verify()).ok, false, 'two values moved between the columns of one row passed as equal');
      psql(into.url, 'update k set i4a = i4b, i4b = i4a where id = 3');
      psql(into.url, `update k set ci = lower(ci) where id = 4`);
      assert.equal((await verify()).ok, false, 'Word4 became word4 under a case-blind collation and passed as equal');
      psql(into.url, `update k set ci = 'Word4' where id = 4; update k set tx = null where id = 5`);
      assert.equal((await verify()).ok, false, 'a value that became NULL passed as equal');
    } finally {
      psql(other.url, 'alter role postgres reset all');
    }
  });
});

describe('MariaDB: the same server under another name; swapped rows, counters, events and definitions compared', () => {
  let maria: Server;
  let other: Server;
  before(async () => {
    [maria, other] = await Promise.all([startMariadb(), startMariadb()]);
    mariadb(
      maria.url,
      'create database shop; create table shop.t (id int primary key, v text); insert into shop.t values (1, "a"), (2, "b")',
    );
  });
  after(async () => Promise.all([maria?.stop(), other?.stop()]));

  it('127.0.0.1 and localhost are one server: refused even with --force, and the source keeps its rows', async () => {
    const a = `${maria.url}/shop`;
    const b = a.replace('127.0.0.1', 'localhost');
    await assert.rejects(migrateOne('db', 'mysql', ep(a), ep(b), { force: true }), refusedAsSame);
    assert.equal(mariadb(maria.url, 'select count(*) from shop.t').trim(), '2');
  });

  it('a swap between rows, a moved AUTO_INCREMENT, a dropped event and each changed definition are caught', async () => {
    mariadb(
      maria.url,
      `create database app; use app;
       create table owners (id int primary key, name varchar(20));
       insert into owners select seq, concat('o', seq) from seq_0_to_6;
       create table items (id int auto_increment primary key, title varchar(50) default 'x', owner int,
         kind enum('a', 'b') default 'a', price int, key title_idx (title),
         constraint fk_owner foreign key (owner) references owners (id), constraint price_ok check (price >= 0));
       insert into items (title, owner, price) select concat('t', seq), seq % 7, seq from seq_1_to_300;
       create view cheap as select id, title from items where price < 10;
       create trigger items_bi before insert on items for each row set new.price = abs(new.price);
       create procedure n_items() select count(*) from items;
       create event nightly on schedule every 1 day do delete from items where id < 0;`,
    );
    const corruptions: [string, string, string][] = [
      ['swap two titles', "update items set title = if(id = 1, 't2', 't1') where id in (1, 2)", 'table items'],
      ['swap two owners', 'update items set owner = if(id = 1, 2, 1) where id in (1, 2)', 'table items'],
      ['move the counter', 'alter table items auto_increment = 5000', 'table items'],
      ['drop the event', 'drop event nightly', 'events'],
      ['drop an index', 'alter table items drop index title_idx', 'definition of items'],
      ['change a default', "alter table items alter title set default 'y'", 'definition of items'],
      ['widen a column', 'alter table items modify title varchar(60)', 'definition of items'],
      ['add an enum value', "alter table items modify kind enum('a', 'b', 'c') default 'a'", 'definition of items'],
      ['drop a foreign key', 'alter table items drop foreign key fk_owner', 'definition of items'],
      ['drop a check constraint', 'alter table items drop constraint price_ok', 'check constraints'],
      ['change a view', 'create or replace view cheap as select id, title from items where price < 20', 'view cheap'],
      [
        'change a trigger',
        'drop trigger items_bi; create trigger items_bi before insert on items for each row set new.price = 0',
        'triggers',
      ],
      [
        'change a procedure',
        'drop procedure n_items; create procedure n_items() select count(*) + 1 from items',
        'routines',
      ],
    ];
    for (const [what, sql, object] of corruptions) {
      mariadb(other.url, 'drop database if exists app; create database app');
      const r = await migrateOne('db', 'mysql', ep(`${maria.url}/app`), ep(`${other.url}/app`), {});
      assert.ok(r.ok, r.verdict);
      mariadb(other.url, sql, 'app');
      const v = await engineFor('mysql').verify(ep(`${maria.url}/app`), ep(`${other.url}/app`));
      assert.ok(
        v.items.some((i) => i.object === object && !i.equal),
        `${what} passed (${JSON.stringify(v.items.filter((i) => !i.equal))})`,
      );
    }
  });
});

describe('Redis: the same server, a database that does not exist, and key names that are bytes', () => {
  let src: Server;
  let dst: Server;
  before(async () => {
    [src, dst] = await Promise.all([startRedis(), startRedis()]);
  });
  const clients: Redis[] = [];
  after(async () => {
    // A failed assertion must not leave a connection that keeps the test process alive.
    for (const c of clients) c.disconnect();
    await Promise.all([src?.stop(), dst?.stop()]);
  });
  const client = (s: Server, dbIndex = 0) => {
    const c = new Redis(s.port, '127.0.0.1', { db: dbIndex });
    clients.push(c);
    return c;
  };

  it('127.0.0.1 and localhost are one server: refused even with --force, and the source keeps its keys', async () => {
    const c = client(src);
    await c.set('keep', 'me');
    const b = src.url.replace('127.0.0.1', 'localhost');
    await assert.rejects(migrateOne('cache', 'redis', ep(src.url), ep(b), { force: true }), refusedAsSame);
    assert.equal(await c.get('keep'), 'me');
    await c.flushdb();
    c.disconnect();
  });

  it('database 99 on a server with 16 is an error before anything is written', async () => {
    const c = client(dst);
    await c.set('untouched', '1');
    await client(src).set('k', 'v');
    const to = dst.url.replace(/\/0$/, '/99');
    await assert.rejects(
      migrateOne('cache', 'redis', ep(src.url), ep(to), { force: true }),
      (e: unknown) => e instanceof MigrateError && /database 99/.test(e.message),
    );
    assert.equal(await c.get('untouched'), '1', 'database 0 of the target was not flushed');
    await c.flushdb();
    c.disconnect();
  });

  it('key names that are not UTF-8 are copied byte for byte, and a changed one is named by verify', async () => {
    const a = client(src);
    await a.flushdb();
    const odd = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]);
    const odd2 = Buffer.from([0xc3, 0x28]);
    await a.set(odd, 'binary name');
    await a.hset(odd2, 'f', 'v');
    await a.set('plain', 'x');
    const r = await migrateOne('cache', 'redis', ep(src.url), ep(dst.url), { force: true });
    assert.ok(r.ok, r.verdict);
    const b = client(dst);
    assert.equal((await b.getBuffer(odd))?.toString(), 'binary name');
    assert.equal(await b.hget(odd2, 'f'), 'v');
    assert.equal(await b.dbsize(), 3);
    await b.set(odd, 'changed');
    const v = await engineFor('redis').verify(ep(src.url), ep(dst.url));
    assert.equal(v.ok, false);
    assert.ok(
      v.items.some((i) => !i.equal && i.target.includes('\\xff\\xfeA\\x00B')),
      `the differing key is named: ${JSON.stringify(v.items.filter((i) => !i.equal))}`,
    );
    a.disconnect();
    b.disconnect();
  });

  it('the same value in another encoding is equal (a hash grown past listpack and shrunk back)', async () => {
    const a = client(src);
    await a.flushdb();
    await a.hset('h', 'f', 'v');
    const r = await migrateOne('cache', 'redis', ep(src.url), ep(dst.url), { force: true });
    assert.ok(r.ok, r.verdict);
    const b = client(dst);
    await b.hset('h', 'big', 'x'.repeat(1000));
    await b.hdel('h', 'big');
    assert.equal(await b.call('OBJECT', 'ENCODING', 'h'), 'hashtable', 'the target now stores it differently');
    const v = await engineFor('redis').verify(ep(src.url), ep(dst.url));
    assert.ok(v.ok, JSON.stringify(v.items.filter((i) => !i.equal)));
  });

  it('where scripts are not allowed (managed Redis), verify hashes on this side and reaches the same verdicts', async () => {
    const a = client(src);
    await a.flushdb();
    await a.sadd('members', 'a', 'b', 'c', '42');
    await a.set('plain', 'x');
    const r = await migrateOne('cache', 'redis', ep(src.url), ep(dst.url), { force: true });
    assert.ok(r.ok, r.verdict);
    const b = client(dst);
    try {
      for (const c of [a, b]) await c.call('ACL', 'SETUSER', 'default', '-@scripting');
      assert.ok((await engineFor('redis').verify(ep(src.url), ep(dst.url))).ok, 'equal copy is equal');
      await b.set('plain', 'y');
      const v = await engineFor('redis').verify(ep(src.url), ep(dst.url));
      assert.equal(v.items.find((i) => i.object === 'keys whose value differs')?.target, '1: plain');
    } finally {
      for (const c of [a, b]) await c.call('ACL', 'SETUSER', 'default', '+@all');
    }
  });

  it('a consumer group that moved on the target, or a TTL lost, is named', async () => {
    const a = client(src);
    await a.flushdb();
    await a.xadd('events', '1-1', 'k', 'v');
    await a.xadd('events', '2-1', 'k', 'w');
    await a.xgroup('CREATE', 'events', 'workers', '1-1');
    await a.set('session', 'x', 'PX', 600_000);
    const r = await migrateOne('cache', 'redis', ep(src.url), ep(dst.url), { force: true });
    assert.ok(r.ok, r.verdict);
    const b = client(dst);
    await b.xgroup('SETID', 'events', 'workers', '2-1');
    await b.persist('session');
    const v = await engineFor('redis').verify(ep(src.url), ep(dst.url));
    const bad = new Map(v.items.filter((i) => !i.equal).map((i) => [i.object, i.target]));
    assert.equal(bad.get('keys whose value differs'), '1: events');
    assert.equal(bad.get('keys whose TTL differs'), '1: session');
  });
});

describe('folders: the same folder under another spelling, and a mistyped source', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'stevedore-safety-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('dir and dir/ are one folder: refused even with --force, and its files stay', async () => {
    const d = path.join(root, 'data');
    mkdirSync(d);
    writeFileSync(path.join(d, 'file'), 'precious');
    await assert.rejects(migrateOne('v', 'volume', ep(d), ep(`${d}/`), { force: true }), refusedAsSame);
    await assert.rejects(migrateOne('v', 'volume', ep(d), ep(`${root}/./data`), { force: true }), refusedAsSame);
    assert.equal(readFileSync(path.join(d, 'file'), 'utf8'), 'precious');
  });

  it('a source that does not exist is an error, and is not created', async () => {
    const missing = path.join(root, 'dta');
    const target = path.join(root, 'target');
    await assert.rejects(
      migrateOne('v', 'volume', ep(missing), ep(target), {}),
      (e: unknown) => e instanceof MigrateError && /does not exist/.test(e.message),
    );
    assert.equal(existsSync(missing), false, 'the source side was written');
  });
});
