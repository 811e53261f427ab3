import path from 'node:path';
import type { ComposeProject } from '../compose/types.js';
import { originOf, pointer } from '../compose/types.js';
import { isUnpinned } from '../knowledge/index.js';
import type { AppModel, Finding, FindingCode, FindingSeverity } from './types.js';
import { serviceOf } from '../compose/types.js';

const DANGEROUS_CAPS = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'DAC_READ_SEARCH',
  'SYS_RAWIO',
  'NET_RAW',
  'SYS_TIME',
]);
const SWARM_KEYS = ['placement', 'update_config', 'rollback_config', 'endpoint_mode', 'labels'];
/** Compose keys with no Kubernetes counterpart, and what to do instead. */
const UNSUPPORTED: Record<string, string> = {
  devices: 'expose the device through a device plugin, or run on a labelled node with a privileged init step',
  volumes_from: "mount the same volumes explicitly; Kubernetes cannot borrow another pod's volumes",
  external_links: 'reach the outside service through an ExternalName Service',
  cgroup_parent: 'drop it; the kubelet manages cgroups',
  userns_mode: 'use pod user namespaces (hostUsers: false) where the cluster supports them',
  mac_address: 'drop it; pod networking assigns addresses',
  storage_opt: 'size the volume instead',
  runtime: 'use a RuntimeClass',
  gpus: "request nvidia.com/gpu (or your vendor's resource) through the device plugin",
  stop_signal: 'set STOPSIGNAL in the image or a preStop hook; Kubernetes always sends SIGTERM',
  ulimits: "set limits in the image entrypoint or the node's container runtime; pods have no per-container ulimits",
  logging:
    'configure log shipping at the cluster level (a DaemonSet collector); per-container log drivers do not exist',
  sysctls: 'only namespaced "safe" sysctls are allowed by default; others need the kubelet to allow them',
};

