import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { parseManifests } from '../../../src/lint/parse.js';
import { lint } from '../../../src/lint/run.js';
import { VERSION_SH, redisJobScript, redisSide } from '../../../src/migrate/in-cluster-redis.js';
import { migrationJob, splitPassword } from '../../../src/migrate/in-cluster.js';
import { after, before, describe, it } from '../../harness.js';
import { startRedis, type Server } from '../../servers.js';
import { standInCluster } from './fake-kubectl.js';

/**
 * The Redis Job's script, run here with sh against throwaway Redis servers, with the variables and
 * the Secret's passwords as the Job's container gets them. The source has a password, keys in two
 * databases, TTLs, a hash-table hash and key names that are bytes.
 */
const PASSWORD = 's3cret pass@word';

function runJob(env: Record<string, string>): { code: number | null; out: string; last: string } {
  const r = spawnSync('sh', ['-c', redisJobScript()], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TMPDIR: process.env.TMPDIR ?? '/tmp', ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, last: r.stdout.trim().split('\n').pop() ?? '' };
}

const sideEnv = (prefix: string, url: string) => {
  const s = redisSide(url);
  return {
    [`${prefix}_HOST`]: s.host,
    [`${prefix}_PORT`]: String(s.port),
    ...(s.user ? { [`${prefix}_USER`]: s.user } : {}),
    [`${prefix}_PASSWORD`]: s.password,
  };
};

describe('the in-cluster Redis Job script, run for real', () => {
  let src: Server;
  let dst: Server;
  const clients: Redis[] = [];
  const client = (s: Server, db = 0, password?: string) => {
    const c = new Redis(s.port, '127.0.0.1', { db, ...(password ? { password } : {}) });
    clients.push(c);
    return c;
  };
  const from = () => `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${src.port}`;
  const to = () => `redis://127.0.0.1:${dst.port}`;
  const env = (extra: Record<string, string> = {}) => ({
    ...sideEnv('SOURCE', from()),
    ...sideEnv('TARGET', to()),
    ...extra,
  });
  before(async () => {
    [src, dst] = await Promise.all([startRedis(), startRedis()]);
    const a = client(src);
    const p = a.pipeline();
    for (let i = 0; i < 3000; i++) p.set(`k:${i}`, `v${i}`);
    p.set(Buffer.from([0xff, 0x0a, 0x41]), 'a name with a newline and a byte that is not UTF-8');
    p.hset('big', Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}`, `v${i}`])));
    p.set('session', 'x', 'PX', 3_600_000);
    p.xadd('events', '1-1', 'k', 'v');
    await p.exec();
    await client(src, 3).set('other-db', 'kept');
    await a.config('SET', 'requirepass', PASSWORD);
  });
  after(async () => {
    for (const c of clients) c.disconnect();
    await Promise.all([src?.stop(), dst?.stop()]);
  });

  it('copies every database by replication and verifies; the target is a primary again, its masterauth cleared', async () => {
    const r = runJob(env());
    assert.equal(r.code, 0, r.out);
    assert.match(r.last, /^stevedore-job: OK: 2 objects compared, all equal$/); // one line per database
    const b = client(dst);
    assert.equal(await b.dbsize(), 3004);
    assert.equal(await client(dst, 3).get('other-db'), 'kept');
    assert.equal(await b.hlen('big'), 300);
    const ttl = await b.pttl('session');
    assert.ok(ttl > 3_500_000 && ttl <= 3_600_000, `TTL kept (${ttl})`);
    assert.match(await b.info('replication'), /role:master/);
    assert.deepEqual(await b.config('GET', 'masterauth'), ['masterauth', '']);
    // The password reaches redis-cli through REDISCLI_AUTH and CONFIG SET through stdin only.
    assert.doesNotMatch(redisJobScript(), /redis-cli[^\n]* -a /);
    assert.doesNotMatch(redisJobScript(), /masterauth "\$SOURCE_PASSWORD"/);
  });

  it('a changed value, a swap, a lost TTL, a lost key and a key only on the target: each a MISMATCH', async () => {
    const b = client(dst);
    const b3 = client(dst, 3);
    const verify = () => runJob(env({ VERIFY_ONLY: '1' }));
    assert.equal(verify().code, 0, 'equal before');
    // Expiry times are compared exactly (Redis 7): the undo sets the very same one back.
    const at = Number(await b.call('PEXPIRETIME', 'session'));
    const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      ['change a value', () => b.set('k:5', 'changed'), () => b.set('k:5', 'v5')],
      [
        'swap two values',
        async () => {
          await b.set('k:1', 'v2');
          await b.set('k:2', 'v1');
        },
        async () => {
          await b.set('k:1', 'v1');
          await b.set('k:2', 'v2');
        },
      ],
      ['lose a TTL', () => b.persist('session'), () => b.call('PEXPIREAT', 'session', String(at))],
      ['lose a key', () => b.del('k:9'), () => b.set('k:9', 'v9')],
      ['a key only on the target, in another database', () => b3.set('extra', '1'), () => b3.del('extra')],
      ['change a field of the hash-table hash', () => b.hset('big', 'f7', 'x'), () => b.hset('big', 'f7', 'v7')],
    ];
    for (const [what, change, undo] of cases) {
      await change();
      const r = verify();
      assert.equal(r.code, 2, `${what}: ${r.out}`);
      assert.match(r.last, /^stevedore-job: MISMATCH: \d+ lines differ/, what);
      await undo();
      assert.equal(verify().code, 0, `equal again after undoing: ${what}`);
    }
  });

  it('refuses a target that holds keys, and one server as both sides; FORCE=1 replaces the target', async () => {
    const held = runJob(env());
    assert.equal(held.code, 3, held.out);
    assert.match(held.last, /the target already holds keys in \d+ databases: refusing/);
    const same = runJob({
      ...sideEnv('SOURCE', from()),
      ...sideEnv('TARGET', from().replace('127.0.0.1', 'localhost')),
    });
    assert.equal(same.code, 3, same.out);
    assert.match(same.last, /one server/);
    assert.equal(await client(src, 0, PASSWORD).dbsize(), 3004, 'the source is whole');
    await client(dst).set('stray', 'x');
    const forced = runJob(env({ FORCE: '1' }));
    assert.equal(forced.code, 0, forced.out);
    assert.match(forced.out, /FORCE=1: what the target holds/);
    assert.equal(await client(dst).exists('stray'), 0, 'replaced by the copy');
  });

  it('a wrong source password stops the Job before anything is written', async () => {
    const b = client(dst);
    await b.flushall();
    const r = runJob({ ...env(), SOURCE_PASSWORD: 'wrong' });
    assert.equal(r.code, 1, r.out);
    assert.match(r.last, /FAILED: could not read both servers .* Nothing was written/);
    assert.equal(await b.dbsize(), 0);
  });

  it('a source user that may not replicate fails the run, and leaves the target a primary without masterauth', async () => {
    const a = client(src, 0, PASSWORD);
    await a.call('ACL', 'SETUSER', 'reader', 'on', '>readerpw', '~*', '&*', '+@all', '-psync', '-sync');
    const b = client(dst);
    await b.flushall();
    const reader = `redis://reader:readerpw@127.0.0.1:${src.port}`;
    const r = runJob({ ...sideEnv('SOURCE', reader), ...sideEnv('TARGET', to()), LINK_TIMEOUT: '3' });
    assert.equal(r.code, 1, r.out);
    assert.match(r.last, /FAILED: the target could not replicate/);
    assert.match(await b.info('replication'), /role:master/);
    assert.deepEqual(await b.config('GET', 'masterauth'), ['masterauth', '']);
    assert.deepEqual(await b.config('GET', 'masteruser'), ['masteruser', '']);
    assert.equal(await b.dbsize(), 0);
  });

  it('a source of a newer release than the target is refused: 7.2 against 7.0 counts, 7.0.15 against 7.0.2 does not', () => {
    const newer = (a: string, b: string) =>
      spawnSync('sh', ['-c', `${VERSION_SH}\n[ "$(release "$1")" -gt "$(release "$2")" ]`, 'sh', a, b]).status === 0;
    assert.equal(newer('7.2.4', '7.0.15'), true);
    assert.equal(newer('7.0.15', '7.0.2'), false);
    assert.equal(newer('6.2.14', '7.0.0'), false);
    assert.equal(newer('10.0.0', '9.9.9'), true);
  });

  it('the Job passes stevedore lint and holds no password', () => {
    const job = migrationJob({
      service: 'cache',
      namespace: 'shop',
      engine: 'redis',
      image: 'redis:7.2',
      uid: 999,
      sourceUrl: splitPassword(from()).url,
      targetUrl: splitPassword(to()).url,
    });
    const text = stringify(job.toJSON());
    assert.ok(!text.includes(PASSWORD) && !text.includes(encodeURIComponent(PASSWORD)));
    const { manifests, errors } = parseManifests('job.yaml', text);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      lint(manifests, [])
        .findings.filter((f) => f.severity === 'error')
        .map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });
});

