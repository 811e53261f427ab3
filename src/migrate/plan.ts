import { serviceOf } from '../compose/types.js';
import { stringify } from 'yaml';
import type { ComposeProject } from '../compose/types.js';
import { dockerExec, kubectlExec } from '../io/exec.js';
import { knowledgeById } from '../knowledge/index.js';
import { indexEdges } from '../model/graph.js';
import type { AppModel, Workload } from '../model/types.js';
import { dnsLabel } from '../transform/names.js';
import type { EngineId } from './types.js';

/** One service's data move, as `migrate run --plan` reads it back. URLs name passwords as ${VAR}. */
export interface PlanStep {
  readonly service: string;
  readonly engine: EngineId;
  readonly method: string;
  readonly source: { readonly url: string; readonly exec?: string };
  readonly target: { readonly url: string; readonly exec?: string };
  /** Variables the URLs need from the environment when the plan runs. */
  readonly needs: readonly string[];
  /** Services that write to it: stop them (or make them read-only) before the move. */
  readonly stop: readonly string[];
  readonly size: string;
  readonly rollback: string;
  readonly notes: readonly string[];
}

export interface MigrationPlan {
  readonly project: string;
  readonly namespace: string;
  readonly steps: readonly PlanStep[];
  readonly outOfScope: readonly string[];
}

const METHODS: Record<EngineId, string> = {
  postgres:
    'pg_dump -Fc streamed into pg_restore, then ANALYZE; verified by row counts and checksums per table, sequences, views, functions, large objects',
  mysql:
    'mysqldump --single-transaction --routines --triggers streamed into mysql; verified by row counts and CHECKSUM TABLE',
  redis: 'DUMP/RESTORE of every key with its TTL over SCAN; verified by key counts and digests per type',
  rabbitmq:
    'definitions (vhosts, users, queues, exchanges, bindings, policies) exported and imported through the management API; messages are not moved',
  volume: 'tar stream of the folder, modes and owners kept; verified by file count, bytes and a tree hash',
};

