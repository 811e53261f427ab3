import { perNamespaceCommands } from '../io/kubectl-lines.js';
import path from 'node:path';
import { serviceOf } from '../compose/types.js';
import { stringify } from 'yaml';
import type { ComposeProject } from '../compose/types.js';
import { VOLUME_MOUNT, dockerExec, dockerVolume, kubectlExec } from '../io/exec.js';
import { knowledgeById, runtimeUser } from '../knowledge/index.js';
import { indexEdges } from '../model/graph.js';
import { layersOf } from '../model/layers.js';
import type { AppModel, Workload } from '../model/types.js';
import { dnsLabel } from '../transform/names.js';
import { planNamespaces } from '../transform/privileged.js';
import { implicitDataPath } from '../transform/passes/implicit-data.js';
import {
  containerDataSteps,
  hostFolderSteps,
  sharedVolumeSteps,
  statefulVolumeTarget,
  type VolumeContext,
} from './plan-volumes.js';
import { ENGINES, isEngineId } from './registry.js';
import type { EngineId, PlanInput, PlanSide } from './types.js';

/** One service's data move, as `migrate run --plan` reads it back. URLs name passwords as ${VAR}. */
export interface PlanStep {
  readonly service: string;
  readonly engine: EngineId;
  readonly method: string;
  readonly source: PlanSide;
  readonly target: PlanSide;
  /** Variables the URLs need from the environment when the plan runs. */
  readonly needs: readonly string[];
  /** Services that write to it: stop them (or make them read-only) before the move. */
  readonly stop: readonly string[];
  readonly size: string;
  readonly rollback: string;
  readonly notes: readonly string[];
  /**
   * Scripts the converted image runs on its first start (`/docker-entrypoint-initdb.d`): the target is
   * then not empty, and the run replaces what they made (the source already holds their effect).
   */
  readonly initScripts?: readonly string[];
  /** The service's image and the uid it runs as: what an in-cluster copy Job runs (`migrate job`). */
  readonly image?: string;
  readonly uid?: number;
  /** The namespace the service runs in: an in-cluster copy Job runs there, beside its target. */
  readonly namespace?: string;
  /** A copy into a helper pod: the commands that make it before the run and remove it after. */
  readonly around?: Around;
  /** What it moves when that is not the service's own data: `volume uploads`, `host folder ./media`. */
  readonly what?: string;
}

/**
 * The commands around a copy into a helper pod that mounts a claim: before it, the service that
 * holds the claim scaled to zero and the pod made and ready; after it, the pod deleted and the
 * service scaled back. `claim` is the claim the pod mounts when it is an object of its own (a
 * shared one), which must exist first; a StatefulSet's claim comes with it.
 */
export interface Around {
  readonly claim?: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
}

/** A stateless workload of the cluster: Compose's runs stop for the move; the cluster's scale to zero on a rollback. */
export interface PlanApp {
  readonly service: string;
  /** `deployment/<name>`, as kubectl names it. */
  readonly object: string;
  /** Its namespace: the application's, or the second one for pods that need more than Pod Security baseline. */
  readonly namespace: string;
}

export interface MigrationPlan {
  readonly project: string;
  readonly namespace: string;
  readonly steps: readonly PlanStep[];
  /** What runs but keeps no data: stopped in Compose for the move, scaled to zero in the cluster on a rollback. */
  readonly apps: readonly PlanApp[];
  readonly outOfScope: readonly string[];
  /** What the plan could not do well: data with no engine of its own, copied as files. */
  readonly warnings?: readonly string[];
}

/**
 * Data that has no engine here, moved by its own tools run in the service's own containers: the
 * exact commands, which Stevedore neither runs nor verifies.
 */
const MANUAL: Record<string, (from: string, to: string) => string> = {
  // Single quotes: the credentials are the containers' own variables, expanded inside them (none: no auth).
  mongodb: (from, to) =>
    `${from} sh -c 'mongodump --archive --gzip \${MONGO_INITDB_ROOT_USERNAME:+-u "$MONGO_INITDB_ROOT_USERNAME" -p "$MONGO_INITDB_ROOT_PASSWORD" --authenticationDatabase admin}' | ${to} sh -c 'mongorestore --archive --gzip --drop \${MONGO_INITDB_ROOT_USERNAME:+-u "$MONGO_INITDB_ROOT_USERNAME" -p "$MONGO_INITDB_ROOT_PASSWORD" --authenticationDatabase admin}'; then compare db.getCollectionNames() and each collection's countDocuments() on both sides`,
};

