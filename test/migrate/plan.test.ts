import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadProject } from '../../src/compose/load.js';
import { buildModel } from '../../src/model/build.js';
import { buildPlan } from '../../src/migrate/plan.js';
import { CORPUS, EXAMPLES } from '../helpers.js';

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
      ['postgres:postgres:postgresql:///ducklakedb?user=ducklake', 'minio:volume:/data'],
    );
  });
  it('penpot: a volume shared by two stateless services is copied once, through a Deployment', () => {
    const p = plan(path.join(CORPUS, 'penpot'));
    const assets = p.steps.filter((s) => s.engine === 'volume');
    assert.equal(assets.length, 1);
    assert.match(assets[0]!.target.exec!, /deploy\/penpot-backend/);
    assert.deepEqual([...assets[0]!.stop].sort(), ['penpot-backend', 'penpot-frontend']);
  });
});
