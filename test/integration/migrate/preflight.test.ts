import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { LOCAL, transportFrom } from '../../../src/io/exec.js';
import { preflight } from '../../../src/migrate/preflight.js';
import { migrateOne } from '../../../src/migrate/run.js';
import { MigrateError, type Endpoint, type PreflightCheck } from '../../../src/migrate/types.js';
import { after, before, describe, it } from '../../harness.js';
import { ROOT } from '../../helpers.js';
import { isRoot, pgDatabase, psql, startPostgres, startRedis, type Server } from '../../servers.js';

const BIN = path.join(ROOT, 'dist', 'stevedore.js');
const status = (checks: PreflightCheck[]) => Object.fromEntries(checks.map((c) => [c.check, c.status]));
const detail = (checks: PreflightCheck[], check: string) => checks.find((c) => c.check === check)?.detail ?? '';

describe('migrate pre-flight against real PostgreSQL servers', () => {
  let src: Server;
  let dst: Server;
  const root = mkdtempSync(path.join(tmpdir(), 'stevedore-preflight-'));
  const db = pgDatabase;
  before(async () => {
    [src, dst] = await Promise.all([startPostgres(), startPostgres()]);
    psql(src.url, 'create database shop');
    psql(
      db(src, 'shop').url,
      `create extension pgcrypto; create role owner_role nologin; create table items (id int primary key, sku text default gen_random_uuid()::text);
       alter table items owner to owner_role; insert into items select g from generate_series(1, 500) g;`,
    );
    psql(dst.url, 'create database shop');
    psql(dst.url, 'create database full_one');
    psql(db(dst, 'full_one').url, 'create table leftover (id int)');
  });
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await Promise.all([src?.stop(), dst?.stop()]);
  });

  it('passes versions, tools, extensions and space, and fails on the roles the target lacks', async () => {
    const checks = await preflight('postgres', db(src, 'shop'), db(dst, 'shop'), {});
    assert.deepEqual(status(checks), {
      'source reachable': 'ok',
      'target reachable': 'ok',
      'source holds the data': 'ok',
      'copy time': 'ok',
      'target is empty': 'ok',
      'source and target are apart': 'ok',
      'server versions': 'ok',
      'pg_dump on the source side': 'ok',
      'pg_restore on the target side': 'ok',
      extensions: 'ok',
      roles: 'fail',
      'space on the target': 'ok',
    });
    assert.match(detail(checks, 'extensions'), /^pgcrypto: available on the target$/);
    assert.match(detail(checks, 'roles'), /lacks owner_role/);
    assert.match(detail(checks, 'space on the target'), /free at the target's data directory \//);
    assert.equal(
      status(await preflight('postgres', db(src, 'shop'), db(dst, 'shop'), { copyRoles: true })).roles,
      'ok',
    );
  });

  it('fails on a non-empty target, the same data set, and an unreachable side, and goes no further', async () => {
    assert.equal(
      status(await preflight('postgres', db(src, 'shop'), db(dst, 'full_one'), {}))['target is empty'],
      'fail',
    );
    assert.equal(
      status(await preflight('postgres', db(src, 'shop'), db(dst, 'full_one'), { force: true }))['target is empty'],
      'warning',
    );
    const same = await preflight(
      'postgres',
      db(src, 'shop'),
      { ...db(src, 'shop'), url: db(src, 'shop').url.replace('127.0.0.1', 'localhost') },
      {},
    );
    assert.equal(status(same)['source and target are apart'], 'fail');
    assert.equal(status(same).roles, undefined);
    const gone = await preflight(
      'postgres',
      db(src, 'shop'),
      { ...db(dst, 'shop'), url: db(dst, 'shop').url.replace(/:\d+\//, ':1/') },
      {},
    );
    assert.equal(status(gone)['target reachable'], 'fail');
    assert.deepEqual(Object.keys(status(gone)), [
      'source reachable',
      'target reachable',
      'source holds the data',
      'copy time',
    ]);
  });

  it('a pg_dump older than the source server stops the run before anything is written', async () => {
    // No old PostgreSQL release is installable here: an old client is a script answering --version like one.
    const bin = path.join(root, 'old-client');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n');
    chmodSync(path.join(bin, 'pg_dump'), 0o755);
    const old = {
      ...db(src, 'shop'),
      transport: transportFrom(`env PATH=${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`),
    };
    const checks = await preflight('postgres', old, db(dst, 'shop'), { copyRoles: true });
    assert.equal(status(checks)['pg_dump on the source side'], 'fail');
    assert.match(
      detail(checks, 'pg_dump on the source side'),
      /^15\.\d+ → 9\.6: pg_dump refuses a server newer than itself$/,
    );
    await assert.rejects(
      migrateOne('db', 'postgres', old, db(dst, 'shop'), { copyRoles: true }),
      (e: unknown) =>
        e instanceof MigrateError &&
        /^pre-flight: pg_dump on the source side: .*Nothing was written\.$/.test(e.message),
    );
    assert.equal(psql(db(dst, 'shop').url, "select count(*) from pg_roles where rolname = 'owner_role'").trim(), '0');
  });

  it('`stevedore migrate check` prints each check and exits 1 on a failure, 0 when the move can go ahead', () => {
    const run = (...extra: string[]) =>
      spawnSync(
        process.execPath,
        [BIN, 'migrate', 'check', '--from', db(src, 'shop').url, '--to', db(dst, 'shop').url, ...extra],
        {
          encoding: 'utf8',
        },
      );
    const failing = run();
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(failing.stdout, /✗ roles +the target lacks owner_role/);
    assert.match(failing.stdout, /✓ extensions +pgcrypto: available on the target/);
    assert.doesNotMatch(failing.stdout + failing.stderr, /secret/, 'the password is never printed');
    const passing = run('--copy-roles');
    assert.equal(passing.status, 0, passing.stdout + passing.stderr);
    assert.match(passing.stdout, /the move can go ahead/);
    const json = run('--copy-roles', '--json');
    assert.equal(json.status, 0);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; checks: PreflightCheck[] };
    assert.equal(parsed.ok, true);
    assert.ok(parsed.checks.length >= 10);
  });
});

