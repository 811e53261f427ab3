import jsyaml from 'js-yaml';
import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node as YNode } from 'yaml';
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

/** A document parsed with positions, made once and only when a finding needs a position in it. */
class Located {
  private doc?: { doc: Document; lc: LineCounter };
  constructor(private readonly chunk: Chunk) {}
  get(): { doc: Document; lc: LineCounter } {
    if (!this.doc) {
      const lc = new LineCounter();
      this.doc = { doc: parseDocument(this.chunk.text, { lineCounter: lc, uniqueKeys: false, strict: false }), lc };
    }
    return this.doc;
  }
  at(offset: number): { line: number; col: number } {
    const { line, col } = this.get().lc.linePos(offset);
    return { line: line + this.chunk.line, col };
  }
}

/**
 * Reads every Kubernetes object of a YAML or JSON text (JSON is YAML): several documents, `List`
 * objects (each item on its own), empty documents skipped. A document that is not YAML, or not an
 * object with apiVersion and kind, is an error at its position; the other documents are still read.
 * Values come from a fast parser; positions are worked out per document when a finding asks for one.
 */
export function parseManifests(file: string, text: string): ParsedManifests {
  const manifests: Manifest[] = [];
  const errors: LintInputError[] = [];
  for (const chunk of chunks(text)) {
    const located = new Located(chunk);
    let value: unknown;
    try {
      value = jsyaml.load(chunk.text.replace(/^---[^\n]*\n?/, (m) => m.replace(/[^\n]/g, ' ')));
    } catch {
      const { doc } = located.get();
      const e = doc.errors[0];
      errors.push({ file, ...located.at(e?.pos[0] ?? 0), message: firstLine(e?.message ?? 'not valid YAML') });
      continue;
    }
    if (value === null || value === undefined) continue;
    collect(located, value, [], file, manifests, errors);
  }
  return { manifests, errors };
}

function collect(
  located: Located,
  value: unknown,
  root: (string | number)[],
  file: string,
  manifests: Manifest[],
  errors: LintInputError[],
): void {
  const start = (): { line: number; col: number } => {
    const { doc } = located.get();
    const node = root.length ? (doc.getIn(root, true) as YNode | undefined) : (doc.contents ?? undefined);
    return located.at(node?.range?.[0] ?? 0);
  };
  const problem = objectProblem(value);
  if (problem) {
    errors.push({ file, ...start(), message: problem });
    return;
  }
  const object = value as K8sObject;
  if (object.kind.endsWith('List') && Array.isArray(object.items)) {
    object.items.forEach((item, i) => collect(located, item, [...root, 'items', i], file, manifests, errors));
    return;
  }
  let here: { line: number; col: number } | undefined;
  const locate = (path: readonly (string | number)[]) => {
    const { doc } = located.get();
    let found: YNode | undefined;
    // The deepest node of the path that exists: a missing field points at its parent.
    for (let n = path.length; n >= 0 && !found; n--) {
      const candidate = doc.getIn([...root, ...path.slice(0, n)], true) as YNode | undefined;
      if (candidate && (isMap(candidate) || isSeq(candidate) || n > 0)) found = candidate;
    }
    return found?.range ? located.at(found.range[0]) : (here ??= start());
  };
  manifests.push({
    object: { ...object, metadata: object.metadata ?? {} },
    file,
    get line() {
      return (here ??= start()).line;
    },
    get col() {
      return (here ??= start()).col;
    },
    locate,
  });
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
