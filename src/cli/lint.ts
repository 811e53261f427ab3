import fs from 'node:fs';
import { Option, type Command } from 'commander';
import pc from 'picocolors';
import pkg from '../../package.json' with { type: 'json' };
import type { LintConfig, LintInputError, LintRunOptions, PssLevel } from '../index.js';
import {
  EXIT_OK,
  EXIT_PROJECT_ERRORS,
  EXIT_USAGE,
  api,
  formatOption,
  loadForCommand,
  useColor,
  writeOutput,
} from './common.js';

interface LintFlags {
  compose?: string;
  format: 'text' | 'json' | 'sarif';
  rule?: string[];
  config?: string;
  podSecurity?: PssLevel;
  output?: string;
  listRules?: boolean;
}

const DEFAULT_CONFIG = '.stevedore-lint.yaml';
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function lintCommand(program: Command): void {
  program
    .command('lint')
    .description(
      'check Kubernetes manifests: the checks of kube-linter, kube-score, Polaris and Pod Security, and the connectivity to a Compose project',
    )
    .argument('[paths...]', 'files, folders (Kustomize folders and Helm charts are rendered), or - for stdin')
    .option(
      '--compose <file>',
      'the Compose file the manifests came from: checks that everything reached has a Service and a path through the NetworkPolicies',
    )
    .addOption(formatOption(['text', 'json', 'sarif'], 'text'))
    .option(
      '--rule <id>',
      'run only this rule (repeatable); ours or another tool’s check, e.g. kube-linter:latest-tag',
      collect,
    )
    .option('--config <file>', `rule settings (default: ${DEFAULT_CONFIG} when present)`)
    .addOption(
      new Option(
        '--pod-security <level>',
        'Pod Security level where no Namespace in the input enforces one (as warnings)',
      ).choices(['privileged', 'baseline', 'restricted']),
    )
    .option('-o, --output <file>', 'write the report to a file')
    .option('--list-rules', 'list the rules and the checks of other tools each one covers')
    .addHelpText(
      'after',
      '\nExit codes: 0 no errors, 1 errors found, 2 wrong usage.\n\nExamples:\n  stevedore lint k8s/\n  stevedore lint --compose docker-compose.yml k8s/\n  helm template ./chart | stevedore lint --format sarif -o lint.sarif -',
    )
    .action(async (paths: string[], flags: LintFlags) => {
      process.exitCode = await runLint(paths, flags);
    });
}

function printInputErrors(errors: readonly LintInputError[]): void {
  for (const e of errors) process.stderr.write(`${e.file}:${e.line}:${e.col}: error: ${e.message}\n`);
}

async function runLint(paths: string[], flags: LintFlags): Promise<number> {
  const lib = await api.lint();
  if (flags.listRules) {
    const rows = lib.LINT_RULES.map(
      (r) => `${r.id.padEnd(40)} ${r.severity.padEnd(8)} ${r.optIn ? 'opt-in ' : 'on     '} ${r.covers.join(', ')}`,
    );
    writeOutput(`${rows.join('\n')}\n`, flags.output);
    return EXIT_OK;
  }
  if (!paths.length) {
    process.stderr.write('stevedore lint: give the manifests to check (files, folders, or - for stdin)\n');
    return EXIT_USAGE;
  }
  const unknown = lib.unknownRules(flags.rule ?? []);
  if (unknown.length) {
    process.stderr.write(
      `stevedore lint: no rule is named ${unknown.map((u) => JSON.stringify(u)).join(', ')} (see --list-rules)\n`,
    );
    return EXIT_USAGE;
  }
  let config: LintConfig = { rules: {} };
  const configFile = flags.config ?? (fs.existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  if (configFile) {
    let text: string;
    try {
      text = fs.readFileSync(configFile, 'utf8');
    } catch {
      process.stderr.write(`stevedore lint: cannot read the config ${configFile}\n`);
      return EXIT_USAGE;
    }
    const parsed = lib.parseLintConfig(configFile, text);
    if (parsed.errors.length) {
      printInputErrors(parsed.errors);
      return EXIT_USAGE;
    }
    config = parsed.config;
  }
  let compose: LintRunOptions['compose'];
  if (flags.compose) {
    const project = await loadForCommand({ file: [flags.compose] }, true);
    if (!project) return EXIT_PROJECT_ERRORS;
    const { buildModel } = await api.model();
    compose = lib.composeLinks(buildModel(project).value, flags.compose);
  }
  const { sources, errors: sourceErrors } = lib.readManifestSources(paths);
  const manifests = [];
  const errors: LintInputError[] = [...sourceErrors];
  for (const s of sources) {
    const parsed = lib.parseManifests(s.file, s.text);
    manifests.push(...parsed.manifests);
    errors.push(...parsed.errors);
  }
  const podSecurity = flags.podSecurity ?? config.podSecurity;
  const result = lib.lint(manifests, errors, {
    ...(flags.rule ? { only: flags.rule } : {}),
    settings: config.rules,
    ...(podSecurity ? { podSecurity } : {}),
    ...(compose ? { compose } : {}),
  });
  const color = !flags.output && useColor(process.stdout);
  const style = {
    bold: color ? pc.bold : (s: string) => s,
    dim: color ? pc.dim : (s: string) => s,
    severity: (s: 'error' | 'warning' | 'info', t: string) =>
      !color ? t : s === 'error' ? pc.red(t) : s === 'warning' ? pc.yellow(t) : pc.cyan(t),
  };
  const text =
    flags.format === 'json'
      ? lib.lintJson(result)
      : flags.format === 'sarif'
        ? lib.lintSarif(result, pkg.version)
        : lib.lintText(result, style);
  writeOutput(text, flags.output);
  return result.summary.error > 0 ? EXIT_PROJECT_ERRORS : EXIT_OK;
}
