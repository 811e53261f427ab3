import type { Code } from './codes.js';

/** Where a value came from: 1-based line and column in a file, and its path in the document. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Dotted path of the value in its document, e.g. `services.web.ports[0]`. */
  readonly path: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  readonly origin?: Origin;
  readonly hint?: string;
}

/** Every stage returns its value with what it found to say about the input. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

export function error(code: Code, message: string, origin?: Origin, hint?: string): Diagnostic {
  return withOptional({ code, severity: 'error', message }, origin, hint);
}

export function warning(code: Code, message: string, origin?: Origin, hint?: string): Diagnostic {
  return withOptional({ code, severity: 'warning', message }, origin, hint);
}

function withOptional(d: Diagnostic, origin: Origin | undefined, hint: string | undefined): Diagnostic {
  return { ...d, ...(origin ? { origin } : {}), ...(hint ? { hint } : {}) };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order: by file, line, column, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.origin?.file ?? '';
    const fb = b.origin?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.origin?.line ?? 0;
    const lb = b.origin?.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.origin?.col ?? 0;
    const cb = b.origin?.col ?? 0;
    if (ca !== cb) return ca - cb;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : a.message < b.message ? -1 : 1;
  });
}

/** Drops exact repeats (the same file may be read twice, e.g. through extends). */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.code}\0${d.message}\0${d.origin?.file}\0${d.origin?.line}\0${d.origin?.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
