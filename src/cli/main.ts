import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { EXIT_USAGE } from './common.js';
import { analyzeCommand } from './analyze.js';
import { configCommand } from './config.js';
import { convertCommand, runbookCommand } from './convert.js';
import { migrateCommand } from './migrate.js';
import { lintCommand } from './lint.js';

/** Builds the command tree; `run` parses argv and returns the exit code. */
export function buildProgram(): Command {
  const program = new Command('stevedore')
    .description('Move a Docker Compose stack to production-grade Kubernetes.')
    .version(pkg.version, '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: true })
    .exitOverride();
  configCommand(program);
  analyzeCommand(program);
  convertCommand(program);
  runbookCommand(program);
  migrateCommand(program);
  lintCommand(program);
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const cmd of all(program)) cmd.exitOverride();
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      return EXIT_USAGE;
    }
    const err = e as Error;
    process.stderr.write(`stevedore: internal error: ${err.message}\n`);
    if (process.env.STEVEDORE_DEBUG) process.stderr.write(`${err.stack}\n`);
    else
      process.stderr.write('This is a bug in Stevedore; run again with STEVEDORE_DEBUG=1 for details and report it.\n');
    return 3;
  }
}
