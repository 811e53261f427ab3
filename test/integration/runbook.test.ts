import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Json } from '../../src/emit/environments.js';
import { overridesOf } from '../../src/emit/runbook/restore.js';
import { buildPlan } from '../../src/migrate/plan.js';
import { convertStack } from '../convert-helpers.js';
import { after, describe, it } from '../harness.js';
import { allStacks, EXAMPLES, ROOT } from '../helpers.js';
import { mariadb, psql, startMariadb, startPostgres, startRedis, type Server } from '../servers.js';

const BIN = path.join(ROOT, 'dist', 'stevedore.js');
const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
const tempDir = (name: string) => {
  const d = mkdtempSync(path.join(tmpdir(), `stevedore-runbook-${name}-`));
  temps.push(d);
  return d;
};

/** The shell lines of the runbook's code blocks. */
function commands(md: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const line of md.split('\n')) {
    if (line.startsWith('```')) inBlock = !inBlock;
    else if (inBlock && line.trim()) out.push(line.trim());
  }
  return out;
}

const KINDS: Record<string, string> = {
  statefulset: 'StatefulSet',
  deployment: 'Deployment',
  daemonset: 'DaemonSet',
  job: 'Job',
  cronjob: 'CronJob',
  service: 'Service',
  pvc: 'PersistentVolumeClaim',
};

/**
 * What a kubectl line names that must exist: namespace, kind/name in that namespace (a pod that
 * needs more than baseline runs in the second one), files, label selectors, claims.
 */
function checkKubectl(
  line: string,
  namespaces: string[],
  objects: Json[],
  files: ReadonlyMap<string, string>,
  made: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  const n = /-n (\S+)|--namespace[ =](\S+)/.exec(line);
  const ns = n ? (n[1] ?? n[2]) : undefined;
  if (ns && !namespaces.includes(ns)) problems.push(`namespace ${ns}`);
  const find = (kind: string, name: string) =>
    objects.some(
      (o) =>
        o.kind === kind &&
        (o.metadata as Json).name === name &&
        (ns === undefined || (o.metadata as Json).namespace === ns),
    );
  for (const m of line.matchAll(
    /(?:^|[\s=])(statefulset|deployment|daemonset|job|cronjob|service|pvc)\/([a-z0-9.-]+)/g,
  )) {
    const kind = KINDS[m[1]!]!;
    const name = m[2]!;
    if (!find(kind, name)) problems.push(`${kind} ${name}`);
  }
  // A pod named like a StatefulSet's replica, unless the runbook makes it itself (a helper pod).
  for (const m of line.matchAll(/pod\/(([a-z0-9-]+)-(\d+))(?![a-z0-9-])/g))
    if (!made.has(m[1]!) && !find('StatefulSet', m[2]!)) problems.push(`pod of StatefulSet ${m[2]}`);
  for (const m of line.matchAll(/ exec ([a-z0-9-]+)-(\d+) /g))
    if (!find('StatefulSet', m[1]!)) problems.push(`pod of StatefulSet ${m[1]}`);
  for (const m of line.matchAll(/ -[fk] k8s\/(\S+)/g)) {
    const p = m[1]!;
    const exists = files.has(p) || [...files.keys()].some((f) => f.startsWith(`${p}/`));
    if (!exists) problems.push(`file ${p}`);
  }
  for (const m of line.matchAll(/-l app\.kubernetes\.io\/name=(\S+)/g)) {
    if (!objects.some((o) => ((o.metadata as Json).labels as Json | undefined)?.['app.kubernetes.io/name'] === m[1]))
      problems.push(`label ${m[1]}`);
  }
  const pod = overridesOf(line) as unknown as { spec: { volumes?: Json[] } } | undefined;
  for (const v of pod?.spec.volumes ?? []) {
    const claim = (v.persistentVolumeClaim as Json | undefined)?.claimName as string | undefined;
    if (!claim) continue;
    const templated = objects.some((o) =>
      ((o.spec as Json | undefined)?.volumeClaimTemplates as Json[] | undefined)?.some((t) =>
        claim.startsWith(`${(t.metadata as Json).name as string}-${(o.metadata as Json).name as string}-`),
      ),
    );
    if (!find('PersistentVolumeClaim', claim) && !templated) problems.push(`claim ${claim}`);
  }
  return problems;
}

