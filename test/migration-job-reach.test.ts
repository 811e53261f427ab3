import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { describe, it } from './harness.js';
import { loadMem } from './helpers.js';
import { buildModel } from '../src/model/build.js';
import { convert } from '../src/transform/index.js';
import { toStream } from '../src/emit/stream.js';
import { parseManifests } from '../src/lint/parse.js';
import { lint } from '../src/lint/run.js';
import { composeLinks } from '../src/lint/compose-links.js';
import { buildPlan } from '../src/migrate/plan.js';
import { clusterTarget, migrationJob, splitPassword } from '../src/migrate/in-cluster.js';
import { JOB_ENGINES, type JobEngine } from '../src/knowledge/types.js';

/**
 * `migrate run --in-cluster` runs the copy as a Job beside its target and writes through the
 * target's Service. The converted NetworkPolicies deny by default: the Job must be one of the
 * clients they admit, in the namespace the plan gives it — or the copy never connects.
 */
const STACK = `services:
  web:
    image: example/web:1.0
    ports: ["8080:8080"]
    environment:
      DATABASE_URL: postgres://app@db:5432/app
      MYSQL: mysql://app@shop:3306/shop
      REDIS_URL: redis://cache:6379/0
  db:
    image: postgres:16
    volumes: [pgdata:/var/lib/postgresql/data]
  shop:
    image: mariadb:11.4
    volumes: [shopdata:/var/lib/mysql]
  cache:
    image: redis:7.2
    volumes: [cachedata:/data]
  tuned:
    image: postgres:16
    cap_add: [SYS_NICE]
    volumes: [tuned:/var/lib/postgresql/data]
volumes:
  pgdata: {}
  shopdata: {}
  cachedata: {}
  tuned: {}
`;

const PORTS: Record<JobEngine, number> = { postgres: 5432, mysql: 3306, redis: 6379 };

describe('the in-cluster copy Job reaches its target through the NetworkPolicies', () => {
  it('for every database step, the Job in the plan’s namespace for it is admitted; without that peer it is not', () => {
    const { project, fs } = loadMem({ 'compose.yaml': STACK });
    assert.ok(project);
    const model = buildModel(project, { fs }).value;
    const stream = toStream(convert(model, project, {}, fs).value);
    const plan = buildPlan(model, project);
    const steps = plan.steps.filter((s) => (JOB_ENGINES as readonly string[]).includes(s.engine));
    assert.deepEqual(steps.map((s) => `${s.service}:${s.engine}`).sort(), [
      'cache:redis',
      'db:postgres',
      'shop:mysql',
      'tuned:postgres',
    ]);
    assert.equal(steps.find((s) => s.service === 'tuned')?.namespace, 'p-privileged');
    const jobs = steps.map((s) => {
      const engine = s.engine as JobEngine;
      const source = {
        postgres: 'postgres://app@compose-host:5432/app',
        mysql: 'mysql://app@compose-host:3306/shop',
        redis: 'redis://compose-host:6379',
      }[engine];
      return stringify(
        migrationJob({
          service: s.service,
          namespace: s.namespace ?? plan.namespace,
          engine,
          image: s.image ?? 'x',
          uid: s.uid ?? 999,
          sourceUrl: source,
          targetUrl: splitPassword(clusterTarget(s)).url,
        }).toJSON(),
      );
    });
    const links = {
      ...composeLinks(model, 'compose.yaml'),
      links: steps.map((s) => ({
        from: `${s.service}-migration`,
        to: s.service,
        host: s.service,
        port: PORTS[s.engine as JobEngine],
        why: 'the in-cluster copy',
      })),
    };
    const all = `${stream}\n---\n${jobs.join('---\n')}`;
    const ok = lint(parseManifests('out.yaml', all).manifests, [], { compose: links });
    assert.deepEqual(
      ok.findings.filter((f) => f.rule === 'connectivity').map((f) => f.message),
      [],
    );
    // The peer is what admits it: without it, each copy is refused.
    const stripped = all.replace(
      /\n\s+- podSelector:\n\s+matchLabels:\n\s+app\.kubernetes\.io\/name: [a-z-]+-migration\n\s+app\.kubernetes\.io\/component: migration/g,
      '',
    );
    assert.notEqual(stripped, all);
    const blocked = lint(parseManifests('out.yaml', stripped).manifests, [], { compose: links });
    assert.equal(
      blocked.findings.filter((f) => f.rule === 'connectivity' && /-migration reaches/.test(f.message)).length,
      4,
      blocked.findings.map((f) => f.message).join('\n'),
    );
  });
});

describe('the plan offers the in-cluster copy as a command that works', () => {
  it('each note, with its host filled in and its variable exported, makes a Job without the password', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { spawnSync } = await import('node:child_process');
    const { ROOT } = await import('./helpers.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-hint-'));
    try {
      writeFileSync(
        path.join(dir, 'compose.yaml'),
        `services:
  db:
    image: postgres:16
    environment: {POSTGRES_USER: shop, POSTGRES_DB: orders, POSTGRES_PASSWORD: "\${DB_PASSWORD}"}
    ports: ["5433:5432"]
    volumes: [pgdata:/var/lib/postgresql/data]
  cache:
    image: redis:7.2
    ports: ["6380:6379"]
    volumes: [cachedata:/data]
volumes:
  pgdata: {}
  cachedata: {}
`,
      );
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, [path.join(ROOT, 'dist', 'stevedore.js'), ...args], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, DB_PASSWORD: 'x', POSTGRES_PASSWORD: 'pw-from-env' },
        });
      const plan = cli('migrate', 'plan', '-f', 'compose.yaml', '--format', 'yaml', '-o', 'plan.yaml');
      assert.equal(plan.status, 0, plan.stderr);
      const md = cli('migrate', 'plan', '-f', 'compose.yaml').stdout;
      const hints = [...md.matchAll(/`stevedore (migrate run --in-cluster [^`]+)`/g)].map((m) => m[1] ?? '');
      assert.equal(hints.length, 2, md);
      for (const hint of hints) {
        const args = [...hint.matchAll(/'[^']*'|\S+/g)]
          .map((m) => m[0].replace(/^'|'$/g, '').replace('<compose host>', 'compose-host'))
          .slice(3);
        const r = cli('migrate', 'job', ...args);
        assert.equal(r.status, 0, `${hint}\n${r.stderr}`);
        assert.match(r.stdout, /^kind: Job$/m);
        assert.match(r.stdout, /compose-host/);
        assert.doesNotMatch(r.stdout, /pw-from-env/);
      }
      assert.match(
        hints[0] ?? '',
        /--service db --from 'postgres:\/\/shop:\$\{POSTGRES_PASSWORD\}@<compose host>:5433\/orders'/,
      );
      assert.match(hints[1] ?? '', /--service cache --from 'redis:\/\/<compose host>:6380'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
