import type { Origin } from '../diagnostics/diagnostic.js';

/**
 * A YAML value with its source position kept: the loader parses, interpolates, merges and
 * extends these trees, so every value still knows the file, line and column it came from.
 */
export type LNode = LMap | LSeq | LScalar;

export type ScalarValue = string | number | boolean | null;

interface LBase {
  readonly origin: Origin;
  /** A Compose merge tag on the node: `!reset` or `!override`. */
  readonly tag?: '!reset' | '!override';
}

export interface LPair {
  readonly key: string;
  readonly keyOrigin: Origin;
  readonly value: LNode;
}

export interface LMap extends LBase {
  readonly kind: 'map';
  readonly entries: Map<string, LPair>;
}

export interface LSeq extends LBase {
  readonly kind: 'seq';
  readonly items: LNode[];
}

export interface LScalar extends LBase {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  /** Offset from the origin column to the first character of the value (1 for a quoted scalar). */
  readonly quoteOffset?: number;
  /** The text as written, before interpolation, when interpolation changed it. */
  readonly template?: string;
}

export function lmap(origin: Origin, pairs: LPair[] = [], tag?: LBase['tag']): LMap {
  return { kind: 'map', origin, entries: new Map(pairs.map((p) => [p.key, p])), ...(tag ? { tag } : {}) };
}

export function lseq(origin: Origin, items: LNode[] = [], tag?: LBase['tag']): LSeq {
  return { kind: 'seq', origin, items, ...(tag ? { tag } : {}) };
}

export function lscalar(origin: Origin, value: ScalarValue): LScalar {
  return { kind: 'scalar', origin, value };
}

export function get(node: LNode | undefined, key: string): LNode | undefined {
  return node?.kind === 'map' ? node.entries.get(key)?.value : undefined;
}

export function getPair(node: LNode | undefined, key: string): LPair | undefined {
  return node?.kind === 'map' ? node.entries.get(key) : undefined;
}

export function str(node: LNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** A copy of the map with one entry set (or removed, with `undefined`), order kept. */
export function withEntry(map: LMap, key: string, value: LNode | undefined, keyOrigin?: Origin): LMap {
  const entries = new Map(map.entries);
  if (value === undefined) entries.delete(key);
  else entries.set(key, { key, keyOrigin: keyOrigin ?? entries.get(key)?.keyOrigin ?? value.origin, value });
  return { ...map, entries };
}

/** The plain JavaScript value of a tree, as JSON would hold it. */
export function toPlain(node: LNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, p] of node.entries) out[k] = toPlain(p.value);
      return out;
    }
  }
}

/** Appends a key or an index to a dotted origin path. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const safe = /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
  return parent ? `${parent}.${safe}` : safe;
}

/** A plain scalar as text; anything else (which the schema rejects before this runs) as JSON. */
export function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v) ?? '';
}
