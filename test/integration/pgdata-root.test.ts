import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from '../harness.js';
import { asUser, isRoot, pgBin } from '../servers.js';

/**
 * What pgdata-volume-root and convert's PGDATA subfolder rest on, checked with the real initdb: a
 * fresh volume's root holds lost+found, initdb refuses it, and one folder down it succeeds.
 */
describe('PostgreSQL on a fresh volume (real initdb)', () => {
  it('initdb refuses a volume root holding lost+found and succeeds in a subfolder', () => {
    const volume = mkdtempSync(path.join(tmpdir(), 'stevedore-volume-'));
    try {
      mkdirSync(path.join(volume, 'lost+found'));
      if (isRoot) {
        const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
        chownSync(volume, uid, uid);
      }
      chmodSync(volume, 0o700);
      const initdb = (dir: string) => {
        const [f, a] = asUser('postgres', pgBin('initdb'), ['-D', dir, '-U', 'postgres', '--no-sync', '-A', 'trust']);
        return spawnSync(f, a, { encoding: 'utf8' });
      };
      const root = initdb(volume);
      assert.notEqual(root.status, 0);
      assert.match(root.stderr, /exists but is not empty/);
      const sub = initdb(path.join(volume, 'pgdata'));
      assert.equal(sub.status, 0, sub.stderr);
    } finally {
      rmSync(volume, { recursive: true, force: true });
    }
  });
});
