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

interface AnalyzeFlags extends ComposeFlags {
  format: 'md' | 'json' | 'html';
  output?: string;
}

export function analyzeCommand(program: Command): void {
  const cmd = program
    .command('analyze')
    .description(
      'the infrastructure analysis and impact report: roles, data, dependencies, exposure, secrets, risks, plan',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  stevedore analyze -f examples/songnodes/docker-compose.yml\n  stevedore analyze --format html -o analysis.html\n  stevedore analyze --format json | jq .summary',
    );
  addComposeFlags(cmd)
    .addOption(formatOption(['md', 'json', 'html'], 'md'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (flags: AnalyzeFlags) => {
      const project = await loadForCommand(flags);
      if (!project) {
        process.exitCode = EXIT_PROJECT_ERRORS;
        return;
      }
      const [{ buildModel }, { buildAnalysis, convertedByService, renderHtml, renderMarkdown }, { convert }] =
        await Promise.all([api.model(), api.analyze(), api.convert()]);
      const model = buildModel(project).value;
      // The mapping lists what convert makes of each service (its diagnostics are convert's to report).
      const conversion = convert(model, project);
      const made = conversion.diagnostics.some((d) => d.severity === 'error')
        ? undefined
        : convertedByService(conversion.value);
      const analysis = buildAnalysis(model, made);
      const text =
        flags.format === 'json'
          ? JSON.stringify(analysis, null, 2) + '\n'
          : flags.format === 'html'
            ? renderHtml(analysis)
            : renderMarkdown(analysis);
      writeOutput(text, flags.output);
      if (flags.output)
        process.stderr.write(
          `stevedore: wrote the analysis of ${analysis.summary.services} services to ${flags.output}\n`,
        );
      process.exitCode = EXIT_OK;
    });
}
