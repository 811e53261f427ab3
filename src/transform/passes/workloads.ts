import { originOf, pointer, serviceOf } from '../../compose/types.js';
import { warning } from '../../diagnostics/diagnostic.js';
import { isUnpinned, isValidReference, knowledgeById } from '../../knowledge/index.js';
import { unreplicatedPrimary } from '../../knowledge/replication.js';
import type { Workload } from '../../model/types.js';
import { formatSize } from '../../compose/syntax.js';
import type { ConvertContext, Pass } from '../context.js';
import type { PodDraft } from '../draft.js';
import { dnsLabel } from '../names.js';

interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}
/** Used when neither the Compose file, the catalog nor the role says how much a service needs. */
const DEFAULT_RESOURCES: Resources = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '512Mi' },
};
/** Role defaults when neither the Compose file nor the catalog says how much a service needs. */
const ROLE_RESOURCES: Record<string, Resources> = {
  proxy: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '256Mi' } },
  job: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
};

/**
 * What each service becomes: StatefulSet (keeps data), Deployment, DaemonSet (deploy.mode global),
 * Job (runs once), a container in another pod (network_mode service:X), or an init container of the
 * one service that waits for it to complete. Sets image, command, replicas and resources.
 */
export const workloadsPass: Pass = {
  id: 'workloads',
  description: 'workload kind, image, command, replicas, resources',
  run(ctx) {
    for (const w of ctx.model.workloads) {
      const comments: string[] = [];
      let kind: PodDraft['kind'] = 'Deployment';
      let hostedBy: PodDraft['hostedBy'];
      if (w.sidecarOf && ctx.workload(w.sidecarOf) && !w.oneShot) {
        hostedBy = { service: w.sidecarOf, as: 'sidecar' };
      } else if (w.oneShot) {
        const waiters = ctx
          .incoming(w.name)
          .filter((e) => e.condition === 'service_completed_successfully')
          .map((e) => e.from);
        const [only] = waiters;
        if (waiters.length === 1 && only && ctx.workload(only)) {
          hostedBy = { service: only, as: 'init' };
        } else {
          kind = 'Job';
          comments.push(`${w.name} runs once (${w.roleReason}): a Job.`);
          if (waiters.length > 1)
            comments.push(
              `${waiters.join(', ')} wait for it in Compose; in Kubernetes they start without waiting — run this Job first.`,
            );
        }
      } else if (w.global) {
        kind = 'DaemonSet';
        comments.push(`${w.name}: deploy.mode global, so one pod per node (DaemonSet).`);
      } else if (w.nodeAgent) {
        kind = 'DaemonSet';
        comments.push(`${w.name} watches the node (${w.nodeAgent}): one pod per node (DaemonSet).`);
      } else if (w.stateful) {
        kind = 'StatefulSet';
        comments.push(
          `${w.name} keeps data (${w.role}${w.knowledge ? `, ${knowledgeById(w.knowledge)?.name}` : ''}): a StatefulSet with its own volume per replica.`,
        );
      } else {
        comments.push(`${w.name} is a stateless ${w.role} (${w.roleReason}): a Deployment.`);
      }
      const draft: PodDraft = {
        workload: w,
        kind,
        ...(hostedBy ? { hostedBy } : {}),
        main: {
          name: dnsLabel(w.name, 63),
          image: image(ctx, w),
          ...(w.entrypoint ? { command: w.entrypoint.map((x) => ctx.rewriteReferences(x)) } : {}),
          ...(w.command ? { args: w.command.map((x) => ctx.rewriteReferences(x)) } : {}),
          resources: withGpus(w, resources(w, comments), comments),
        },
        initContainers: [],
        sidecars: [],
        volumes: [],
        claims: [],
        podSecurity: {},
        replicas:
          onePrimary(ctx, w, comments) ??
          productionReplicas(w, serviceOf(ctx.project, w.name).deploy?.replicas !== undefined, hostedBy, comments),
        comments,
      };
      if (kind === 'Job') {
        draft.restartPolicy = w.restart === 'on-failure' ? 'OnFailure' : 'Never';
        draft.backoffLimit = w.restart === 'on-failure' ? 6 : 0;
        if (w.restart !== 'on-failure') {
          // Deliberate, so stevedore lint's restart-policy check is told why rather than silenced.
          const why = `Compose runs ${w.name} once and does not restart it: a failure fails the Job (no retry that could run a half-done setup twice); read its log, fix, and delete the Job to run it again; restart: on-failure in Compose gives up to 6 retries`;
          draft.annotations = { ...draft.annotations, 'ignore-check.stevedore.dev/restart-policy': why };
          comments.push(`${why}.`);
        }
      }
      if (!w.oneShot && serviceOf(ctx.project, w.name).restart === 'no' && kind !== 'Job') {
        comments.push(
          `Compose does not restart ${w.name} ("restart: no"); Kubernetes always restarts the pods of a ${kind}.`,
        );
      }
      const svc = serviceOf(ctx.project, w.name);
      if (svc.stop_grace_period !== undefined)
        draft.terminationGracePeriodSeconds = Math.ceil(svc.stop_grace_period / 1000);
      if (svc.working_dir) draft.main.workingDir = svc.working_dir;
      if (svc.tty) draft.main.tty = true;
      if (svc.stdin_open) draft.main.stdin = true;
      if (svc.shm_size) draft.shmSize = svc.shm_size;
      if (svc.extra_hosts) {
        const byIp = new Map<string, string[]>();
        for (const [host, ips] of Object.entries(svc.extra_hosts)) {
          for (const ip of ips) {
            if (ip === 'host-gateway')
              ctx.skip(
                w.name,
                'extra_hosts',
                `${host}:host-gateway points at the Docker host, which a pod cannot reach this way; use a Service for what runs there`,
              );
            else byIp.set(ip, [...(byIp.get(ip) ?? []), host]);
          }
        }
        if (byIp.size) draft.hostAliases = [...byIp].map(([ip, hostnames]) => ({ ip, hostnames }));
      }
      ctx.pods.set(w.name, draft);
    }
    invalidImageTodo(ctx);
    unpinnedTodo(ctx);
    const built = ctx.model.workloads.filter((w) => w.build);
    if (built.length) {
      ctx.todo.unshift(
        ctx.options.registry
          ? `Build and push ${built.map((w) => ctx.pods.get(w.name)?.main.image ?? w.name).join(', ')}`
          : `Build and push the images of ${built.map((w) => w.name).join(', ')} to a registry the cluster can pull from, and convert again with --registry`,
      );
    }
  },
};

