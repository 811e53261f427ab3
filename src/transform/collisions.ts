import { error, type Diagnostic, type Origin } from '../diagnostics/diagnostic.js';
import type { AppModel } from '../model/types.js';
import type { Emitted } from './context.js';
import { dnsLabel } from './names.js';

/**
 * Two Compose names that become one Kubernetes name (`my_db` and `my-db`, or names past the
 * length limit that share a prefix) would give two objects one name, and one would silently
 * replace the other. They are refused, each pointing at both services.
 */
export function nameCollisions(model: AppModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (what: string, names: readonly { name: string; origin?: Origin }[], limit: number) => {
    const seen = new Map<string, { name: string; origin?: Origin }>();
    for (const n of names) {
      const k8s = dnsLabel(n.name, limit);
      const other = seen.get(k8s);
      if (!other) {
        seen.set(k8s, n);
        continue;
      }
      out.push(
        error(
          'name-collision',
          `${what} "${n.name}" and "${other.name}" both become "${k8s}" in Kubernetes`,
          n.origin,
          `rename one of them in the Compose file${other.origin ? ` (the other is at ${other.origin.file}:${other.origin.line}:${other.origin.col})` : ''}`,
        ),
      );
    }
  };
  check('the services', model.workloads, 52);
  check(
    'the volumes',
    model.volumes.map((v) => ({ name: v.name, origin: model.workloads.find((w) => w.name === v.usedBy[0])?.origin })),
    63,
  );
  return out;
}

/** The last safety net: one kind, namespace and name twice in the output is a bug, never a silent overwrite. */
export function duplicateObjects(objects: readonly Emitted[], model: AppModel): Diagnostic[] {
  const seen = new Map<string, Emitted>();
  const out: Diagnostic[] = [];
  for (const e of objects) {
    const o = e.object as unknown as { kind: string; metadata?: { name?: string; namespace?: string } };
    const key = `${o.kind}/${e.namespace ?? o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, e);
      continue;
    }
    out.push(
      error(
        'name-collision',
        `two ${o.kind} objects are named ${o.metadata?.name ?? ''} (for ${first.service ?? 'the project'} and ${e.service ?? 'the project'})`,
        e.service ? model.workloads.find((w) => w.name === e.service)?.origin : undefined,
        'rename one of the Compose names involved',
      ),
    );
  }
  return out;
}
