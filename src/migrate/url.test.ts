import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { tail } from '../io/exec.js';
import { conn } from './engines/postgres-sql.js';
import { hideSecret, parseUrl, withDatabase } from './url.js';
import { LOCAL } from '../io/exec.js';

describe('passwords never shown', () => {
  const cases: [string, string, string][] = [
    ['postgres://app:s3cret@db:5432/shop', 's3cret', 'postgres://app:***@db:5432/shop'],
    // Unencoded @ and spaces, as people paste them: the whole password is hidden, not its first part.
    ['postgres://app:p@ss@w0rd@db:5432/shop', 'p@ss@w0rd', 'postgres://app:***@db:5432/shop'],
    ['mysql://root:two words@db/shop', 'two words', 'mysql://root:***@db/shop'],
    [
      'postgres://app@db/shop?sslmode=require&password=s3cret',
      's3cret',
      'postgres://app@db/shop?sslmode=require&password=***',
    ],
    ['http://guest:gu%40st@rabbit:15672', 'gu%40st', 'http://guest:***@rabbit:15672'],
  ];
  for (const [url, password, shown] of cases)
    it(url.replace(password, '…'), () => {
      assert.equal(hideSecret(url), shown);
      assert.ok(!hideSecret(url).includes(password));
    });

  it('unencoded @ and spaces still parse to the right user, password and host', () => {
    const u = parseUrl('postgres://app:p@ss w@db:5432/shop');
    assert.deepEqual([u.user, u.password, u.host, u.port, u.database], ['app', 'p@ss w', 'db', 5432, 'shop']);
  });

  it('a ?password= parameter travels in PGPASSWORD, never in the command line', () => {
    const c = conn({ url: 'postgres://app@db:5432/shop?password=s3cret&sslmode=require', transport: LOCAL });
    assert.equal(c.env.PGPASSWORD, 's3cret');
    assert.ok(!c.dsn.includes('s3cret'), c.dsn);
    assert.match(c.dsn, /sslmode=require/);
  });

  it('a tool error is cut to a few short lines (a failed COPY can print megabytes of row data)', () => {
    const huge = `ERROR: invalid input\nCONTEXT: COPY t, line 1: "${'x'.repeat(5_000_000)}"\n`;
    assert.ok(tail(huge).length < 1000);
  });

  it('another database of the same server: the path replaced, placeholders, users and parameters as written', () => {
    assert.equal(
      withDatabase('postgresql:///postgres?user=postgres', 'plausible_db'),
      'postgresql:///plausible_db?user=postgres',
    );
    assert.equal(
      withDatabase('mysql://root:${MYSQL_ROOT_PASSWORD}@localhost:3306/ghost', 'activitypub'),
      'mysql://root:${MYSQL_ROOT_PASSWORD}@localhost:3306/activitypub',
    );
    assert.equal(withDatabase('postgres://u@db:5432', 'a b'), 'postgres://u@db:5432/a%20b');
    assert.equal(
      withDatabase('postgres://u:${PW}@db:5432/app?sslmode=require', 'other db'),
      'postgres://u:${PW}@db:5432/other%20db?sslmode=require',
    );
    assert.equal(withDatabase('postgres://u@db:5432', 'x'), 'postgres://u@db:5432/x');
    assert.throws(() => withDatabase('not a url', 'x'), /cannot name database x/);
  });
});
