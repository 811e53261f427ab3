import { arr, get, obj, str, type Container, type Path, type Workload } from './workloads.js';

export interface MountInfo {
  readonly container: Container;
  readonly name: string;
  readonly mountPath: string;
  readonly subPath?: string;
  readonly readOnly: boolean;
  readonly path: Path;
  /** The pod volume (or the StatefulSet claim template, as `{persistentVolumeClaim: {}}`). */
  readonly volume?: Record<string, unknown>;
}

/** The names of a StatefulSet's volume claim templates (each pod gets its own claim). */
export const claimTemplates = (w: Workload): string[] =>
  w.kind === 'StatefulSet'
    ? arr(get(w.object, ['spec', 'volumeClaimTemplates'])).map((t) => str(get(t, ['metadata', 'name'])) ?? '')
    : [];

export function mountsOf(w: Workload, c: Container): MountInfo[] {
  const volumes = new Map(arr(w.podSpec.volumes).map((v) => [str(obj(v).name) ?? '', obj(v)]));
  for (const t of claimTemplates(w))
    if (!volumes.has(t)) volumes.set(t, { name: t, persistentVolumeClaim: { claimName: t } });
  return arr(c.spec.volumeMounts).map((m, i) => {
    const o = obj(m);
    const name = str(o.name) ?? '';
    const volume = volumes.get(name);
    return {
      container: c,
      name,
      mountPath: (str(o.mountPath) ?? '').replace(/\/+$/, '') || '/',
      ...(str(o.subPath) ? { subPath: str(o.subPath) } : {}),
      readOnly: o.readOnly === true,
      path: [...c.path, 'volumeMounts', i],
      ...(volume ? { volume } : {}),
    };
  });
}

/** Volumes whose contents are projected by Kubernetes and always read-only. */
export const READ_ONLY_TYPES = ['configMap', 'secret', 'projected', 'downwardAPI'];

export const isReadOnlyMount = (m: MountInfo): boolean =>
  m.readOnly || READ_ONLY_TYPES.some((t) => m.volume?.[t] !== undefined);

export const isPersistent = (m: MountInfo): boolean =>
  m.volume?.persistentVolumeClaim !== undefined || m.volume?.ephemeral !== undefined;

/** `a` is `b` or a folder above it. */
export const covers = (a: string, b: string): boolean => a === b || a === '/' || b.startsWith(`${a}/`);