describe('every kubectl command of RUNBOOK.md names what the manifests hold, for every stack and form', () => {
  for (const s of allStacks()) {
    it(s.name, () => {
      const load = { profiles: ['*'], ...(s.envFiles ? { envFiles: s.envFiles } : {}) };
      for (const form of ['kustomize', 'helm', 'plain'] as const) {
        const r = convertStack(s.dir, load, {}, undefined, { form, outDir: 'k8s' });
        const objects = r.conversion.objects.map((e) => {
          const json = e.object.toJSON() as Json;
          return { ...json, metadata: { ...(json.metadata as Json), namespace: e.namespace } };
        });
        const namespaces = [r.conversion.namespace, r.conversion.privilegedNamespace ?? r.conversion.namespace];
        const md = r.files.get('RUNBOOK.md')!;
        const lines = commands(md).filter((l) => l.startsWith('kubectl'));
        assert.ok(lines.length > 5, `${form}: kubectl commands`);
        const made = new Set(lines.flatMap((l) => /^kubectl -n \S+ run (\S+) /.exec(l)?.[1] ?? []));
        for (const line of lines)
          assert.deepEqual(checkKubectl(line, namespaces, objects, r.files, made), [], `${form}: ${line}`);
        // Every step gives commands and a condition to go on: none is left empty.
        assert.doesNotMatch(md, /```sh\n```/, `${form}: a step with no command`);
        assert.doesNotMatch(md, /\*\*Go when\*\* \./, `${form}: a step with no condition`);
        // The last step is the way in: the DNS switch, or, with nothing published, the port-forward.
        const last = md.slice(md.lastIndexOf('\n### ', md.indexOf('## What changed')));
        assert.match(last, /### \d+\. (Switch DNS|Reach the application)/, `${form}: the last step`);
        // Each step a step refers to exists, and "the way back" of a stop is the step that stopped Compose.
        const cutover = md.slice(0, md.indexOf('## What changed'));
        const titles = [...cutover.matchAll(/^### (\d+)\. (.+)$/gm)].map((m) => m[2]);
        for (const [, n] of cutover.matchAll(/\bstep (\d+)/g))
          assert.ok(Number(n) >= 1 && Number(n) <= titles.length, `${form}: step ${n} of ${titles.length}`);
        for (const [, n] of cutover.matchAll(/\(step (\d+)'s way back\)/g))
          assert.equal(titles[Number(n) - 1], 'Stop the Compose writers', `${form}: step ${n}'s way back`);
        // The runbook moves and verifies data exactly when the plan has something to move.
        const moves = buildPlan(r.model, r.project, r.conversion.namespace).steps.length > 0;
        assert.equal(/stevedore migrate verify --plan plan\.yaml/.test(md), moves, `${form}: verify step`);
        // NOTES.md's all-at-once commands send a stack with data to move to the runbook.
        assert.equal(/follow RUNBOOK\.md instead/.test(r.files.get('NOTES.md') ?? ''), moves, `${form}: NOTES.md`);
      }
    });
  }
});

describe('the SongNodes runbook covers what its team wrote by hand', () => {
  it('migration summary and resilience guide: every section that applies', () => {
    const r = convertStack(path.join(EXAMPLES, 'songnodes'), {}, {}, undefined, {
      form: 'helm',
      gitops: { tool: 'flux', repo: 'https://example.com/songnodes.git' },
      skaffold: true,
    });
    const md = r.files.get('RUNBOOK.md')!;
    for (const [section, pattern] of [
      ['rollback', /\*\*Back\*\* /],
      ['infrastructure changes', /## What changed[\s\S]*\| postgres \| [^\n]*StatefulSet postgres/],
      ['development workflow, before and after', /## Development[\s\S]*docker compose[\s\S]*skaffold dev/],
      ['after an unexpected reboot', /### After a node reboot/],
      ['pods stuck in ImagePullBackOff', /### ImagePullBackOff/],
      ['database lost data', /### Restore postgres from its latest backup/],
      ['pods stuck Terminating', /### A pod stuck Terminating/],
      ['memory pressure on a single node', /### Memory pressure/],
      ['slow image pulls after restart', /### Slow image pulls/],
      ['all-in-one status', /get pods,deployments,statefulsets/],
      ['failing pods', /status\.phase!=Running/],
      ['pods without resource limits', /resources\.limits/],
      ['PVC disk usage', /df -h/],
      ['GitOps sync', /flux get kustomizations|flux get helmreleases/],
      ['daily, weekly, monthly maintenance', /\*\*Daily\*\*[\s\S]*\*\*Weekly\*\*[\s\S]*\*\*Monthly\*\*/],
      ['resilience checklist', /## Resilience checklist\n[\s\S]*- \[x\] /],
      ['data migration with verification', /stevedore migrate verify/],
    ] as const)
      assert.match(md, pattern, section);
  });
});

describe('the stevedore commands of RUNBOOK.md run against the example', () => {
  it('songnodes: plan, dry runs of every move and of verify', () => {
    const dir = tempDir('songnodes');
    copyFileSync(path.join(EXAMPLES, 'songnodes', 'docker-compose.yml'), path.join(dir, 'docker-compose.yml'));
    const r = convertStack(path.join(EXAMPLES, 'songnodes'));
    const lines = commands(r.files.get('RUNBOOK.md')!).filter((l) => l.startsWith('stevedore '));
    assert.ok(lines.length >= 5);
    for (const line of lines) {
      const args = line.split(' ').slice(1);
      if (/migrate (run|verify)/.test(line) && !args.includes('--dry-run')) args.push('--dry-run');
      const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', RABBITMQ_DEFAULT_PASS: 'x' };
      const out = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, encoding: 'utf8' });
      assert.equal(out.status, 0, `${line}\n${out.stderr}`);
      if (/--service (\w+)/.test(line)) assert.match(out.stdout, new RegExp(`# ${/--service (\w+)/.exec(line)![1]}`));
    }
  });
});

/** The backup CronJob's script and the runbook's restore, run for real against a throwaway server. */
function scripts(compose: string, service: string) {
  const dir = tempDir(service);
  writeFileSync(path.join(dir, 'compose.yaml'), compose);
  const r = convertStack(dir);
  const cron = r.conversion.objects.map((e) => e.object.toJSON() as Json).find((o) => o.kind === 'CronJob')!;
  const backup = ((((cron.spec as Json).jobTemplate as Json).spec as Json).template as Json).spec as Json;
  const backupScript = ((backup.containers as Json[])[0]!.command as string[])[2]!;
  const name = service.replace(/_/g, '-');
  const restoreLine = commands(r.files.get('RUNBOOK.md')!).find((l) => l.includes(`run ${name}-restore`))!;
  const restoreScript = overridesOf(restoreLine)!.spec.containers[0]!.command[2]!;
  const env: Record<string, string> = {};
  for (const e of r.conversion.objects.map((x) => x.object.toJSON() as Json))
    if ((e.kind === 'ConfigMap' || e.kind === 'Secret') && (e.metadata as Json).name === `${name}-env`)
      Object.assign(env, (e.data ?? e.stringData) as Json);
  return { backupScript, restoreScript, env, backups: path.join(dir, 'backups') };
}

/** The dumps of the newest PostgreSQL backup run: one folder a run, one file a database. */
function newestDumps(backups: string): string[] {
  const runs = readdirSync(backups)
    .filter((f) => !f.endsWith('.part'))
    .sort();
  const last = runs.at(-1);
  return last
    ? readdirSync(path.join(backups, last))
        .filter((f) => f.endsWith('.dump'))
        .sort()
    : [];
}

/** Runs a script as the pod would, with the Service name pointed at the local server and /backups at a folder. */
function runAsPod(
  script: string,
  host: string,
  to: { host: string; port?: string },
  folders: Record<string, string>,
  env: Record<string, string>,
) {
  let s = script.replaceAll(`-h ${host} `, `-h ${to.host} ${to.port ? `-p ${to.port} ` : ''}`);
  for (const [from, local] of Object.entries(folders)) s = s.replaceAll(from, local);
  return execFileSync('sh', ['-c', s], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
}

describe('backups are restored by the runbook, for real', () => {
  const servers: Server[] = [];
  after(async () => {
    for (const s of servers) await s.stop();
  });
  it('PostgreSQL: the CronJob dumps, the database is dropped, the runbook restores it, the rows are equal', async () => {
    const pg = await startPostgres('pgsecret');
    servers.push(pg);
    const s = scripts(
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: postgres\n      POSTGRES_PASSWORD: pgsecret\n      POSTGRES_DB: shop\n    volumes: [pg:/var/lib/postgresql/data]\nvolumes: {pg: {}}\n',
      'db',
    );
    mkdirSync(s.backups);
    const url = pg.url.replace(/\/postgres$/, '/shop');
    psql(pg.url, 'CREATE DATABASE shop');
    psql(
      url,
      "CREATE TABLE t (id int primary key, name text); INSERT INTO t SELECT g, 'row ' || g FROM generate_series(1, 500) g",
    );
    const before = psql(url, "SELECT md5(string_agg(id || name, ',' ORDER BY id)) FROM t");
    const env = { ...s.env, PGPORT: String(pg.port) };
    runAsPod(s.backupScript, 'db', { host: '127.0.0.1' }, { '/backups': s.backups }, env);
    assert.deepEqual(newestDumps(s.backups), ['shop.dump'], 'the empty postgres database is no dump of its own');
    psql(pg.url, 'DROP DATABASE shop');
    const out = runAsPod(s.restoreScript, 'db', { host: '127.0.0.1' }, { '/backups': s.backups }, env);
    assert.match(out, /restoring .*db-.*\.dump/);
    assert.equal(psql(url, "SELECT md5(string_agg(id || name, ',' ORDER BY id)) FROM t"), before);
  });
  it("PostgreSQL as Plausible has it: the application's own database (not POSTGRES_DB's) is backed up and restored; old runs are pruned", async () => {
    const pg = await startPostgres('pgsecret');
    servers.push(pg);
    const s = scripts(
      'services:\n  plausible_db:\n    image: postgres:14-alpine\n    environment:\n      POSTGRES_PASSWORD: pgsecret\n    volumes: [pg:/var/lib/postgresql/data]\nvolumes: {pg: {}}\n',
      'plausible_db',
    );
    mkdirSync(s.backups);
    psql(pg.url, 'CREATE DATABASE plausible_db');
    const url = pg.url.replace(/\/postgres$/, '/plausible_db');
    psql(
      url,
      "CREATE TABLE events (id int primary key, name text); INSERT INTO events SELECT g, 'e' || g FROM generate_series(1, 700) g",
    );
    const env = { ...s.env, PGPORT: String(pg.port) };
    // Eight runs a second apart would take eight seconds: older runs are made by renaming.
    for (let i = 0; i < 8; i++) mkdirSync(path.join(s.backups, `plausible-db-2000010${i}-000000`));
    runAsPod(s.backupScript, 'plausible-db', { host: '127.0.0.1' }, { '/backups': s.backups }, env);
    assert.deepEqual(newestDumps(s.backups), ['plausible_db.dump', 'postgres.dump']);
    assert.equal(readdirSync(s.backups).length, 7, 'the last seven runs are kept');
    psql(pg.url, 'DROP DATABASE plausible_db');
    const out = runAsPod(s.restoreScript, 'plausible-db', { host: '127.0.0.1' }, { '/backups': s.backups }, env);
    assert.match(out, /restoring .*plausible_db\.dump/);
    assert.equal(psql(url, 'SELECT count(*) FROM events').trim(), '700');
  });
  it('PostgreSQL on a new server (the volume lost): the roles come back before the databases, a role the server has keeps its password', async () => {
    const [pg, fresh] = await Promise.all([startPostgres('pgsecret'), startPostgres('pgsecret')]);
    servers.push(pg, fresh);
    const s = scripts(
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: postgres\n      POSTGRES_PASSWORD: pgsecret\n      POSTGRES_DB: shop\n    volumes: [pg:/var/lib/postgresql/data]\nvolumes: {pg: {}}\n',
      'db',
    );
    mkdirSync(s.backups);
    const on = (server: Server, who = 'postgres:pgsecret') =>
      server.url.replace('postgres:pgsecret@', `${who}@`).replace(/\/postgres$/, '/shop');
    psql(pg.url, 'CREATE DATABASE shop');
    psql(
      pg.url,
      "CREATE ROLE owner_role NOLOGIN; CREATE ROLE reporter LOGIN PASSWORD 'reportpw' CONNECTION LIMIT 5; ALTER ROLE reporter SET statement_timeout = '5s'; GRANT owner_role TO reporter; CREATE ROLE keeper LOGIN PASSWORD 'oldpw'",
    );
    psql(
      on(pg),
      'CREATE TABLE t (id int primary key); INSERT INTO t SELECT generate_series(1, 30); ALTER TABLE t OWNER TO owner_role; GRANT SELECT ON t TO keeper',
    );
    runAsPod(
      s.backupScript,
      'db',
      { host: '127.0.0.1' },
      { '/backups': s.backups },
      { ...s.env, PGPORT: String(pg.port) },
    );
    const run = path.join(s.backups, readdirSync(s.backups).sort().at(-1)!);
    assert.equal(
      statSync(path.join(run, 'roles.sql')).mode & 0o077,
      0,
      "the roles file (password hashes) is the owner's alone",
    );
    assert.doesNotMatch(
      readFileSync(path.join(run, 'roles.sql'), 'utf8'),
      /create role postgres/,
      "the server's own superuser is not made again",
    );
    // The new server already has keeper, with another password: it keeps it.
    psql(fresh.url, "CREATE ROLE keeper LOGIN PASSWORD 'newpw'");
    const env = { ...s.env, PGPORT: String(fresh.port) };
    for (let i = 0; i < 2; i++) {
      const out = runAsPod(s.restoreScript, 'db', { host: '127.0.0.1' }, { '/backups': s.backups }, env);
      assert.match(out, /restoring the roles/);
    }
    assert.equal(
      psql(on(fresh), "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 't'").trim(),
      'owner_role',
    );
    assert.equal(
      psql(on(fresh, 'reporter:reportpw'), 'SELECT count(*) FROM t').trim(),
      '30',
      'reporter logs in with its password and reads through owner_role',
    );
    assert.equal(
      psql(
        fresh.url,
        "SELECT rolconnlimit || ' ' || array_to_string(rolconfig, ',') FROM pg_roles WHERE rolname = 'reporter'",
      ).trim(),
      '5 statement_timeout=5s',
    );
    assert.equal(
      psql(on(fresh, 'keeper:newpw'), 'SELECT count(*) FROM t').trim(),
      '30',
      "keeper keeps the new server's password; its grant came with the dump",
    );
  });
  it('PostgreSQL with POSTGRES_PASSWORD_FILE: the CronJob and the restore log in from the mounted Secret, as the service does', async () => {
    const pg = await startPostgres('superpw');
    servers.push(pg);
    psql(pg.url, "CREATE ROLE app LOGIN PASSWORD 'from-a-file'");
    psql(pg.url, 'CREATE DATABASE shop OWNER app');
    const dir = tempDir('filepw');
    writeFileSync(path.join(dir, 'db_password.txt'), 'from-a-file\n');
    writeFileSync(
      path.join(dir, 'compose.yaml'),
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_DB: shop\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\n    volumes: [pg:/var/lib/postgresql/data]\nsecrets:\n  db_password:\n    file: ./db_password.txt\nvolumes: {pg: {}}\n',
    );
    const r = convertStack(dir);
    const cron = r.conversion.objects.map((e) => e.object.toJSON() as Json).find((o) => o.kind === 'CronJob')!;
    const pod = ((((cron.spec as Json).jobTemplate as Json).spec as Json).template as Json).spec as Json;
    const container = (pod.containers as Json[])[0]!;
    const mounts = container.volumeMounts as { mountPath: string; name: string }[];
    assert.ok(
      mounts.some((m) => m.mountPath.startsWith('/run/secrets')),
      `the Secret is mounted where POSTGRES_PASSWORD_FILE points: ${JSON.stringify(mounts)}`,
    );
    const script = (container.command as string[])[2]!;
    assert.doesNotMatch(script, /from-a-file/);
    const backups = path.join(dir, 'backups');
    mkdirSync(backups);
    psql(
      pg.url.replace(/\/postgres$/, '/shop').replace('postgres:superpw@', 'app:from-a-file@'),
      'CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 42)',
    );
    // What the pod has: the Compose variables, the Secret's file where POSTGRES_PASSWORD_FILE points.
    const env = {
      POSTGRES_USER: 'app',
      POSTGRES_DB: 'shop',
      POSTGRES_PASSWORD_FILE: path.join(dir, 'db_password.txt'),
      PGPORT: String(pg.port),
    };
    runAsPod(script, 'db', { host: '127.0.0.1' }, { '/backups': backups }, env);
    assert.deepEqual(newestDumps(backups), ['shop.dump']);
    // app is no superuser: the roles are read from pg_roles, which shows no password hash.
    const roles = readFileSync(path.join(backups, readdirSync(backups).sort().at(-1)!, 'roles.sql'), 'utf8');
    assert.match(roles, /create role postgres with/);
    assert.doesNotMatch(roles, /SCRAM-SHA-256|\*\*\*\*/);
    const restore = commands(r.files.get('RUNBOOK.md')!).find((l) => l.includes('run db-restore'))!;
    const restoreScript = overridesOf(restore)!.spec.containers[0]!.command[2]!;
    psql(pg.url, 'DROP DATABASE shop');
    psql(pg.url, 'ALTER ROLE app CREATEDB');
    runAsPod(restoreScript, 'db', { host: '127.0.0.1' }, { '/backups': backups }, env);
    assert.equal(psql(pg.url.replace(/\/postgres$/, '/shop'), 'SELECT count(*) FROM t').trim(), '42');
  });
  it('MariaDB: the CronJob dumps every database, one is dropped, the runbook restores it, the rows are equal', async () => {
    const db = await startMariadb();
    servers.push(db);
    mariadb(
      db.url,
      "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY 'rootpw'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION",
    );
    const s = scripts(
      'services:\n  mariadb:\n    image: mariadb:11\n    environment:\n      MARIADB_ROOT_PASSWORD: rootpw\n    volumes: [m:/var/lib/mysql]\nvolumes: {m: {}}\n',
      'mariadb',
    );
    mkdirSync(s.backups);
    mariadb(
      db.url,
      'CREATE DATABASE shop; CREATE TABLE shop.t (id int primary key, name text); INSERT INTO shop.t VALUES (1, "a"), (2, "b"), (3, "c")',
    );
    const before = mariadb(db.url, 'SELECT GROUP_CONCAT(id, name ORDER BY id) FROM shop.t');
    const env = { ...s.env, MYSQL_TCP_PORT: String(db.port) };
    runAsPod(s.backupScript, 'mariadb', { host: '127.0.0.1' }, { '/backups': s.backups }, env);
    assert.equal(readdirSync(s.backups).filter((f) => f.endsWith('.sql.gz')).length, 1);
    mariadb(db.url, 'DROP DATABASE shop');
    runAsPod(s.restoreScript, 'mariadb', { host: '127.0.0.1' }, { '/backups': s.backups }, env);
    assert.equal(mariadb(db.url, 'SELECT GROUP_CONCAT(id, name ORDER BY id) FROM shop.t'), before);
  });
  it('Redis: the CronJob saves an RDB, the server loses its data, the runbook puts the dump back, the keys return', async () => {
    const redis = await startRedis();
    servers.push(redis);
    const s = scripts('services:\n  cache:\n    image: redis:7.2\n    volumes: [r:/data]\nvolumes: {r: {}}\n', 'cache');
    mkdirSync(s.backups);
    const cli = (port: number, ...args: string[]) =>
      execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).trim();
    for (let i = 0; i < 100; i++) cli(redis.port, 'SET', `k${i}`, `v${i}`);
    runAsPod(
      s.backupScript,
      'cache',
      { host: '127.0.0.1', port: String(redis.port) },
      { '/backups': s.backups },
      s.env,
    );
    assert.equal(readdirSync(s.backups).filter((f) => f.endsWith('.rdb')).length, 1);
    cli(redis.port, 'FLUSHALL');
    const data = tempDir('redis-data');
    runAsPod(s.restoreScript, 'cache', { host: '127.0.0.1' }, { '/backups': s.backups, '/data': data }, s.env);
    const restored = await startRedis(data);
    servers.push(restored);
    assert.equal(cli(restored.port, 'DBSIZE'), '100');
    assert.equal(cli(restored.port, 'GET', 'k42'), 'v42');
  });
});
