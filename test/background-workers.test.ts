import assert from 'node:assert/strict';
import path from 'node:path';
import { buildModel } from '../src/model/build.js';
import { buildPlan } from '../src/migrate/plan.js';
import { convertStack, objects } from './convert-helpers.js';
import { describe, it } from './harness.js';
import { CORPUS, itCorpus, loadMem, withUserFiles } from './helpers.js';

/**
 * An application's image run with the command of one of its background processes (a queue worker,
 * a scheduler, housekeeping) listens on none of the server's ports. Given the server's port, it got
 * a Service nothing answers on and, without a health check of its own, an HTTP probe that would
 * never pass: the pod restarted for ever.
 */
type Obj = {
  kind: string;
  metadata: { name: string };
  spec?: { template?: { spec: { containers: Record<string, unknown>[] } } };
};

/** The base objects convert writes (the overlays only patch them). */
const objectsOf = (files: ReadonlyMap<string, string>) =>
  objects(new Map([...files].filter(([name]) => name.startsWith('base/')))) as Obj[];

const probesOf = (c: Record<string, unknown>) =>
  ['readinessProbe', 'livenessProbe', 'startupProbe'].map((p) => c[p]).filter(Boolean);

describe('background processes of application images', () => {
  it('a worker command with no health check gets no port, no Service and no probe of the server', () => {
    const { project } = loadMem({
      'compose.yaml': `services:
  netbox:
    image: netboxcommunity/netbox:v4.1-3.0.2
  netbox-worker:
    image: netboxcommunity/netbox:v4.1-3.0.2
    command: [/opt/netbox/venv/bin/python, /opt/netbox/netbox/manage.py, rqworker]
  sidekiq:
    image: ghcr.io/mastodon/mastodon:v4.3.17
    command: bundle exec sidekiq
  web:
    image: ghcr.io/mastodon/mastodon:v4.3.17
    command: bundle exec puma -C config/puma.rb
  housekeeping:
    image: netboxcommunity/netbox:v4.1-3.0.2
    entrypoint: [/opt/netbox/housekeeping.sh]
  db:
    image: postgres:16
    command: postgres -c shared_preload_libraries=pg_cron -c cron.database_name=worker
`,
    });
    const model = buildModel(project!).value;
    const w = (name: string) => model.workloads.find((x) => x.name === name)!;
    for (const name of ['netbox-worker', 'sidekiq', 'housekeeping']) {
      assert.equal(w(name).role, 'worker', name);
      assert.deepEqual(w(name).ports, [], name);
      assert.equal(w(name).readiness, undefined, `${name}: no check of the server's port`);
    }
    assert.match(w('sidekiq').roleReason, /Mastodon run as its background worker \(command bundle exec sidekiq\)/);
    assert.match(w('housekeeping').roleReason, /entrypoint \/opt\/netbox\/housekeeping\.sh/);
    // The servers keep their ports and checks; a database is never taken for a worker by its flags.
    assert.deepEqual(
      w('web').ports.map((p) => p.port),
      [3000],
    );
    assert.deepEqual(
      w('netbox').ports.map((p) => p.port),
      [8080],
    );
    assert.equal(w('db').role, 'database');
    assert.deepEqual(
      w('db').ports.map((p) => p.port),
      [5432],
    );
  });

  it('a port the worker does listen on still comes from its health check or the services that reach it', () => {
    const { project } = loadMem({
      'compose.yaml': `services:
  scheduler:
    image: apache/airflow:2.10.3
    command: scheduler
    healthcheck:
      test: [CMD, curl, --fail, "http://localhost:8974/health"]
  sidekiq:
    image: ghcr.io/mastodon/mastodon:v4.3.17
    command: bundle exec sidekiq
  exporter:
    image: prom/prometheus:v2.54.1
    environment:
      TARGET: sidekiq:7433
    depends_on: [sidekiq]
`,
    });
    const model = buildModel(project!).value;
    const w = (name: string) => model.workloads.find((x) => x.name === name)!;
    assert.deepEqual(
      w('scheduler').ports.map((p) => `${p.port} ${p.source}`),
      ['8974 healthcheck'],
    );
    assert.equal(w('scheduler').role, 'worker');
  });

  for (const [stack, workers, servers] of [
    ['mastodon', ['sidekiq'], ['web', 'streaming']],
    ['netbox-docker', ['netbox-worker', 'netbox-housekeeping'], ['netbox']],
    ['airflow', ['airflow-worker', 'airflow-scheduler', 'airflow-triggerer'], ['airflow-webserver']],
  ] as const)
    itCorpus(`${stack}: its workers get no Service, no port and no network probe; its servers keep theirs`, () => {
      const dir = stack === 'airflow' ? path.join(CORPUS, stack) : withUserFiles(stack);
      const objects = objectsOf(convertStack(dir).files);
      const services = new Set(objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name));
      const container = (name: string) =>
        objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name)?.spec?.template?.spec.containers[0];
      for (const name of workers) {
        assert.ok(!services.has(name), `${name} has a Service nothing answers on`);
        const c = container(name);
        assert.ok(c, `${name} is a Deployment`);
        assert.equal(c.ports, undefined, `${name} declares a port`);
        for (const p of probesOf(c))
          assert.ok((p as { exec?: unknown }).exec, `${name}: a probe of a port: ${JSON.stringify(p)}`);
      }
      for (const name of servers) {
        assert.ok(services.has(name), `${name} keeps its Service`);
        assert.ok(container(name)?.ports, `${name} keeps its port`);
      }
    });
});

