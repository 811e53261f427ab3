import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { buildModel } from '../model/build.js';
import { loadMem } from '../../test/helpers.js';
import { memoryFs } from '../io/fs.js';
import { convert, PASSES } from './index.js';
import { rewriteAddresses, rewriteHosts } from './names.js';

function run(yaml: string) {
  const r = loadMem({ 'compose.yaml': yaml });
  assert.ok(r.project, JSON.stringify(r.diagnostics));
  const c = convert(buildModel(r.project, { fs: memoryFs({}) }).value, r.project, {}, memoryFs({}));
  assert.deepEqual(
    c.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const objs = c.value.objects.map((o) => JSON.parse(JSON.stringify(o.object.toJSON())));
  return { objs, conversion: c.value };
}

describe('transform passes on small projects', () => {
  it('deploy.mode global becomes a DaemonSet', () => {
    const { objs } = run('services:\n  agent:\n    image: grafana/promtail:3.0.0\n    deploy:\n      mode: global\n');
    assert.ok(objs.some((o) => o.kind === 'DaemonSet' && o.metadata.name === 'agent'));
  });
  it("network_mode service:X runs as a second container in X's pod, and its ports join X's Service", () => {
    const { objs } = run(
      'services:\n  vpn:\n    image: example/vpn:1\n    ports: ["8080:8080"]\n  app:\n    image: example/app:1\n    network_mode: "service:vpn"\n    expose: ["9000"]\n',
    );
    const vpn = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === 'vpn');
    assert.deepEqual(
      vpn.spec.template.spec.containers.map((c: { name: string }) => c.name),
      ['vpn', 'app'],
    );
    assert.ok(!objs.some((o) => o.kind === 'Deployment' && o.metadata.name === 'app'));
    assert.deepEqual(
      objs
        .find((o) => o.kind === 'Service' && o.metadata.name === 'vpn')
        .spec.ports.map((p: { port: number }) => p.port),
      [8080, 9000],
    );
  });
  it('a renamed service is reached by its new name in environment and commands', () => {
    const { objs } = run(
      'services:\n  My_DB:\n    image: postgres:16\n    volumes: [d:/var/lib/postgresql/data]\n  app:\n    image: example/app:1\n    command: ["wait-for", "My_DB:5432"]\n    environment:\n      DB_HOST: My_DB\n      URL: postgres://u@My_DB:5432/x\nvolumes:\n  d:\n',
    );
    const app = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === 'app');
    assert.deepEqual(app.spec.template.spec.containers[0].args, ['wait-for', 'my-db:5432']);
    const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'app-env');
    assert.equal(cm.data.DB_HOST, 'my-db');
    assert.ok(objs.some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'my-db'));
  });
  it('a one-shot job waited for by several services stays a Job, and says they no longer wait', () => {
    const { objs, conversion } = run(
      'services:\n  migrate:\n    image: example/app:1\n    restart: "no"\n  a:\n    image: example/app:1\n    depends_on: {migrate: {condition: service_completed_successfully}}\n  b:\n    image: example/app:1\n    depends_on: {migrate: {condition: service_completed_successfully}}\n',
    );
    assert.ok(objs.some((o) => o.kind === 'Job' && o.metadata.name === 'migrate'));
    const job = conversion.objects.find((o) => (o.object as unknown as { kind: string }).kind === 'Job')!;
    assert.match(job.comments.join(' '), /a, b wait for it in Compose/);
  });
  it('privileged and host network are carried with a warning, and the namespace allows them', () => {
    const r = loadMem({
      'compose.yaml': 'services:\n  x:\n    image: example/x:1\n    privileged: true\n    network_mode: host\n',
    });
    const c = convert(buildModel(r.project!, { fs: memoryFs({}) }).value, r.project!, {}, memoryFs({}));
    assert.deepEqual(
      c.diagnostics.map((d) => d.code),
      ['carried-with-risk', 'carried-with-risk'],
    );
    const ns = c.value.objects
      .map((o) => JSON.parse(JSON.stringify(o.object.toJSON())))
      .find((o) => o.kind === 'Namespace');
    assert.equal(ns.metadata.labels['pod-security.kubernetes.io/enforce'], 'privileged');
  });
  it('volume size from x-stevedore, then --volume-size, then the catalog; storage class, TLS and backups by flag', () => {
    const yaml =
      'services:\n  db:\n    image: postgres:16\n    volumes: [pg:/var/lib/postgresql/data]\n    x-stevedore:\n      volumes: {pg: 75Gi}\n  cache:\n    image: redis:7\n    volumes: [r:/data]\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\nvolumes:\n  pg:\n  r:\n';
    const r = loadMem({ 'compose.yaml': yaml });
    const model = buildModel(r.project!, { fs: memoryFs({}) }).value;
    const objs = (o: object) =>
      convert(model, r.project!, o, memoryFs({})).value.objects.map((e) =>
        JSON.parse(JSON.stringify(e.object.toJSON())),
      );
    const size = (list: any[], name: string) =>
      list.find((o) => o.kind === 'StatefulSet' && o.metadata.name === name).spec.volumeClaimTemplates[0].spec;
    const plain = objs({});
    assert.equal(size(plain, 'db').resources.requests.storage, '75Gi');
    assert.equal(size(plain, 'cache').resources.requests.storage, '5Gi');
    assert.ok(plain.some((o) => o.kind === 'CronJob' && o.metadata.name === 'db-backup'));
    const flagged = objs({
      volumeSize: '30Gi',
      storageClass: 'fast-ssd',
      backups: false,
      host: 'shop.example.com',
      tlsIssuer: 'letsencrypt',
      serviceType: 'LoadBalancer',
    });
    assert.equal(size(flagged, 'db').resources.requests.storage, '75Gi', 'x-stevedore wins over the flag');
    assert.equal(size(flagged, 'cache').resources.requests.storage, '30Gi');
    assert.equal(size(flagged, 'cache').storageClassName, 'fast-ssd');
    assert.ok(!flagged.some((o) => o.kind === 'CronJob'));
    const ing = flagged.find((o) => o.kind === 'Ingress');
    assert.equal(ing.metadata.annotations['cert-manager.io/cluster-issuer'], 'letsencrypt');
    assert.deepEqual(ing.spec.tls, [{ hosts: ['shop.example.com'], secretName: 'web-tls' }]);
    assert.equal(flagged.find((o) => o.kind === 'Service' && o.metadata.name === 'web').spec.type, 'LoadBalancer');
  });
  it('a host folder mounted by several services becomes one shared claim, not one each (airflow dags)', () => {
    const { objs, conversion } = run(
      'services:\n  scheduler:\n    image: apache/airflow:2.9.0\n    volumes: ["./dags:/opt/airflow/dags"]\n  worker:\n    image: apache/airflow:2.9.0\n    volumes: ["./dags:/opt/airflow/dags"]\n',
    );
    const claims = objs.filter((o) => o.kind === 'PersistentVolumeClaim');
    assert.deepEqual(
      claims.map((c) => [c.metadata.name, c.spec.accessModes[0]]),
      [['p-dags', 'ReadWriteMany']],
    );
    for (const name of ['scheduler', 'worker']) {
      const d = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
      assert.ok(
        d.spec.template.spec.volumes.some((v: any) => v.persistentVolumeClaim?.claimName === 'p-dags'),
        name,
      );
    }
    assert.equal(conversion.todo.filter((t) => t.includes('./dags')).length, 1);
  });
  it('rewriteHosts only touches host positions', () => {
    assert.equal(
      rewriteHosts('postgres://u:p@My_DB:5432/My_DB_name', [['My_DB', 'my-db']]),
      'postgres://u:p@my-db:5432/My_DB_name',
    );
  });
  it('rewriteAddresses only touches a URL host and a host:port, and only the whole address', () => {
    const a: [string, string][] = [['10.0.0.1', 'api']];
    assert.equal(rewriteAddresses('http://u:p@10.0.0.1:8080/x 10.0.0.1:53', a), 'http://u:p@api:8080/x api:53');
    assert.equal(
      rewriteAddresses('10.0.0.1#53 10.0.0.10:80 http://10.0.0.12/ 10.0.0.1', a),
      '10.0.0.1#53 10.0.0.10:80 http://10.0.0.12/ 10.0.0.1',
    );
  });
});

