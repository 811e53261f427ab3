import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from '../../harness.js';
import { loadMem, runCli } from '../../helpers.js';
import { LOCAL, transportFrom } from '../../../src/io/exec.js';
import { buildModel } from '../../../src/model/build.js';
import { volumeEngine } from '../../../src/migrate/engines/volume.js';
import { buildPlan } from '../../../src/migrate/plan.js';
import { migrateOne } from '../../../src/migrate/run.js';

/**
 * Data kept inside a container (no volume), read through the plan's own source: `docker run` of a
 * snapshot of the stopped container. Docker cannot run here, so a stand-in `docker` takes its
 * place: it refuses any words but the ones the plan must give (exit 125, as docker does on a bad
 * flag), then runs the command as the snapshot would, with the container's file system a folder
 * here. The copy, its verification and the engine's refusals run for real through that prefix.
 */
describe('data kept in a container: copied and verified through the snapshot the plan names', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'stevedore-cdata-'));
  const fs = path.join(root, 'container-fs');
  const bin = path.join(root, 'bin');
  const log = path.join(root, 'docker.log');
  const PATH = process.env.PATH;
  const COMPOSE = 'services:\n  vectors:\n    image: qdrant/qdrant:v1.12.4\n    ports: ["6333:6333"]\n';
  const { project } = loadMem({ 'compose.yaml': COMPOSE });
  const step = buildPlan(buildModel(project!).value, project!).steps[0]!;
  const source = () => ({ url: step.source.url, transport: transportFrom(step.source.exec) });

  before(() => {
    const expected = [
      'run',
      '--rm',
      '-i',
      '--network',
      'none',
      '-u',
      '0',
      '--volumes-from',
      'p-vectors-1:ro',
      '--entrypoint=',
      'stevedore-snapshot-p-vectors-1:copy',
    ];
    mkdirSync(bin);
    writeFileSync(
      path.join(bin, 'docker'),
      `#!/bin/sh
echo "$*" >> '${log}'
${expected.map((w) => `[ "$1" = '${w}' ] || { echo "docker: unexpected $1" >&2; exit 125; }; shift`).join('\n')}
for a do
  shift
  case "$a" in ${step.source.url}*) a="${fs}$a" ;; esac
  set -- "$@" "$a"
done
exec "$@"
`,
    );
    chmodSync(path.join(bin, 'docker'), 0o755);
    process.env.PATH = `${bin}:${PATH}`;
    const data = path.join(fs, step.source.url);
    mkdirSync(path.join(data, 'collections', 'docs', '0', 'segments'), { recursive: true });
    writeFileSync(path.join(data, 'collections', 'docs', 'config.json'), '{"vectors":{"size":4}}');
    writeFileSync(path.join(data, 'collections', 'docs', '0', 'segments', 'a.dat'), Buffer.alloc(200_000, 3));
    writeFileSync(path.join(data, 'raft_state.json'), '{"term":7}');
    symlinkSync('collections/docs/config.json', path.join(data, 'current'));
  });
  after(() => {
    process.env.PATH = PATH;
    rmSync(root, { recursive: true, force: true });
  });

  it('the plan names the data path, and the copy through the snapshot is complete and verified', async () => {
    assert.equal(step.source.url, '/qdrant/storage');
    const dst = path.join(root, 'claim');
    const r = await migrateOne('vectors', 'volume', source(), { url: dst, transport: LOCAL }, {});
    assert.ok(r.ok, r.verdict);
    assert.equal(readFileSync(path.join(dst, 'raft_state.json'), 'utf8'), '{"term":7}');
    assert.equal(readFileSync(path.join(dst, 'current'), 'utf8'), '{"vectors":{"size":4}}');
    const v = new Map(r.verification!.items.map((i) => [i.object, i.target]));
    assert.equal(v.get('bytes'), String(200_000 + 22 + 10));
    // Every docker call had the plan's words (the stand-in refuses others, which fails the run).
    assert.ok(readFileSync(log, 'utf8').split('\n').filter(Boolean).length >= 3);
  });

  it('a copy that differs from the snapshot is caught', async () => {
    const dst = path.join(root, 'claim');
    writeFileSync(path.join(dst, 'raft_state.json'), '{"term":8}');
    const v = await volumeEngine.verify(source(), { url: dst, transport: LOCAL });
    assert.equal(v.ok, false);
    assert.ok(v.items.some((i) => !i.equal && i.object === 'tree hash'));
  });

  it('migrate check before the move says the snapshot and the helper pod are made at the copy, and contacts neither', () => {
    const dir = path.join(root, 'project');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    const planFile = path.join(root, 'plan.yaml');
    const p = runCli(['migrate', 'plan', '-f', path.join(dir, 'compose.yaml'), '--format', 'yaml', '-o', planFile]);
    assert.equal(p.code, 0, p.stderr);
    const calls = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
    const before = calls();
    const c = runCli(['migrate', 'check', '--plan', planFile]);
    assert.equal(c.code, 0, c.stdout + c.stderr);
    assert.match(
      c.stdout,
      /! source reachable\s+a snapshot of the stopped container, taken at the copy \(`docker commit project-vectors-1 stevedore-snapshot-project-vectors-1:copy`\)/,
    );
    assert.match(c.stdout, /! target reachable\s+a helper pod on the claim data-vectors-0, made at the copy/);
    assert.match(c.stdout, /Pre-flight: the move can go ahead\./);
    assert.equal(calls(), before, 'no docker call before the snapshot exists');
  });

  it('a snapshot without the data path (another image layout) is an error, and the target is left untouched', async () => {
    rmSync(path.join(fs, step.source.url), { recursive: true });
    const dst = path.join(root, 'untouched');
    await assert.rejects(
      migrateOne('vectors', 'volume', source(), { url: dst, transport: LOCAL }, {}),
      /\/qdrant\/storage/,
    );
    assert.ok(!existsSync(dst) || readdirSync(dst).length === 0);
  });
});
