import path from 'node:path';
import { get, lseq, type LMap, type LNode, type LScalar } from './node.js';

/** True for a build context that is a remote URL rather than a folder. */
export function isRemote(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context.startsWith('github.com/');
}

/** `~` is the home folder; anything relative is taken from `baseDir`. */
export function resolvePath(p: string, baseDir: string, home: string | undefined): string {
  if (p === '~' || p.startsWith('~/')) return path.join(home ?? '~', p.slice(1));
  return path.resolve(baseDir, p);
}

function resolved(node: LNode, baseDir: string, home: string | undefined): LNode {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return node;
  const out: LScalar = { ...node, value: resolvePath(node.value, baseDir, home) };
  return out;
}

function setIn(map: LMap, key: string, fn: (n: LNode) => LNode): LMap {
  const pair = map.entries.get(key);
  if (!pair) return map;
  const entries = new Map(map.entries);
  entries.set(key, { ...pair, value: fn(pair.value) });
  return { ...map, entries };
}

/**
 * Makes every relative path of a file absolute against `baseDir`: build contexts, bind mount
 * sources, env files, `extends.file`, and the `file` of top-level secrets and configs.
 * Compose does this for included and extended files, whose paths are relative to their own folder.
 */
export function resolveRelativePaths(root: LMap, baseDir: string, home: string | undefined): LMap {
  let out = root;
  out = setIn(out, 'services', (services) => {
    if (services.kind !== 'map') return services;
    const entries = new Map(services.entries);
    for (const [name, pair] of services.entries) {
      if (pair.value.kind === 'map') entries.set(name, { ...pair, value: resolveService(pair.value, baseDir, home) });
    }
    return { ...services, entries };
  });
  for (const top of ['secrets', 'configs']) {
    out = setIn(out, top, (defs) => {
      if (defs.kind !== 'map') return defs;
      const entries = new Map(defs.entries);
      for (const [name, pair] of defs.entries) {
        if (pair.value.kind === 'map')
          entries.set(name, { ...pair, value: setIn(pair.value, 'file', (f) => resolved(f, baseDir, home)) });
      }
      return { ...defs, entries };
    });
  }
  return out;
}

function resolveService(svc: LMap, baseDir: string, home: string | undefined): LMap {
  let s = svc;
  s = setIn(s, 'build', (b) => {
    if (b.kind === 'scalar') return typeof b.value === 'string' && !isRemote(b.value) ? resolved(b, baseDir, home) : b;
    if (b.kind === 'map') {
      const ctx = get(b, 'context');
      if (ctx?.kind === 'scalar' && typeof ctx.value === 'string' && isRemote(ctx.value)) return b;
      return setIn(b, 'context', (c) => resolved(c, baseDir, home));
    }
    return b;
  });
  s = setIn(s, 'env_file', (e) => {
    const list = e.kind === 'seq' ? e : lseq(e.origin, [e]);
    return {
      ...list,
      items: list.items.map((item) =>
        item.kind === 'map' ? setIn(item, 'path', (p) => resolved(p, baseDir, home)) : resolved(item, baseDir, home),
      ),
    };
  });
  s = setIn(s, 'label_file', (e) =>
    e.kind === 'seq' ? { ...e, items: e.items.map((i) => resolved(i, baseDir, home)) } : resolved(e, baseDir, home),
  );
  s = setIn(s, 'extends', (e) => (e.kind === 'map' ? setIn(e, 'file', (f) => resolved(f, baseDir, home)) : e));
  s = setIn(s, 'volumes', (vols) => {
    if (vols.kind !== 'seq') return vols;
    return {
      ...vols,
      items: vols.items.map((v) => {
        if (v.kind === 'scalar' && typeof v.value === 'string') {
          const m = /^([.~][^:]*)(:.*)$/.exec(v.value);
          if (!m) return v;
          return { ...v, value: resolvePath(m[1] ?? '', baseDir, home) + (m[2] ?? '') };
        }
        if (v.kind === 'map') {
          const type = get(v, 'type');
          if (type?.kind === 'scalar' && type.value === 'bind')
            return setIn(v, 'source', (src) => resolved(src, baseDir, home));
        }
        return v;
      }),
    };
  });
  return s;
}
