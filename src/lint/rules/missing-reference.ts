import { hitAt, quote } from '../rule-kit.js';
import type { LintContext } from '../context.js';
import { CREATED_SEPARATELY, type LintHit, type LintRule, type Manifest } from '../types.js';
import { claimTemplates } from '../volumes.js';
import { arr, get, obj, runContainers, str, type Path, type Workload } from '../workloads.js';

interface Ref {
  readonly kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';
  readonly name: string;
  readonly key?: string;
  readonly optional: boolean;
  readonly path: Path;
}

function keysOf(m: Manifest): Set<string> {
  return new Set([
    ...Object.keys(obj(m.object.data)),
    ...Object.keys(obj(m.object.binaryData)),
    ...Object.keys(obj(m.object.stringData)),
  ]);
}

function refsOf(w: Workload): Ref[] {
  const refs: Ref[] = [];
  const add = (kind: Ref['kind'], src: unknown, nameKey: string, path: Path, key?: string) => {
    const name = str(get(src, [nameKey]));
    if (name) refs.push({ kind, name, ...(key ? { key } : {}), optional: get(src, ['optional']) === true, path });
  };
  for (const c of runContainers(w)) {
    arr(c.spec.env).forEach((e, i) => {
      const from = obj(obj(e).valueFrom);
      const p = [...c.path, 'env', i, 'valueFrom'];
      if (from.configMapKeyRef)
        add('ConfigMap', from.configMapKeyRef, 'name', p, str(get(from.configMapKeyRef, ['key'])));
      if (from.secretKeyRef) add('Secret', from.secretKeyRef, 'name', p, str(get(from.secretKeyRef, ['key'])));
    });
    arr(c.spec.envFrom).forEach((e, i) => {
      const p = [...c.path, 'envFrom', i];
      if (obj(e).configMapRef) add('ConfigMap', obj(e).configMapRef, 'name', p);
      if (obj(e).secretRef) add('Secret', obj(e).secretRef, 'name', p);
    });
  }
  arr(w.podSpec.volumes).forEach((v, i) => {
    const o = obj(v);
    const p = [...w.podPath, 'volumes', i];
    const items = (src: unknown, kind: Ref['kind'], nameKey: string, at: Path) => {
      add(kind, src, nameKey, at);
      for (const it of arr(get(src, ['items']))) add(kind, src, nameKey, at, str(obj(it).key));
    };
    if (o.configMap) items(o.configMap, 'ConfigMap', 'name', p);
    if (o.secret) items(o.secret, 'Secret', 'secretName', p);
    if (o.persistentVolumeClaim) add('PersistentVolumeClaim', o.persistentVolumeClaim, 'claimName', p);
    arr(get(o, ['projected', 'sources'])).forEach((s, j) => {
      if (obj(s).configMap) items(obj(s).configMap, 'ConfigMap', 'name', [...p, 'projected', 'sources', j]);
      if (obj(s).secret) items(obj(s).secret, 'Secret', 'name', [...p, 'projected', 'sources', j]);
    });
  });
  return refs;
}

function volumeMountHits(w: Workload): LintHit[] {
  const declared = new Set([...arr(w.podSpec.volumes).map((v) => str(obj(v).name) ?? ''), ...claimTemplates(w)]);
  return runContainers(w).flatMap((c) =>
    arr(c.spec.volumeMounts).flatMap((m, i) => {
      const name = str(obj(m).name) ?? '';
      return declared.has(name)
        ? []
        : [
            hitAt(
              w,
              [...c.path, 'volumeMounts', i],
              `container ${quote(c.name)} mounts the volume ${quote(name)}, which the pod does not declare`,
            ),
          ];
    }),
  );
}

function check(ctx: LintContext): LintHit[] {
  return ctx.workloads.flatMap((w) => {
    const separate = new Set(
      (w.object.metadata.annotations?.[CREATED_SEPARATELY] ?? '').split(',').map((s) => s.trim()),
    );
    return [
      ...volumeMountHits(w),
      ...refsOf(w).flatMap((r): LintHit[] => {
        if (r.optional) return [];
        const found = ctx.find(r.kind, r.name, w.object);
        if (!found && separate.has(`${r.kind}/${r.name}`))
          return [
            hitAt(
              w,
              r.path,
              `the ${r.kind} ${r.name} is to be created separately (see NOTES.md): create it before applying`,
              {
                severity: 'info',
              },
            ),
          ];
        if (!found)
          return [
            hitAt(
              w,
              r.path,
              `the ${r.kind} ${r.name} is not in the input: the pod ${r.kind === 'PersistentVolumeClaim' ? 'stays Pending' : 'does not start'}`,
            ),
          ];
        if (r.key !== undefined && r.kind !== 'PersistentVolumeClaim' && !keysOf(found).has(r.key))
          return [hitAt(w, r.path, `the ${r.kind} ${r.name} has no key ${quote(r.key)}`)];
        return [];
      }),
    ];
  });
}

const rule: LintRule = {
  id: 'missing-reference',
  severity: 'error',
  covers: ['kube-linter:env-var-value-from'],
  description:
    'A pod references a ConfigMap, Secret, key, claim or volume that the input does not contain: the pod does not start.',
  hint: 'Add the object (or the key), mark the reference optional, or remove it.',
  check,
};
export default rule;
