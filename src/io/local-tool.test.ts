import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from '../../test/harness.js';
import { capture, commandLine, LOCAL } from './exec.js';
import { localTool, type ToolPlaces } from './local-tool.js';

/**
 * A Debian layout built in a folder: `bin/` on the PATH with links to a pg_wrapper, versions 13 and
 * 15 under `lib/` (15 without pg_dumpall), and the two files that tell pg_wrapper which cluster to
 * use, absent unless a test writes them.
 */
describe('PostgreSQL client tools: the real binary, not the Perl wrapper, unless the user chose a cluster', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-tool-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const exe = (file: string, text = '#!/bin/sh\necho "$0"\n') => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    chmodSync(file, 0o755);
  };
  const wrapper = path.join(dir, 'share', 'postgresql-common', 'pg_wrapper');
  exe(wrapper);
  mkdirSync(path.join(dir, 'bin'));
  for (const t of ['psql', 'pg_dump', 'pg_dumpall']) symlinkSync(wrapper, path.join(dir, 'bin', t));
  for (const t of ['psql', 'pg_dump', 'pg_dumpall']) exe(path.join(dir, 'lib', '13', 'bin', t));
  for (const t of ['psql', 'pg_dump']) exe(path.join(dir, 'lib', '15', 'bin', t));
  mkdirSync(path.join(dir, 'lib', 'extra'));
  const places: ToolPlaces = {
    libRoot: path.join(dir, 'lib'),
    userRc: path.join(dir, 'home', '.postgresqlrc'),
    userClusters: path.join(dir, 'etc', 'user_clusters'),
  };
  const env = { PATH: `${path.join(dir, 'nothing')}:${path.join(dir, 'bin')}` };

  it('the newest version that has the tool', () => {
    assert.equal(localTool('psql', env, places), path.join(dir, 'lib', '15', 'bin', 'psql'));
    assert.equal(localTool('pg_dump', env, places), path.join(dir, 'lib', '15', 'bin', 'pg_dump'));
    assert.equal(localTool('pg_dumpall', env, places), path.join(dir, 'lib', '13', 'bin', 'pg_dumpall'));
  });

  it('the name as it is: any other tool, a tool not on the PATH, or one that is not the wrapper', () => {
    assert.equal(localTool('tar', env, places), 'tar');
    assert.equal(localTool('pg_restore', env, places), 'pg_restore');
    const own = path.join(dir, 'own');
    exe(path.join(own, 'psql'));
    assert.equal(localTool('psql', { PATH: `${own}:${env.PATH}` }, places), 'psql');
  });

  it("the user's choice of cluster is pg_wrapper's to honour: PGCLUSTER, ~/.postgresqlrc, an entry in user_clusters", () => {
    assert.equal(localTool('psql', { ...env, PGCLUSTER: '13/main' }, places), 'psql');
    mkdirSync(path.dirname(places.userClusters), { recursive: true });
    writeFileSync(places.userClusters, '# USER GROUP VERSION CLUSTER DATABASE\n\n');
    assert.equal(localTool('psql', env, places), path.join(dir, 'lib', '15', 'bin', 'psql'), 'comments only');
    writeFileSync(places.userClusters, '* * 13 main *\n');
    assert.equal(localTool('psql', env, places), 'psql');
    rmSync(places.userClusters);
    mkdirSync(path.dirname(places.userRc), { recursive: true });
    writeFileSync(places.userRc, '');
    assert.equal(localTool('psql', env, places), 'psql');
    rmSync(places.userRc);
  });

  it('commandLine runs the binary for a local command only, with the pg_service.conf folder pg_wrapper would set', () => {
    const c = commandLine({ argv: ['psql', '--version'], transport: LOCAL });
    const system = localTool('psql');
    assert.equal(c.file, system);
    if (system !== 'psql') assert.equal(c.env?.PGSYSCONFDIR, process.env.PGSYSCONFDIR ?? '/etc/postgresql-common');
    const remote = commandLine({ argv: ['psql', '--version'], transport: { name: 'x', prefix: ['docker', 'exec'] } });
    assert.deepEqual([remote.file, remote.args.slice(-2)], ['docker', ['psql', '--version']]);
  });

  // This machine's own layout: on Debian, the wrapper is skipped and the real psql still answers.
  it('on this machine: the tool run is the one the wrapper would run, and it works', async (t) => {
    if (!existsSync('/usr/share/postgresql-common/pg_wrapper')) return t.skip('no Debian pg_wrapper here');
    const file = localTool('psql');
    assert.match(file, /^\/usr\/lib\/postgresql\/\d+(\.\d+)?\/bin\/psql$/);
    const viaWrapper = execFileSync('psql', ['--version'], { encoding: 'utf8' });
    const r = await capture({ argv: ['psql', '--version'], transport: LOCAL });
    assert.equal(r.stdout, viaWrapper);
    assert.equal(realpathSync(file), file);
  });
});