/** The risks a migration must address, each with what to do about it. */
export function detectFindings(model: AppModel, project: ComposeProject): Finding[] {
  const out: Grouped[] = [];
  const add = (
    code: FindingCode,
    severity: FindingSeverity,
    service: string | undefined,
    message: string,
    action: string,
    ptr?: (string | number)[],
    group?: Group,
  ) => {
    const origin = service ? originOf(project, pointer('services', service, ...(ptr ?? []))) : undefined;
    out.push({
      code,
      severity,
      ...(service ? { service } : {}),
      message,
      action,
      ...(origin ? { origin } : {}),
      ...(group ? { group } : {}),
    });
  };
  const many = (key: string, summary: (count: number) => string): Group => ({ key, summary });
  const shown = (p: string | undefined) => {
    const rel = p ? path.relative(project.working_dir, p) : '';
    return p && rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `./${rel}` : (p ?? '');
  };
  for (const w of model.workloads) {
    const svc = serviceOf(project, w.name);
    w.storage.forEach((m, i) => {
      if (m.kind === 'docker-socket')
        add(
          'docker-socket',
          'high',
          w.name,
          `${w.name} mounts the Docker socket ${m.source}: it controls the host's containers`,
          'Kubernetes nodes may not run Docker at all; replace it with the Kubernetes API and a ServiceAccount with narrow RBAC, or drop the feature',
          ['volumes', i],
        );
      else if (m.kind === 'host-path' && (m.isDataPath || w.stateful))
        add(
          'host-data-mount',
          'high',
          w.name,
          `${w.name} keeps its data in the host folder ${shown(m.source)}`,
          'move the data to a PersistentVolumeClaim and copy it over with `stevedore migrate`',
          ['volumes', i],
        );
      else if (m.kind === 'host-path')
        add(
          'host-path',
          'medium',
          w.name,
          `${w.name} mounts the host folder ${shown(m.source)} at ${m.target}`,
          'use a PersistentVolumeClaim for data it writes, or a ConfigMap for files it reads',
          ['volumes', i],
        );
    });
    if (w.privileged)
      add(
        'privileged',
        'high',
        w.name,
        `${w.name} runs privileged`,
        'find the capability it really needs and add only that; most clusters forbid privileged pods',
        ['privileged'],
      );
    for (const key of ['network_mode', 'pid', 'ipc'] as const) {
      if (svc[key] === 'host')
        add(
          'host-network',
          'high',
          w.name,
          `${w.name} uses the host's ${key === 'network_mode' ? 'network' : key.toUpperCase()} namespace`,
          key === 'network_mode'
            ? 'use a Service for its ports; hostNetwork only for node agents'
            : `drop ${key}: host; Kubernetes allows it only for node agents`,
          [key],
        );
    }
    const dangerous = w.capAdd.filter((c) => DANGEROUS_CAPS.has(c.toUpperCase().replace(/^CAP_/, '')));
    if (dangerous.length)
      add(
        'dangerous-capability',
        'medium',
        w.name,
        `${w.name} adds ${dangerous.join(', ')}`,
        'keep it only if the workload cannot run without it; restricted Pod Security forbids it',
        ['cap_add'],
      );
    if (
      w.build &&
      (!w.image || !w.image.registry || w.image.registry.startsWith('localhost') || w.image.registry.startsWith('127.'))
    ) {
      const context = path.relative(project.working_dir, w.build.context) || '.';
      add(
        'build-without-image',
        'medium',
        w.name,
        `${w.name} is built from ./${context.replace(/^\.\//, '')} ${w.image ? `as ${w.image.raw}, a name no cluster can pull` : 'with no image name'}`,
        'build and push the images to a registry the cluster can pull from (`stevedore convert --registry`)',
        ['build'],
        many('build', (n) => `${n} services are built from source with no image name a cluster can pull`),
      );
    } else if (w.image && isUnpinned(w.image)) {
      add(
        'unpinned-image',
        'medium',
        w.name,
        `${w.name} uses ${w.image.raw}, which changes whenever the image is republished`,
        'pin a version tag or a digest so every node runs the same code',
        ['image'],
      );
    }
    for (const e of w.environment) {
      if (!e.sensitive || e.value === null || e.value === '') continue;
      const ptr = pointer('services', w.name, 'environment', e.name);
      const fromComposeFile = e.origin && project.files.includes(e.origin.file);
      if (e.weakDefault)
        add(
          'weak-default-secret',
          'medium',
          w.name,
          `${e.name} falls back to a default written in the Compose file`,
          'set a strong value and deliver it as a Secret; the default must never reach production',
          ['environment', e.name],
          many(e.name, (n) => `${e.name} falls back to a default written in the Compose file (in ${n} services)`),
        );
      else if (fromComposeFile && !project.templates.has(ptr))
        add(
          'hardcoded-secret',
          'high',
          w.name,
          `${e.name} is written in the Compose file`,
          'move it out of the file into a Secret (and rotate it: it is in version control)',
          ['environment', e.name],
          many(e.name, (n) => `${e.name} is written in the Compose file (in ${n} services)`),
        );
    }
    if (w.stateful && w.replicas === 1 && !w.global)
      add(
        'single-point-of-failure',
        'medium',
        w.name,
        `${w.name} holds data and runs as a single replica`,
        'back it up, plan node drains for a maintenance window, or run it replicated with an operator',
        [],
        many('spof', (n) => `${n} services hold data and run as a single replica each`),
      );
    if (svc.container_name)
      add(
        'container-name',
        'low',
        w.name,
        `${w.name} sets container_name "${svc.container_name}"`,
        `Kubernetes names pods itself; anything that uses "${svc.container_name}" as a host name must use the Service name ${w.name}`,
        ['container_name'],
      );
    const swarm = SWARM_KEYS.filter((k) => svc.deploy && k in svc.deploy);
    if (swarm.length)
      add(
        'swarm-only',
        'low',
        w.name,
        `${w.name} uses Swarm-only deploy keys: ${swarm.join(', ')}`,
        'placement becomes node affinity, update_config a rollout strategy; the rest is dropped',
        ['deploy'],
      );
    for (const [key, action] of Object.entries(UNSUPPORTED)) {
      if (svc[key] !== undefined)
        add(
          'unsupported',
          'medium',
          w.name,
          `${w.name} uses ${key}, which Kubernetes has no direct answer for`,
          action,
          [key],
        );
    }
    const data = ['database', 'queue', 'search', 'object-store', 'coordination'].includes(w.role);
    if (data && !w.oneShot && !w.storage.some((m) => m.kind === 'data' || m.kind === 'host-path')) {
      add(
        'no-volume',
        'high',
        w.name,
        `${w.name} is a ${w.role} with no volume: its data lives in the container and is lost on restart`,
        'give it a PersistentVolumeClaim (convert does) — or confirm it is meant to be throwaway',
        [],
      );
    }
    if (w.exposure === 'dev-only')
      add(
        'published-data-port',
        'low',
        w.name,
        `${w.name} publishes ${w.ports
          .filter((p) => p.published)
          .map((p) => p.published)
          .join(', ')} on the host for direct access`,
        'keep it internal (ClusterIP) and use `kubectl port-forward` when you need to connect',
        ['ports'],
      );
    if (!w.healthcheck && !w.oneShot && w.ports.length && !w.knowledge)
      add(
        'no-healthcheck',
        'low',
        w.name,
        `${w.name} has no health check`,
        'add a /health endpoint or a healthcheck; without one Kubernetes can only check that the port opens',
        [],
        many('hc', (n) => `${n} services have no health check`),
      );
    if (!w.resources.limits && !w.oneShot)
      add(
        'no-resources',
        'low',
        w.name,
        `${w.name} sets no resource limits`,
        'convert applies role-based defaults; measure and adjust them',
        [],
        many('res', (n) => `${n} services set no resource limits`),
      );
  }
  const order: Record<FindingSeverity, number> = { high: 0, medium: 1, low: 2, info: 3 };
  return collapse(out).sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      (a.service ?? '').localeCompare(b.service ?? '') ||
      a.code.localeCompare(b.code),
  );
}

interface Group {
  readonly key: string;
  /** The message for the whole group, given how many services share it. */
  readonly summary: (count: number) => string;
}
type Grouped = Finding & { readonly group?: Group };

/** One finding for the same risk in many services (an x- anchor shared by all, every image built locally). */
function collapse(findings: Grouped[]): Finding[] {
  const groups = new Map<string, Grouped[]>();
  for (const f of findings) {
    if (!f.group) continue;
    const key = `${f.code}\0${f.group.key}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const f of findings) {
    const { group, ...finding } = f;
    if (!group) {
      out.push(finding);
      continue;
    }
    const key = `${f.code}\0${group.key}`;
    if (done.has(key)) continue;
    done.add(key);
    const members = groups.get(key) ?? [];
    if (members.length === 1) {
      out.push(finding);
      continue;
    }
    const services = [...new Set(members.flatMap((m) => (m.service ? [m.service] : [])))];
    out.push({ ...finding, message: group.summary(services.length), services });
  }
  return out;
}
