import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { after, describe, it } from '../harness.js';
import { KUBECTL } from '../convert-helpers.js';
import { ROOT } from '../helpers.js';

const BIN = path.join(ROOT, 'dist', 'stevedore.js');

/** Every file under a folder, with its text. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/**
 * A project on the real disk whose bind mounts point at what must never be read: the machine's
 * /proc (reading /proc/kmsg blocks forever) and /etc (shadow, passwd), a home folder, a named pipe
 * inside the project (reading it blocks), a symbolic link out of the project, and a binary file.
 */
describe('convert never reads the host, on the real disk', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-host-'));
  const home = path.join(dir, 'home');
  after(() => rmSync(dir, { recursive: true, force: true }));
  const project = path.join(dir, 'project');
  mkdirSync(path.join(project, 'conf'), { recursive: true });
  mkdirSync(path.join(home, '.ssh'), { recursive: true });
  writeFileSync(path.join(home, '.ssh', 'id_rsa'), 'HOME-PRIVATE-KEY-MARKER');
  writeFileSync(path.join(project, 'conf', 'app.conf'), 'listen 8080;\n');
  writeFileSync(path.join(project, 'conf', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0xff]));
  symlinkSync('/etc/hostname', path.join(project, 'conf', 'hostname'));
  const fifo = spawnSync('mkfifo', [path.join(project, 'conf', 'pipe')]);
  writeFileSync(
    path.join(project, 'compose.yaml'),
    `services:
  exporter:
    image: prom/node-exporter:v1.8.0
    volumes: [/proc:/host/proc:ro, /sys:/host/sys:ro]
  web:
    image: nginx:1.27
    volumes:
      - /etc:/host/etc:ro
      - /var/lib/mysql:/srv/mysql:ro
      - ~/.ssh:/root/.ssh:ro
      - ./conf:/etc/nginx/conf.d:ro
`,
  );
  const out = path.join(dir, 'k8s');
  const r = spawnSync(process.execPath, [BIN, 'convert', '-f', path.join(project, 'compose.yaml'), '-o', out], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: home },
  });

  it('finishes (a read of /proc or of a pipe would hang) and succeeds', () => {
    assert.equal(r.error, undefined, String(r.error));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fifo.status, 0, 'mkfifo made the pipe');
  });

  it('writes nothing of the machine: no /etc, no home key, no linked file', () => {
    const files = tree(out);
    const all = [...files.values()].join('\n');
    assert.doesNotMatch(all, /root:x:0:0|HOME-PRIVATE-KEY-MARKER/);
    assert.doesNotMatch(all, new RegExp(readFileSync('/etc/hostname', 'utf8').trim() + '\\n'));
    const docs = [...files.entries()]
      .filter(([f]) => f.endsWith('.yaml'))
      .flatMap(([, text]) => loadAll(text) as Record<string, any>[])
      .filter(Boolean);
    const cm = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'web-conf');
    assert.deepEqual(Object.keys(cm?.data ?? {}), ['app.conf']);
    assert.deepEqual(Object.keys(cm?.binaryData ?? {}), ['logo.png'], 'the binary file as binaryData');
    assert.equal(Buffer.from(cm?.binaryData['logo.png'], 'base64').length, 8);
    const web = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'web') ?? {};
    assert.ok(!web.spec.template.spec.volumes.some((v: any) => v.hostPath), 'web is no node agent: no hostPath');
    const exporter = docs.find((d) => d.kind === 'DaemonSet' && d.metadata.name === 'exporter') ?? {};
    assert.deepEqual(
      exporter.spec.template.spec.volumes.map((v: any) => v.hostPath?.path),
      ['/proc', '/sys'],
    );
  });

  it('says what it left out, naming each path', () => {
    assert.match(r.stderr, /web mounts \/etc of the Docker host, which is left out/);
    assert.match(r.stderr, /web mounts \/var\/lib\/mysql of the Docker host/);
    const notes = readFileSync(path.join(out, 'NOTES.md'), 'utf8');
    assert.match(notes, /pipe \(not a regular file\)/);
    assert.match(notes, /hostname \(a link out of the project, not read\)/);
    assert.match(notes, /\.ssh/);
  });

  it('passes stevedore lint --compose: the node agent is admitted by its namespace and says why it mounts the node', () => {
    const l = spawnSync(
      process.execPath,
      [
        BIN,
        'lint',
        '--compose',
        path.join(project, 'compose.yaml'),
        '--format',
        'json',
        path.join(out, 'overlays', 'prod'),
        ...(existsSync(path.join(out, 'secrets.yaml')) ? [path.join(out, 'secrets.yaml')] : []),
      ],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: home, STEVEDORE_KUBECTL: KUBECTL, NO_COLOR: '1' },
      },
    );
    const report = JSON.parse(l.stdout) as { findings: { severity: string; rule: string; message: string }[] };
    assert.deepEqual(
      report.findings.filter((f) => f.severity === 'error'),
      [],
    );
    assert.equal(l.status, 0, l.stderr);
    // The node agent runs in a namespace of its own that admits hostPath; the application keeps baseline.
    const ns = readFileSync(path.join(out, 'base', 'data', 'namespace.yaml'), 'utf8');
    assert.match(ns, /pod-security.kubernetes.io\/enforce: baseline/);
    const second = readFileSync(path.join(out, 'base', 'data', 'namespace-privileged.yaml'), 'utf8');
    assert.match(second, /pod-security.kubernetes.io\/enforce: privileged/, 'hostPath needs a privileged namespace');
    const agents = readdirSync(path.join(out, 'base', 'apps')).filter((d) =>
      existsSync(path.join(out, 'base', 'apps', d, 'daemonset.yaml')),
    );
    assert.ok(agents.length > 0, 'a node agent DaemonSet');
    for (const d of agents)
      assert.match(
        readFileSync(path.join(out, 'base', 'apps', d, 'daemonset.yaml'), 'utf8'),
        /namespace: project-privileged/,
      );
  });
});
