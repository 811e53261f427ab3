import path from 'node:path';
import pc from 'picocolors';
import type { Diagnostic } from './diagnostic.js';

export interface RenderOptions {
  /** Colour the output with ANSI escapes. @default false */
  readonly color?: boolean;
  /** File paths are shown relative to this folder. @default process.cwd() */
  readonly cwd?: string;
  /** Returns a file's text, so that the offending line can be shown under the message. */
  readonly source?: (file: string) => string | undefined;
}

/**
 * Renders diagnostics the way compilers do:
 * `file:line:col: error[code]: message`, then the source line, a caret, and a hint.
 */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: RenderOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const cwd = options.cwd ?? process.cwd();
  const lines: string[] = [];
  for (const d of diagnostics) {
    const sev =
      d.severity === 'error'
        ? c.bold(c.red('error'))
        : d.severity === 'warning'
          ? c.bold(c.yellow('warning'))
          : c.bold(c.cyan('info'));
    const where = d.origin ? `${displayPath(d.origin.file, cwd)}:${d.origin.line}:${d.origin.col}: ` : '';
    lines.push(`${c.bold(where)}${sev}${c.bold(`[${d.code}]`)}: ${d.message}`);
    const text = d.origin && options.source?.(d.origin.file);
    if (d.origin && text !== undefined) {
      const src = text.split(/\r?\n/)[d.origin.line - 1];
      if (src !== undefined) {
        const gutter = String(d.origin.line);
        const pad = ' '.repeat(gutter.length);
        lines.push(`${c.dim(`${gutter} |`)} ${src.replace(/\t/g, ' ')}`);
        lines.push(`${c.dim(`${pad} |`)} ${' '.repeat(Math.max(0, d.origin.col - 1))}${c.bold(c.red('^'))}`);
      }
    }
    if (d.hint) lines.push(`  ${c.cyan('= hint:')} ${d.hint}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') && rel.split(path.sep).filter((p) => p === '..').length > 2 ? file : rel || file;
}

export function summarize(diagnostics: readonly Diagnostic[]): string {
  const e = diagnostics.filter((d) => d.severity === 'error').length;
  const w = diagnostics.filter((d) => d.severity === 'warning').length;
  const parts: string[] = [];
  if (e) parts.push(`${e} error${e === 1 ? '' : 's'}`);
  if (w) parts.push(`${w} warning${w === 1 ? '' : 's'}`);
  return parts.join(', ');
}
