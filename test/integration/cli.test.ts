import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from '../harness.js';
import { parse } from 'yaml';
import { EXAMPLES, ROOT } from '../helpers.js';

/** The built CLI, run as a user runs it. `npm test` builds it first. */
const BIN = path.join(ROOT, 'dist', 'stevedore.js');
const SONGNODES = path.join(EXAMPLES, 'songnodes', 'docker-compose.yml');

function run(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...opts.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the stevedore CLI', () => {
  it('is built', () => assert.ok(existsSync(BIN), 'run npm run build first'));
  it('--version prints the package version', () => {
    const r = run(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });
  it('--help on the program and on every command', () => {
    const top = run(['--help']);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /config/);
    const cfg = run(['config', '--help']);
    assert.equal(cfg.code, 0);
    for (const flag of ['--file', '--project-name', '--profile', '--env-file', '--format'])
      assert.match(cfg.stdout, new RegExp(flag));
  });
  it('wrong usage exits 2', () => {
    assert.equal(run([]).code, 2);
    assert.equal(run(['nonsense']).code, 2);
    assert.equal(run(['config', '--no-such-flag']).code, 2);
    const bad = run(['config', '--format', 'xml']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /xml/);
  });
  it('config prints the normalized project as YAML, or JSON', () => {
    const r = run(['config', '-f', SONGNODES]);
    assert.equal(r.code, 0, r.stderr);
    const doc = parse(r.stdout);
    assert.equal(doc.name, 'songnodes');
    assert.equal(doc.services.frontend.deploy.replicas, 3);
    assert.equal(doc.services['postgres-backup'], undefined);
    const j = run(['config', '-f', SONGNODES, '--format', 'json']);
    assert.deepEqual(JSON.parse(j.stdout), doc);
  });
  it('finds the Compose file in the current folder; --profile enables services', () => {
    const r = run(['config', '--services', '--profile', 'ops'], { cwd: path.dirname(SONGNODES) });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.split('\n').includes('postgres-backup'));
  });
  it('-o writes a file; -q prints nothing on success', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-cli-'));
    try {
      const out = path.join(dir, 'out.yaml');
      assert.equal(run(['config', '-f', SONGNODES, '-o', out]).code, 0);
      assert.equal(parse(readFileSync(out, 'utf8')).name, 'songnodes');
      const q = run(['config', '-f', SONGNODES, '-q']);
      assert.equal(q.code, 0);
      assert.equal(q.stdout + q.stderr, '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a broken project exits 1 with compiler-style diagnostics and no stack trace', () => {
    const file = path.join(ROOT, 'test', 'fixtures', 'broken', 'unknown-named-volume', 'compose.yaml');
    const r = run(['config', '-f', path.relative(ROOT, file)]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^test\/fixtures\/broken\/unknown-named-volume\/compose\.yaml:5:9: error\[unknown-volume\]: db mounts the named volume "pgdata"/m,
    );
    assert.ok(r.stderr.includes('\n5 |       - pgdata:/var/lib/postgresql/data\n'), r.stderr);
    assert.ok(r.stderr.includes('\n  |         ^\n'), 'the caret stands under the value');
    assert.match(r.stderr, /hint: did you mean "pg_data"\?/);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  });
  it('a Compose file or folder given without -f is read as with -f; a folder with none is a usage error', () => {
    const folder = path.dirname(SONGNODES);
    const byFlag = run(['config', '-f', SONGNODES]);
    assert.equal(byFlag.code, 0, byFlag.stderr);
    for (const arg of [SONGNODES, folder]) {
      const r = run(['config', arg]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, byFlag.stdout, arg);
    }
    const empty = mkdtempSync(path.join(tmpdir(), 'stevedore-empty-'));
    try {
      const r = run(['convert', empty]);
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        /is a folder with no Compose file \(compose\.yaml, compose\.yml, docker-compose\.yaml, docker-compose\.yml\)/,
      );
      assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    assert.match(
      run(['convert', '--help']).stdout,
      /Usage: stevedore convert \[options\] \[compose-file-or-folder\.\.\.\]/,
    );
  });
  it('output whose reader has gone (`--help | head -1`) ends quietly: no EPIPE stack trace', () => {
    // The reader closes its end before the CLI has even started, so every write meets a closed pipe.
    const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" convert --help | (exec 0<&-; sleep 1)`], {
      encoding: 'utf8',
    });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });
  it('a missing file exits 1 and names it', () => {
    const r = run(['config', '-f', 'nope/compose.yaml']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /nope\/compose\.yaml does not exist/);
  });
  it('colours only when allowed: FORCE_COLOR turns them on, NO_COLOR wins', () => {
    const file = path.join('test', 'fixtures', 'broken', 'no-image', 'compose.yaml');
    const ESC = '\u001b[';
    assert.ok(run(['config', '-f', file], { env: { FORCE_COLOR: '1' } }).stderr.includes(ESC));
    assert.ok(!run(['config', '-f', file], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stderr.includes(ESC));
    assert.ok(!run(['config', '-f', file]).stderr.includes(ESC));
  });
  it('analyze prints the report as Markdown, JSON or HTML', () => {
    const md = run(['analyze', '-f', SONGNODES]);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Kubernetes migration analysis: songnodes$/m);
    assert.match(md.stdout, /^## Risks$/m);
    const json = JSON.parse(run(['analyze', '-f', SONGNODES, '--format', 'json']).stdout);
    assert.deepEqual(json.summary.stateful, ['postgres', 'rabbitmq', 'redis']);
    const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-cli-'));
    try {
      const out = path.join(dir, 'report.html');
      const html = run(['analyze', '-f', SONGNODES, '--format', 'html', '-o', out]);
      assert.equal(html.code, 0);
      assert.match(html.stderr, /wrote the analysis of 12 services/);
      assert.match(readFileSync(out, 'utf8'), /<svg[^>]+class="graph"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('analyze on a broken project exits 1', () => {
    const r = run(['analyze', '-f', path.join('test', 'fixtures', 'broken', 'no-image', 'compose.yaml')]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
  });
  it('convert writes a folder kubectl can render, and --stdout streams the same objects', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-convert-'));
    try {
      const r = run([
        'convert',
        '-f',
        SONGNODES,
        '-o',
        dir,
        '--registry',
        'ghcr.io/acme',
        '--host',
        'songnodes.example.com',
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /wrote \d+ files/);
      assert.match(r.stderr, /## To do before deploying/);
      assert.ok(existsSync(path.join(dir, 'overlays', 'prod', 'kustomization.yaml')));
      assert.match(
        readFileSync(path.join(dir, 'base', 'apps', 'rest-api', 'deployment.yaml'), 'utf8'),
        /image: ghcr\.io\/acme\/rest-api:latest/,
      );
      assert.match(
        readFileSync(path.join(dir, 'base', 'apps', 'frontend', 'ingress.yaml'), 'utf8'),
        /host: songnodes\.example\.com/,
      );
      const stream = run([
        'convert',
        '-f',
        SONGNODES,
        '--stdout',
        '--registry',
        'ghcr.io/acme',
        '--host',
        'songnodes.example.com',
      ]);
      assert.equal(stream.code, 0);
      const docs = stream.stdout.split(/^---$/m).filter((d) => d.trim());
      const files = readFileSync(path.join(dir, 'overlays', 'prod', 'env', 'kustomization.yaml'), 'utf8');
      assert.ok(docs.length > 40);
      assert.match(files, /namespace: songnodes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('--host SERVICE=NAME gives one service its own host; a second plain --host, a bad name, an unknown service are refused', () => {
    const r = run([
      'convert',
      '-f',
      SONGNODES,
      '--stdout',
      '--host',
      'songnodes.example.com',
      '--host',
      'rest-api=api.example.com',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const ingresses = r.stdout
      .split(/^---$/m)
      .map((d) => parse(d) as { kind?: string; metadata?: { name?: string }; spec?: { rules?: { host?: string }[] } })
      .filter((d) => d?.kind === 'Ingress')
      .map((d) => `${d.metadata?.name}=${d.spec?.rules?.[0]?.host}`);
    assert.deepEqual(ingresses.sort(), ['frontend=songnodes.example.com', 'rest-api=api.example.com']);
    for (const [args, message, code] of [
      [
        ['--host', 'a.example.com', '--host', 'b.example.com'],
        /--host b\.example\.com: one host name is for the entry service/,
        2,
      ],
      [['--host', 'Shop_Example'], /Shop_Example is not a host name/, 2],
      [
        ['--host', 'rest-api=a.example.com', '--host', 'rest-api=b.example.com'],
        /--host rest-api=b\.example\.com: rest-api is given a host twice/,
        2,
      ],
      [
        ['--host', 'nope=x.example.com'],
        /error\[ingress-host\]: --host nope=x\.example\.com: there is no service nope/,
        1,
      ],
    ] as const) {
      const bad = run(['convert', '-f', SONGNODES, '--stdout', ...args]);
      assert.equal(bad.code, code, bad.stderr);
      assert.match(bad.stderr, message);
      assert.equal(bad.stdout, '');
    }
  });
  it('convert on a broken project exits 1 and writes nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-convert-'));
    try {
      const r = run([
        'convert',
        '-f',
        path.join('test', 'fixtures', 'broken', 'no-image', 'compose.yaml'),
        '-o',
        path.join(dir, 'out'),
      ]);
      assert.equal(r.code, 1);
      assert.ok(!existsSync(path.join(dir, 'out')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
