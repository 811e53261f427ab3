import { LineCounter, parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, Scalar, visit } from 'yaml';
import type { Alias, Document, Node as YNode, ParsedNode } from 'yaml';
import { error, type Diagnostic, type Origin } from '../diagnostics/diagnostic.js';
import { childPath, lmap, text, lscalar, lseq, type LMap, type LNode, type LPair } from './node.js';

const COMPOSE_TAGS = new Set(['!reset', '!override']);

/**
 * Parses one Compose file into a located tree. Anchors, aliases and `<<` merge keys are resolved
 * here; several documents in one file are merged in order, as Compose does.
 */
export function parseYaml(file: string, text: string): { value: LMap | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: false });
  const pos = (offset: number, path: string): Origin => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col, path };
  };
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    // An empty stream: parseAllDocuments returns an EmptyStream, which is not an array.
    return { value: lmap(pos(0, '')), diagnostics };
  }
  const roots: LMap[] = [];
  for (const doc of list) {
    for (const e of doc.errors) {
      const code = e.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax';
      const message = cleanMessage(e.message);
      diagnostics.push(error(code, message, pos(errorOffset(text, e.pos[0], e.code), ''), yamlHint(e.code, message)));
    }
    for (const w of doc.warnings) {
      if (w.code === 'TAG_RESOLVE_FAILED' && COMPOSE_TAGS.has(tagIn(w.message))) continue;
      diagnostics.push(
        error(
          w.code === 'TAG_RESOLVE_FAILED' ? 'yaml-bad-tag' : 'yaml-syntax',
          cleanMessage(w.message),
          pos(w.pos[0], ''),
        ),
      );
    }
    if (doc.errors.length) continue;
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null)) {
      roots.push(lmap(pos(0, '')));
      continue;
    }
    const converter = new Converter(doc, pos, diagnostics);
    const root = converter.convert(contents, '');
    if (root.kind !== 'map') {
      diagnostics.push(
        error(
          'not-a-mapping',
          'a Compose file must be a mapping of top-level keys (services, volumes, ...)',
          root.origin,
        ),
      );
      continue;
    }
    roots.push(root);
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { value: undefined, diagnostics };
  if (roots.length === 0) return { value: lmap(pos(0, '')), diagnostics };
  const [first, ...rest] = roots;
  if (!first) return { value: lmap(pos(0, '')), diagnostics };
  return { value: rest.length === 0 ? first : mergeDocuments([first, ...rest]), diagnostics };
}

/**
 * `<<` as a merge key: plain, or written with the explicit `!!merge` tag (signoz writes
 * `!!merge <<: *anchor`); the parser gives the tagged form as a symbol. A quoted `"<<"` is a key.
 */
function isMergeKey(node: YNode | null): boolean {
  if (!isScalar(node)) return false;
  if (node.tag === 'tag:yaml.org,2002:merge') return true;
  return node.value === '<<' && node.type === Scalar.PLAIN;
}

function mergeDocuments([first, ...rest]: [LMap, ...LMap[]]): LMap {
  // Later documents override earlier ones key by key at the top level and one level down.
  const entries = new Map(first.entries);
  for (const r of rest) {
    for (const [k, p] of r.entries) {
      const prev = entries.get(k);
      if (prev && prev.value.kind === 'map' && p.value.kind === 'map') {
        entries.set(k, {
          ...prev,
          value: { ...prev.value, entries: new Map([...prev.value.entries, ...p.value.entries]) },
        });
      } else entries.set(k, p);
    }
  }
  return { ...first, entries };
}

function tagIn(message: string): string {
  return /Unresolved tag: (\S+)/.exec(message)?.[1] ?? '';
}

function cleanMessage(message: string): string {
  return message
    .replace(/ at line \d+, column \d+:?[\s\S]*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Where a YAML error is best shown: an error at the start of an indented line points at its first
 * character; one at the end of the input (an unclosed quote or bracket) points at the end of the
 * last line that has text, where the missing character belongs.
 */
function errorOffset(text: string, offset: number, code: string): number {
  if (code !== 'TAB_AS_INDENT') {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    if (offset === lineStart) {
      let i = offset;
      while (text[i] === ' ') i++;
      if (i > offset && text[i] !== '\n' && i < text.length) return i;
    }
  }
  if (text.slice(offset).trim() === '') {
    const before = text.slice(0, offset).replace(/\s+$/, '');
    if (before.length) return before.length;
  }
  return offset;
}

function yamlHint(code: string, message: string): string | undefined {
  if (/quote/i.test(message)) return 'close the quote on this line';
  if (/flow sequence|\]/i.test(message)) return 'close the list with ]';
  if (/flow mapping|\}/i.test(message)) return 'close the mapping with }';
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'remove one of the two entries; YAML keeps neither silently';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation of this line against the lines above it';
    default:
      return undefined;
  }
}

