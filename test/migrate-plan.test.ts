import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, describe, it } from './harness.js';
import { loadProject } from '../src/compose/load.js';
import { buildModel } from '../src/model/build.js';
import { buildPlan, planMarkdown } from '../src/migrate/plan.js';
import { ENGINES, engineFor, engineFromUrl } from '../src/migrate/registry.js';
import { ENGINE_IDS } from '../src/migrate/types.js';
import { transportFrom } from '../src/io/exec.js';
import { CORPUS, EXAMPLES, allStacks, itCorpus, loadMem, withUserFiles } from './helpers.js';
import { convertStack, objects } from './convert-helpers.js';

const plan = (dir: string) => {
  const r = loadProject({ cwd: dir, environment: {} });
  return buildPlan(buildModel(r.value.project!).value, r.value.project!);
};

describe('the migration plan', () => {
  it('songnodes: databases first, each with its engine and the services to stop', () => {
    const p = plan(path.join(EXAMPLES, 'songnodes'));
    assert.deepEqual(
      p.steps.map((s) => `${s.service}:${s.engine}`),
      ['postgres:postgres', 'rabbitmq:rabbitmq', 'redis:redis'],
    );
    assert.ok(p.steps[0]!.stop.includes('rest-api'));
    assert.equal(p.steps[0]!.source.exec, 'docker exec -i musicdb-postgres');
    assert.match(p.steps[0]!.target.exec!, /^kubectl exec -i -n songnodes postgres-0 -c postgres --$/);
    assert.deepEqual(p.steps[1]!.needs, ['RABBITMQ_DEFAULT_PASS']);
    assert.ok(p.outOfScope.some((o) => o.includes('messages')));
  });
  it('ducklake: MinIO data is a volume copy', () => {
    const p = plan(path.join(EXAMPLES, 'ducklake'));
    assert.deepEqual(
      p.steps.map((s) => `${s.service}:${s.engine}:${s.source.url}`),
      ['postgres:postgres:postgresql:///ducklakedb?user=ducklake', 'minio:volume:/volume'],
    );
    // MinIO is stopped for the copy: its volume is read by a throwaway container, not by exec into it.
    assert.equal(p.steps[1]?.source.exec, 'docker run --rm -i -v ducklake_minio-data:/volume:ro busybox:1.36.1');
    // Written through a helper pod on the claim, with MinIO at zero replicas: never under a running service.
    assert.equal(p.steps[1]?.target.exec, 'kubectl exec -i -n ducklake minio-volume-copy --');
    assert.ok(p.steps[1]?.notes.some((n) => /scale statefulset\/minio --replicas=0/.test(n)));
  });
  itCorpus('penpot: a volume shared by two stateless services is copied once, through a Deployment', () => {
    const p = plan(path.join(CORPUS, 'penpot'));
    const assets = p.steps.filter((s) => s.engine === 'volume');
    assert.equal(assets.length, 1);
    assert.match(assets[0]!.target.exec!, /^kubectl exec -i -n penpot \S+-volume-copy --$/);
    assert.deepEqual([...assets[0]!.stop].sort(), ['penpot-backend', 'penpot-frontend']);
  });
});

