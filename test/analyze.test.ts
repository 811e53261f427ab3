import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from './harness.js';
import { Ajv } from 'ajv';
import { loadProject } from '../src/compose/load.js';
import { ROLES } from '../src/knowledge/index.js';
import { buildModel } from '../src/model/build.js';
import type { AppModel } from '../src/model/types.js';
import { buildAnalysis, renderHtml, renderMarkdown } from '../src/report/index.js';
import { CORPUS, EXAMPLES, ROOT, allStacks, assertGolden, itCorpus } from './helpers.js';

function model(dir: string, profiles: string[] = []): AppModel {
  const r = loadProject({ cwd: dir, environment: {}, profiles });
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  return buildModel(r.value.project!).value;
}
const w = (m: AppModel, name: string) => {
  const found = m.workloads.find((x) => x.name === name);
  assert.ok(found, `no workload ${name}`);
  return found;
};
const deps = (m: AppModel, from: string) =>
  [...new Set(m.edges.filter((e) => e.from === from).map((e) => e.to))].sort();
const secretNames = (m: AppModel, name: string) =>
  w(m, name)
    .environment.filter((e) => e.sensitive)
    .map((e) => e.name);

describe('analyze: songnodes', () => {
  const m = model(path.join(EXAMPLES, 'songnodes'), ['ops']);
  it('postgres, redis and rabbitmq are stateful, with their data paths', () => {
    for (const [name, target] of [
      ['postgres', '/var/lib/postgresql/data'],
      ['redis', '/data'],
      ['rabbitmq', '/var/lib/rabbitmq'],
    ] as const) {
      const x = w(m, name);
      assert.ok(x.stateful, `${name} stateful`);
      const data = x.storage.find((s) => s.kind === 'data');
      assert.equal(data?.target, target);
      assert.ok(data?.isDataPath);
    }
    assert.deepEqual(
      m.workloads.filter((x) => x.stateful).map((x) => x.name),
      ['postgres', 'rabbitmq', 'redis'],
    );
  });
  it('roles: database, cache, queue; frontend a web app with 3 replicas, the entry', () => {
    assert.equal(w(m, 'postgres').role, 'database');
    assert.equal(w(m, 'redis').role, 'cache');
    assert.equal(w(m, 'rabbitmq').role, 'queue');
    assert.equal(w(m, 'frontend').role, 'web');
    assert.equal(w(m, 'frontend').replicas, 3);
    assert.equal(w(m, 'frontend').exposure, 'entry');
    assert.equal(w(m, 'postgres').exposure, 'dev-only');
  });
  it('rest-api depends on postgres, redis and rabbitmq (rabbitmq found through RABBITMQ_URL)', () => {
    assert.deepEqual(deps(m, 'rest-api'), ['postgres', 'rabbitmq', 'redis']);
    const viaEnv = m.edges.find((e) => e.from === 'rest-api' && e.to === 'rabbitmq');
    assert.equal(viaEnv?.kind, 'environment');
    assert.equal(viaEnv?.via, 'RABBITMQ_URL');
    assert.equal(viaEnv?.port, 5672);
  });
  it('JWT_SECRET, POSTGRES_PASSWORD and the password inside DATABASE_URL are secrets', () => {
    assert.deepEqual(secretNames(m, 'rest-api').sort(), ['DATABASE_URL', 'JWT_SECRET', 'RABBITMQ_URL']);
    assert.deepEqual(secretNames(m, 'postgres'), ['POSTGRES_PASSWORD']);
    assert.equal(
      w(m, 'rest-api').environment.find((e) => e.name === 'DATABASE_URL')!.reason,
      'a password inside the URL',
    );
    assert.ok(!w(m, 'rest-api').environment.find((e) => e.name === 'REDIS_URL')!.sensitive);
  });
  it('postgres-backup is a one-shot job in the ops profile', () => {
    const job = w(m, 'postgres-backup');
    assert.equal(job.role, 'job');
    assert.ok(job.oneShot);
    assert.deepEqual(job.profiles, ['ops']);
    assert.ok(!job.stateful);
    assert.deepEqual(deps(m, 'postgres-backup'), ['postgres']);
  });
  it('redis, with no ports in the file, still gets its port from whoever connects to it', () => {
    assert.deepEqual(
      w(m, 'redis').ports.map((p) => `${p.port}/${p.source}`),
      ['6379/reference'],
    );
  });
  it('without the profile the job is listed as left out', () => {
    const plain = model(path.join(EXAMPLES, 'songnodes'));
    assert.deepEqual(plain.disabled, [{ name: 'postgres-backup', profiles: ['ops'] }]);
  });
});

