/**
 * The plan's moves of data kept as files: a stateful service's named volume, a named volume shared
 * by stateless services, and a host folder services write to. Each is read through a throwaway
 * read-only container and written through a helper pod that mounts the claim replacing it.
 */
import type { ComposeProject } from '../compose/types.js';
import { VOLUME_MOUNT, dockerFolder, kubectlExec } from '../io/exec.js';
import type { Layer } from '../model/layers.js';
import type { AppModel, Workload } from '../model/types.js';
import { dnsLabel, shownPath } from '../transform/names.js';
import { IMPLICIT_DATA } from '../transform/passes/implicit-data.js';
import {
  hostFolderClaim,
  hostFolderUsers,
  movedByEngine,
  replicaClaim,
  volumeClaim,
} from '../transform/passes/storage.js';
import type { PlanStep } from './plan.js';
import { ENGINES } from './registry.js';
import type { PlanSide } from './types.js';

/** What the volume moves need from the plan being built. */
export interface VolumeContext {
  readonly model: AppModel;
  readonly project: ComposeProject;
  readonly layers: ReadonlyMap<string, Layer>;
  readonly nsOf: (service: string) => string;
  /** A Compose volume read through a throwaway container. */
  readonly volumeSource: (volume: string) => PlanSide;
  readonly rollbackOf: (writers: readonly string[]) => string;
}

/** The sentence that says where the helper pod comes from and when it goes. */
const helperNote = (claim: string, pod: HelperPod, extra = '') =>
  `written through a helper pod that mounts the claim ${claim}${extra}: first ${pod.start.map((c) => `\`${c}\``).join(', ')}; once verified \`${pod.remove}\``;

/**
 * The target of a stateful service's named volume: a helper pod on the claim its StatefulSet holds.
 * A data service runs by now: scaled to zero for the copy, and back. An app's StatefulSet is not
 * applied yet: its claim is made first, then the app adopts it.
 */
export function statefulVolumeTarget(ctx: VolumeContext, w: Workload, volume: string) {
  const users = ctx.model.workloads.filter((x) => x.storage.some((m) => m.kind === 'data' && m.volume === volume));
  const sts = dnsLabel(w.name, 52);
  const claim = volumeClaim(volume, sts, users.length === 1, Boolean(ctx.project.volumes[volume]?.external));
  // One helper pod per volume: a service with two volumes copies each through its own.
  const own = w.storage.filter((m) => m.kind === 'data' && m.volume).length > 1;
  return claimTarget(ctx, w, claim, dnsLabel(own ? `${w.name}-${volume}-copy` : `${w.name}-volume-copy`));
}

/** A helper pod on a claim of `w`'s StatefulSet, and the commands around the copy into it. */
function claimTarget(ctx: VolumeContext, w: Workload, claim: string, podName: string) {
  const ns = ctx.nsOf(w.name);
  const sts = dnsLabel(w.name, 52);
  const back = `kubectl -n ${ns} scale statefulset/${sts} --replicas=1`;
  const pod = helperPod(ns, podName, claim);
  const first = [`kubectl -n ${ns} scale statefulset/${sts} --replicas=0`, ...pod.start];
  const after = [pod.remove, back];
  return {
    side: pod.side,
    first,
    after,
    around:
      ctx.layers.get(w.name) === 'data'
        ? { claim, before: first, after }
        : { claim, before: pod.start, after: [pod.remove] },
  };
}

/**
 * Data a data service keeps inside its containers, where its Compose file mounts no volume
 * (qdrant-cluster's nodes): nothing a helper container can mount by name. Each replica's stopped
 * container is read through a snapshot of it: `docker commit` makes an image of its file system (a
 * stopped container cannot be exec'd into), and a throwaway container of that image serves the data
 * path, with the container's own volumes mounted read-only (`--volumes-from`: an anonymous volume
 * its image declares there is not in the snapshot), as root so that every file can be read, with no
 * network. The snapshot's own tools read it (sh and tar, as in any image with a shell). Written
 * through a helper pod on the replica's claim of the `data` template convert gave the StatefulSet;
 * the snapshot image is removed after the copy. The parts a step needs beyond the plan's own.
 */