describe('host folders a service writes to', () => {
  // Mastodon as its own Compose file has it: the database's data folder on the host, and the media
  // folder written by the web app and its workers.
  const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-hostfolders-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    path.join(dir, 'docker-compose.yml'),
    `services:
  db:
    image: postgres:16-alpine
    environment: { POSTGRES_HOST_AUTH_METHOD: trust }
    volumes: ["./postgres16:/var/lib/postgresql/data"]
  web:
    image: ghcr.io/mastodon/mastodon:v4.3.17
    ports: ["3000:3000"]
    depends_on: [db]
    volumes: ["./public/system:/mastodon/public/system"]
  sidekiq:
    image: ghcr.io/mastodon/mastodon:v4.3.17
    command: bundle exec sidekiq
    depends_on: [db]
    volumes: ["./public/system:/mastodon/public/system"]
`,
  );
  const r = convertStack(dir);
  const p = buildPlan(r.model, r.project);
  const claims = objects(r.files).filter((o) => o.kind === 'PersistentVolumeClaim');

  it('a data folder two services share makes neither stateful: both are apps on one shared claim', () => {
    for (const name of ['web', 'sidekiq'])
      assert.equal(r.model.workloads.find((w) => w.name === name)?.stateful, false, name);
    assert.equal(r.model.workloads.find((w) => w.name === 'db')?.stateful, true);
  });
  it('is copied once, read by a container that never creates a missing folder, into the claim that replaces it', () => {
    const moves = p.steps.filter((s) => s.engine === 'volume');
    assert.equal(moves.length, 1, JSON.stringify(p.steps.map((s) => `${s.service}:${s.engine}`)));
    const move = moves[0]!;
    assert.equal(
      move.source.exec,
      `docker run --rm -i --mount type=bind,source=${path.join(dir, 'public/system')},target=/volume,readonly busybox:1.36.1`,
    );
    // The claim the helper pod writes into is the one the conversion made, labelled to be applied alone.
    const claim = claims.find((c) => c.metadata.name === move.around?.claim);
    assert.ok(claim, `${move.around?.claim} is a claim of the conversion`);
    assert.equal(claim.metadata.labels['stevedore.dev/claim'], claim.metadata.name);
    assert.deepEqual(claim.spec.accessModes, ['ReadWriteMany']);
    assert.match(move.target.exec!, new RegExp(`^kubectl exec -i -n \\S+ ${claim.metadata.name}-copy --$`));
    assert.deepEqual([...move.stop].sort(), ['sidekiq', 'web']);
  });
  it("the database's data folder goes by its engine, not as files, on a claim its size", () => {
    assert.deepEqual(
      p.steps.map((s) => `${s.service}:${s.engine}`).filter((x) => x.startsWith('db:')),
      ['db:postgres'],
    );
    assert.doesNotMatch(
      r.files.get('NOTES.md')!,
      /Copy the host folder/,
      'no to-do to copy the database folder as files',
    );
    const pgdata = claims.find((c) => c.metadata.name === 'db-postgres16');
    assert.equal(pgdata?.spec.resources.requests.storage, '20Gi');
  });
});

