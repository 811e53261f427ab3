import fs from 'node:fs';
import path from 'node:path';
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

/** The file names `docker compose` looks for in a folder, in its order. */
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/**
 * A Compose file named on the command line without -f: a file as is, or a folder's Compose file
 * (as `docker compose` finds it there). Undefined, with the reason, for a folder that has none.
 */
function composeFileOf(arg: string): { file: string } | { problem: string } {
  let folder = false;
  try {
    folder = fs.statSync(arg).isDirectory();
  } catch {
    return { file: arg }; // the loader says it does not exist, with its name
  }
  if (!folder) return { file: arg };
  const found = COMPOSE_NAMES.map((n) => path.join(arg, n)).find((f) => fs.existsSync(f));
  return found ? { file: found } : { problem: `${arg} is a folder with no Compose file (${COMPOSE_NAMES.join(', ')})` };
}

/**
 * The flags every command that reads a Compose project takes, named as in `docker compose`. Compose
 * files (or folders holding one) may also be given without -f, as most people first type them.
 */
export function addComposeFlags(cmd: Command): Command {
  return cmd
    .usage('[options] [compose-file-or-folder...]')
    .allowExcessArguments()
    .hook('preAction', (_self, action) => {
      if (!action.args.length) return;
      const files = action.args.map(composeFileOf);
      const problem = files.find((f) => 'problem' in f);
      if (problem && 'problem' in problem) action.error(`error: ${problem.problem}`, { exitCode: EXIT_USAGE });
      const given = (action.getOptionValue('file') as string[] | undefined) ?? [];
      action.setOptionValue('file', [...given, ...files.flatMap((f) => ('file' in f ? [f.file] : []))]);
    })
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