/** Images no runtime can pull (`apache/airflow:|version|`, a placeholder left in): first to fix. */
function invalidImageTodo(ctx: ConvertContext): void {
  const broken = ctx.model.workloads.filter((w) => w.image && !isValidReference(w.image.raw));
  if (!broken.length) return;
  ctx.todo.push(
    `Set a real image for ${broken.map((w) => `${w.name} (\`${w.image?.raw ?? ''}\`)`).join(', ')}: not an image reference (a placeholder left in the Compose file, or in the default of a variable it reads), so the pods would stay in InvalidImageName. Set the variable or the image, then convert again.`,
  );
}

/**
 * Images that name no version (`postgres`, `redis:latest`): each node pulls what is latest when a pod
 * lands there. For a database that is worse than drift: a new major version does not start on the
 * data directory of the old one, so a rescheduled pod stops the service. Said with what to pin.
 */
function unpinnedTodo(ctx: ConvertContext): void {
  const floating = ctx.model.workloads.filter((w) => w.image && !w.build && isUnpinned(w.image));
  if (!floating.length) return;
  const data = floating.filter((w) => w.stateful);
  const names = (ws: readonly Workload[]) => ws.map((w) => `${w.name} (${w.image?.raw ?? ''})`).join(', ');
  ctx.todo.push(
    [
      `Pin the images that name no version: ${names(floating)}; each node pulls whatever is latest when a pod lands there.`,
      data.length
        ? `For ${data.map((w) => w.name).join(', ')}, which keep${data.length === 1 ? 's' : ''} data, pin the version the Compose host runs now (\`docker compose images\` shows it): a newer major version may not start on the data the older one wrote (PostgreSQL refuses it outright), so a rescheduled pod could stop the service.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),
  );
}

function image(ctx: ConvertContext, w: Workload): string {
  if (!w.build) return w.image?.raw ?? 'MISSING-IMAGE';
  const repo = w.image?.repository ?? `${ctx.project.name}-${w.name}`;
  const tag = w.image?.tag ?? 'latest';
  const registry = ctx.options.registry?.replace(/\/+$/, '');
  if (registry) return `${registry}/${repo.split('/').pop()}:${tag}`;
  if (w.image?.registry && !w.image.registry.startsWith('localhost') && !w.image.registry.startsWith('127.'))
    return w.image.raw;
  return w.image?.raw ?? `${repo}:${tag}`;
}

function cpu(n: number): string {
  return n >= 1 && Number.isInteger(n) ? String(n) : `${Math.round(n * 1000)}m`;
}

/** GPUs are limits of the device plugin's resource (requests follow limits for extended resources). */
function withGpus(w: Workload, r: ReturnType<typeof resources>, comments: string[]): ReturnType<typeof resources> {
  if (!w.gpus) return r;
  const { resource, count, all } = w.gpus;
  comments.push(
    `${count} GPU${count > 1 ? 's' : ''} (${resource})${all ? ": Compose asked for all of the host's, Kubernetes needs a count — raise it to what the node has" : ''}; the cluster needs the vendor's device plugin.`,
  );
  return { ...r, limits: { ...r.limits, [resource]: String(count) } };
}