describe('analyze: muse-ai', () => {
  const m = model(path.join(EXAMPLES, 'muse-ai'));
  it('nginx is the entry proxy; postgres and minio keep data', () => {
    assert.equal(w(m, 'nginx').role, 'proxy');
    assert.equal(w(m, 'nginx').exposure, 'entry');
    assert.deepEqual(
      m.workloads.filter((x) => x.stateful).map((x) => x.name),
      ['minio', 'postgres'],
    );
    assert.equal(w(m, 'minio').role, 'object-store');
  });
  it('the dependency graph of the write-up: nginx → frontend, backend; frontend → backend, lilypond; backend → postgres, minio', () => {
    assert.deepEqual(deps(m, 'nginx'), ['backend', 'frontend']);
    assert.deepEqual(deps(m, 'frontend'), ['backend', 'lilypond']);
    assert.deepEqual(deps(m, 'backend'), ['lilypond', 'minio', 'postgres']);
  });
  it('ANTHROPIC_API_KEY and the minio secret are secrets; minio:latest is flagged', () => {
    assert.ok(secretNames(m, 'backend').includes('ANTHROPIC_API_KEY'));
    assert.ok(secretNames(m, 'backend').includes('MINIO_SECRET_KEY'));
    assert.ok(m.findings.some((f) => f.code === 'unpinned-image' && f.service === 'minio'));
    assert.ok(m.findings.some((f) => f.code === 'weak-default-secret' && f.message.startsWith('POSTGRES_PASSWORD')));
  });
  it('the nginx.conf bind mount is configuration', () => {
    assert.deepEqual(
      w(m, 'nginx').storage.map((s) => s.kind),
      ['config'],
    );
  });
});

describe('analyze: somabrain', () => {
  const m = model(path.join(EXAMPLES, 'somabrain'));
  it('somabrain is the entry and reaches every backing service', () => {
    assert.equal(w(m, 'somabrain').exposure, 'entry');
    assert.deepEqual(deps(m, 'somabrain'), [
      'sb-kafka',
      'sb-opa',
      'sb-postgres',
      'sb-qdrant',
      'sb-redis',
      'somamemory',
    ]);
    assert.deepEqual(deps(m, 'sb-postgres'), [], 'POSTGRES_DB=somabrain is a database name, not a reference');
  });
  it('redpanda is a queue, qdrant a database, opa a policy engine; four services keep data', () => {
    assert.equal(w(m, 'sb-kafka').role, 'queue');
    assert.equal(w(m, 'sb-qdrant').role, 'database');
    assert.equal(w(m, 'sb-opa').role, 'identity');
    assert.deepEqual(
      m.workloads.filter((x) => x.stateful).map((x) => x.name),
      ['sb-kafka', 'sb-postgres', 'sb-qdrant', 'sb-redis'],
    );
  });
  it('the JWT secret and the DSN are secrets; prometheus is left out by its profile', () => {
    assert.deepEqual(secretNames(m, 'somabrain').sort(), ['SOMABRAIN_JWT_SECRET', 'SOMABRAIN_POSTGRES_DSN']);
    assert.deepEqual(m.disabled, [{ name: 'prometheus', profiles: ['monitoring'] }]);
  });
});

