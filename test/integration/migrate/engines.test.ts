import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  ftruncateSync,
  linkSync,
  openSync,
  statSync,
  writeSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from '../../harness.js';
import { Redis } from 'ioredis';
import { LOCAL, transportFrom } from '../../../src/io/exec.js';
import { migrateOne } from '../../../src/migrate/run.js';
import { MigrateError } from '../../../src/migrate/types.js';
import { mariadb, startMariadb, startRedis, type Server } from '../../servers.js';

describe('mysql engine with real MariaDB servers', () => {
  let src: Server;
  let dst: Server;
  before(async () => {
    [src, dst] = await Promise.all([startMariadb(), startMariadb()]);
    mariadb(
      src.url,
      `create database shop; use shop;
      create table customers (id int auto_increment primary key, name varchar(100), email varchar(200) unique, photo blob);
      create table orders (id bigint auto_increment primary key, customer_id int, total decimal(10,2), placed datetime, foreign key (customer_id) references customers(id));
      insert into customers (name, email, photo) select concat('c', seq), concat('c', seq, '@example.com'), unhex(md5(seq)) from seq_1_to_5000;
      insert into orders (customer_id, total, placed) select 1 + seq % 5000, seq / 7, '2025-01-01' + interval seq minute from seq_1_to_30000;
      create view big_orders as select * from orders where total > 1000;
      create procedure count_orders() select count(*) from orders;
      create trigger orders_check before insert on orders for each row set new.total = abs(new.total);`,
    );
    mariadb(dst.url, 'create database shop; create database forced');
  });
  after(async () => Promise.all([src?.stop(), dst?.stop()]));
  const ep = (s: Server, db: string) => ({ url: `${s.url}/${db}`, transport: LOCAL });

  it('migrates tables, views, routines and triggers; verified equal; auto_increment continues', async () => {
    const r = await migrateOne('db', 'mysql', ep(src, 'shop'), ep(dst, 'shop'), {});
    assert.ok(r.ok, r.verdict);
    const rows = new Map(r.verification!.items.map((i) => [i.object, i.target]));
    assert.match(rows.get('table orders')!, /^30000 rows/);
    assert.match(rows.get('table customers')!, /^5000 rows/);
    assert.match(rows.get('view big_orders')!, /^[0-9a-f]{16}$/);
    assert.match(rows.get('routines')!, /^1, digest [0-9a-f]{16}$/);
    assert.match(rows.get('triggers')!, /^1, digest [0-9a-f]{16}$/);
    assert.match(rows.get('definition of orders')!, /^columns \w+, foreign keys \w+, indexes \w+$/);
    const next = (s: Server) =>
      mariadb(
        s.url,
        "select auto_increment from information_schema.tables where table_schema='shop' and table_name='orders'",
      ).trim();
    assert.equal(next(dst), next(src), 'the id counter continues where the source left it');
    mariadb(dst.url, 'insert into orders (customer_id, total, placed) values (1, -5, now())', 'shop');
    assert.equal(
      mariadb(dst.url, 'select id, total from orders order by id desc limit 1', 'shop').trim(),
      `${next(src)}\t5.00`,
      'the trigger runs on the target',
    );
  });
  it('refuses the now non-empty target; --force replaces it through an exec transport', async () => {
    await assert.rejects(migrateOne('db', 'mysql', ep(src, 'shop'), ep(dst, 'shop'), {}), MigrateError);
    const t = transportFrom('env');
    const r = await migrateOne(
      'db',
      'mysql',
      { url: `${src.url}/shop`, transport: t },
      { url: `${dst.url}/shop`, transport: t },
      { force: true },
    );
    assert.ok(r.ok, r.verdict);
  });
  it('wrong credentials are reported plainly', async () => {
    await assert.rejects(
      migrateOne(
        'db',
        'mysql',
        ep(src, 'shop'),
        { url: `${dst.url.replace(':apppw@', ':nope@')}/forced`, transport: LOCAL },
        {},
      ),
      /Access denied/,
    );
  });
});

