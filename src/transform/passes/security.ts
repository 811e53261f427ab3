import { knowledgeById, runtimeUser } from '../../knowledge/index.js';
import type { Pass } from '../context.js';
import { addVolume } from '../draft.js';
import { dnsLabel } from '../names.js';
import { serviceOf } from '../../compose/types.js';
import { SAFE_SYSCTLS } from '../../lint/pss.js';

/** What an image that starts as root and drops privileges itself needs back. */
const ROOT_START_CAPS = ['CHOWN', 'SETUID', 'SETGID', 'NET_BIND_SERVICE', 'DAC_OVERRIDE', 'FOWNER'];

/**
 * The restricted Pod Security profile wherever the image allows it: non-root with the image's own
 * uid/fsGroup, no privilege escalation, every capability dropped (cap_add added back), RuntimeDefault
 * seccomp, a read-only root with emptyDirs for the folders the image writes. Privileged mode and
 * host namespaces are carried, loudly.
 */
export const securityPass: Pass = {
  id: 'security',
  description: 'security contexts',
  run(ctx) {
    const unknownUser: string[] = [];
    for (const draft of ctx.pods.values()) {
      const w = draft.workload;
      const svc = serviceOf(ctx.project, w.name);
      const k = w.knowledge ? knowledgeById(w.knowledge) : undefined;
      // Compose's user: wins; else the USER of the Dockerfile this image is built from.
      const fromDockerfile = w.user === undefined ? w.dockerfile?.user : undefined;
      const declared = w.user ?? fromDockerfile?.value;
      const declaredIn =
        fromDockerfile && w.dockerfile
          ? `USER in ${w.dockerfile.path}:${fromDockerfile.line}`
          : 'user: in the Compose file';
      const user = parseUser(declared);
      const runtime = k ? runtimeUser(k, w.image) : undefined;
      const needsRoot = Boolean(runtime?.needsRoot);
      const uid = user?.uid ?? (declared === undefined && !needsRoot ? runtime?.uid : undefined);
      const gid = user?.gid ?? (declared === undefined ? runtime?.fsGroup : undefined);
      const notes: string[] = [];
      draft.podSecurity = { seccompProfile: { type: 'RuntimeDefault' } };
      if (uid !== undefined && uid !== 0) {
        draft.podSecurity.runAsNonRoot = true;
        draft.podSecurity.runAsUser = uid;
        if (gid !== undefined) {
          draft.podSecurity.runAsGroup = gid;
          draft.podSecurity.fsGroup = gid;
          // Only when the volume's root is not the group's yet: a large volume is not walked on every start.
          draft.podSecurity.fsGroupChangePolicy = 'OnRootMismatch';
        }
        notes.push(
          `runs as uid ${uid}${gid !== undefined ? `, fsGroup ${gid}` : ''} (${user ? declaredIn : `the ${k?.name} image's own user${runtime?.source ? `: ${runtime.source}` : ''}`})`,
        );
      } else if (uid === 0 || declared === 'root' || declared?.startsWith('root:') || declared?.startsWith('0:')) {
        notes.push(`runs as root because ${declaredIn} says so; change it if the image allows`);
      } else if (k && needsRoot) {
        if (gid !== undefined) {
          draft.podSecurity.fsGroup = gid;
          draft.podSecurity.fsGroupChangePolicy = 'OnRootMismatch';
        }
        notes.push(
          `${k.name} starts as root and drops privileges itself, so runAsNonRoot is not set and the capabilities it needs for that are kept`,
        );
      } else if (declared) {
        notes.push(
          `user "${declared}" (${declaredIn}) is a name, not a number: Kubernetes cannot check it is not root; use a numeric uid`,
        );
      } else {
        notes.push(
          'runs as the image\'s default user (unknown here): set user: "<uid>" in Compose or USER in the Dockerfile, then runAsNonRoot can be enforced',
        );
        unknownUser.push(w.name);
      }
      const privileged = w.privileged;
      const capsAdd = [
        ...new Set([
          ...(needsRoot && uid === undefined ? ROOT_START_CAPS : []),
          ...w.capAdd.map((c) => c.toUpperCase().replace(/^CAP_/, '')),
        ]),
      ].filter((c) => c !== 'ALL');
      const readOnly = w.readOnlyRoot || (k?.writablePaths !== undefined && !needsRoot);
      draft.main.securityContext = {
        allowPrivilegeEscalation: privileged,
        ...(privileged ? { privileged: true } : {}),
        capabilities: { drop: ['ALL'], ...(capsAdd.length ? { add: capsAdd } : {}) },
        readOnlyRootFilesystem: readOnly,
      };
      if (readOnly) {
        const mounted = new Set((draft.main.volumeMounts ?? []).map((m) => m.mountPath));
        for (const p of k?.writablePaths ?? []) {
          if (mounted.has(p)) continue;
          const name = dnsLabel(`writable${p.replace(/\//g, '-')}`);
          addVolume(draft, { name, emptyDir: {} });
          draft.main.volumeMounts = [...(draft.main.volumeMounts ?? []), { name, mountPath: p }];
        }
        notes.push(
          `read-only root file system${k?.writablePaths?.length ? ` with emptyDirs for ${k.writablePaths.join(', ')}` : w.readOnlyRoot ? ' (read_only in Compose)' : ''}`,
        );
      }
      if (capsAdd.length) notes.push(`capabilities: all dropped, ${capsAdd.join(', ')} added back`);
      if (privileged) {
        notes.push(
          'WARNING: privileged, as in Compose — most clusters reject this; find the capability it needs instead',
        );
        ctx.diagnostics.push({
          code: 'carried-with-risk',
          severity: 'warning',
          message: `${w.name} runs privileged; carried as is, which restricted clusters reject`,
          ...(w.origin ? { origin: w.origin } : {}),
        });
      }
      if (svc.network_mode === 'host') {
        draft.hostNetwork = true;
        notes.push('WARNING: host network, as in Compose');
        ctx.diagnostics.push({
          code: 'carried-with-risk',
          severity: 'warning',
          message: `${w.name} uses the host network; carried as hostNetwork, which restricted clusters reject`,
          ...(w.origin ? { origin: w.origin } : {}),
        });
      }
      if (svc.pid === 'host') draft.hostPID = true;
      if (svc.ipc === 'host') draft.hostIPC = true;
      if (svc.sysctls && Object.keys(svc.sysctls).length) {
        draft.podSecurity.sysctls = Object.entries(svc.sysctls).map(([name, value]) => ({ name, value }));
        const unsafe = Object.keys(svc.sysctls).filter((x) => !SAFE_SYSCTLS.has(x));
        notes.push(
          unsafe.length
            ? `sysctls carried; ${unsafe.join(', ')} ${unsafe.length === 1 ? 'is' : 'are'} not in the kubelet's safe set, so the pod starts only on nodes that allow ${unsafe.length === 1 ? 'it' : 'them'} (see NOTES.md)`
            : 'sysctls carried (all in the safe set every kubelet allows)',
        );
        if (unsafe.length)
          ctx.todo.push(
            `${w.name} sets ${unsafe.join(', ')}: allow ${unsafe.length === 1 ? 'it' : 'them'} on the nodes that may run it (kubelet --allowed-unsafe-sysctls=${unsafe.join(',')}, or allowedUnsafeSysctls in its configuration file), or the kubelet refuses the pod (SysctlForbidden)`,
          );
      }
      draft.comments.push(`Security: ${notes.join('; ')}.`);
    }
    if (unknownUser.length)
      ctx.todo.push(
        `Check that the images of ${unknownUser.join(', ')} run as a non-root user (USER in the Dockerfile, or user: in Compose), then convert again to enforce runAsNonRoot`,
      );
  },
};

function parseUser(user: string | undefined): { uid: number; gid?: number } | undefined {
  const m = user ? /^(\d+)(?::(\d+))?$/.exec(user) : null;
  if (!m) return undefined;
  return { uid: Number(m[1]), ...(m[2] !== undefined ? { gid: Number(m[2]) } : {}) };
}