export function containerDataSteps(
  ctx: VolumeContext,
  w: Workload,
  dataPath: string,
  containerOf: (replica: number) => string,
): Pick<PlanStep, 'engine' | 'method' | 'source' | 'target' | 'around' | 'needs' | 'notes'>[] {
  const sts = dnsLabel(w.name, 52);
  return Array.from({ length: Math.max(1, w.replicas) }, (_, i) => {
    const container = containerOf(i + 1);
    const snapshot = `stevedore-snapshot-${dnsLabel(`${ctx.project.name}-${w.name}-${i + 1}`)}:copy`;
    const claim = replicaClaim(IMPLICIT_DATA, sts, i);
    const into = claimTarget(ctx, w, claim, dnsLabel(`${w.name}-${i}-data-copy`));
    const commit = `docker commit ${container} ${snapshot}`;
    const remove = `docker rmi ${snapshot}`;
    return {
      engine: 'volume',
      method: ENGINES.volume.method,
      source: {
        url: dataPath,
        exec: [
          'docker',
          'run',
          '--rm',
          '-i',
          '--network',
          'none',
          '-u',
          '0',
          '--volumes-from',
          `${container}:ro`,
          '--entrypoint=',
          snapshot,
        ].join(' '),
      },
      target: into.side,
      around: { claim, before: [commit, ...into.around.before], after: [...into.around.after, remove] },
      needs: [],
      notes: [
        `${w.name} keeps its data at ${dataPath} inside its container ${container} (its Compose file mounts no volume there): with ${w.name} stopped, \`${commit}\` snapshots the container's file system, and a throwaway container of that image (with ${container}'s own volumes, read only) is read; once verified, \`${remove}\`. The snapshot needs sh and tar in ${w.name}'s image, and room on the Compose host for a second copy of the data until it is removed`,
        `written through a helper pod that mounts the claim ${claim}, with ${w.name} at zero replicas in the cluster: first ${into.first.map((c) => `\`${c}\``).join(', ')}; after the copy ${into.after.map((c) => `\`${c}\``).join(', ')}`,
      ],
    };
  });
}

/**
 * Named volumes shared by stateless services (uploads written by one, served by another) hold data
 * too: each copied once, through the first service that mounts it. `covered` holds the volumes the
 * stateful services' steps move already.
 */
export function sharedVolumeSteps(ctx: VolumeContext, covered: Set<string | undefined>): PlanStep[] {
  const steps: PlanStep[] = [];
  for (const w of ctx.model.workloads.filter((x) => !x.stateful && !x.oneShot)) {
    for (const m of w.storage.filter((x) => x.kind === 'data' && x.volume && !covered.has(x.volume))) {
      covered.add(m.volume);
      const users = ctx.model.workloads
        .filter((x) => !x.oneShot && x.storage.some((y) => y.volume === m.volume))
        .map((x) => x.name);
      const claim = volumeClaim(m.volume ?? '', undefined, false, false);
      const pod = helperPod(ctx.nsOf(w.name), dnsLabel(`${m.volume ?? w.name}-volume-copy`), claim);
      steps.push({
        service: w.name,
        what: `volume ${m.volume ?? ''}`,
        namespace: ctx.nsOf(w.name),
        engine: 'volume',
        method: ENGINES.volume.method,
        source: ctx.volumeSource(m.volume ?? ''),
        target: pod.side,
        // The apps are not applied yet (or at zero): only the helper pod, on the claim made first.
        around: { claim, before: pod.start, after: [pod.remove] },
        needs: [],
        stop: users,
        size: 'measured when run',
        rollback: ctx.rollbackOf(users),
        notes: [
          `volume ${m.volume}, shared by ${users.join(', ')}: copied once, read through a throwaway read-only container with all of them stopped`,
          helperNote(claim, pod, ' (applied before the apps, which stay at zero until the data is in)'),
        ],
      });
    }
  }
  return steps;
}

/**
 * Host folders services write to (bind mounts): each copied once into the claim that replaces it,
 * read through a throwaway container, unless the service's own engine moves that data.
 */
export function hostFolderSteps(ctx: VolumeContext): PlanStep[] {
  const { model, project } = ctx;
  const steps: PlanStep[] = [];
  for (const [folder, users] of hostFolderUsers(model.workloads)) {
    const owners = model.workloads.filter((x) => users.includes(x.name));
    const byEngine = owners.some((x) =>
      x.storage.some((m) => m.kind === 'host-path' && m.source === folder && movedByEngine(x, m)),
    );
    const running = owners.filter((x) => !x.oneShot);
    const first = running[0];
    if (byEngine || !first) continue;
    const ns = ctx.nsOf(first.name);
    const names = running.map((x) => x.name);
    const claim = hostFolderClaim(project.name, model.workingDir, folder, users);
    // The StatefulSets that hold the claim and run by now (the data layer's): to zero for the copy.
    const sets = running
      .filter((x) => x.stateful && ctx.layers.get(x.name) === 'data')
      .map((x) => `statefulset/${dnsLabel(x.name, 52)}`);
    const pod = helperPod(ns, dnsLabel(`${claim}-copy`), claim);
    const shown = shownPath(model.workingDir, folder);
    steps.push({
      service: first.name,
      what: `host folder ${shown}`,
      namespace: ns,
      engine: 'volume',
      method: ENGINES.volume.method,
      source: { url: VOLUME_MOUNT, exec: dockerFolder(folder).prefix.join(' ') },
      target: pod.side,
      // A StatefulSet that holds the claim goes to zero for the copy; apps are not started yet.
      around: {
        claim,
        before: [...(sets.length ? [`kubectl -n ${ns} scale ${sets.join(' ')} --replicas=0`] : []), ...pod.start],
        after: [pod.remove, ...(sets.length ? [`kubectl -n ${ns} scale ${sets.join(' ')} --replicas=1`] : [])],
      },
      needs: [],
      stop: names,
      size: 'measured when run',
      rollback: ctx.rollbackOf(names),
      notes: [
        `host folder ${shown}${users.length > 1 ? `, shared by ${users.join(', ')}` : ` of ${first.name}`}: copied once, read through a throwaway read-only container (a bind mount that is never created when missing) with ${names.join(', ')} stopped`,
        helperNote(claim, pod),
      ],
    });
  }
  return steps;
}

interface HelperPod {
  /** The target side: kubectl exec into the pod. */
  readonly side: PlanSide;
  /** The pod made, and waited for. */
  readonly start: readonly string[];
  readonly remove: string;
}

/**
 * A pod that mounts a volume's claim at /volume and waits, to write into with the service scaled to
 * zero: kubectl exec into it is the target transport. Root, so tar keeps owners (baseline Pod Security).
 */
function helperPod(namespace: string, name: string, claim: string): HelperPod {
  const overrides = JSON.stringify({
    apiVersion: 'v1',
    spec: {
      containers: [
        {
          name,
          image: 'busybox:1.36.1',
          command: ['sleep', '86400'],
          volumeMounts: [{ name: 'data', mountPath: VOLUME_MOUNT }],
        },
      ],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
    },
  });
  const k = `kubectl -n ${namespace}`;
  return {
    side: { url: VOLUME_MOUNT, exec: kubectlExec(namespace, name).prefix.join(' ') },
    start: [
      `${k} run ${name} --restart=Never --image=busybox:1.36.1 --overrides='${overrides}'`,
      `${k} wait --for=condition=Ready pod/${name} --timeout=300s`,
    ],
    remove: `${k} delete pod ${name}`,
  };
}
