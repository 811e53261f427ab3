import { error, type Diagnostic, type Origin } from '../diagnostics/diagnostic.js';
import { interpolateString } from './interpolate.js';

export interface EnvEntry {
  readonly value: string | undefined;
  readonly origin: Origin;
}

/**
 * Reads an env file the way Compose does: `KEY=VALUE` lines, `export` allowed, `#` comments,
 * single quotes literal, double quotes with escapes and `${VAR}` expansion, unquoted values with
 * expansion and a trailing ` #comment` cut. A bare `KEY` takes its value from `lookup` (or stays unset).
 * With `raw`, values are taken as written.
 */
export function parseDotenv(
  file: string,
  text: string,
  lookup: (name: string) => string | undefined,
  raw = false,
): { value: Map<string, EnvEntry>; diagnostics: Diagnostic[] } {
  const out = new Map<string, EnvEntry>();
  const diagnostics: Diagnostic[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const resolve = (name: string) => out.get(name)?.value ?? lookup(name);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const col = line.length - line.trimStart().length + 1;
    const origin: Origin = { file, line: lineNo, col, path: '' };
    const m = /^(?:export\s+)?([A-Za-z_.][A-Za-z0-9_.\-[\]]*)\s*(?:(=)\s*(.*))?$/s.exec(trimmed);
    if (!m) {
      diagnostics.push(
        error(
          'env-file-syntax',
          `cannot read this line of the env file: expected KEY=VALUE`,
          origin,
          'names start with a letter or underscore; values with spaces go in quotes',
        ),
      );
      continue;
    }
    const name = m[1] ?? '';
    const keyOrigin: Origin = { ...origin, path: name };
    if (!m[2]) {
      out.set(name, { value: lookup(name), origin: keyOrigin });
      continue;
    }
    let rest = m[3] ?? '';
    if (raw) {
      out.set(name, { value: rest, origin: keyOrigin });
      continue;
    }
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      // A quoted value may run over several lines until its closing quote.
      let body = rest.slice(1);
      let close = findClose(body, quote);
      while (close < 0 && i + 1 < lines.length) {
        i++;
        body += '\n' + lines[i];
        close = findClose(body, quote);
      }
      if (close < 0) {
        diagnostics.push(
          error('env-file-syntax', `the value of ${name} opens a ${quote} quote that is never closed`, origin),
        );
        continue;
      }
      let value = body.slice(0, close);
      if (quote === '"') {
        value = value.replace(/\\([nrt"\\$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
        value = expand(value, resolve, keyOrigin, diagnostics);
      }
      out.set(name, { value, origin: keyOrigin });
      continue;
    }
    const hash = rest.search(/\s#/);
    if (hash >= 0) rest = rest.slice(0, hash);
    out.set(name, { value: expand(rest.trim(), resolve, keyOrigin, diagnostics), origin: keyOrigin });
  }
  return { value: out, diagnostics };
}

function findClose(body: string, quote: string): number {
  for (let j = 0; j < body.length; j++) {
    if (body[j] === '\\' && quote === '"') {
      j++;
      continue;
    }
    if (body[j] === quote) return j;
  }
  return -1;
}

function expand(
  value: string,
  resolve: (n: string) => string | undefined,
  origin: Origin,
  diagnostics: Diagnostic[],
): string {
  if (!value.includes('$')) return value;
  const r = interpolateString(value, resolve, origin);
  diagnostics.push(...r.diagnostics.filter((d) => d.code !== 'variable-unset'));
  return r.value;
}
