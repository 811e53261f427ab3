import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from '../../test/harness.js';
import { loginPrelude, requirepassVar } from './db-login.js';

describe('logging in to a database as its service does', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-login-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const secret = (name: string, value: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, `${value}\n`);
    return f;
  };
  const run = (script: string, env: Record<string, string>) =>
    execFileSync('sh', ['-c', `set -eu; ${script}`], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      encoding: 'utf8',
    });

  it('PostgreSQL: the variable, else its *_FILE, else PGPASSWORD; user and database with their defaults', () => {
    const show = `${loginPrelude('postgres')}; echo "$PGPASSWORD|$U|$D"`;
    assert.equal(
      run(show, { POSTGRES_PASSWORD_FILE: secret('pg', 'from file'), POSTGRES_USER: 'app' }),
      'from file|app|app\n',
    );
    assert.equal(
      run(show, { POSTGRES_PASSWORD: 'direct', POSTGRES_PASSWORD_FILE: secret('pg2', 'x') }),
      'direct|postgres|postgres\n',
    );
    assert.equal(run(show, { PGPASSWORD: 'pg', POSTGRES_DB_FILE: secret('db', 'shop') }), 'pg|postgres|shop\n');
  });
  it('MySQL and MariaDB: the root password from either image’s variables or files', () => {
    const show = `${loginPrelude('mysql')}; echo "$MYSQL_PWD"`;
    assert.equal(run(show, { MYSQL_ROOT_PASSWORD_FILE: secret('my', 'r00t') }), 'r00t\n');
    assert.equal(run(show, { MARIADB_ROOT_PASSWORD: 'maria', MYSQL_ROOT_PASSWORD: 'mysql' }), 'maria\n');
  });
  it('MongoDB: the password goes to a config file as it is, whatever it holds', () => {
    const out = run(`${loginPrelude('mongodb')}; echo "$U"`, {
      MONGO_INITDB_ROOT_USERNAME: 'root',
      MONGO_INITDB_ROOT_PASSWORD: `p'a"s$x\\`,
    });
    assert.equal(out, 'root\n');
    assert.equal(readFileSync('/tmp/mongo-login.yaml', 'utf8'), `password: |-\n  p'a"s$x\\\n`);
    rmSync('/tmp/mongo-login.yaml');
  });
  it('Redis: REDIS_PASSWORD, or the variable its --requirepass names; nothing when there is none', () => {
    assert.equal(requirepassVar(['redis-server', '--requirepass', '$(REDIS_PASS)']), 'REDIS_PASS');
    assert.equal(requirepassVar(['--requirepass=$(X)']), 'X');
    assert.equal(requirepassVar(['--requirepass', 'literal']), undefined);
    const show = (v?: string) => `${loginPrelude('redis', v)}; echo "\${REDISCLI_AUTH:-none}"`;
    assert.equal(run(show('REDIS_PASS'), { REDIS_PASS: 'rp' }), 'rp\n');
    assert.equal(run(show(), {}), 'none\n');
  });
});