describe('migrate pre-flight against real Redis servers', () => {
  let src: Server;
  let dst: Server;
  before(async () => {
    [src, dst] = await Promise.all([startRedis(), startRedis()]);
    const c = new Redis(src.url);
    const value = 'x'.repeat(10_000);
    const p = c.pipeline();
    for (let i = 0; i < 400; i++) p.set(`k${i}`, value);
    await p.exec();
    c.disconnect();
  });
  after(async () => Promise.all([src?.stop(), dst?.stop()]));

  it('a target whose maxmemory cannot hold the data fails, and says whether it would evict or refuse', async () => {
    const t = new Redis(dst.url);
    try {
      const ep = (s: Server): Endpoint => ({ url: s.url, transport: LOCAL });
      assert.equal(status(await preflight('redis', ep(src), ep(dst), {}))['memory on the target'], 'ok');
      await t.config('SET', 'maxmemory', String(2 * 1024 * 1024));
      await t.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const evicting = await preflight('redis', ep(src), ep(dst), {});
      assert.equal(status(evicting)['memory on the target'], 'fail');
      assert.match(detail(evicting, 'memory on the target'), /keys would be evicted \(allkeys-lru\) without an error/);
      await t.config('SET', 'maxmemory-policy', 'noeviction');
      assert.match(
        detail(await preflight('redis', ep(src), ep(dst), {}), 'memory on the target'),
        /RESTORE would fail half-way/,
      );
      await assert.rejects(
        migrateOne('cache', 'redis', ep(src), ep(dst), {}),
        (e: unknown) => e instanceof MigrateError && /^pre-flight: memory on the target/.test(e.message),
      );
      assert.equal(await t.dbsize(), 0, 'nothing was written');
    } finally {
      await t.config('SET', 'maxmemory', '0');
      t.disconnect();
    }
  });
});

describe('migrate pre-flight for folders', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'stevedore-preflight-vol-'));
  const small = path.join(root, 'small');
  let mounted = false;
  before(() => {
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, 'src', 'data.bin'), Buffer.alloc(6 * 1024 * 1024, 1));
    mkdirSync(small);
    if (isRoot) {
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', small]);
        mounted = true;
      } catch {
        // A sandbox without mount: the test says so below.
      }
    }
  });
  after(() => {
    if (mounted) execFileSync('umount', [small]);
    rmSync(root, { recursive: true, force: true });
  });

  it('a target filesystem smaller than the data fails the check, and the run writes nothing', async (t) => {
    if (!mounted) return t.skip('needs root and mount to make a 2 MiB filesystem');
    const src: Endpoint = { url: path.join(root, 'src'), transport: LOCAL };
    const dst: Endpoint = { url: path.join(small, 'volume'), transport: LOCAL };
    const checks = await preflight('volume', src, dst, {});
    assert.equal(status(checks)['space on the target'], 'fail');
    assert.match(
      detail(checks, 'space on the target'),
      /^6\.\d MiB to write, 2\.0 MiB free at .*: the copy would fill the disk$/,
    );
    assert.equal(status(checks)['tar on both sides'], 'ok');
    await assert.rejects(migrateOne('files', 'volume', src, dst, {}), /pre-flight: space on the target/);
    assert.deepEqual(readdirSync(small), []);
  });
});
