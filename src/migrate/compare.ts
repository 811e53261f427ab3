import type { Comparison, Verification } from './types.js';

/** Compares two fingerprints (object → description) key by key; a key on one side only differs. */
export function compareFingerprints(
  source: ReadonlyMap<string, string>,
  target: ReadonlyMap<string, string>,
): Verification {
  const keys = [...new Set([...source.keys(), ...target.keys()])].sort();
  const items: Comparison[] = keys.map((k) => ({
    object: k,
    source: source.get(k) ?? 'missing',
    target: target.get(k) ?? 'missing',
    equal: source.get(k) === target.get(k),
  }));
  return { ok: items.every((i) => i.equal), items };
}