describe('redis engine with real servers', () => {
  let src: Server;
  let dst: Server;
  before(async () => {
    [src, dst] = await Promise.all([startRedis(), startRedis()]);
    const c = new Redis(src.url);
    const p = c.pipeline();
    for (let i = 0; i < 3000; i++) p.set(`s:${i}`, `value ${i}`);
    p.set('bin', Buffer.from([0, 1, 2, 255, 254]));
    p.hset('h', { a: '1', b: '2', c: 'three' });
    p.rpush('l', 'x', 'y', 'z', 'x');
    p.sadd('set', 'a', 'b', 'c');
    p.zadd('z', 1, 'one', 2.5, 'two-and-half', 3, 'three');
    p.xadd('events', '1-1', 'kind', 'play', 'track', '42');
    p.xadd('events', '2-1', 'kind', 'skip');
    p.set('session', 'abc', 'PX', 600_000);
    p.set('short', 'gone soon', 'EX', 3600);
    await p.exec();
    c.disconnect();
  });
  after(async () => Promise.all([src?.stop(), dst?.stop()]));

  it('every type and TTL is carried; verified equal', async () => {
    const r = await migrateOne(
      'cache',
      'redis',
      { url: src.url, transport: LOCAL },
      { url: dst.url, transport: LOCAL },
      {},
    );
    assert.ok(r.ok, r.verdict);
    const c = new Redis(dst.url);
    try {
      assert.equal(await c.dbsize(), 3008);
      assert.deepEqual(await c.getBuffer('bin'), Buffer.from([0, 1, 2, 255, 254]));
      assert.deepEqual(await c.lrange('l', 0, -1), ['x', 'y', 'z', 'x']);
      assert.deepEqual(await c.zrange('z', '0', '-1', 'WITHSCORES'), ['one', '1', 'two-and-half', '2.5', 'three', '3']);
      assert.equal((await c.xrange('events', '-', '+')).length, 2);
      const ttl = await c.pttl('session');
      assert.ok(ttl > 500_000 && ttl <= 600_000, `TTL kept (${ttl})`);
      assert.equal(await c.pttl('s:1'), -1);
    } finally {
      c.disconnect();
    }
    const types = new Map(r.verification!.items.map((i) => [i.object, i]));
    for (const t of ['string keys', 'hash keys', 'list keys', 'set keys', 'zset keys', 'stream keys'])
      assert.ok(types.get(t)?.equal, t);
    for (const t of ['keys missing on the target', 'keys whose value differs', 'keys whose TTL differs'])
      assert.equal(types.get(t)?.target, '0', t);
  });
  it('a changed value on the target is caught by verification', async () => {
    const { redisEngine } = await import('../../../src/migrate/engines/redis.js');
    const c = new Redis(dst.url);
    await c.hset('h', 'a', 'tampered');
    c.disconnect();
    const v = await redisEngine.verify({ url: src.url, transport: LOCAL }, { url: dst.url, transport: LOCAL });
    assert.equal(v.ok, false);
    assert.deepEqual(
      v.items.filter((i) => !i.equal).map((i) => `${i.object}: ${i.target}`),
      ['keys whose value differs: 1: h'],
      'the changed key is named',
    );
  });
  it('refuses a non-empty target; an unreachable source is named', async () => {
    await assert.rejects(
      migrateOne('cache', 'redis', { url: src.url, transport: LOCAL }, { url: dst.url, transport: LOCAL }, {}),
      /already holds 3008 objects/,
    );
    await assert.rejects(
      migrateOne(
        'cache',
        'redis',
        { url: 'redis://127.0.0.1:1/0', transport: LOCAL },
        { url: dst.url, transport: LOCAL },
        {},
      ),
      /Redis at redis:\/\/127\.0\.0\.1:1\/0/,
    );
  });
});