/** The data move for every stateful service, in order: databases first, then the rest. */
export function buildPlan(model: AppModel, project: ComposeProject, namespace = dnsLabel(project.name)): MigrationPlan {
  const steps: PlanStep[] = [];
  const layers = layersOf(model);
  const outOfScope: string[] = [];
  const warnings: string[] = [];
  const edges = indexEdges(model.edges);
  // Each service's objects are where convert puts them: pods that need more than baseline apart.
  const namespaces = planNamespaces(model, project, namespace);
  const nsOf = (service: string) => namespaces.namespaceOf(service);
  // A Compose volume's own name (project_volume unless it sets name:), read by a helper container.
  const volumeSource = (volume: string) => ({
    url: VOLUME_MOUNT,
    exec: dockerVolume(project.volumes[volume]?.name ?? `${project.name}_${volume}`).prefix.join(' '),
  });
  const apps = model.workloads
    .filter((w) => !w.stateful && !w.oneShot && !w.nodeAgent)
    .map((w) => ({ service: w.name, object: `deployment/${dnsLabel(w.name, 52)}`, namespace: nsOf(w.name) }))
    .sort((a, b) => a.service.localeCompare(b.service));
  const oneShot = new Set(model.workloads.filter((w) => w.oneShot).map((w) => w.name));
  const rollbackOf = (writers: readonly string[]) => rollback(project.name, writers, apps);
  const ctx: VolumeContext = { model, project, layers, nsOf, volumeSource, rollbackOf };
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
    // Compose's name for the service's nth container (`container_name` allows one replica only).
    const containerOf = (n: number) => svc.container_name ?? `${project.name}-${w.name}-${n}`;
    const container = containerOf(1);
    const pod = `${dnsLabel(w.name, 52)}-0`;
    const ns = nsOf(w.name);
    const source = (url: string) => ({ url, exec: dockerExec(container).prefix.join(' ') });
    const target = (url: string) => ({ url, exec: kubectlExec(ns, pod, dnsLabel(w.name)).prefix.join(' ') });
    // One-shot services (schema migrations, setup) have run and exited in Compose: not started again.
    const writers = [
      ...new Set(
        (edges.to.get(w.name) ?? [])
          .filter((e) => e.kind !== 'network_mode' && !oneShot.has(e.from))
          .map((e) => e.from),
      ),
    ].sort();
    const size = k?.volumeSize ? `measured when run (volume planned at ${k.volumeSize})` : 'measured when run';
    const rollback = rollbackOf(writers);
    const init = w.storage
      .filter((m) => /^\/docker-entrypoint-initdb\.d(\/|$)/.test(m.target))
      .map((m) => (m.source ? path.relative(model.workingDir, m.source) || '.' : m.target));
    const uid = k ? runtimeUser(k, w.image).uid : undefined;
    const base = {
      service: w.name,
      namespace: nsOf(w.name),
      stop: writers,
      size,
      rollback,
      ...(init.length ? { initScripts: init } : {}),
      ...(w.image ? { image: w.image.raw } : {}),
      ...(uid !== undefined ? { uid } : {}),
    };
    const method = k?.migration ?? 'volume';
    if (method === 'none') {
      outOfScope.push(
        `${w.name}: ${k?.name ?? w.role} data is rebuilt or replicated, not copied (${k?.backup ?? 'see its documentation'})`,
      );
      continue;
    }
    const known = isEngineId(method);
    const engine = ENGINES[known ? method : 'volume'];
    const input: PlanInput = {
      workload: w,
      ...(k ? { knowledge: k } : {}),
      namespace: ns,
      plain,
      has: (name) => env(name) !== undefined,
      source,
      target,
      volumeSource,
      volumeTarget: (volume) => statefulVolumeTarget(ctx, w, volume),
    };
    if (!known) {
      warnings.push(
        `${w.name}: no engine for ${k?.name ?? method} data: its volume is copied as files, which is consistent only with ${w.name} stopped, and checked only as files`,
      );
      const manual = MANUAL[method]?.(source('').exec ?? '', target('').exec ?? '');
      if (manual)
        warnings.push(
          `${w.name}: or move it with the engine's own tools, from its own image (Stevedore runs and verifies none of this; compare counts yourself): ${manual}`,
        );
    }
    // Files keep what a clustered store wrote of its own name and its peers' (its membership):
    // where the cluster's name for it differs, that state names a host that is gone. A cluster here:
    // replicas, or other stateful services of its image (qdrant-cluster's three nodes).
    const clustered =
      w.replicas > 1 ||
      model.workloads.some((x) => x !== w && x.stateful && x.image && x.image.repository === w.image?.repository);
    if (engine.id === 'volume' && clustered && dnsLabel(w.name) !== w.name)
      warnings.push(
        `${w.name}: Compose names it ${w.name}, the cluster ${dnsLabel(w.name)}; its data is copied as files, so what they record of its own address or its peers' (a clustered store's membership, such as qdrant's raft state or a Kafka quorum) still names ${w.name}, which does not resolve in the cluster: check that it starts and rejoins its peers, or start it empty and load the data through its own API`,
      );
    // Data kept in the containers themselves (no volume): read from a snapshot of each.
    const kept = engine.id === 'volume' ? implicitDataPath(w) : undefined;
    if (kept) for (const d of containerDataSteps(ctx, w, kept.target, containerOf)) steps.push({ ...base, ...d });
    for (const d of engine.plan(input)) {
      steps.push({
        ...base,
        engine: engine.id,
        method: engine.method,
        source: d.source,
        target: d.target,
        ...(d.around ? { around: d.around } : {}),
        needs: d.needs,
        notes: [
          ...(known ? [] : [`no engine for ${k?.name ?? method}: copy the volume with the service stopped`]),
          ...d.notes,
          ...(init.length
            ? [
                `the converted ${w.name} runs ${init.join(', ')} when it first starts on its empty volume, so the target is not empty: run this step with --force, which replaces what the scripts made with the source's data (which already holds their effect)`,
              ]
            : []),
        ],
      });
      if (d.leaves) outOfScope.push(d.leaves);
    }
  }
  // Named volumes shared by stateless services and host folders services write to.
  const covered = new Set(
    model.workloads
      .filter((w) => w.stateful)
      .flatMap((w) => w.storage.filter((m) => m.kind === 'data').map((m) => m.volume)),
  );
  steps.push(...sharedVolumeSteps(ctx, covered), ...hostFolderSteps(ctx));
  return { project: project.name, namespace, steps, apps, outOfScope, warnings };
}

