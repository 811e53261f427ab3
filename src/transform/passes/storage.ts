import { defaultPgdata, isOfficialPostgres } from '../../knowledge/postgres.js';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { error } from '../../diagnostics/diagnostic.js';
import { knowledgeById } from '../../knowledge/index.js';
import { formatSize } from '../../compose/syntax.js';
import type { Mount, Workload } from '../../model/types.js';
import { configFiles } from './config-files.js';
import { IMPLICIT_DATA, implicitDataClaim } from './implicit-data.js';
import type { ConvertContext, Pass } from '../context.js';
import { addClaimTemplate, addVolume, type PodDraft } from '../draft.js';
import { dnsLabel, shownPath } from '../names.js';

/**
 * Volumes: named volumes become a PersistentVolumeClaim per replica (StatefulSet) or a shared claim;
 * tmpfs and anonymous volumes emptyDirs; bind-mounted configuration a ConfigMap with the files'
 * contents; a host folder a claim to copy it into; the Docker socket a hostPath, with a warning.
 */
export const storagePass: Pass = {
  id: 'storage',
  description: 'volumes, claims, emptyDirs, configuration files',
  run(ctx) {
    const state: StorageState = {
      volumeUsers: usersBy(ctx, (m) => (m.kind === 'data' ? m.volume : undefined)),
      folderUsers: hostFolderUsers(ctx.model.workloads),
      configUsers: usersBy(ctx, (m) => (m.kind === 'config' ? m.source : undefined)),
      claims: new Set<string>(),
    };
    for (const draft of ctx.pods.values()) {
      draft.workload.storage.forEach((m, i) => {
        const volName = dnsLabel(`${m.kind === 'data' ? m.volume : `${m.kind}-${i}`}`, 63);
        if (m.kind === 'data') dataVolume(ctx, state, draft, m, volName);
        else if (m.kind === 'scratch') scratchVolume(ctx, draft, m, volName);
        else if (m.kind === 'config') configFiles(ctx, state.configUsers.get(m.source ?? '') ?? [], draft, m, volName);
        else if (m.kind === 'host-path') hostFolder(ctx, state, draft, m, volName);
        else if (m.kind === 'docker-socket') dockerSocket(ctx, draft, m);
        else if (m.kind === 'source') sourceMount(ctx, draft, m);
        else if (m.kind === 'node') nodePath(ctx, draft, m, volName);
        if (m.kind === 'data' || m.kind === 'host-path') pgdataBelowRoot(draft, m);
      });
      const implicit = implicitDataClaim(ctx, draft, volumeSize(ctx, draft.workload.name, IMPLICIT_DATA));
      if (implicit) pgdataBelowRoot(draft, implicit);
      if (draft.shmSize) {
        addVolume(draft, { name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: formatSize(draft.shmSize) } });
        draft.main.volumeMounts = [...(draft.main.volumeMounts ?? []), { name: 'dshm', mountPath: '/dev/shm' }];
        draft.comments.push('shm_size → a memory emptyDir at /dev/shm.');
      }
    }
  },
};

interface StorageState {
  /** Services using each named volume. */
  readonly volumeUsers: ReadonlyMap<string, readonly string[]>;
  /** Services bind-mounting each host folder. */
  readonly folderUsers: ReadonlyMap<string, readonly string[]>;
  /** Services bind-mounting each configuration file or folder. */
  readonly configUsers: ReadonlyMap<string, readonly string[]>;
  /** Claims emitted so far: a shared claim is emitted once, by its first user. */
  readonly claims: Set<string>;
}

function usersBy(ctx: ConvertContext, keyOf: (m: Mount) => string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const w of ctx.model.workloads)
    for (const m of w.storage) {
      const key = keyOf(m);
      if (key && !out.get(key)?.includes(w.name)) out.set(key, [...(out.get(key) ?? []), w.name]);
    }
  return out;
}

/** The services that bind-mount each host folder they write to, in model order. */
export function hostFolderUsers(workloads: readonly Workload[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const w of workloads)
    for (const m of w.storage)
      if (m.kind === 'host-path' && m.source && !out.get(m.source)?.includes(w.name))
        out.set(m.source, [...(out.get(m.source) ?? []), w.name]);
  return out;
}