describe('volume engine: sparse files, extended attributes, ACLs and hard links', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'stevedore-vol-meta-'));
  const src = path.join(root, 'src');
  const allocated = (f: string) => statSync(f).blocks * 512;
  const attrs = (f: string) =>
    execFileSync('getfattr', ['-h', '-d', '-m', '-', '--absolute-names', f], { encoding: 'utf8' }).replace(
      /^# file: .*\n/m,
      '',
    );
  after(() => rmSync(root, { recursive: true, force: true }));
  before(() => {
    mkdirSync(path.join(src, 'db'), { recursive: true });
    // 256 MiB apparent, one block on disk: what a database's preallocated file looks like.
    const fd = openSync(path.join(src, 'db', 'sparse.dat'), 'w');
    ftruncateSync(fd, 256 * 1024 * 1024);
    writeSync(fd, 'end', 256 * 1024 * 1024 - 3);
    closeSync(fd);
    writeFileSync(path.join(src, 'db', 'labelled'), 'x');
    execFileSync('setfattr', ['-n', 'user.origin', '-v', 'compose', path.join(src, 'db', 'labelled')]);
    execFileSync('setfacl', ['-m', 'u:4321:r', path.join(src, 'db', 'labelled')]);
    writeFileSync(path.join(src, 'one'), 'shared');
    linkSync(path.join(src, 'one'), path.join(src, 'db', 'two'));
  });

  it('keeps holes, xattrs, ACLs and hard links, and verify compares each', async () => {
    const dst = path.join(root, 'dst');
    const r = await migrateOne('meta', 'volume', { url: src, transport: LOCAL }, { url: dst, transport: LOCAL }, {});
    assert.ok(r.ok, r.verdict);
    assert.ok(allocated(path.join(dst, 'db', 'sparse.dat')) < 1024 * 1024, 'the sparse file was filled in');
    assert.equal(attrs(path.join(dst, 'db', 'labelled')), attrs(path.join(src, 'db', 'labelled')));
    assert.match(attrs(path.join(dst, 'db', 'labelled')), /user\.origin="compose"/);
    assert.match(
      execFileSync('getfacl', ['-n', path.join(dst, 'db', 'labelled')], { encoding: 'utf8' }),
      /user:4321:r--/,
    );
    assert.equal(statSync(path.join(dst, 'one')).ino, statSync(path.join(dst, 'db', 'two')).ino);
    const objects = r.verification!.items.map((i) => i.object);
    for (const k of ['hard links', 'extended attributes and ACLs', 'space on disk (KiB)'])
      assert.ok(objects.includes(k), k);

    const { volumeEngine } = await import('../../../src/migrate/engines/volume.js');
    const differing = async () =>
      (await volumeEngine.verify({ url: src, transport: LOCAL }, { url: dst, transport: LOCAL })).items
        .filter((i) => !i.equal)
        .map((i) => i.object);
    execFileSync('setfattr', ['-x', 'user.origin', path.join(dst, 'db', 'labelled')]);
    assert.deepEqual(await differing(), ['extended attributes and ACLs']);
    execFileSync('setfattr', ['-n', 'user.origin', '-v', 'compose', path.join(dst, 'db', 'labelled')]);
    execFileSync('setfacl', ['-x', 'u:4321', path.join(dst, 'db', 'labelled')]);
    assert.deepEqual(await differing(), ['extended attributes and ACLs']);
    execFileSync('setfacl', ['-m', 'u:4321:r', path.join(dst, 'db', 'labelled')]);
    assert.deepEqual(await differing(), []);
    // The same bytes in two files instead of one file under two names.
    rmSync(path.join(dst, 'db', 'two'));
    writeFileSync(path.join(dst, 'db', 'two'), 'shared');
    // (and the data is there twice).
    assert.deepEqual(await differing(), ['bytes', 'hard links']);
    rmSync(path.join(dst, 'db', 'two'));
    linkSync(path.join(dst, 'one'), path.join(dst, 'db', 'two'));
    // The same bytes, with the holes written out: the target would run out of space.
    execFileSync('cp', ['--sparse=never', path.join(src, 'db', 'sparse.dat'), path.join(dst, 'db', 'sparse.dat')]);
    assert.deepEqual(await differing(), ['space on disk (KiB)']);
  });

  it('with busybox tar on one side: says what it could not keep, and verify does not pass the copy', async () => {
    const bin = path.join(root, 'busybox-bin');
    mkdirSync(bin);
    symlinkSync(execFileSync('sh', ['-c', 'command -v busybox'], { encoding: 'utf8' }).trim(), path.join(bin, 'tar'));
    const dst = path.join(root, 'busybox-dst');
    const t = transportFrom(`env PATH=${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`);
    const r = await migrateOne('meta', 'volume', { url: src, transport: LOCAL }, { url: dst, transport: t }, {});
    assert.ok(
      r.outcome!.notes.some((n) =>
        /sparse files, extended attributes and ACLs are not kept: the target has no GNU tar/.test(n),
      ),
      r.outcome!.notes.join('; '),
    );
    assert.equal(r.ok, false, 'a copy that lost the xattrs and ACLs must not verify');
    assert.deepEqual(
      r.verification!.items.filter((i) => !i.equal).map((i) => i.object),
      ['extended attributes and ACLs', 'space on disk (KiB)'],
    );
  });
});

