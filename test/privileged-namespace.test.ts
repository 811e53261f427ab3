import assert from 'node:assert/strict';
import { describe, it } from './harness.js';
import { loadMem } from './helpers.js';
import { buildModel } from '../src/model/build.js';
import { convert } from '../src/transform/index.js';
import { toStream } from '../src/emit/stream.js';
import { parseManifests } from '../src/lint/parse.js';
import { lint } from '../src/lint/run.js';
import { composeLinks } from '../src/lint/compose-links.js';
import { buildPlan } from '../src/migrate/plan.js';
import { buildAnalysis, convertedByService, renderMarkdown } from '../src/report/index.js';

/**
 * A monitoring stack where one pod needs the node (node-exporter reads /proc) and one a capability
 * baseline refuses (a VPN with NET_ADMIN that keeps its keys on a volume), the rest none.
 */
const STACK = `services:
  web:
    image: example/web:1.0
    ports: ["8080:8080"]
    environment:
      DATABASE_URL: postgres://app@db:5432/app
      METRICS: http://node-exporter:9100/metrics
      VPN: vpn:51820
    depends_on: [db]
  db:
    image: postgres:16
    volumes: [pgdata:/var/lib/postgresql/data]
  prometheus:
    image: prom/prometheus:v2.53.0
    command: ["--config.file=/etc/prometheus/prometheus.yml"]
    depends_on: [node-exporter]
  node-exporter:
    image: prom/node-exporter:v1.8.1
    volumes: ["/proc:/host/proc:ro", "/sys:/host/sys:ro"]
    ports: ["9100:9100"]
  vpn:
    image: example/vpn:1.0
    cap_add: [NET_ADMIN]
    environment:
      UPSTREAM: http://web:8080
    volumes: [keys:/config]
    expose: ["51820/udp"]
volumes:
  pgdata: {}
  keys: {}
`;

type Obj = {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: any;
};

function converted(compose = STACK) {
  const { project, fs } = loadMem({ 'compose.yaml': compose });
  assert.ok(project);
  const model = buildModel(project).value;
  const result = convert(model, project, {}, fs);
  const stream = toStream(result.value);
  const { manifests, errors } = parseManifests('out.yaml', stream);
  assert.deepEqual(errors, []);
  return { project, model, result, stream, manifests, objects: manifests.map((m) => m.object as unknown as Obj) };
}

const find = (objects: Obj[], kind: string, name: string, ns?: string) =>
  objects.filter(
    (o) => o.kind === kind && o.metadata.name === name && (ns === undefined || o.metadata.namespace === ns),
  );

