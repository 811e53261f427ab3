import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { it } from './harness.js';
import { fileURLToPath } from 'node:url';
import { loadProject, type LoadOptions } from '../src/compose/load.js';
import type { ComposeProject } from '../src/compose/types.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { memoryFs, type FileSystem } from '../src/io/fs.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const CORPUS = path.join(SHARED, 'corpus');
export const EXAMPLES = path.join(ROOT, 'examples');

/** Loads a project described as files in memory under /p (the first key is the main file). */
export function loadMem(
  files: Record<string, string>,
  options: Omit<LoadOptions, 'fs'> = {},
): { project: ComposeProject | undefined; diagnostics: readonly Diagnostic[]; fs: FileSystem } {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [path.resolve('/p', k), v]));
  const first = Object.keys(files)[0]!;
  const fs = memoryFs(abs);
  const r = loadProject({ cwd: '/p', environment: {}, files: [first], ...options, fs });
  return { project: r.value.project, diagnostics: r.diagnostics, fs };
}

export function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

/** `code@line:col` of each error, for compact assertions. */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.origin?.line ?? 0}:${d.origin?.col ?? 0}`);
}

/** Set by CI: a missing corpus is then a failure, never a silent skip. */
export const CORPUS_REQUIRED = process.env.STEVEDORE_REQUIRE_CORPUS === '1';
const corpusPresent = existsSync(CORPUS);
/** Why corpus tests are skipped here, or undefined when the corpus is present (or required). */
export const CORPUS_SKIP: string | undefined =
  corpusPresent || CORPUS_REQUIRED
    ? undefined
    : `the external corpus is not beside this clone (${CORPUS}); set STEVEDORE_REQUIRE_CORPUS=1 to make it mandatory`;

/**
 * The corpus stacks that have a docker-compose.yml, sorted. Empty when the corpus is absent; when it is
 * absent but required, registers one failing test that says so.
 */
export function corpusStacks(): string[] {
  if (!corpusPresent) {
    if (CORPUS_REQUIRED)
      it('the corpus is present (STEVEDORE_REQUIRE_CORPUS=1)', () => {
        assert.fail(`${CORPUS} is missing: CI needs ../shared/corpus beside the clone`);
      });
    return [];
  }
  return readdirSync(CORPUS)
    .filter((n) => existsSync(path.join(CORPUS, n, 'docker-compose.yml')))
    .sort();
}

/** `it` for a test over corpus input: skipped, with the reason, when the corpus is absent. */
export function itCorpus(name: string, fn: () => void | Promise<void>): void {
  if (CORPUS_SKIP) it(name, { skip: CORPUS_SKIP }, () => undefined);
  else if (!corpusPresent) it(name, () => assert.fail(`${CORPUS} is missing: CI needs ../shared/corpus`));
  else it(name, fn);
}

/**
 * Compares text with its golden file. UPDATE_GOLDEN=1 rewrites the file; a missing golden file fails,
 * so a test can never pass by writing what it is meant to check.
 */
export function assertGolden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file))
    assert.fail(`the golden file ${path.relative(ROOT, file)} is missing: run with UPDATE_GOLDEN=1 to create it`);
  assert.equal(actual, readFileSync(file, 'utf8'));
}

/** Stacks that need a file the user writes (an env file with their own values) before they load. */
export const NEEDS_USER_FILES = ['mastodon', 'plausible-ce', 'netbox-docker', 'ghost'];

/** A stack to run a whole command over: the bundled examples, then every corpus stack that loads as it is. */
export interface Stack {
  readonly name: string;
  readonly dir: string;
  readonly envFiles?: string[];
}

export function allStacks(): Stack[] {
  const out: Stack[] = readdirSync(EXAMPLES)
    .sort()
    .map((n) => ({ name: `examples/${n}`, dir: path.join(EXAMPLES, n) }));
  for (const n of corpusStacks()) {
    if (NEEDS_USER_FILES.includes(n)) continue;
    const dir = path.join(CORPUS, n);
    out.push({ name: n, dir, ...(n === 'mattermost' ? { envFiles: [path.join(dir, 'env.example')] } : {}) });
  }
  if (CORPUS_SKIP) it('corpus stacks', { skip: CORPUS_SKIP }, () => undefined);
  return out;
}
