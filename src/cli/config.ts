import type { Command } from 'commander';
import {
  addComposeFlags,
  EXIT_OK,
  EXIT_PROJECT_ERRORS,
  formatOption,
  loadForCommand,
  writeOutput,
  type ComposeFlags,
  api,
} from './common.js';

interface ConfigFlags extends ComposeFlags {
  format: 'yaml' | 'json';
  output?: string;
  quiet?: boolean;
  services?: boolean;
  volumes?: boolean;
  profiles?: boolean;
}

export function configCommand(program: Command): void {
  const cmd = program
    .command('config')
    .description('print the normalized Compose project, as `docker compose config` does')
    .addHelpText(
      'after',
      '\nExamples:\n  stevedore config -f examples/songnodes/docker-compose.yml\n  stevedore config --profile ops --format json',
    );
  addComposeFlags(cmd)
    .addOption(formatOption(['yaml', 'json'], 'yaml'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('-q, --quiet', 'only check the project; print errors, nothing else')
    .option('--services', 'print the enabled service names, one a line')
    .option('--volumes', 'print the named volumes, one a line')
    .option('--profiles', 'print every profile the services use, one a line')
    .action(async (flags: ConfigFlags) => {
      const project = await loadForCommand(flags, flags.quiet);
      if (!project) {
        process.exitCode = EXIT_PROJECT_ERRORS;
        return;
      }
      process.exitCode = EXIT_OK;
      if (flags.quiet) return;
      if (flags.services) return writeOutput(lines(Object.keys(project.services)), flags.output);
      if (flags.volumes) return writeOutput(lines(Object.keys(project.volumes)), flags.output);
      if (flags.profiles) {
        const all = [
          ...Object.values(project.services).flatMap((s) => s.profiles ?? []),
          ...Object.values(project.disabled_services).flat(),
        ];
        return writeOutput(lines([...new Set(all)].sort()), flags.output);
      }
      const { toComposeJson, toComposeYaml } = await api.compose();
      writeOutput(flags.format === 'json' ? toComposeJson(project) : toComposeYaml(project), flags.output);
    });
}

function lines(items: string[]): string {
  return items.length ? items.join('\n') + '\n' : '';
}