describe('analyze: ducklake', () => {
  const m = model(path.join(EXAMPLES, 'ducklake'));
  it('createbuckets is a one-shot job that backend waits for', () => {
    const job = w(m, 'createbuckets');
    assert.equal(job.role, 'job');
    assert.ok(job.oneShot);
    assert.match(job.roleReason, /backend waits for it/);
    const edge = m.edges.find((e) => e.from === 'backend' && e.to === 'createbuckets');
    assert.equal(edge?.condition, 'service_completed_successfully');
  });
  it('backend: 3 replicas, uid 1000, read-only root, /tmp scratch, the entry', () => {
    const b = w(m, 'backend');
    assert.equal(b.replicas, 3);
    assert.equal(b.user, '1000:1000');
    assert.ok(b.readOnlyRoot);
    assert.deepEqual(
      b.storage.map((s) => `${s.kind}:${s.target}`),
      ['scratch:/tmp'],
    );
    assert.deepEqual(b.capDrop, ['ALL']);
    assert.equal(b.exposure, 'entry');
  });
  it('postgres and minio keep data; the .env credentials are secrets, not weak defaults', () => {
    assert.deepEqual(
      m.workloads.filter((x) => x.stateful).map((x) => x.name),
      ['minio', 'postgres'],
    );
    assert.ok(secretNames(m, 'backend').includes('DB_POSTGRES_PASSWORD'));
    assert.ok(!m.findings.some((f) => f.code === 'weak-default-secret'), 'the values come from .env');
  });
});

const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'analysis.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

describe('analyze works on every stack', () => {
  for (const stack of allStacks()) {
    it(stack.name, () => {
      const r = loadProject({
        cwd: stack.dir,
        environment: {},
        profiles: ['*'],
        ...(stack.envFiles ? { envFiles: stack.envFiles } : {}),
      });
      assert.deepEqual(
        r.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      const m = buildModel(r.value.project!).value;
      for (const x of m.workloads) assert.ok((ROLES as readonly string[]).includes(x.role), `${x.name} has a role`);
      const a = buildAnalysis(m);
      assert.ok(validate(JSON.parse(JSON.stringify(a))), JSON.stringify(validate.errors?.slice(0, 3)));
      // No secret value may appear in any report. The report of the same model with every secret
      // replaced by a marker tells where a value shows up anyway (an image named like a password);
      // the real report must hold it no more often than that, and no marker at all.
      const marked: AppModel = {
        ...m,
        workloads: m.workloads.map((x) => ({
          ...x,
          environment: x.environment.map((e, i) => (e.sensitive ? { ...e, value: `MARKER-${x.name}-${i}-7f3a` } : e)),
        })),
      };
      const render = (mm: AppModel) => {
        const aa = buildAnalysis(mm);
        return { json: JSON.stringify(aa), markdown: renderMarkdown(aa), html: renderHtml(aa) };
      };
      const real = render(m);
      const control = render(marked);
      const count = (text: string, needle: string) => text.split(needle).length - 1;
      for (const form of ['json', 'markdown', 'html'] as const) {
        assert.ok(!control[form].includes('MARKER-'), `a secret value reaches the ${form} report of ${stack.name}`);
        for (const x of m.workloads) {
          for (const e of x.environment) {
            if (!e.sensitive || !e.value || e.value.length < 4) continue;
            const forms = [e.value, e.value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')];
            for (const f of forms)
              assert.equal(
                count(real[form], f),
                count(control[form], f),
                `${x.name}.${e.name} leaks into the ${form} report of ${stack.name}`,
              );
          }
        }
      }
    });
  }
});

describe('Markdown reports match the golden files', () => {
  for (const name of ['songnodes', 'muse-ai', 'somabrain', 'ducklake']) {
    it(name, () => {
      const md = renderMarkdown(buildAnalysis(model(path.join(EXAMPLES, name), name === 'songnodes' ? ['ops'] : [])));
      assertGolden(path.join(ROOT, 'test', 'fixtures', 'analyze', `${name}.md`), md);
    });
  }
});

describe('the way in of an observability stack is its dashboard', () => {
  itCorpus(
    'ELK: Kibana; Prometheus and Grafana: Grafana (with nothing else published to the public, no Ingress was made at all)',
    () => {
      assert.equal(w(model(path.join(CORPUS, 'ac-elasticsearch-logstash-kibana')), 'kibana').exposure, 'entry');
      const m = model(path.join(CORPUS, 'ac-prometheus-grafana'));
      assert.equal(w(m, 'grafana').exposure, 'entry');
      assert.equal(w(m, 'prometheus').exposure, 'public');
    },
  );
});