/** `kubectl scale … --replicas=0` for apps, one command per namespace. */
function scaleToZero(apps: readonly PlanApp[]): string[] {
  return perNamespaceCommands(
    apps,
    (a) => a.namespace,
    (a) => a.object,
    'scale',
    ' --replicas=0',
  );
}

/** Back to Compose: the cluster's copies of the writers stopped, the Compose ones started on their untouched volumes. */
function rollback(project: string, writers: readonly string[], apps: readonly PlanApp[]): string {
  const inCluster = scaleToZero(apps.filter((a) => writers.includes(a.service)));
  return [
    'the Compose volumes are only read, so the Compose stack is still whole:',
    ...(inCluster.length ? [`${inCluster.map((c) => `\`${c}\``).join(', ')} (once the apps run in the cluster),`] : []),
    `\`docker compose -p ${project} start${writers.length ? ` ${writers.join(' ')}` : ''}\`, and traffic back to Compose;`,
    'whatever the cluster wrote after the switch is not in Compose: roll back before the switch, or copy those writes back by hand',
  ].join(' ');
}

/**
 * The cutover, in order: pre-flight, the cluster's data services ready (the jobs and apps not yet
 * applied, so that nothing writes to an empty database), the Compose stack stopped but for the
 * servers the copies read, each copy, verification, then the jobs and apps; and the rollback, which
 * is the Compose stack started again on the volumes the copy only read.
 */
function cutover(plan: MigrationPlan): string[] {
  const apps = plan.apps;
  const { stop, servers } = composeStops(plan);
  const services = moveCommands(plan);
  const out = [
    '## Cutover',
    '',
    'The downtime runs from step 3 to step 6; `migrate check` (step 1) measures each source and estimates the copy time. RUNBOOK.md (written by `stevedore convert`) gives the commands of steps 2 and 6 for the form you chose.',
    '',
    '1. **Pre-flight**, nothing written: `stevedore migrate check --plan plan.yaml` (versions, tools, extensions, roles, space, the targets empty). Go when no line is ✗.',
    "2. **The cluster's data services ready**: apply the namespace, the Secrets and the data services only, and wait until they are ready. The jobs and apps are not applied yet: an app or a migration job started now would write to the empty databases, and the copy refuses a target that holds data.",
    `3. **Stop the Compose stack${servers.length ? `, but for ${servers.join(', ')}` : ''}**: ${stop.length ? `\`docker compose -p ${plan.project} stop ${stop.join(' ')}\`` : 'nothing writes to the data'}${servers.length ? ` (${servers.join(', ')} keep${servers.length === 1 ? 's' : ''} running: the copy reads from ${servers.length === 1 ? 'it' : 'them'})` : ''}.`,
    `4. **Copy**, in this order (each run verifies its copy; \`--report migration.md\` keeps a summary):`,
    ...services.map(
      ({ command, forced }) =>
        `   - \`${command}\`${forced ? ' (--force: the target ran its init scripts; see its step)' : ''}`,
    ),
    '5. **Verify again**, just before the switch: `stevedore migrate verify --plan plan.yaml`. Go only on "every object matched".',
    `6. **The jobs, then the apps**: apply the one-shot jobs and wait for them to complete, then the apps; check their readiness, then switch DNS or the load balancer to the cluster.`,
    '',
    `**Rollback**, at any step before the switch: ${rollback(plan.project, stop, apps)}.`,
    '',
  ];
  return out;
}

