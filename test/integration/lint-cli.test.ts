import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HELM, KUBECTL } from '../convert-helpers.js';
import { after, before, describe, it } from '../harness.js';
import { EXAMPLES, ROOT } from '../helpers.js';

const BIN = path.join(ROOT, 'dist', 'stevedore.js');
const SONGNODES = path.join(EXAMPLES, 'songnodes', 'docker-compose.yml');

function run(args: string[], input?: string) {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    STEVEDORE_KUBECTL: KUBECTL,
    STEVEDORE_HELM: HELM,
    NO_COLOR: '1',
  };
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('stevedore lint (the built CLI, real kubectl and helm)', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stevedore-lint-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes our own convert output of the example, rendered by kubectl kustomize, with --compose', () => {
    const out = path.join(dir, 'k8s');
    assert.equal(run(['convert', '-f', SONGNODES, '-o', out]).code, 0);
    // The documented check of an environment: its overlay and the Secrets applied beside it.
    const r = run([
      'lint',
      '--compose',
      SONGNODES,
      '--format',
      'json',
      path.join(out, 'overlays', 'prod'),
      path.join(out, 'secrets.yaml'),
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as {
      findings: { severity: string; file: string; rule: string }[];
      summary: { objects: number };
    };
    assert.equal(report.summary.objects, 65);
    assert.deepEqual(
      report.findings.filter((f) => f.severity === 'error'),
      [],
    );
    assert.ok(report.findings.every((f) => f.file.endsWith('(kubectl kustomize)') || f.file.endsWith('secrets.yaml')));
    assert.ok(
      report.findings.some((f) => f.rule === 'missing-reference'),
      'the ConfigMap to create is reported as a to-do',
    );
  });

  it('exits 1 on errors and points at the line, from stdin', () => {
    const r = run(
      ['lint', '-'],
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: busybox\n      securityContext: {privileged: true}\n',
    );
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^ {2}8:37 {2}error {4}container "a" is privileged {2}privileged-container$/m);
  });

  it('reports unreadable YAML at its position with exit 1, never a stack trace', () => {
    const file = path.join(dir, 'broken.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x\n');
    const r = run(['lint', file]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:[34]:\\d+: error: Flow`));
    assert.doesNotMatch(r.stdout + r.stderr, /at .*\.js:\d+/);
  });

  it('renders a Helm chart with helm template and names each finding after its template', () => {
    const chart = path.join(dir, 'chart');
    mkdirSync(path.join(chart, 'templates'), { recursive: true });
    writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
    writeFileSync(path.join(chart, 'values.yaml'), 'image: nginx:latest\n');
    writeFileSync(
      path.join(chart, 'templates', 'deployment.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  selector: {matchLabels: {app: demo}}\n  template:\n    metadata: {labels: {app: demo}}\n    spec:\n      containers:\n        - name: web\n          image: {{ .Values.image }}\n',
    );
    const r = run(['lint', '--rule', 'kube-linter:latest-tag', '--format', 'json', chart]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { rule: string; file: string; message: string }[] };
    assert.deepEqual(
      report.findings.map((f) => `${path.relative(dir, f.file)} ${f.rule}: ${f.message}`),
      [
        'chart/templates/deployment.yaml latest-tag: container "web" runs "nginx:latest", which is not pinned to a version',
      ],
    );
  });

  it('writes SARIF to a file', () => {
    const file = path.join(dir, 'lint.sarif');
    const r = run(
      ['lint', '--format', 'sarif', '-o', file, '-'],
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: x}, ports: [{port: 80}]}\n',
    );
    assert.equal(r.code, 1);
    const sarif = JSON.parse(readFileSync(file, 'utf8')) as {
      version: string;
      runs: { results: { ruleId: string }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      sarif.runs[0]?.results.map((x) => x.ruleId),
      ['dangling-service'],
    );
  });

  it('exits 2 on usage errors: an unknown rule, a bad config, no input', () => {
    assert.equal(run(['lint', '--rule', 'kube-linter:no-such-check', '-'], '').code, 2);
    const config = path.join(dir, 'bad-config.yaml');
    writeFileSync(config, 'rules:\n  latest-tags: off\n');
    const r = run(['lint', '--config', config, '-'], '');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad-config\.yaml:2:3: error: no lint rule is named "latest-tags"/);
    assert.equal(run(['lint']).code, 2);
  });

  it('lists its rules with what they cover', () => {
    const r = run(['lint', '--list-rules']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^latest-tag\s+warning\s+on\s+kube-linter:latest-tag, kube-score:container-image-tag/m);
  });
});