describe('migrate run --in-cluster for Redis, with a stand-in for the cluster', () => {
  let src: Server;
  let dst: Server;
  const cluster = standInCluster();
  const { dir, stevedore } = cluster;
  before(async () => {
    [src, dst] = await Promise.all([startRedis(), startRedis()]);
    const a = new Redis(src.port, '127.0.0.1');
    await a.set('k', 'v');
    await a.config('SET', 'requirepass', PASSWORD);
    a.disconnect();
  });
  after(async () => {
    cluster.remove();
    await Promise.all([src?.stop(), dst?.stop()]);
  });

  it('runs the copy as a Job and prints its verdict; no password in any argument', async () => {
    const sides = [
      '-n',
      'shop',
      '--service',
      'cache',
      '--from',
      `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${src.port}`,
      '--to',
      `redis://127.0.0.1:${dst.port}`,
    ];
    const r = stevedore('migrate', 'run', '--in-cluster', ...sides);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /stevedore-job: OK: 1 object compared, all equal/);
    const b = new Redis(dst.port, '127.0.0.1');
    assert.equal(await b.get('k'), 'v');
    b.disconnect();
    const calls = readFileSync(path.join(dir, 'calls'), 'utf8');
    assert.doesNotMatch(calls + r.stdout + r.stderr, /s3cret/);
    const job = stevedore('migrate', 'job', ...sides);
    assert.equal(job.status, 0, job.stderr);
    assert.match(job.stdout, /name: SOURCE_HOST\n\s+value: 127\.0\.0\.1/);
    assert.doesNotMatch(job.stdout, /s3cret/);
  });
});
