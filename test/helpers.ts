import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject, type LoadOptions } from '../src/compose/load.js';
import type { ComposeProject } from '../src/compose/types.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { memoryFs } from '../src/io/fs.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const CORPUS = path.join(SHARED, 'corpus');
export const EXAMPLES = path.join(ROOT, 'examples');

/** Loads a project described as files in memory under /p (the first key is the main file). */
export function loadMem(
  files: Record<string, string>,
  options: Omit<LoadOptions, 'fs'> = {},
): { project: ComposeProject | undefined; diagnostics: readonly Diagnostic[] } {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [path.resolve('/p', k), v]));
  const first = Object.keys(files)[0]!;
  const r = loadProject({ cwd: '/p', environment: {}, files: [first], ...options, fs: memoryFs(abs) });
  return { project: r.value.project, diagnostics: r.diagnostics };
}

export function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

/** `code@line:col` of each error, for compact assertions. */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.origin?.line ?? 0}:${d.origin?.col ?? 0}`);
}