describe('pods that need more than baseline get a namespace of their own', () => {
  it('the application keeps baseline; node-exporter and the VPN go to p-privileged, which says why', () => {
    const { objects } = converted();
    const ns = objects.filter((o) => o.kind === 'Namespace');
    assert.deepEqual(
      ns.map((n) => [n.metadata.name, n.metadata.labels?.['pod-security.kubernetes.io/enforce']]),
      [
        ['p', 'baseline'],
        ['p-privileged', 'privileged'],
      ],
    );
    const where = (kind: string, name: string) => find(objects, kind, name).map((o) => o.metadata.namespace);
    assert.deepEqual(where('DaemonSet', 'node-exporter'), ['p-privileged']);
    assert.deepEqual(where('StatefulSet', 'vpn').concat(where('Deployment', 'vpn')), ['p-privileged']);
    assert.deepEqual(where('Deployment', 'web'), ['p']);
    assert.deepEqual(where('StatefulSet', 'db'), ['p']);
    // Every namespaced object is in one of the two; each namespace denies ingress by default.
    assert.ok(objects.every((o) => o.kind === 'Namespace' || ['p', 'p-privileged'].includes(o.metadata.namespace!)));
    assert.deepEqual(where('NetworkPolicy', 'default-deny-ingress').sort(), ['p', 'p-privileged']);
  });

  it('names resolve across the two namespaces (ExternalName both ways) and policies admit the other namespace', () => {
    const { objects } = converted();
    const ext = objects.filter((o) => o.kind === 'Service' && o.spec?.type === 'ExternalName');
    const pairs = ext.map((o) => `${o.metadata.namespace}/${o.metadata.name} → ${o.spec.externalName}`).sort();
    assert.deepEqual(pairs, [
      'p-privileged/web → web.p.svc.cluster.local',
      'p/node-exporter → node-exporter.p-privileged.svc.cluster.local',
      'p/vpn → vpn.p-privileged.svc.cluster.local',
    ]);
    const np = find(objects, 'NetworkPolicy', 'node-exporter', 'p-privileged')[0];
    assert.ok(np, 'node-exporter has a policy in its namespace');
    const peers = np.spec.ingress.flatMap((r: any) => r.from ?? []);
    const prom = peers.find((p: any) => p.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'prometheus');
    assert.deepEqual(prom.namespaceSelector, { matchLabels: { 'kubernetes.io/metadata.name': 'p' } });
  });

  it('stevedore lint --compose finds no error: every pod passes its namespace, every name is reachable', () => {
    const { model, manifests } = converted();
    const result = lint(manifests, [], { compose: composeLinks(model, 'compose.yaml') });
    const errors = result.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`);
    assert.deepEqual(errors, []);
  });

  it('lint catches the cross-namespace path broken either way: no ExternalName, or no namespaceSelector', () => {
    const { model, stream } = converted();
    const links = { compose: composeLinks(model, 'compose.yaml') };
    // Without the ExternalName Service, prometheus's "node-exporter" does not resolve in p.
    const noAlias = stream
      .split(/^---\n/m)
      .filter((d) => !(d.includes('type: ExternalName') && d.includes('name: node-exporter')))
      .join('---\n');
    const a = lint(parseManifests('a.yaml', noAlias).manifests, [], links);
    assert.ok(
      a.findings.some(
        (f) =>
          f.rule === 'connectivity' &&
          /prometheus reaches node-exporter.*no Service named node-exporter/.test(f.message),
      ),
      a.findings.map((f) => f.message).join('\n'),
    );
    // Without the namespaceSelector the peer means "prometheus pods in p-privileged": none, so blocked.
    const { manifests } = parseManifests('b.yaml', stream);
    for (const m of manifests) {
      const o = m.object as unknown as Obj;
      if (o.kind === 'NetworkPolicy' && o.metadata.name === 'node-exporter')
        for (const r of o.spec.ingress) for (const p of r.from ?? []) delete p.namespaceSelector;
    }
    const b = lint(manifests, [], links);
    assert.ok(
      b.findings.some((f) => f.rule === 'connectivity' && /prometheus reaches node-exporter.*blocks/.test(f.message)),
      b.findings.map((f) => f.message).join('\n'),
    );
  });

  it('a privileged pod in the baseline namespace is still an error (the split is what makes lint pass)', () => {
    const { model, stream } = converted();
    const moved = stream.replace(/namespace: p-privileged\n/g, 'namespace: p\n');
    const r = lint(parseManifests('c.yaml', moved).manifests, [], { compose: composeLinks(model, 'compose.yaml') });
    assert.ok(
      r.findings.some((f) => f.severity === 'error' && f.rule.startsWith('pss-') && f.object.name === 'node-exporter'),
    );
  });

  it('one namespace when no pod or every pod needs more than baseline', () => {
    const none = converted(`services:\n  web:\n    image: example/web:1.0\n`).objects;
    assert.deepEqual(
      none.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.labels?.['pod-security.kubernetes.io/enforce']),
      ['baseline'],
    );
    const all = converted(`services:\n  vpn:\n    image: example/vpn:1.0\n    cap_add: [NET_ADMIN]\n`).objects;
    assert.deepEqual(
      all
        .filter((o) => o.kind === 'Namespace')
        .map((o) => [o.metadata.name, o.metadata.labels?.['pod-security.kubernetes.io/enforce']]),
      [['p', 'privileged']],
    );
    // Capabilities Docker grants by default are baseline: no second namespace for them.
    const chown = converted(
      `services:\n  web:\n    image: example/web:1.0\n  init:\n    image: example/init:1.0\n    cap_add: [CHOWN, CAP_SETUID]\n`,
    ).objects;
    assert.deepEqual(
      chown.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name),
      ['p'],
    );
  });

  it('the cutover scales and copies each service in its own namespace', () => {
    const { model, project } = converted();
    const plan = buildPlan(model, project);
    const vpn = plan.steps.find((s) => s.service === 'vpn');
    assert.ok(vpn, 'the VPN keys are moved');
    assert.match(vpn.target.exec ?? '', /-n p-privileged\b/);
    const db = plan.steps.find((s) => s.service === 'db');
    assert.match(db?.target.exec ?? '', /-n p\b/);
  });

  it('the analysis lists every object convert makes of each service, in its namespace', () => {
    const { model, result } = converted();
    const a = buildAnalysis(model, convertedByService(result.value));
    for (const sv of a.services) {
      const made = result.value.objects
        .filter((e) => e.service === sv.name)
        .map((e) => `${(e.object as unknown as Obj).kind} ${(e.object as unknown as Obj).metadata.name}`);
      if (made.length)
        assert.deepEqual(
          sv.kubernetes.map((o) => `${o.kind} ${o.name}`),
          made,
          sv.name,
        );
    }
    const exporter = a.services.find((s) => s.name === 'node-exporter')!;
    assert.ok(exporter.kubernetes.every((o) => o.namespace === 'p-privileged'));
    assert.ok(a.services.find((s) => s.name === 'web')!.kubernetes.every((o) => o.namespace === undefined));
    assert.match(renderMarkdown(a), /\| node-exporter \| `base\/apps\/node-exporter\/` \(namespace p-privileged\) \|/);
    // Every listed object says why.
    assert.ok(a.services.every((s) => s.kubernetes.every((o) => o.why.length > 0)));
  });
});
