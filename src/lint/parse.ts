import jsyaml from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { K8sObject, LintInputError, Manifest } from './types.js';

export interface ParsedManifests {
  readonly manifests: Manifest[];
  readonly errors: LintInputError[];
}

interface Chunk {
  readonly text: string;
  /** 0-based line of the chunk in its file. */
  readonly line: number;
}

/** Splits a stream at its `---` document markers (a line starting with them is always one in block YAML). */
function chunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  const lines = text.split('\n');
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || (i > start && /^---(\s|$)/.test(lines[i] ?? ''))) {
      out.push({ text: lines.slice(start, i).join('\n'), line: start });
      start = i;
    }
  }
  return out;
}

/** 1-based line and column. */
interface Pos {
  readonly line: number;
  readonly col: number;
}

/** A node js-yaml composed: where it starts, whether it is a key, its value, and its parts. */
interface Place extends Pos {
  key?: boolean;
  result?: unknown;
  kids?: Place[];
}

/**
 * The positions of every mapping and sequence of a document, from the same js-yaml pass that reads
 * its values (the loader's node events, each with its offset): no second parse. A key is the node
 * a `:` follows; the node after a key is its value.
 */
function loadWithPlaces(text: string, firstLine: number): { value: unknown; places: WeakMap<object, Place> } {
  const places = new WeakMap<object, Place>();
  const stack: Place[] = [];
  const blank = (at: number) => {
    let i = at;
    while (text[i] === ' ' || text[i] === '\t') i++;
    return i;
  };
  const listener = (event: 'open' | 'close', state: jsyaml.State): void => {
    if (event === 'open') {
      // A value opens right after its key's colon: it starts past the blanks.
      stack.push({ line: state.line + 1 + firstLine, col: blank(state.position) - state.lineStart + 1 });
      return;
    }
    const place = stack.pop();
    if (!place) return;
    const result: unknown = state.result;
    place.result = result;
    place.key = text[blank(state.position)] === ':';
    // A node can wrap another with the same value (a flow collection at the top): the inner one has the parts.
    if (typeof result === 'object' && result !== null && !places.has(result)) places.set(result, place);
    const parent = stack[stack.length - 1];
    if (parent) (parent.kids ??= []).push(place);
  };
  const value: unknown = jsyaml.load(text, { listener });
  return { value, places };
}

/**
 * Where a part of a mapping or sequence is: a key and its value, or an item. A sequence whose
 * nodes do not match its items one for one (a blank item js-yaml composes no node for) gives
 * nothing, so a finding falls back to the parent rather than point at the wrong line.
 */
function partOf(place: Place, container: unknown, part: string | number): { key: Pos; value?: Pos } | undefined {
  const kids = place.kids ?? [];
  if (Array.isArray(container)) {
    const item = kids.length === container.length && typeof part === 'number' ? kids[part] : undefined;
    return item ? { key: item } : undefined;
  }
  for (const [i, kid] of kids.entries()) {
    if (!kid.key || String(kid.result) !== String(part)) continue;
    const next = kids[i + 1];
    return next && !next.key ? { key: kid, value: next } : { key: kid };
  }
  return undefined;
}

/** A document parsed with the `yaml` library, only to say where a document that js-yaml refused is broken. */
function brokenAt(chunk: Chunk): { line: number; col: number; message: string } {
  const lc = new LineCounter();
  const doc = parseDocument(chunk.text, { lineCounter: lc, uniqueKeys: false, strict: false });
  const e = doc.errors[0];
  const { line, col } = lc.linePos(e?.pos[0] ?? 0);
  return { line: line + chunk.line, col, message: firstLine(e?.message ?? 'not valid YAML') };
}

/**
 * Reads every Kubernetes object of a YAML or JSON text (JSON is YAML): several documents, `List`
 * objects (each item on its own), empty documents skipped. A document that is not YAML, or not an
 * object with apiVersion and kind, is an error at its position; the other documents are still read.
 */
export function parseManifests(file: string, text: string): ParsedManifests {
  const manifests: Manifest[] = [];
  const errors: LintInputError[] = [];
  for (const chunk of chunks(text)) {
    let loaded: { value: unknown; places: WeakMap<object, Place> };
    try {
      loaded = loadWithPlaces(
        chunk.text.replace(/^---[^\n]*\n?/, (m) => m.replace(/[^\n]/g, ' ')),
        chunk.line,
      );
    } catch {
      errors.push({ file, ...brokenAt(chunk) });
      continue;
    }
    if (loaded.value === null || loaded.value === undefined) continue;
    const root = loaded.places.get(loaded.value);
    const top = root ? { line: root.line, col: root.col } : { line: chunk.line + 1, col: 1 };
    collect(loaded.places, loaded.value, top, file, manifests, errors);
  }
  return { manifests, errors };
}

function collect(
  places: WeakMap<object, Place>,
  value: unknown,
  at: Pos,
  file: string,
  manifests: Manifest[],
  errors: LintInputError[],
): void {
  const problem = objectProblem(value);
  if (problem) {
    errors.push({ file, line: at.line, col: at.col, message: problem });
    return;
  }
  const object = value as K8sObject;
  if (object.kind.endsWith('List') && Array.isArray(object.items)) {
    const list = places.get(object.items);
    object.items.forEach((item, i) =>
      collect(places, item, (list && partOf(list, object.items, i)?.key) ?? at, file, manifests, errors),
    );
    return;
  }
  // The deepest part of the path that exists: a scalar at its value, a mapping or sequence at its key.
  const locate = (path: readonly (string | number)[]): Pos => {
    let here: unknown = object;
    let pos: Pos = at;
    for (const part of path) {
      const place = typeof here === 'object' && here !== null ? places.get(here) : undefined;
      const found = place && partOf(place, here, part);
      const next = found ? (here as Record<string | number, unknown>)[part] : undefined;
      if (!found || next === undefined) break;
      pos = typeof next === 'object' && next !== null ? found.key : (found.value ?? found.key);
      here = next;
    }
    return { line: pos.line, col: pos.col };
  };
  manifests.push({ object: { ...object, metadata: object.metadata ?? {} }, file, line: at.line, col: at.col, locate });
}

function objectProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'a Kubernetes manifest must be a mapping with apiVersion and kind';
  const o = value as Record<string, unknown>;
  const missing = ['apiVersion', 'kind'].filter((k) => typeof o[k] !== 'string' || o[k] === '');
  if (missing.length) return `the object has no ${missing.join(' and no ')}`;
  if (o.metadata !== undefined && (typeof o.metadata !== 'object' || o.metadata === null))
    return 'metadata must be a mapping';
  return undefined;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