/** More nodes than this built from aliases is an alias bomb ("billion laughs"), not a Compose file. */
const MAX_EXPANDED_NODES = 1_000_000;

class Converter {
  private readonly resolving = new Set<YNode>();
  private expanded = 0;
  private exhausted = false;
  /** Each alias's target, found in one pass: `Alias.resolve` searches the whole document each call. */
  private readonly targets = new Map<Alias, YNode>();

  constructor(
    doc: Document.Parsed,
    private readonly pos: (offset: number, path: string) => Origin,
    private readonly diagnostics: Diagnostic[],
  ) {
    const anchors = new Map<string, YNode>();
    visit(doc, (_key, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) this.targets.set(node, target);
      } else if ((isMap(node) || isSeq(node) || isScalar(node)) && node.anchor) anchors.set(node.anchor, node);
    });
  }

  convert(node: ParsedNode | YNode, path: string): LNode {
    if (++this.expanded > MAX_EXPANDED_NODES) {
      if (!this.exhausted) {
        this.exhausted = true;
        this.diagnostics.push(
          error(
            'yaml-syntax',
            `aliases expand to more than ${MAX_EXPANDED_NODES} values: refusing to read further`,
            this.at(node, path),
            'an alias that points at a mapping of aliases, repeated, grows exponentially; flatten it',
          ),
        );
      }
      return lscalar(this.at(node, path), null);
    }
    if (isAlias(node)) {
      const target = this.targets.get(node);
      if (!target || this.resolving.has(target)) {
        this.diagnostics.push(
          error('yaml-syntax', `alias *${node.source} does not point at an anchored value`, this.at(node, path)),
        );
        return lscalar(this.at(node, path), null);
      }
      this.resolving.add(target);
      try {
        return this.convert(target, path);
      } finally {
        this.resolving.delete(target);
      }
    }
    const origin = this.at(node, path);
    const tag = node.tag && COMPOSE_TAGS.has(node.tag) ? (node.tag as '!reset' | '!override') : undefined;
    if (isMap(node)) {
      const explicit: LPair[] = [];
      const merged: LPair[] = [];
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const keyNode = item.key as YNode | null;
        const keyValue = isScalar(keyNode) ? keyNode.value : null;
        if (isMergeKey(keyNode)) {
          this.mergeKey(item.value as YNode | null, path, merged, origin);
          continue;
        }
        const key = keyValue === null || keyValue === undefined ? '' : text(keyValue);
        const keyOrigin = keyNode ? this.at(keyNode, childPath(path, key)) : origin;
        const value = item.value ? this.convert(item.value as YNode, childPath(path, key)) : lscalar(keyOrigin, null);
        explicit.push({ key, keyOrigin, value });
      }
      // Explicit keys win over merged ones, wherever the `<<` stands in the mapping.
      const names = new Set(explicit.map((p) => p.key));
      const pairs: LPair[] = [];
      const seenMerged = new Set<string>();
      for (const p of merged) {
        if (names.has(p.key) || seenMerged.has(p.key)) continue;
        seenMerged.add(p.key);
        pairs.push(p);
      }
      return lmap(origin, [...pairs, ...explicit], tag);
    }
    if (isSeq(node)) {
      return lseq(
        origin,
        node.items.map((item, i) => this.convert(item as YNode, childPath(path, i))),
        tag,
      );
    }
    if (isScalar(node)) {
      const v = node.value;
      const value =
        v === undefined
          ? null
          : typeof v === 'bigint'
            ? Number(v)
            : v instanceof Date
              ? v.toISOString()
              : (v as string | number | boolean | null);
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      return { kind: 'scalar', origin, value, ...(quoted ? { quoteOffset: 1 } : {}), ...(tag ? { tag } : {}) };
    }
    return lscalar(origin, null);
  }

  /** `<<: *a` or `<<: [*a, *b]`: earlier sources win over later ones, as YAML 1.1 says. */
  private mergeKey(value: YNode | null, path: string, into: LPair[], origin: Origin): void {
    const sources = isSeq(value) ? (value.items as YNode[]) : value ? [value] : [];
    for (const src of sources) {
      if (isAlias(src) && !this.targets.has(src)) {
        this.convert(src, path); // reports the dangling alias itself
        continue;
      }
      const converted = this.convert(src, path);
      if (converted.kind !== 'map') {
        this.diagnostics.push(
          error(
            'yaml-bad-merge',
            'a `<<` merge key must point at a mapping (or a list of mappings)',
            converted.origin ?? origin,
          ),
        );
        continue;
      }
      into.push(...converted.entries.values());
    }
  }

  private at(node: YNode, path: string): Origin {
    return this.pos(node.range?.[0] ?? 0, path);
  }
}
