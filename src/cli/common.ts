import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type * as ComposeApi from '../api/compose.js';
import type { ComposeProject, Diagnostic, LoadOptions } from '../index.js';

/**
 * The library by area, each loaded when a command needs it: `stevedore --version` and `--help` start
 * without any of it. The CLI reaches the library only through these public modules (an ESLint rule
 * holds it to that).
 */
export const api = {
  compose: () => import('../api/compose.js'),
  model: () => import('../api/model.js'),
  analyze: () => import('../api/analyze.js'),
  convert: () => import('../api/convert.js'),
  migrate: () => import('../api/migrate.js'),
  lint: () => import('../api/lint.js'),
};
type Diagnostics = Pick<typeof ComposeApi, 'renderDiagnostics' | 'hasErrors' | 'summarize'>;

export const EXIT_OK = 0;
export const EXIT_PROJECT_ERRORS = 1;
export const EXIT_USAGE = 2;

export interface ComposeFlags {
  file?: string[];
  projectName?: string;
  projectDirectory?: string;
  profile?: string[];
  envFile?: string[];
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The flags every command that reads a Compose project takes, named as in `docker compose`. */
export function addComposeFlags(cmd: Command): Command {
  return cmd
    .option('-f, --file <file>', 'Compose file (repeatable; later files override earlier ones)', collect)
    .option('-p, --project-name <name>', 'project name (default: COMPOSE_PROJECT_NAME, the name key, or the folder)')
    .option('--project-directory <dir>', 'project folder (default: the folder of the first file)')
    .option('--profile <profile>', 'enable a profile (repeatable; COMPOSE_PROFILES also works)', collect)
    .option('--env-file <file>', 'read variables from this file instead of .env (repeatable)', collect);
}

export function formatOption(values: string[], fallback: string): Option {
  return new Option('--format <format>', 'output format').choices(values).default(fallback);
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && process.env.TERM !== 'dumb';
}

export function reportDiagnostics(
  lib: Diagnostics,
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  quiet = false,
): void {
  const shown = quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  if (shown.length === 0) return;
  const text = lib.renderDiagnostics(shown, { color: useColor(process.stderr), source: (f) => sources.get(f) });
  process.stderr.write(text);
  if (lib.hasErrors(shown)) process.stderr.write(`stevedore: ${lib.summarize(diagnostics)}\n`);
}

/** Loads the project for a command, printing diagnostics; undefined when it has errors. */
export async function loadForCommand(flags: ComposeFlags, quiet = false): Promise<ComposeProject | undefined> {
  const lib = await api.compose();
  const options: LoadOptions = {
    ...(flags.file ? { files: flags.file } : {}),
    ...(flags.projectName ? { projectName: flags.projectName } : {}),
    ...(flags.projectDirectory ? { projectDirectory: flags.projectDirectory } : {}),
    ...(flags.profile ? { profiles: flags.profile } : {}),
    ...(flags.envFile ? { envFiles: flags.envFile } : {}),
  };
  const { value, diagnostics } = lib.loadProject(options);
  reportDiagnostics(lib, diagnostics, value.sources, quiet);
  return value.project;
}

/** Writes to a file or stdout. */
export function writeOutput(text: string, file: string | undefined): void {
  if (file) fs.writeFileSync(file, text);
  else process.stdout.write(text);
}
