import type { Path, Workload, Container } from './workloads.js';
import { arr, get, obj, str } from './workloads.js';

/** A finding of a Pod Security control: where and what. */
export interface PssHit {
  readonly path: Path;
  readonly message: string;
}

/** Pod-level and every container's (init and ephemeral too) securityContext, as the Pod Security admission reads them. */
export function securityContexts(
  w: Workload,
): { owner: string; path: Path; sc: Record<string, unknown>; container?: Container }[] {
  return [
    { owner: 'the pod', path: [...w.podPath, 'securityContext'], sc: obj(w.podSpec.securityContext) },
    ...w.containers.map((c) => ({
      owner: `container ${JSON.stringify(c.name)}`,
      path: [...c.path, 'securityContext'],
      sc: obj(c.spec.securityContext),
      container: c,
    })),
  ];
}

export const containerContexts = (w: Workload) => securityContexts(w).filter((s) => s.container !== undefined);

export const capsOf = (sc: Record<string, unknown>, k: 'add' | 'drop'): string[] =>
  arr(get(sc, ['capabilities', k])).map((x) => String(x));

/** The capabilities the baseline level lets a container add (the Docker defaults). */
export const BASELINE_CAPS = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Sysctls the baseline level allows (namespaced and safe). */
export const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

/** Volume types the restricted level allows. */
export const RESTRICTED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

export const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

export const volumeType = (v: unknown): string | undefined => Object.keys(obj(v)).find((k) => k !== 'name');

export const nameOfVolume = (v: unknown): string => str(obj(v).name) ?? '?';
