import { error, warning, type Diagnostic, type Origin } from '../diagnostics/diagnostic.js';
import type { LNode, LPair, LScalar } from './node.js';

export type Lookup = (name: string) => string | undefined;

/**
 * Expands variables in one string, following the Compose specification:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+alt}`, `${VAR+alt}`, nested expressions inside defaults, and `$$` for a literal `$`.
 * @see https://github.com/compose-spec/compose-spec/blob/main/12-interpolation.md
 */
export function interpolateString(
  text: string,
  lookup: Lookup,
  origin: Origin,
  colOffset = 0,
): { value: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (index: number): Origin =>
    origin.line ? { ...origin, col: origin.col + colOffset + positionInLine(text, index) } : origin;
  const value = expandRange(text, 0, text.length, lookup, at, diagnostics);
  return { value, diagnostics };
}

function positionInLine(text: string, index: number): number {
  const nl = text.lastIndexOf('\n', index - 1);
  return nl < 0 ? index : 0;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function expandRange(
  text: string,
  start: number,
  end: number,
  lookup: Lookup,
  at: (i: number) => Origin,
  diagnostics: Diagnostic[],
): string {
  let out = '';
  let i = start;
  while (i < end) {
    const ch = text.charAt(i);
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const close = matchBrace(text, i + 2, end);
      if (close < 0) {
        diagnostics.push(
          error(
            'interpolation-syntax',
            `invalid interpolation: "${text.slice(i, end)}" has no closing brace`,
            at(i),
            'close the expression with } or write $$ for a literal dollar sign',
          ),
        );
        return out + text.slice(i, end);
      }
      out += expandBraced(text, i, i + 2, close, lookup, at, diagnostics);
      i = close + 1;
      continue;
    }
    const m = NAME.exec(text.slice(i + 1, end));
    if (m) {
      out += resolveVar(m[0], lookup, at(i), diagnostics);
      i += 1 + m[0].length;
      continue;
    }
    // A lone `$` (end of string, before a space or punctuation) stays as it is, as in Compose.
    out += '$';
    i++;
  }
  return out;
}

function matchBrace(text: string, from: number, end: number): number {
  let depth = 1;
  for (let j = from; j < end; j++) {
    if (text[j] === '$' && text[j + 1] === '$') {
      j++;
      continue;
    }
    if (text[j] === '$' && text[j + 1] === '{') {
      depth++;
      j++;
      continue;
    }
    if (text[j] === '}') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

function expandBraced(
  text: string,
  dollar: number,
  from: number,
  close: number,
  lookup: Lookup,
  at: (i: number) => Origin,
  diagnostics: Diagnostic[],
): string {
  const inner = text.slice(from, close);
  const m = NAME.exec(inner);
  if (!m) {
    diagnostics.push(
      error(
        'interpolation-syntax',
        `invalid interpolation: "\${${inner}}" does not start with a variable name`,
        at(dollar),
        'a variable name starts with a letter or _ and holds letters, digits and _',
      ),
    );
    return '';
  }
  const name = m[0];
  const rest = inner.slice(name.length);
  if (rest === '') return resolveVar(name, lookup, at(dollar), diagnostics);
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[1];
  if (!op) {
    diagnostics.push(
      error(
        'interpolation-syntax',
        `invalid interpolation: "\${${inner}}" has an unknown operator after ${name}`,
        at(dollar),
        'use one of :- - :? ? :+ +',
      ),
    );
    return '';
  }
  const argStart = from + name.length + op.length;
  const value = lookup(name);
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  const arg = () => expandRange(text, argStart, close, lookup, at, diagnostics);
  switch (op) {
    case ':-':
      return nonEmpty ? value : arg();
    case '-':
      return set ? value : arg();
    case ':+':
      return nonEmpty ? arg() : '';
    case '+':
      return set ? arg() : '';
    case ':?':
    case '?': {
      if (op === ':?' ? nonEmpty : set) return value ?? '';
      const msg = arg();
      diagnostics.push(
        error(
          'interpolation-required',
          `required variable ${name} is ${set ? 'empty' : 'not set'}${msg ? `: ${msg}` : ''}`,
          at(dollar),
          `set ${name} in the environment, in .env, or with --env-file`,
        ),
      );
      return '';
    }
  }
  return '';
}

function resolveVar(name: string, lookup: Lookup, origin: Origin, diagnostics: Diagnostic[]): string {
  const v = lookup(name);
  if (v === undefined) {
    diagnostics.push(
      warning(
        'variable-unset',
        `variable ${name} is not set; it defaults to an empty string`,
        origin,
        `set ${name} in the environment or in .env, or give a default with \${${name}:-value}`,
      ),
    );
    return '';
  }
  return v;
}

/** Interpolates every string value of a tree (keys are left as written, as Compose does). */
export function interpolateTree(node: LNode, lookup: Lookup, diagnostics: Diagnostic[]): LNode {
  switch (node.kind) {
    case 'scalar': {
      if (typeof node.value !== 'string' || !node.value.includes('$')) return node;
      const r = interpolateString(node.value, lookup, node.origin, node.quoteOffset ?? 0);
      diagnostics.push(...r.diagnostics);
      const out: LScalar = { ...node, value: r.value, template: node.value };
      return out;
    }
    case 'seq':
      return { ...node, items: node.items.map((i) => interpolateTree(i, lookup, diagnostics)) };
    case 'map': {
      const entries = new Map<string, LPair>();
      for (const [k, p] of node.entries) entries.set(k, { ...p, value: interpolateTree(p.value, lookup, diagnostics) });
      return { ...node, entries };
    }
  }
}