/** The claim that replaces a host folder: named after its service, or after the project when several share it. */
export function hostFolderClaim(project: string, workingDir: string, folder: string, users: readonly string[]): string {
  const rel = shownPath(workingDir, folder)
    .replace(/^\.\/?/, '')
    .replace(/^\//, '');
  const owner = users.length > 1 ? dnsLabel(project) : dnsLabel(users[0] ?? project, 52);
  return dnsLabel(`${owner}-${rel.split('/').slice(-3).join('-') || 'project'}`);
}

/**
 * Whether a service's own engine moves what a mount holds: a database's data folder goes by its
 * dump and restore (\`stevedore migrate\`), never as files.
 */
export function movedByEngine(w: Workload, m: Mount): boolean {
  const k = w.knowledge ? knowledgeById(w.knowledge) : undefined;
  return w.stateful && m.isDataPath && k !== undefined && k.migration !== 'volume';
}

/** The label of a claim of its own (shared, or for a host folder): the claim's name. */
export const CLAIM_LABEL = 'stevedore.dev/claim';

/**
 * The claim that holds a named volume in the cluster: the first pod's claim of a StatefulSet's
 * template when the volume is that StatefulSet's alone, else the one claim its users share.
 */
/** The claim Kubernetes makes for one replica of a StatefulSet from its claim template: `<template>-<set>-<ordinal>`. */
export function replicaClaim(template: string, statefulSet: string, ordinal = 0): string {
  return `${template}-${statefulSet}-${ordinal}`;
}

export function volumeClaim(
  volume: string,
  statefulSet: string | undefined,
  alone: boolean,
  external: boolean,
): string {
  return statefulSet && alone && !external ? replicaClaim(dnsLabel(volume, 63), statefulSet) : dnsLabel(volume);
}

/** A named volume: a claim template on a StatefulSet it alone uses, else one claim shared by its users. */
function dataVolume(ctx: ConvertContext, state: StorageState, draft: PodDraft, m: Mount, volName: string): void {
  const volume = m.volume ?? volName;
  const w = draft.workload;
  const users = state.volumeUsers.get(volume) ?? [];
  const size = volumeSize(ctx, w.name, volume);
  const external = ctx.project.volumes[volume]?.external;
  if (draft.kind === 'StatefulSet' && users.length === 1 && !external) {
    addClaimTemplate(draft, volName, size, ctx.options.storageClass);
    draft.comments.push(`Volume ${volume} → a ${size} claim per replica (${sizeReason(ctx, w.name, volume)}).`);
  } else {
    const claim = dnsLabel(volume);
    const many = users.length > 1;
    const emitted = sharedClaim(ctx, state, claim, users, size, [
      many
        ? `Volume ${volume} is shared by ${users.join(', ')}: one claim, ReadWriteMany (your StorageClass must support it, e.g. NFS or CephFS).`
        : `Volume ${volume}: ${size}.`,
    ]);
    if (emitted && many)
      ctx.todo.push(
        `Volume ${volume} is shared by ${users.join(', ')}: pick a StorageClass with ReadWriteMany, or give each its own volume`,
      );
    if (emitted && external)
      ctx.todo.push(`Volume ${volume} is external in Compose: bind the claim ${claim} to the existing data`);
    addVolume(draft, { name: volName, persistentVolumeClaim: { claimName: claim } });
  }
  mount(draft, volName, m);
}

/**
 * The official postgres image initialises $PGDATA on first start and refuses a folder that is not
 * empty; a fresh volume's root holds lost+found. When the volume is mounted at PGDATA itself, the
 * data goes one folder down (as the image's documentation advises).
 */
function pgdataBelowRoot(draft: PodDraft, m: Mount): void {
  const image = draft.workload.image;
  if (!image || !isOfficialPostgres(image) || m.target.replace(/\/+$/, '') !== defaultPgdata(image.tag)) return;
  if (draft.workload.environment.some((e) => e.name === 'PGDATA')) return;
  const pgdata = `${m.target.replace(/\/+$/, '')}/pgdata`;
  draft.main.env = [...(draft.main.env ?? []), { name: 'PGDATA', value: pgdata }];
  draft.comments.push(`PGDATA=${pgdata}: initdb refuses the root of a fresh volume, which holds lost+found.`);
}

/**
 * A claim that stands on its own (not a StatefulSet template), emitted once however many services use it:
 * ReadWriteMany when several do. Returns whether this call emitted it.
 */
function sharedClaim(
  ctx: ConvertContext,
  state: StorageState,
  claim: string,
  users: readonly string[],
  size: string,
  comments: string[],
): boolean {
  if (state.claims.has(claim)) return false;
  state.claims.add(claim);
  ctx.emit({
    service: ctx.filedWith(users),
    file: `pvc-${claim}`,
    object: new PersistentVolumeClaim({
      // Its own label: the runbook applies it alone, before the data is copied into it.
      metadata: {
        name: claim,
        labels: { ...ctx.projectLabels(), [CLAIM_LABEL]: claim },
      },
      spec: {
        accessModes: [users.length > 1 ? 'ReadWriteMany' : 'ReadWriteOnce'],
        ...(ctx.options.storageClass ? { storageClassName: ctx.options.storageClass } : {}),
        resources: { requests: { storage: size } },
      },
    }),
    comments,
  });
  return true;
}

/** tmpfs and anonymous volumes: an emptyDir, in memory for tmpfs. */
function scratchVolume(ctx: ConvertContext, draft: PodDraft, m: Mount, volName: string): void {
  // Memory counts against the container's limit: without a size Compose gives none, so one is set and said.
  const size = m.sizeBytes ? formatSize(m.sizeBytes) : m.memory ? '64Mi' : undefined;
  addVolume(draft, {
    name: volName,
    emptyDir: { ...(m.memory ? { medium: 'Memory' } : {}), ...(size ? { sizeLimit: size } : {}) },
  });
  if (m.memory && !m.sizeBytes)
    draft.comments.push(
      `tmpfs ${m.target}: a memory emptyDir limited to 64Mi (Compose sets no size; it counts against the memory limit).`,
    );
  mount(draft, volName, m);
}

/**
 * A host folder: one claim per folder, named after its path, to copy the folder into. Services that
 * shared the folder under Compose (airflow's ./dags in every component) share the claim.
 */
function hostFolder(ctx: ConvertContext, state: StorageState, draft: PodDraft, m: Mount, volName: string): void {
  const w = draft.workload;
  const folder = m.source ?? '';
  const users = state.folderUsers.get(folder) ?? [w.name];
  const many = users.length > 1;
  const claim = hostFolderClaim(ctx.project.name, ctx.project.working_dir, folder, users);
  const k = w.knowledge ? knowledgeById(w.knowledge) : undefined;
  const engine = movedByEngine(w, m);
  // A database's data folder is sized as its volume would be: 1Gi would fill up.
  const size = m.isDataPath ? (k?.volumeSize ?? '1Gi') : '1Gi';
  const emitted = sharedClaim(ctx, state, claim, users, size, [
    engine
      ? `Replaces the host folder ${ctx.display(folder)}, ${w.name}'s data: \`stevedore migrate\` moves it with ${k?.name ?? w.name}'s own tools (RUNBOOK.md), not as files.${size === '1Gi' ? ' 1Gi is a guess: check the size of the data.' : ''}`
      : `Replaces the host folder ${ctx.display(folder)}${many ? `, shared by ${users.join(', ')} (ReadWriteMany: your StorageClass must support it)` : ''}: RUNBOOK.md copies its contents in (\`stevedore migrate\`, through a helper pod on this claim). ${size} is a guess: check the folder's size.`,
  ]);
  if (emitted && many)
    ctx.todo.push(
      `The claim ${claim} replaces the host folder ${ctx.display(folder)}, shared by ${users.join(', ')}: it needs a ReadWriteMany StorageClass (--storage-class); RUNBOOK.md copies the folder in`,
    );
  addVolume(draft, { name: volName, persistentVolumeClaim: { claimName: claim } });
  mount(draft, volName, m);
}

/**
 * The service's own source mounted over the code its image holds (live reload in development): the
 * image has the code, and a claim in its place would hide it behind an empty folder.
 */
function sourceMount(ctx: ConvertContext, draft: PodDraft, m: Mount): void {
  const name = draft.workload.name;
  const shown = ctx.display(m.source ?? '');
  ctx.skip(
    name,
    `volumes: ${shown}`,
    `the service's own source (its build context), mounted over ${m.target} for live reload: left out, the image holds the code (with --skaffold, \`skaffold dev\` rebuilds on every edit)`,
  );
  draft.comments.push(`${shown} (its build context) is not mounted over ${m.target}: the image holds that code.`);
}

/**
 * The Docker socket is left out: Kubernetes nodes run containerd or CRI-O, so there is no Docker API
 * to mount, and whoever holds a runtime socket controls every container of the node (stevedore lint's
 * docker-sock rule). The program must get what it asked Docker for some other way.
 */
function dockerSocket(ctx: ConvertContext, draft: PodDraft, m: Mount): void {
  const name = draft.workload.name;
  ctx.skip(
    name,
    `volumes: ${m.source ?? '/var/run/docker.sock'}`,
    'the Docker socket is left out: cluster nodes have no Docker, and the socket would give full control of the node',
  );
  ctx.todo.push(
    `${name} mounted the Docker socket: give it what it used Docker for another way (the Kubernetes provider of a proxy such as Traefik, a ServiceAccount with a Role, or a node agent DaemonSet)`,
  );
  draft.comments.push(`The Docker socket ${m.source ?? ''} is left out: there is no Docker on cluster nodes.`);
  ctx.diagnostics.push({
    ...error('left-out', `${name} mounts the Docker socket, which is left out: cluster nodes have no Docker`, m.origin),
    severity: 'warning',
  });
}

/** What a service that is no node agent can use instead of a file of the machine it ran on. */
const NODE_FILE_ADVICE: readonly [RegExp, string][] = [
  [/^\/etc\/(localtime|timezone)$/, 'set the TZ environment variable instead (nodes run in UTC)'],
  [/^\/etc\/(ssl|pki|ca-certificates)/, 'use the CA bundle of the image, or mount your CA from a ConfigMap'],
  [/^\/(root|home)\//, 'put what it read from that home folder into a Secret and mount it'],
  [
    /^\/(lib\/modules|usr\/src)/,
    "kernel modules are the node's business: current kernels (5.6+) have WireGuard built in",
  ],
];

/**
 * A path of the machine Compose ran on. A node agent (an exporter of the node's metrics, a log
 * shipper) gets it as a hostPath of the node it runs on; any other service loses it, with a warning:
 * its contents are never read into the output (they are the converting machine's, not the cluster's).
 */
function nodePath(ctx: ConvertContext, draft: PodDraft, m: Mount, volName: string): void {
  const w = draft.workload;
  const source = m.source ?? '';
  if (w.nodeAgent) {
    addVolume(draft, { name: volName, hostPath: { path: source } });
    mount(draft, volName, m);
    draft.comments.push(`${source} of the node → hostPath at ${m.target}${m.readOnly ? ' (read-only)' : ''}.`);
    // kube-linter's own exemption, which stevedore lint honours too: the reason is the node agent's.
    draft.annotations = {
      ...draft.annotations,
      'ignore-check.kube-linter.io/sensitive-host-mounts': `a node agent: ${w.nodeAgent}`,
    };
    ctx.diagnostics.push({
      ...error(
        'carried-with-risk',
        `${w.name} mounts ${source} of the node (hostPath): its namespace must admit privileged pods`,
        m.origin,
      ),
      severity: 'warning',
    });
    return;
  }
  const advice = NODE_FILE_ADVICE.find(([re]) => re.test(source))?.[1];
  ctx.skip(
    w.name,
    `volumes: ${source}`,
    `a path of the machine Compose ran on is left out (nothing there was read)${advice ? `: ${advice}` : ''}`,
  );
  ctx.todo.push(
    `${w.name} mounted ${source} of the Docker host at ${m.target}: ${advice ?? 'give it what it read there from a ConfigMap, a Secret or a volume'}`,
  );
  ctx.diagnostics.push({
    ...error(
      'left-out',
      `${w.name} mounts ${source} of the Docker host, which is left out: a cluster node is another machine`,
      m.origin,
      advice,
    ),
    severity: 'warning',
  });
}

function mount(draft: PodDraft, name: string, m: Mount): void {
  draft.main.volumeMounts = [
    ...(draft.main.volumeMounts ?? []),
    { name, mountPath: m.target, ...(m.readOnly ? { readOnly: true } : {}) },
  ];
}

/** Size from x-stevedore (`volumes: {name: 20Gi}` or `size: 20Gi`), then --volume-size, the catalog, 10Gi. */
function volumeSize(ctx: ConvertContext, service: string, volume: string): string {
  const x = ctx.project.services[service]?.['x-stevedore'] as
    { size?: unknown; volumes?: Record<string, unknown> } | undefined;
  const own = x?.volumes?.[volume] ?? x?.size;
  if (typeof own === 'string' || typeof own === 'number') return String(own);
  if (ctx.options.volumeSize) return ctx.options.volumeSize;
  const w = ctx.workload(service);
  return (w?.knowledge && knowledgeById(w.knowledge)?.volumeSize) || '10Gi';
}

function sizeReason(ctx: ConvertContext, service: string, volume: string): string {
  const x = ctx.project.services[service]?.['x-stevedore'] as
    { size?: unknown; volumes?: Record<string, unknown> } | undefined;
  if (x?.volumes?.[volume] !== undefined || x?.size !== undefined) return 'from x-stevedore in the Compose file';
  if (ctx.options.volumeSize) return 'from --volume-size';
  const w = ctx.workload(service);
  const k = w?.knowledge ? knowledgeById(w.knowledge) : undefined;
  return k?.volumeSize
    ? `typical for ${k.name}; set x-stevedore.volumes.${volume} to change it`
    : 'a default; set x-stevedore.volumes to change it';
}