function resources(w: Workload, comments: string[]) {
  const lim = w.resources.limits;
  const req = w.resources.reservations;
  if (lim || req) {
    const out: { limits?: Record<string, string>; requests?: Record<string, string> } = {};
    if (lim)
      out.limits = {
        ...(lim.cpus !== undefined ? { cpu: cpu(lim.cpus) } : {}),
        ...(lim.memoryBytes !== undefined ? { memory: formatSize(lim.memoryBytes) } : {}),
      };
    if (req)
      out.requests = {
        ...(req.cpus !== undefined ? { cpu: cpu(req.cpus) } : {}),
        ...(req.memoryBytes !== undefined ? { memory: formatSize(req.memoryBytes) } : {}),
      };
    else if (lim) out.requests = { ...out.limits };
    comments.push('Resources from deploy.resources in the Compose file.');
    return out;
  }
  const k = w.knowledge ? knowledgeById(w.knowledge) : undefined;
  const def = k?.resources ?? ROLE_RESOURCES[w.oneShot ? 'job' : w.role] ?? DEFAULT_RESOURCES;
  comments.push(
    `Resources are defaults (${k ? `typical for ${k.name}` : `for a ${w.oneShot ? 'job' : w.role}`}): the Compose file sets none. Measure and adjust.`,
  );
  return { requests: { ...def.requests }, limits: { ...def.limits } };
}

/**
 * 1 when Compose asks for several replicas of a single-primary database that sets up no
 * replication: they would be separate, empty databases behind one Service. Said in the comments,
 * as a warning at `deploy.replicas` and as a to-do naming the operator.
 */
function onePrimary(ctx: ConvertContext, w: Workload, comments: string[]): 1 | undefined {
  const known = w.knowledge ? knowledgeById(w.knowledge) : undefined;
  const words = [...(w.entrypoint ?? []), ...(w.command ?? [])];
  if (
    w.replicas < 2 ||
    !known ||
    !unreplicatedPrimary(
      known,
      words,
      w.environment.map((e) => e.name),
    )
  )
    return undefined;
  const operator = known.operator ? ` For replicas, run it with ${known.operator}.` : '';
  comments.push(
    `1 replica, not the ${w.replicas} of deploy.replicas: ${w.replicas} pods of ${known.name} with no replication set up would be ${w.replicas} separate, empty databases behind one Service.${operator}`,
  );
  ctx.diagnostics.push(
    warning(
      'carried-with-risk',
      `${w.name} asks for ${w.replicas} replicas of ${known.name} without replication: it runs one`,
      originOf(ctx.project, pointer('services', w.name, 'deploy', 'replicas')) ?? w.origin,
      known.operator ? `for replicas, run it with ${known.operator}` : undefined,
    ),
  );
  ctx.todo.push(
    `${w.name} runs 1 replica, not ${w.replicas}: ${known.name} has no replication set up${known.operator ? ` (use ${known.operator} for replicas)` : ''}`,
  );
  return 1;
}

/**
 * Compose runs one of each service; production runs two of a stateless web or API service, so a node
 * drain or a rollout never takes it down. Not when Compose sets `deploy.replicas` (that is respected),
 * nor when the service keeps files of its own (a claim cannot be shared between pods on two nodes).
 */
function productionReplicas(w: Workload, explicit: boolean, hostedBy: unknown, comments: string[]): number {
  const keepsFiles = w.storage.some((m) => m.kind === 'data' || m.kind === 'host-path');
  if (explicit || w.replicas !== 1 || !['web', 'api'].includes(w.role)) return w.replicas;
  if (w.stateful || w.global || w.nodeAgent || w.oneShot || w.sidecarOf || hostedBy || keepsFiles) return w.replicas;
  comments.push(
    `2 replicas (Compose runs one): a stateless ${w.role} service stays up through node drains and rollouts; set deploy.replicas: 1 in Compose if it keeps sessions or schedules in memory.`,
  );
  return 2;
}
