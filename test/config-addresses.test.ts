import assert from 'node:assert/strict';
import { describe, it } from './harness.js';
import { loadMem } from './helpers.js';
import { buildModel } from '../src/model/build.js';
import { convert } from '../src/transform/index.js';
import { toStream } from '../src/emit/stream.js';
import { parseManifests } from '../src/lint/parse.js';
import { lint } from '../src/lint/run.js';
import { composeLinks } from '../src/lint/compose-links.js';
import { buildAnalysis } from '../src/report/index.js';
import { rewriteHostsInFile } from '../src/transform/names.js';

/**
 * The shape of loki's production stack: a gateway whose nginx.conf is the only place that names
 * loki, Grafana whose data sources name loki and prometheus, Prometheus whose targets name the rest.
 * Nothing in depends_on or the environment says any of it.
 */
const FILES = {
  'compose.yaml': `services:
  gateway:
    image: nginx:1.27
    ports: ["3100:3100"]
    volumes: [./config/nginx.conf:/etc/nginx/nginx.conf:ro]
  grafana:
    image: grafana/grafana:11.0.0
    ports: ["3000:3000"]
    volumes: [./config/datasources.yaml:/etc/grafana/provisioning/datasources/ds.yaml]
  prometheus:
    image: prom/prometheus:v2.53.0
    volumes: [./config/prometheus.yaml:/etc/prometheus/prometheus.yml]
  loki_backend:
    image: grafana/loki:3.0.0
    command: -config.file=/etc/loki/config.yaml -target=backend
  alertmanager:
    image: prom/alertmanager:v0.27.0
`,
  'config/nginx.conf': [
    'events {}',
    'http {',
    '  upstream backend {',
    '    server loki_backend:3100;',
    '  }',
    '  server {',
    '    listen 3100;',
    '    location / { proxy_pass http://backend; }',
    '  }',
    '}',
    '',
  ].join('\n'),
  'config/datasources.yaml': [
    'apiVersion: 1',
    'datasources:',
    '  - name: Loki',
    '    type: loki',
    '    url: http://loki_backend:3100',
    '  - name: Prometheus',
    '    type: prometheus',
    '    url: http://prometheus:9090',
    '',
  ].join('\n'),
  'config/prometheus.yaml': [
    'global:',
    '  scrape_interval: 15s',
    'alerting:',
    '  alertmanagers:',
    '    - static_configs:',
    "        - targets: ['alertmanager:9093']",
    'scrape_configs:',
    '  - job_name: loki',
    '    static_configs:',
    '      - targets:',
    '          - loki_backend:3100',
    '',
  ].join('\n'),
};

type Obj = { kind: string; metadata: { name: string }; data?: Record<string, string>; spec?: any };

function converted() {
  const { project, fs } = loadMem(FILES);
  assert.ok(project);
  const model = buildModel(project, { fs }).value;
  const result = convert(model, project, {}, fs);
  const stream = toStream(result.value);
  return { model, result, stream };
}