describe('the cutover', () => {
  const stacks = allStacks();
  it('songnodes: a target that runs init scripts is copied with --force, and says why', () => {
    const p = plan(path.join(EXAMPLES, 'songnodes'));
    const pg = p.steps.find((s) => s.service === 'postgres')!;
    assert.deepEqual(pg.initScripts, ['sql/init']);
    assert.ok(pg.notes.some((n) => /runs sql\/init when it first starts .*--force/.test(n)));
    const md = planMarkdown(p, () => []);
    assert.match(md, /^ {3}- `stevedore migrate run --plan plan.yaml --service postgres --force`/m);
    assert.match(md, /^ {3}- `stevedore migrate run --plan plan.yaml --service redis`$/m);
    assert.match(
      md,
      /^3\. \*\*Stop the Compose stack, but for postgres, rabbitmq, redis\*\*: `docker compose -p songnodes stop frontend gold-processor .*rest-api .*websocket-api`/m,
    );
    assert.match(
      md,
      /^\*\*Rollback\*\*, .*`docker compose -p songnodes start frontend gold-processor .*websocket-api`/m,
    );
  });
  it("each step says what its own run's progress counts: rows for PostgreSQL, messages for RabbitMQ, bytes for the rest", () => {
    const md = planMarkdown(plan(path.join(EXAMPLES, 'songnodes')), () => []);
    const sizeLine = (service: string) =>
      new RegExp(`^## \\d+\\. ${service} \\(\\w+\\)$[^#]*?^- \\*\\*Size and time\\*\\*: (.*)$`, 'm').exec(md)?.[1] ??
      '';
    assert.match(sizeLine('postgres'), /progress \(rows restored, against the source's estimate\)/);
    assert.match(sizeLine('redis'), /progress \(bytes of the keys copied\)/);
    assert.match(sizeLine('rabbitmq'), /progress \(messages moved, with --move-messages/);
    for (const s of ['redis', 'rabbitmq']) assert.doesNotMatch(sizeLine(s), /rows|PostgreSQL/);
  });
  it('every object the cutover scales is a Deployment or StatefulSet of the converted stack (examples and corpus)', () => {
    for (const stack of stacks) {
      const { project, model, files } = convertStack(stack.dir, { envFiles: stack.envFiles });
      const deployments = new Set(
        objects(files)
          .filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')
          .map((o) => `${String(o.kind).toLowerCase()}/${o.metadata.name}`),
      );
      const p = buildPlan(model, project);
      for (const a of p.apps) assert.ok(deployments.has(a.object), `${stack.name}: ${a.object} is not in the output`);
      const md = planMarkdown(p, () => []);
      for (const m of md.matchAll(/kubectl -n \S+ scale ([^`]+) --replicas=0/g))
        for (const o of m[1]!.split(' '))
          assert.ok(deployments.has(o), `${stack.name}: ${o} scaled but not in the output`);
    }
  });
});

describe('volume targets: a helper pod on the real claim', () => {
  const stacks = allStacks();
  it('the claim each helper pod mounts is one the converted stack has (examples and corpus)', () => {
    for (const stack of stacks) {
      const { project, model, files } = convertStack(stack.dir, { envFiles: stack.envFiles });
      const objs = objects(files);
      const claims = new Set(objs.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name));
      for (const sts of objs.filter((o) => o.kind === 'StatefulSet'))
        for (const t of sts.spec.volumeClaimTemplates ?? []) claims.add(`${t.metadata.name}-${sts.metadata.name}-0`);
      const md = planMarkdown(buildPlan(model, project), () => []);
      for (const m of md.matchAll(/"claimName":"([^"]+)"/g))
        assert.ok(claims.has(m[1]!), `${stack.name}: the helper pod mounts ${m[1]}, which the output does not have`);
    }
  });
});

describe('the engine registry', () => {
  it('every engine is found by each of its URL schemes, and a folder by its path', () => {
    for (const id of ENGINE_IDS)
      for (const scheme of ENGINES[id].schemes) assert.equal(engineFromUrl(`${scheme}://h/x`), id, scheme);
    assert.equal(engineFromUrl('/var/lib/data'), 'volume');
    assert.throws(() => engineFromUrl('mongodb://h/db'), /no engine for mongodb:\/\/ URLs: postgres:\/\/ \(postgres\)/);
    assert.throws(() => engineFor('mongodb'), /no migration engine "mongodb"/);
  });
  it('an image whose method has no engine (mongodb) is planned as a volume copy, with a warning', () => {
    const { project } = loadMem({
      'compose.yaml': 'services:\n  db:\n    image: mongo:7\n    volumes: [data:/data/db]\nvolumes:\n  data: {}\n',
    });
    const p = buildPlan(buildModel(project!).value, project!);
    assert.deepEqual(
      p.steps.map((s) => `${s.service}:${s.engine}:${s.source.url}`),
      ['db:volume:/volume'],
    );
    assert.match(p.steps[0]!.notes[0]!, /no engine for MongoDB: copy the volume with the service stopped/);
    assert.equal(p.warnings?.length, 2);
    assert.match(
      p.warnings?.[1] ?? '',
      /Stevedore runs and verifies none of this.*docker exec -i p-db-1 sh -c 'mongodump --archive --gzip .*' \| kubectl exec -i -n p db-0 -c db -- sh -c 'mongorestore --archive --gzip --drop /s,
    );
    assert.match(
      planMarkdown(p, () => []),
      /## Warnings\n\n- db: no engine for MongoDB data/,
    );
  });
});

describe('data kept in the container itself (no volume)', () => {
  // qdrant-cluster has it: three nodes, none with a volume. The plan once said "No service keeps
  // data that needs moving" while convert gave each a claim and a to-do about its data.
  const compose =
    'services:\n  vectors:\n    image: qdrant/qdrant:v1.12.4\n    ports: ["6333:6333"]\n  db:\n    image: postgres:16\n    environment: { POSTGRES_PASSWORD: x }\n';
  const { project } = loadMem({ 'compose.yaml': compose });
  const p = buildPlan(buildModel(project!).value, project!);
  const step = p.steps.find((s) => s.service === 'vectors');
  it('a step reads the stopped container through a snapshot of it, into the claim convert gave the StatefulSet', () => {
    assert.deepEqual(
      p.steps.map((s) => `${s.service}:${s.engine}`),
      ['db:postgres', 'vectors:volume'],
    );
    assert.deepEqual(p.warnings, []);
    assert.equal(step?.what, undefined, "the service's own data");
    assert.deepEqual(step?.source, {
      url: '/qdrant/storage',
      exec: 'docker run --rm -i --network none -u 0 --volumes-from p-vectors-1:ro --entrypoint= stevedore-snapshot-p-vectors-1:copy',
    });
    assert.equal(step?.target.url, '/volume');
    assert.equal(step?.around?.claim, 'data-vectors-0');
    assert.equal(step?.around?.before[0], 'docker commit p-vectors-1 stevedore-snapshot-p-vectors-1:copy');
    assert.equal(step?.around?.after.at(-1), 'docker rmi stevedore-snapshot-p-vectors-1:copy');
  });
  it('the snapshot command reaches docker as the words it must: an empty entrypoint, the container read only', () => {
    const t = transportFrom(step?.source.exec);
    assert.deepEqual(t.prefix.slice(-3), ['p-vectors-1:ro', '--entrypoint=', 'stevedore-snapshot-p-vectors-1:copy']);
  });
  it('the cutover stops the service before its snapshot, and its claim is one the converted StatefulSet has', () => {
    const md = planMarkdown(p, () => []);
    assert.match(md, /Stop the Compose stack, but for db\*\*: `docker compose -p p stop vectors`/);
    const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-nocvolume-'));
    try {
      writeFileSync(path.join(dir, 'compose.yaml'), compose);
      const r = convertStack(dir);
      const sts = objects(r.files).find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'vectors') as
        { spec: { volumeClaimTemplates: { metadata: { name: string } }[] } } | undefined;
      assert.deepEqual(
        sts?.spec.volumeClaimTemplates.map((c) => `${c.metadata.name}-vectors-0`),
        ['data-vectors-0'],
      );
      const runbook = r.files.get('RUNBOOK.md') ?? '';
      const commit = runbook.indexOf('docker commit');
      assert.ok(commit > runbook.indexOf('stop vectors') && commit > 0, 'the snapshot is taken after the stop');
      assert.ok(runbook.indexOf('docker rmi') > commit);
      assert.match(
        r.files.get('NOTES.md') ?? '',
        /vectors keeps its data at \/qdrant\/storage inside its container .*RUNBOOK\.md copies it/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a clustered store copied as files under a new name', () => {
  const planOf = (compose: string) => {
    const { project } = loadMem({ 'compose.yaml': compose });
    return buildPlan(buildModel(project!).value, project!);
  };
  it("its copied membership names hosts the cluster renamed (qdrant's node_1 is qdrant-node-1): a warning per node", () => {
    const p = planOf(
      'services:\n  qdrant_a:\n    image: qdrant/qdrant:v1.12.4\n  qdrant_b:\n    image: qdrant/qdrant:v1.12.4\n    depends_on: [qdrant_a]\n',
    );
    assert.deepEqual(
      p.warnings?.map((w) => w.split(':')[0]),
      ['qdrant_a', 'qdrant_b'],
    );
    assert.match(p.warnings?.[0] ?? '', /Compose names it qdrant_a, the cluster qdrant-a; .*still names qdrant_a/);
  });
  it('no warning for a single node, or for a cluster whose names stay', () => {
    assert.deepEqual(planOf('services:\n  vectors_db:\n    image: qdrant/qdrant:v1.12.4\n').warnings, []);
    assert.deepEqual(
      planOf('services:\n  qa:\n    image: qdrant/qdrant:v1.12.4\n  qb:\n    image: qdrant/qdrant:v1.12.4\n').warnings,
      [],
    );
  });
});

describe('NOTES.md names what the data move takes', () => {
  itCorpus('mastodon: its media folder by its path and the services that share it, not by the first of them', () => {
    const { files } = convertStack(withUserFiles('mastodon'));
    assert.match(
      files.get('NOTES.md') ?? '',
      /copies and verifies the data of db, redis, host folder \.\/public\/system \(sidekiq, web\) with `stevedore migrate`/,
    );
  });
});