/** The data move for every stateful service, in order: databases first, then the rest. */
export function buildPlan(model: AppModel, project: ComposeProject, namespace = dnsLabel(project.name)): MigrationPlan {
  const steps: PlanStep[] = [];
  const outOfScope: string[] = [];
  const edges = indexEdges(model.edges);
  const order = (w: Workload) => ['database', 'queue', 'cache', 'search', 'object-store'].indexOf(w.role) + 1 || 9;
  for (const w of [...model.workloads]
    .filter((x) => x.stateful)
    .sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name))) {
    const k = w.knowledge ? knowledgeById(w.knowledge) : undefined;
    const svc = serviceOf(project, w.name);
    const env = (name: string) => w.environment.find((e) => e.name === name);
    const plain = (name: string) => {
      const e = env(name);
      return e && !e.sensitive && e.value ? e.value : undefined;
    };
    const container = svc.container_name ?? `${project.name}-${w.name}-1`;
    const pod = `${dnsLabel(w.name, 52)}-0`;
    const source = (url: string) => ({ url, exec: dockerExec(container).prefix.join(' ') });
    const target = (url: string) => ({ url, exec: kubectlExec(namespace, pod, dnsLabel(w.name)).prefix.join(' ') });
    const writers = [
      ...new Set((edges.to.get(w.name) ?? []).filter((e) => e.kind !== 'network_mode').map((e) => e.from)),
    ].sort();
    const size = k?.volumeSize ? `measured when run (volume planned at ${k.volumeSize})` : 'measured when run';
    const rollback = `the source is only read: if anything fails, point ${writers.join(', ') || 'the applications'} back at the Compose service and try again with --force`;
    const base = { service: w.name, stop: writers, size, rollback };
    const engine = k?.migration ?? 'volume';
    if (engine === 'postgres') {
      const user = plain('POSTGRES_USER') ?? plain('POSTGRESQL_USERNAME') ?? 'postgres';
      const db = plain('POSTGRES_DB') ?? plain('POSTGRESQL_DATABASE') ?? user;
      const url = `postgresql:///${encodeURIComponent(db)}?user=${encodeURIComponent(user)}`;
      steps.push({
        ...base,
        engine: 'postgres',
        method: METHODS.postgres,
        source: source(url),
        target: target(url),
        needs: [],
        notes: ['connects through the local socket inside each container: no password needed'],
      });
    } else if (engine === 'mysql') {
      const db = plain('MYSQL_DATABASE') ?? plain('MARIADB_DATABASE') ?? 'mysql';
      const scheme = k?.id === 'mariadb' ? 'mariadb' : 'mysql';
      const pw = env('MARIADB_ROOT_PASSWORD') ? 'MARIADB_ROOT_PASSWORD' : 'MYSQL_ROOT_PASSWORD';
      const url = `${scheme}://root:\${${pw}}@localhost:3306/${encodeURIComponent(db)}`;
      steps.push({
        ...base,
        engine: 'mysql',
        method: METHODS.mysql,
        source: source(url),
        target: target(url),
        needs: [pw],
        notes: [`export ${pw} with the root password before running`],
      });
    } else if (engine === 'redis') {
      const published = w.ports.find((p) => p.published)?.published ?? '6379';
      steps.push({
        ...base,
        engine: 'redis',
        method: METHODS.redis,
        source: { url: `redis://localhost:${published}/0` },
        target: { url: 'redis://localhost:16379/0' },
        needs: [],
        notes: [
          `first: kubectl port-forward -n ${namespace} svc/${dnsLabel(w.name)} 16379:6379`,
          ...(w.ports.some((p) => p.published)
            ? []
            : [`the Compose service publishes no port: add "6379:6379" or run from a container on its network`]),
        ],
      });
    } else if (engine === 'rabbitmq') {
      const user = plain('RABBITMQ_DEFAULT_USER') ?? 'guest';
      const pw = env('RABBITMQ_DEFAULT_PASS') ? '${RABBITMQ_DEFAULT_PASS}' : 'guest';
      const published = w.ports.find((p) => p.port === 15672)?.published ?? '15672';
      steps.push({
        ...base,
        engine: 'rabbitmq',
        method: METHODS.rabbitmq,
        source: { url: `http://${user}:${pw}@localhost:${published}` },
        target: { url: `http://${user}:${pw}@localhost:25672` },
        needs: env('RABBITMQ_DEFAULT_PASS') ? ['RABBITMQ_DEFAULT_PASS'] : [],
        notes: [
          `first: kubectl port-forward -n ${namespace} svc/${dnsLabel(w.name)} 25672:15672`,
          'messages still in queues are not moved: drain the queues first',
        ],
      });
      outOfScope.push(`${w.name}: messages in queues (drain them before the switch)`);
    } else if (engine === 'none') {
      outOfScope.push(
        `${w.name}: ${k?.name ?? w.role} data is rebuilt or replicated, not copied (${k?.backup ?? 'see its documentation'})`,
      );
    } else {
      for (const m of w.storage.filter((x) => x.kind === 'data')) {
        steps.push({
          ...base,
          engine: 'volume',
          method: METHODS.volume,
          source: source(m.target),
          target: target(m.target),
          needs: [],
          notes: [`volume ${m.volume}; stop ${w.name} itself for a consistent copy`],
        });
      }
    }
  }
  // Named volumes shared by stateless services (uploads written by one, served by another) hold data
  // too: copy each once, through the first service that mounts it.
  const covered = new Set(
    model.workloads
      .filter((w) => w.stateful)
      .flatMap((w) => w.storage.filter((m) => m.kind === 'data').map((m) => m.volume)),
  );
  for (const w of model.workloads.filter((x) => !x.stateful && !x.oneShot)) {
    for (const m of w.storage.filter((x) => x.kind === 'data' && x.volume && !covered.has(x.volume))) {
      covered.add(m.volume);
      const users = model.workloads.filter((x) => x.storage.some((y) => y.volume === m.volume)).map((x) => x.name);
      const container = serviceOf(project, w.name).container_name ?? `${project.name}-${w.name}-1`;
      steps.push({
        service: w.name,
        engine: 'volume',
        method: METHODS.volume,
        source: { url: m.target, exec: dockerExec(container).prefix.join(' ') },
        target: {
          url: m.target,
          exec: kubectlExec(namespace, `deploy/${dnsLabel(w.name, 52)}`, dnsLabel(w.name)).prefix.join(' '),
        },
        needs: [],
        stop: users,
        size: 'measured when run',
        rollback: `the source is only read: point ${users.join(', ')} back at Compose and try again with --force`,
        notes: [`volume ${m.volume}, shared by ${users.join(', ')}: copied once`],
      });
    }
  }
  return { project: project.name, namespace, steps, outOfScope };
}

export function planYaml(plan: MigrationPlan): string {
  return `# stevedore migrate run --plan <this file>\n# URLs name secrets as \${VAR}: export them before running. The source is only read.\n${stringify(plan, { lineWidth: 0 })}`;
}

export function planMarkdown(plan: MigrationPlan, commands: (step: PlanStep) => string[]): string {
  const out: string[] = [`# Data migration plan: ${plan.project}`, ''];
  if (!plan.steps.length) out.push('No service keeps data that needs moving.', '');
  out.push(
    'Run it with `stevedore migrate plan --format yaml -o plan.yaml` and `stevedore migrate run --plan plan.yaml`; `--dry-run` prints every command first.',
    '',
  );
  plan.steps.forEach((s, i) => {
    out.push(`## ${i + 1}. ${s.service} (${s.engine})`, '');
    out.push(`- **Method**: ${s.method}`);
    out.push(`- **From**: \`${s.source.url}\`${s.source.exec ? ` through \`${s.source.exec}\`` : ''}`);
    out.push(`- **To**: \`${s.target.url}\`${s.target.exec ? ` through \`${s.target.exec}\`` : ''}`);
    out.push(`- **Size and time**: ${s.size}; the run measures the source first and shows bytes, rate and time left`);
    out.push(
      `- **Stop first**: ${s.stop.length ? s.stop.join(', ') : 'nothing writes to it'} (no writes during the copy)`,
    );
    if (s.needs.length) out.push(`- **Needs**: ${s.needs.map((n) => `\`${n}\``).join(', ')} in the environment`);
    for (const n of s.notes) out.push(`- ${n}`);
    out.push(`- **Rollback**: ${s.rollback}`, '', '```sh', ...commands(s), '```', '');
  });
  if (plan.outOfScope.length) {
    out.push('## Not moved', '');
    for (const o of plan.outOfScope) out.push(`- ${o}`);
    out.push('');
  }
  return out.join('\n');
}