describe('every pass is tested', () => {
  it('each pass in PASSES runs up to itself in some table of cases beside the passes', () => {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'passes');
    const tables = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const tested = new Set([...tables.matchAll(/passCases\('([\w-]+)'/g)].map((m) => m[1]));
    // A table for a later pass runs every pass before it: keys has its own test (keys.test.ts),
    // namespace is asserted in the assemble table, services in the ingress table.
    const covered = new Set(['keys', 'namespace', 'services']);
    for (const p of PASSES) assert.ok(tested.has(p.id) || covered.has(p.id), `pass ${p.id} has no table of cases`);
  });
});

describe('two Compose names, one Kubernetes name', () => {
  const attempt = (yaml: string) => {
    const r = loadMem({ 'compose.yaml': yaml });
    assert.ok(r.project);
    return convert(buildModel(r.project, { fs: r.fs }).value, r.project, {}, r.fs);
  };
  it('my_db and my-db are refused with an error at the second service that names the first', () => {
    const c = attempt('services:\n  my_db:\n    image: redis:7.2\n  my-db:\n    image: redis:7.2\n');
    const errors = c.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.code, 'name-collision');
    assert.match(errors[0]?.message ?? '', /the services "(my_db|my-db)" and "(my_db|my-db)" both become "my-db"/);
    // It points at one service and names where the other is.
    const here = errors[0]?.origin?.line;
    assert.ok(here === 2 || here === 4);
    assert.match(errors[0]?.hint ?? '', new RegExp(`compose\\.yaml:${here === 2 ? 4 : 2}:3`));
    assert.equal(c.value.objects.length, 0, 'nothing is written');
  });
  it('volumes data_1 and data-1 would be one claim: refused too', () => {
    const c = attempt(
      'services:\n  a:\n    image: example/a:1\n    volumes: [data_1:/a]\n  b:\n    image: example/b:1\n    volumes: [data-1:/b]\nvolumes:\n  data_1: {}\n  data-1: {}\n',
    );
    assert.ok(
      c.diagnostics.some(
        (d) =>
          d.code === 'name-collision' && /volumes "data[-_]1" and "data[-_]1" both become "data-1"/.test(d.message),
      ),
    );
  });
  it('names that differ only past the length limit stay apart (hashed), and convert succeeds', () => {
    const long = 'a'.repeat(60);
    const c = attempt(`services:\n  ${long}x:\n    image: redis:7.2\n  ${long}y:\n    image: redis:7.2\n`);
    assert.deepEqual(
      c.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    const names = c.value.objects
      .filter((o) => o.object.toJSON().kind === 'Deployment')
      .map((o) => o.object.toJSON().metadata?.name);
    assert.equal(new Set(names).size, 2);
  });
});
