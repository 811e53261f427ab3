import path from 'node:path';
import { error } from '../diagnostics/diagnostic.js';
import type { Lookup } from './interpolate.js';
import type { LoadContext } from './load.js';
import { mergeTrees } from './merge.js';
import { get, str, type LMap, type LPair } from './node.js';

/**
 * Replaces every service that has `extends` by its base service merged with its own keys,
 * following chains across files; a cycle is reported where it closes.
 * @see https://github.com/compose-spec/compose-spec/blob/main/05-services.md#extends
 */
export function resolveExtends(
  root: LMap,
  file: string,
  ctx: LoadContext,
  lookup: Lookup,
  stack: readonly string[],
): LMap {
  const services = get(root, 'services');
  if (services?.kind !== 'map') return root;
  const done = new Map<string, LMap | undefined>();
  const visiting: string[] = [];

  const resolve = (name: string): LMap | undefined => {
    if (done.has(name)) return done.get(name);
    visiting.push(name);
    try {
      return resolveOne(name);
    } finally {
      visiting.pop();
    }
  };

  const resolveOne = (name: string): LMap | undefined => {
    const pair = services.entries.get(name);
    if (!pair || pair.value.kind !== 'map') return undefined;
    const svc = pair.value;
    const ext = get(svc, 'extends');
    if (!ext) {
      done.set(name, svc);
      return svc;
    }
    const baseName = ext.kind === 'scalar' ? str(ext) : str(get(ext, 'service'));
    const fileNode = get(ext, 'file');
    const otherFile = str(fileNode);
    let base: LMap | undefined;
    if (otherFile && path.resolve(otherFile) !== file) {
      if (stack.includes(otherFile)) {
        ctx.diagnostics.push(
          error(
            'extends-cycle',
            `${name} extends ${baseName} in ${path.basename(otherFile)}, which leads back here: ${[...stack, otherFile].map((f) => path.basename(f)).join(' → ')}`,
            ext.origin,
          ),
        );
        base = undefined;
      } else {
        const other = ctx.loadFile(otherFile, lookup, path.dirname(otherFile), [...stack, otherFile], fileNode?.origin);
        if (!other) {
          done.set(name, undefined);
          return undefined;
        }
        const target = get(get(other, 'services'), baseName ?? '');
        if (target?.kind !== 'map') {
          ctx.diagnostics.push(
            error(
              'extends-unknown',
              `${name} extends service "${baseName}", which ${path.basename(otherFile)} does not define`,
              ext.origin,
            ),
          );
        } else base = target;
      }
    } else {
      if (visiting.includes(baseName ?? '')) {
        const cycle = [...visiting.slice(visiting.indexOf(baseName ?? '')), baseName];
        ctx.diagnostics.push(
          error(
            'extends-cycle',
            `services extend each other in a cycle: ${cycle.join(' → ')}`,
            ext.origin,
            'one service in the chain must stand on its own',
          ),
        );
        done.set(name, undefined);
        return undefined;
      }
      if (!services.entries.has(baseName ?? '')) {
        ctx.diagnostics.push(
          error(
            'extends-unknown',
            `${name} extends service "${baseName}", which this file does not define`,
            ext.origin,
          ),
        );
      } else if (baseName) base = resolve(baseName);
    }
    const own: LMap = { ...svc, entries: new Map([...svc.entries].filter(([k]) => k !== 'extends')) };
    const result = base
      ? mergeTrees({ ...base, entries: new Map([...base.entries].filter(([k]) => k !== 'extends')) }, own, [
          'services',
          name,
        ])
      : own;
    const merged: LMap = { ...result, origin: svc.origin };
    done.set(name, merged);
    return merged;
  };

  const entries = new Map<string, LPair>();
  for (const [name, pair] of services.entries) {
    const r = resolve(name);
    entries.set(name, r ? { ...pair, value: r } : pair);
  }
  const out = new Map(root.entries);
  const pair = root.entries.get('services');
  if (pair) out.set('services', { ...pair, value: { ...services, entries } });
  return { ...root, entries: out };
}