/**
 * voting-app mounts each service's own build context over the code its image holds (live reload)
 * and runs its health checks from ./healthchecks. Taken for folders the services write, they became
 * empty claims over the image's code (the pods could not start) and copies of source code in the
 * data move; the health-check scripts were not executable in a ConfigMap.
 */
describe('mounted source code and scripts are not data', () => {
  itCorpus('voting-app: no claim over the code, scripts mounted executable, only the database moved', () => {
    const r = convertStack(path.join(CORPUS, 'voting-app'));
    const objs = objectsOf(r.files);
    const claims = objs.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name);
    assert.deepEqual(claims.sort(), ['db-backups']);
    const notes = r.files.get('NOTES.md') ?? '';
    for (const service of ['vote', 'result'])
      assert.match(
        notes,
        new RegExp(
          `\\*\\*${service}\\*\\*\\n  - \`volumes: ./${service}\`: the service's own source \\(its build context\\)`,
        ),
      );
    for (const [kind, name] of [
      ['StatefulSet', 'db'],
      ['Deployment', 'redis'],
    ] as const) {
      const spec = objs.find((o) => o.kind === kind && o.metadata.name === name)?.spec?.template?.spec as
        { volumes: { configMap?: { name: string; defaultMode?: number } }[] } | undefined;
      const volume = spec?.volumes.find((v) => v.configMap?.name === 'voting-app-healthchecks');
      assert.equal(volume?.configMap?.defaultMode, 0o755, `${name}: the health-check scripts are executable`);
    }
    const plan = buildPlan(r.model, r.project);
    assert.deepEqual(
      plan.steps.map((s) => `${s.service} ${s.engine}`),
      ['db postgres'],
    );
  });
});

/**
 * Mattermost writes its config.json itself (on first start, and whenever the System Console saves):
 * its ./volumes/app/mattermost/config folder, not in the project until the server runs, was taken
 * for configuration by its name, and NOTES.md asked for a ConfigMap of files that do not exist; a
 * ConfigMap is read only, so the server could not save its settings.
 */
describe('a folder the application writes its own configuration into is data', () => {
  itCorpus('mattermost: /mattermost/config is a claim whose files the plan moves, no ConfigMap asked for', () => {
    const dir = path.join(CORPUS, 'mattermost');
    const r = convertStack(dir, { envFiles: [path.join(dir, 'env.example')] });
    const objs = objectsOf(r.files);
    const spec = objs.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'mattermost')?.spec?.template
      ?.spec as unknown as { volumes: { name: string; configMap?: unknown }[] } | undefined;
    assert.ok(spec, 'mattermost is a StatefulSet');
    assert.ok(!spec.volumes.some((v) => v.configMap), JSON.stringify(spec.volumes));
    const notes = r.files.get('NOTES.md') ?? '';
    assert.doesNotMatch(notes, /ConfigMap mattermost-config/);
    const plan = buildPlan(r.model, r.project);
    const moved = plan.steps.filter((s) => s.service === 'mattermost').map((s) => s.what ?? '');
    assert.ok(
      moved.some((w) => /mattermost\/config/.test(String(w))),
      `the config folder is moved: ${JSON.stringify(moved)}`,
    );
  });
});

/**
 * Penpot's MCP server declares no port in Compose: the frontend's nginx reaches it on 4401 (HTTP)
 * and 4402 (the plugin's WebSocket). Unknown, it got a headless Service and a NetworkPolicy open on
 * every port, with a to-do to find its ports.
 */
describe('an application image known by its role in the stack gets its ports', () => {
  itCorpus('penpot: penpot-mcp serves 4401 and 4402, and the frontend is admitted to those', () => {
    const r = convertStack(path.join(CORPUS, 'penpot'));
    const objs = objects(new Map([...r.files].filter(([name]) => name.startsWith('base/')))) as {
      kind: string;
      metadata: { name: string };
      spec?: Record<string, unknown>;
    }[];
    const service = objs.find((o) => o.kind === 'Service' && o.metadata.name === 'penpot-mcp');
    const ports = (service?.spec?.ports as { port: number }[] | undefined)?.map((p) => p.port);
    assert.deepEqual(ports, [4401, 4402]);
    assert.notEqual(service?.spec?.clusterIP, 'None');
    const policy = objs.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'penpot-mcp');
    const ingress = policy?.spec?.ingress as { ports?: { port: number }[] }[];
    assert.deepEqual(ingress.flatMap((i) => (i.ports ?? []).map((p) => p.port)).sort(), [4401, 4402]);
    assert.doesNotMatch(r.files.get('NOTES.md') ?? '', /penpot-mcp is reached by name but declares no port/);
  });
});