describe('volume engine: folders with modes, owners, symlinks and empty folders', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'stevedore-vol-'));
  const src = path.join(root, 'src');
  after(() => rmSync(root, { recursive: true, force: true }));
  before(() => {
    mkdirSync(path.join(src, 'uploads', 'nested'), { recursive: true });
    mkdirSync(path.join(src, 'empty'));
    writeFileSync(path.join(src, 'uploads', 'a.txt'), 'hello');
    writeFileSync(path.join(src, 'uploads', 'nested', 'big.bin'), Buffer.alloc(300_000, 7));
    writeFileSync(path.join(src, 'secret.key'), 'k');
    chmodSync(path.join(src, 'secret.key'), 0o600);
    chmodSync(path.join(src, 'uploads', 'a.txt'), 0o640);
    if (process.getuid?.() === 0) chownSync(path.join(src, 'uploads', 'a.txt'), 1234, 2345);
    symlinkSync('uploads/a.txt', path.join(src, 'link'));
  });

  it('copies and verifies; modes, owner, symlink and the empty folder survive', async () => {
    const dst = path.join(root, 'dst');
    const r = await migrateOne('files', 'volume', { url: src, transport: LOCAL }, { url: dst, transport: LOCAL }, {});
    assert.ok(r.ok, r.verdict);
    assert.equal(lstatSync(path.join(dst, 'secret.key')).mode & 0o777, 0o600);
    if (process.getuid?.() === 0) assert.equal(lstatSync(path.join(dst, 'uploads', 'a.txt')).uid, 1234);
    assert.equal(readlinkSync(path.join(dst, 'link')), 'uploads/a.txt');
    assert.ok(lstatSync(path.join(dst, 'empty')).isDirectory());
    const v = new Map(r.verification!.items.map((i) => [i.object, i.target]));
    assert.equal(v.get('files'), '3');
    assert.equal(v.get('symlinks'), '1');
    assert.equal(v.get('bytes'), String(300_000 + 5 + 1));
  });
  it('through an exec transport; a changed file is caught', async () => {
    const dst = path.join(root, 'via-exec');
    const t = transportFrom('env');
    const r = await migrateOne('files', 'volume', { url: src, transport: t }, { url: dst, transport: t }, {});
    assert.ok(r.ok, r.verdict);
    writeFileSync(path.join(dst, 'uploads', 'a.txt'), 'HELLO');
    const { volumeEngine } = await import('../../../src/migrate/engines/volume.js');
    const v = await volumeEngine.verify({ url: src, transport: LOCAL }, { url: dst, transport: LOCAL });
    assert.equal(v.ok, false);
    assert.deepEqual(
      v.items.filter((i) => !i.equal).map((i) => i.object),
      ['tree hash'],
    );
  });
});
