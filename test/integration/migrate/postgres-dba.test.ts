import assert from 'node:assert/strict';
import { engineFor } from '../../../src/migrate/registry.js';
import { migrateOne } from '../../../src/migrate/run.js';
import { MigrateError } from '../../../src/migrate/types.js';
import { after, before, describe, it } from '../../harness.js';
import { pgDatabase, psql, startPostgres, type Server } from '../../servers.js';

/**
 * What a DBA expects a copy to carry besides rows: roles, owners, grants, default privileges,
 * database settings, constraints, defaults, indexes, materialized views, sequences — and a verify
 * that notices when any of them differs.
 */
const SOURCE = `
create role app_owner nologin;
create role reader nologin;
create role writer login connection limit 5;
grant reader to writer;
create schema shop authorization app_owner;
set role app_owner;
create table shop.items (id serial primary key, name text not null default 'unnamed', price numeric(8,2) check (price >= 0), sku text unique);
create table shop.orders (id serial primary key, item_id int references shop.items(id), qty int not null default 1);
create index orders_item on shop.orders (item_id);
create materialized view shop.totals as select item_id, sum(qty) as qty from shop.orders group by item_id;
alter default privileges in schema shop grant select on tables to reader;
grant usage on schema shop to reader;
grant select on shop.items to reader;
grant insert on shop.orders to writer;
reset role;
insert into shop.items (name, price, sku) select 'item ' || g, g, 'sku' || g from generate_series(1, 200) g;
insert into shop.orders (item_id, qty) select 1 + g % 200, g % 5 + 1 from generate_series(1, 1000) g;
refresh materialized view shop.totals;
`;

describe('PostgreSQL: what a DBA expects to be carried, and verified', () => {
  let src: Server;
  let dst: Server;
  const db = pgDatabase;
  before(async () => {
    [src, dst] = await Promise.all([startPostgres(), startPostgres()]);
    psql(src.url, 'create database shop');
    psql(db(src, 'shop').url, SOURCE);
    psql(src.url, "alter database shop set work_mem = '8MB'");
    psql(dst.url, 'create database shop');
    psql(dst.url, 'create database noowner');
  });
  after(async () => Promise.all([src?.stop(), dst?.stop()]));

  it('roles the data needs but the target lacks stop the run before anything is written, naming them', async () => {
    await assert.rejects(
      migrateOne('db', 'postgres', db(src, 'shop'), db(dst, 'shop'), {}),
      (e: unknown) =>
        e instanceof MigrateError && /app_owner, reader, writer/.test(e.message) && /--copy-roles/.test(e.message),
    );
    assert.equal(psql(db(dst, 'shop').url, "select count(*) from pg_namespace where nspname = 'shop'").trim(), '0');
  });

  it('--no-owner copies without owners and grants, and says so', async () => {
    const r = await migrateOne('db', 'postgres', db(src, 'shop'), db(dst, 'noowner'), { noOwner: true });
    assert.ok(r.outcome?.notes.some((n) => /without owners and grants/.test(n)));
  });

  it('--copy-roles creates the missing roles (no passwords) with their memberships; owners, grants, default privileges and settings are kept; verified equal', async () => {
    const r = await migrateOne('db', 'postgres', db(src, 'shop'), db(dst, 'shop'), { copyRoles: true });
    assert.ok(r.ok, r.verdict + JSON.stringify(r.verification?.items.filter((i) => !i.equal)));
    const t = db(dst, 'shop').url;
    assert.equal(
      psql(t, "select rolcanlogin, rolconnlimit, rolpassword is null from pg_authid where rolname = 'writer'").trim(),
      't|5|t',
    );
    assert.equal(psql(t, "select pg_has_role('writer', 'reader', 'member')").trim(), 't');
    assert.equal(psql(t, "select tableowner from pg_tables where tablename = 'items'").trim(), 'app_owner');
    assert.equal(psql(t, "select has_table_privilege('reader', 'shop.items', 'select')").trim(), 't');
    assert.equal(
      psql(t, "select defaclacl::text from pg_default_acl where defaclrole = 'app_owner'::regrole").trim(),
      '{reader=r/app_owner}',
      'default privileges',
    );
    assert.match(
      psql(
        t,
        "select setconfig::text from pg_db_role_setting s join pg_database d on d.oid = s.setdatabase where d.datname = 'shop'",
      ),
      /work_mem=8MB/,
    );
    const items = new Map(r.verification!.items.map((i) => [i.object, i]));
    assert.ok(items.get('table shop.totals')?.equal, 'materialized view contents compared');
    assert.ok(items.has('definition of shop.items'));
    assert.ok(items.has('owner and grants of shop.items'));
    assert.ok(items.has('database settings'));
  });

  it('verify names a dropped constraint, a changed default, a revoked grant, a new owner, a dropped index, a moved sequence', async () => {
    const t = db(dst, 'shop').url;
    const corruptions: [string, string, string][] = [
      ['dropped constraint', 'alter table shop.items drop constraint items_price_check', 'definition of shop.items'],
      ['changed default', "alter table shop.items alter column name set default 'x'", 'definition of shop.items'],
      ['revoked grant', 'revoke select on shop.items from reader', 'owner and grants of shop.items'],
      ['new owner', 'alter table shop.orders owner to writer', 'owner and grants of shop.orders'],
      ['dropped index', 'drop index shop.orders_item', 'definition of shop.orders'],
      ['moved sequence', "select setval('shop.items_id_seq', 5000)", 'sequence shop.items_id_seq'],
      ['changed setting', "alter database shop set work_mem = '64MB'", 'database settings'],
    ];
    for (const [what, sql, object] of corruptions) {
      psql(t, sql);
      const v = await engineFor('postgres').verify(db(src, 'shop'), db(dst, 'shop'));
      assert.equal(v.ok, false, `${what} passed as equal`);
      assert.ok(
        v.items.some((i) => i.object === object && !i.equal),
        `${what}: ${object} named (${v.items
          .filter((i) => !i.equal)
          .map((i) => i.object)
          .join(', ')})`,
      );
      // Back to a faithful copy for the next corruption.
      psql(dst.url, 'drop database shop with (force)');
      psql(dst.url, 'create database shop');
      assert.ok((await migrateOne('db', 'postgres', db(src, 'shop'), db(dst, 'shop'), {})).ok);
    }
  });
});