describe('addresses in mounted configuration files', () => {
  it('become connections: each is found with its file and line', () => {
    const { model } = converted();
    const config = model.edges
      .filter((e) => e.kind === 'config')
      .map((e) => `${e.from}>${e.to}:${e.port ?? ''} ${e.via ?? ''}`)
      .sort();
    assert.deepEqual(config, [
      'gateway>loki_backend:3100 ./config/nginx.conf:4',
      'grafana>loki_backend:3100 ./config/datasources.yaml:5',
      'grafana>prometheus:9090 ./config/datasources.yaml:8',
      'prometheus>alertmanager:9093 ./config/prometheus.yaml:6',
      'prometheus>loki_backend:3100 ./config/prometheus.yaml:11',
    ]);
    // The analysis says how each was found.
    const analysis = buildAnalysis(model);
    const gw = analysis.edges.find((e) => e.from === 'gateway' && e.to === 'loki_backend');
    assert.deepEqual(gw?.kinds, ['config']);
    assert.deepEqual(gw?.via, ['./config/nginx.conf:4']);
  });

  it('the output admits them: lint --compose finds every connection reachable', () => {
    const { model, stream } = converted();
    const { manifests, errors } = parseManifests('out.yaml', stream);
    assert.deepEqual(errors, []);
    const r = lint(manifests, [], { compose: composeLinks(model, 'compose.yaml') });
    const bad = r.findings.filter((f) => f.rule === 'connectivity');
    assert.deepEqual(
      bad.map((f) => f.message),
      [],
    );
    // No to-do says a file was not searched: all were read.
    assert.ok(!converted().result.value.todo.some((t) => t.includes('could not be searched')));
  });

  it('a policy that leaves one out is caught, naming the file and line that makes the connection', () => {
    const { model, stream } = converted();
    const { manifests } = parseManifests('out.yaml', stream);
    for (const m of manifests) {
      const o = m.object as unknown as Obj;
      if (o.kind === 'NetworkPolicy' && o.metadata.name === 'loki-backend')
        for (const rule of o.spec.ingress)
          rule.from = (rule.from ?? []).filter(
            (p: any) => p.podSelector?.matchLabels?.['app.kubernetes.io/name'] !== 'gateway',
          );
    }
    const r = lint(manifests, [], { compose: composeLinks(model, 'compose.yaml') });
    const hit = r.findings.find((f) => f.rule === 'connectivity' && /gateway reaches loki/.test(f.message));
    assert.ok(hit, r.findings.map((f) => f.message).join('\n'));
    assert.match(hit.message, /nginx\.conf:4/);
  });

  it('a renamed service is renamed inside the files too, only where it is a host', () => {
    const { stream } = converted();
    const { manifests } = parseManifests('out.yaml', stream);
    const data = Object.assign(
      {},
      ...manifests
        .map((m) => m.object as unknown as Obj)
        .flatMap((o) => (o.kind === 'ConfigMap' ? [o.data ?? {}] : [])),
    ) as Record<string, string>;
    assert.match(data['nginx.conf'] ?? '', /server loki-backend:3100;/);
    assert.match(data['datasources.yaml'] ?? '', /url: http:\/\/loki-backend:3100/);
    assert.match(data['prometheus.yaml'] ?? '', /- loki-backend:3100/);
    assert.ok(!/loki_backend/.test(stream.replace(/#.*$/gm, '')), 'no old name left outside comments');
  });

  it('rewriteHostsInFile leaves a database or table named like the service alone', () => {
    const renames: [string, string][] = [['my_db', 'my-db']];
    const sql = 'CREATE DATABASE my_db;\nGRANT ALL ON my_db.* TO app;\n';
    assert.equal(rewriteHostsInFile(sql, renames), sql);
    assert.equal(rewriteHostsInFile('database: my_db\n', renames), 'database: my_db\n');
    assert.equal(rewriteHostsInFile('host: my_db\n', renames), 'host: my-db\n');
    assert.equal(rewriteHostsInFile('DB_HOST="my_db"\n', renames), 'DB_HOST="my-db"\n');
    assert.equal(
      rewriteHostsInFile('url = "postgres://u@my_db:5432/my_db"\n', renames),
      'url = "postgres://u@my-db:5432/my_db"\n',
    );
    assert.equal(rewriteHostsInFile('  server my_db:5432;\n', renames), '  server my-db:5432;\n');
  });

  it('comment lines, binary files and files outside the project make no connection', () => {
    const { project, fs } = loadMem({
      'compose.yaml': `services:
  web:
    image: nginx:1.27
    volumes: [./conf:/etc/nginx/conf.d:ro, /etc/hosts:/etc/hosts:ro]
  api:
    image: example/api:1.0
    expose: ["8080"]
`,
      'conf/site.conf': '# proxy_pass http://api:8080;\n// api:8080\n',
      'conf/blob.bin': 'api:8080\u0000\u0001',
    });
    assert.ok(project);
    const model = buildModel(project, { fs }).value;
    assert.deepEqual(
      model.edges.filter((e) => e.kind === 'config'),
      [],
    );
  });
});

describe('the analysis of a converted stack', () => {
  it('says what each service runs as, not the first object made for it (a ConfigMap of its files)', async () => {
    const { convertedByService, renderMarkdown } = await import('../src/report/index.js');
    const { model, result } = converted();
    const md = renderMarkdown(buildAnalysis(model, convertedByService(result.value)));
    const row = (service: string) => md.split('\n').find((l) => l.startsWith(`| ${service} |`)) ?? '';
    assert.match(row('gateway'), /\| Deployment \|/);
    assert.match(row('prometheus'), /\| (StatefulSet|Deployment) \|/);
    assert.doesNotMatch(md.split('## Services in detail')[0] ?? '', /\| ConfigMap \|/);
  });

  it('a database with a backup CronJob runs as a StatefulSet', async () => {
    const { convertedByService, renderMarkdown } = await import('../src/report/index.js');
    const { project, fs } = loadMem({
      'compose.yaml':
        'services:\n  db:\n    image: postgres:16\n    volumes: [pgdata:/var/lib/postgresql/data]\nvolumes:\n  pgdata: {}\n',
    });
    assert.ok(project);
    const model = buildModel(project, { fs }).value;
    const result = convert(model, project, {}, fs);
    assert.ok(result.value.objects.some((e) => e.service === 'db' && (e.object as unknown as Obj).kind === 'CronJob'));
    const md = renderMarkdown(buildAnalysis(model, convertedByService(result.value)));
    assert.match(md.split('\n').find((l) => l.startsWith('| db |')) ?? '', /\| StatefulSet \|/);
  });
});
