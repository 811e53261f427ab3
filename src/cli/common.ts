import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { LoadOptions } from '../compose/load.js';
import type { ComposeProject } from '../compose/types.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostics, summarize } from '../diagnostics/render.js';

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
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  quiet = false,
): void {
  const shown = quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  if (shown.length === 0) return;
  const text = renderDiagnostics(shown, { color: useColor(process.stderr), source: (f) => sources.get(f) });
  process.stderr.write(text);
  if (hasErrors(shown)) process.stderr.write(`stevedore: ${summarize(diagnostics)}\n`);
}

/** Loads the project for a command, printing diagnostics; undefined when it has errors. */
export async function loadForCommand(flags: ComposeFlags, quiet = false): Promise<ComposeProject | undefined> {
  // Loaded on demand: `stevedore --version` and `--help` start without the loader.
  const { loadProject } = await import('../compose/load.js');
  const options: LoadOptions = {
    ...(flags.file ? { files: flags.file } : {}),
    ...(flags.projectName ? { projectName: flags.projectName } : {}),
    ...(flags.projectDirectory ? { projectDirectory: flags.projectDirectory } : {}),
    ...(flags.profile ? { profiles: flags.profile } : {}),
    ...(flags.envFile ? { envFiles: flags.envFile } : {}),
  };
  const { value, diagnostics } = loadProject(options);
  reportDiagnostics(diagnostics, value.sources, quiet);
  return value.project;
}

/** Writes to a file or stdout. */
export function writeOutput(text: string, file: string | undefined): void {
  if (file) fs.writeFileSync(file, text);
  else process.stdout.write(text);
}
