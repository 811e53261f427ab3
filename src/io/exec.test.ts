import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from '../../test/harness.js';
import { capture, describeCommand, pipe, type Transport } from './exec.js';

/**
 * Passwords through an exec transport (docker exec, kubectl exec): the prefix's arguments are visible
 * to anyone running ps on the machine, so a password must never be one of them. A stand-in transport
 * logs the arguments it is given, as ps would show them, and runs the command.
 */
describe('an exec transport never carries a password in its arguments', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-exec-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const log = path.join(dir, 'argv.log');
  const script = path.join(dir, 'fake-exec');
  writeFileSync(script, `#!/bin/sh\necho "$@" >> '${log}'\nexec "$@"\n`);
  chmodSync(script, 0o755);
  const via: Transport = { name: 'fake-exec', prefix: [script] };
  const secret = "s3cret w@rd 'quoted' $HOME";

  it('capture: the command sees the password in its environment; the arguments never hold it', async () => {
    const r = await capture({
      argv: ['sh', '-c', 'printf "%s|%s" "$PGPASSWORD" "$PGAPPNAME"'],
      env: { PGPASSWORD: secret, PGAPPNAME: 'stevedore' },
      transport: via,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${secret}|stevedore`);
    assert.ok(!readFileSync(log, 'utf8').includes('s3cret'), readFileSync(log, 'utf8'));
  });

  it('pipe: both sides get their passwords, the data arrives whole, the arguments never hold them', async () => {
    const r = await pipe(
      {
        argv: ['sh', '-c', 'printf "%s\\n" "$SRC_PASSWORD"; seq 1 20000'],
        env: { SRC_PASSWORD: secret },
        transport: via,
      },
      {
        argv: [
          'sh',
          '-c',
          `printf "%s\\n" "$DST_PASSWORD" > '${path.join(dir, 'out')}'; cat >> '${path.join(dir, 'out')}'`,
        ],
        env: { DST_PASSWORD: 'other one' },
        transport: via,
      },
    );
    assert.ok(r.ok, r.consumer.stderr + r.producer.stderr);
    const out = readFileSync(path.join(dir, 'out'), 'utf8').split('\n');
    assert.equal(out[0], 'other one');
    assert.equal(out[1], secret);
    assert.equal(out[2], '1');
    assert.equal(out.at(-2), '20000');
    const argv = readFileSync(log, 'utf8');
    assert.ok(!argv.includes('s3cret') && !argv.includes('other one'), argv);
  });

  it('a password with a line break cannot go through stdin: refused with a clear error', async () => {
    const r = await capture({ argv: ['true'], env: { PGPASSWORD: 'a\nb' }, transport: via });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /PGPASSWORD holds a line break/);
  });

  it('describeCommand hides the password in env and in URLs, also with an unencoded @', () => {
    const shown = describeCommand({
      argv: ['psql', '-d', 'postgres://app:p@ss@db/shop'],
      env: { PGPASSWORD: secret },
      transport: via,
    });
    assert.ok(!shown.includes('s3cret') && !shown.includes('p@ss'), shown);
  });
});