/**
 * What the cutover stops in Compose: every service the application runs, not only those seen
 * writing to the data (a writer found by no reference must not change the data while it is copied),
 * and each volume read as files with its own service; the servers whose engines read them running
 * keep running.
 */
export function composeStops(plan: MigrationPlan): { stop: string[]; servers: string[] } {
  const readAsFiles = plan.steps.filter((s) => s.engine === 'volume').map((s) => s.service);
  const servers = [...new Set(plan.steps.filter((s) => s.engine !== 'volume').map((s) => s.service))];
  const stop = [...new Set([...plan.steps.flatMap((s) => s.stop), ...plan.apps.map((a) => a.service), ...readAsFiles])]
    .filter((s) => !servers.includes(s) || readAsFiles.includes(s))
    .sort();
  return { stop, servers: servers.filter((s) => !stop.includes(s)).sort() };
}

/** The `migrate run` command of each service the plan moves, in its order (--force where the target ran init scripts). */
export function moveCommands(
  plan: MigrationPlan,
): { service: string; command: string; forced: boolean; around: Around[] }[] {
  const forced = new Set(plan.steps.filter((s) => s.initScripts?.length).map((s) => s.service));
  return [...new Set(plan.steps.map((s) => s.service))].map((service) => ({
    service,
    command: `stevedore migrate run --plan plan.yaml --service ${service}${forced.has(service) ? ' --force' : ''}`,
    forced: forced.has(service),
    around: plan.steps.flatMap((s) => (s.service === service && s.around ? [s.around] : [])),
  }));
}

export function planYaml(plan: MigrationPlan): string {
  return `# stevedore migrate run --plan <this file>\n# URLs name secrets as \${VAR}: export them before running. The source is only read.\n${stringify(plan, { lineWidth: 0 })}`;
}

/** What a run's progress counts, by engine: what it can honestly measure as it goes. */
const PROGRESS: Record<EngineId, string> = {
  postgres: "rows restored, against the source's estimate",
  mysql: 'bytes of the dump',
  redis: 'bytes of the keys copied',
  rabbitmq: 'messages moved, with --move-messages; the definitions go in at once',
  volume: 'bytes of the tar stream',
};

export function planMarkdown(plan: MigrationPlan, commands: (step: PlanStep) => string[]): string {
  const out: string[] = [`# Data migration plan: ${plan.project}`, ''];
  if (!plan.steps.length)
    out.push(
      plan.warnings?.length
        ? 'No step copies data: read the warnings below.'
        : 'No service keeps data that needs moving.',
      '',
    );
  out.push(
    'Run it with `stevedore migrate plan --format yaml -o plan.yaml` and `stevedore migrate run --plan plan.yaml`; `--dry-run` prints every command first.',
    '',
  );
  if (plan.steps.length) out.push(...cutover(plan));
  plan.steps.forEach((s, i) => {
    out.push(`## ${i + 1}. ${s.service} (${s.engine})`, '');
    out.push(`- **Method**: ${s.method}`);
    out.push(`- **From**: \`${s.source.url}\`${s.source.exec ? ` through \`${s.source.exec}\`` : ''}`);
    out.push(`- **To**: \`${s.target.url}\`${s.target.exec ? ` through \`${s.target.exec}\`` : ''}`);
    out.push(
      `- **Size and time**: ${s.size}; the run measures the source first and shows its progress (${PROGRESS[s.engine]}), rate and time left`,
    );
    out.push(
      `- **Stop first**: ${s.stop.length ? s.stop.join(', ') : 'nothing writes to it'} (no writes during the copy)`,
    );
    if (s.needs.length) out.push(`- **Needs**: ${s.needs.map((n) => `\`${n}\``).join(', ')} in the environment`);
    for (const n of s.notes) out.push(`- ${n}`);
    out.push(`- **Rollback**: ${s.rollback}`, '', '```sh', ...commands(s), '```', '');
  });
  if (plan.warnings?.length) {
    out.push('## Warnings', '');
    for (const w of plan.warnings) out.push(`- ${w}`);
    out.push('');
  }
  if (plan.outOfScope.length) {
    out.push('## Not moved', '');
    for (const o of plan.outOfScope) out.push(`- ${o}`);
    out.push('');
  }
  return out.join('\n');
}
