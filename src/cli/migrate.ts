import { Option, type Command } from 'commander';
import { ENGINE_IDS } from '../ids.js';
import type { EngineId, Inspection, MigrationResult, RunOptions } from '../index.js';
import {
  addComposeFlags,
  EXIT_OK,
  EXIT_PROJECT_ERRORS,
  EXIT_USAGE,
  formatOption,
  api,
  loadForCommand,
  writeOutput,
  type ComposeFlags,
} from './common.js';
import { checkCommand } from './migrate-check.js';
import { jobCommand, runInCluster, type JobFlags } from './migrate-job.js';
import { perDatabase, type Unit } from './migrate-databases.js';
import { describeStep, endpoints, expand, runOptions, steps } from './migrate-steps.js';
import { missingOnTarget, printResult } from './migrate-output.js';

export interface RunFlags {
  plan?: string;
  service?: string;
  from?: string;
  to?: string;
  fromExec?: string;
  toExec?: string;
  engine?: EngineId;
  jobs: string;
  keepDump?: string;
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
  /** false with --no-owner */
  owner?: boolean;
  copyRoles?: boolean;
  moveMessages?: string;
  rolePasswords?: boolean;
  report?: string;
  inCluster?: boolean;
}

const ENGINE_CHOICES: readonly string[] = ENGINE_IDS;

export function migrateCommand(program: Command): void {
  const migrate = program
    .command('migrate')
    .description('move the data from Compose volumes into the cluster: plan, run, verify');

  const plan = migrate
    .command('plan')
    .description('for every stateful service: engine, method, commands, order, what to stop, rollback');
  addComposeFlags(plan)
    .addOption(formatOption(['md', 'yaml', 'json'], 'md'))
    .option('-n, --namespace <name>', 'namespace of the target (default: the project name)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (flags: ComposeFlags & { format: string; output?: string; namespace?: string }) => {
      const project = await loadForCommand(flags);
      if (!project) {
        process.exitCode = EXIT_PROJECT_ERRORS;
        return;
      }
      const lib = await migrateLib();
      const { buildModel, buildPlan, planMarkdown, planYaml } = lib;
      const p = buildPlan(buildModel(project).value, project, flags.namespace);
      const text =
        flags.format === 'yaml'
          ? planYaml(p)
          : flags.format === 'json'
            ? JSON.stringify(p, null, 2) + '\n'
            : planMarkdown(p, (s) => describeStep(lib, s, {}));
      writeOutput(text, flags.output);
      process.exitCode = EXIT_OK;
    });

  const run = migrate
    .command('run')
    .description('copy the data, streamed from source to target, then verify it')
    .addHelpText(
      'after',
      '\nExamples:\n  stevedore migrate run --plan plan.yaml\n  stevedore migrate run --service db --from postgres://app:pw@localhost:5433/app --to postgres://app:pw@localhost:15432/app\n  stevedore migrate run --service db --from "postgresql:///app?user=app" --from-exec "docker exec -i db" --to "postgresql:///app?user=app" --to-exec "kubectl exec -i -n shop db-0 --" --dry-run',
    );
  endpointOptions(run)
    .option('--jobs <n>', 'parallel dump and restore (PostgreSQL directory format)', '1')
    .option('--keep-dump <dir>', 'keep a copy of the dump in this folder, with its SHA-256')
    .option('--dry-run', 'print every command without running any')
    .option('--force', 'replace what a non-empty target holds')
    .option(
      '--copy-roles',
      'PostgreSQL: create the roles the data needs on the target (attributes, settings, memberships)',
    )
    .option('--role-passwords', 'PostgreSQL, with --copy-roles: copy the password hashes too (needs a superuser)')
    .option(
      '--move-messages <amqp-url>',
      'RabbitMQ: move the queued messages too, pulled by shovels on the target from this AMQP URL of the source as the target reaches it (${VAR} taken from the environment); they leave the source',
    )
    .option('--report <file>', 'write the migration summary (Markdown): what moved, sizes, times, the verification')
    .option(
      '--in-cluster',
      'PostgreSQL, MySQL, MariaDB, Redis: run the copy as a Job in the target namespace (--from as the cluster reaches the source)',
    )
    .option('-n, --namespace <name>', 'with --in-cluster: namespace of the target (default: the plan’s)')
    .option(
      '--one-database',
      'with --in-cluster: move only the database the URLs name, though the source server holds others with data',
    )
    .option('--timeout <seconds>', 'with --in-cluster: how long to wait for the Job', '21600')
    .action(async (flags: RunFlags & JobFlags) => {
      if (!flags.inCluster) {
        process.exitCode = await execute(flags, 'run');
        return;
      }
      const lib = await migrateLib();
      try {
        process.exitCode = await runInCluster(
          lib,
          { withEndpoints: endpointOptions, load: migrateLib, stepsOf: steps, expand },
          flags,
        );
      } catch (e) {
        if (!(e instanceof lib.MigrateError)) throw e;
        process.stderr.write(`stevedore: ${e.message}\n`);
        process.exitCode = EXIT_PROJECT_ERRORS;
      }
    });

  jobCommand(migrate, { withEndpoints: endpointOptions, load: migrateLib, stepsOf: steps, expand });

  checkCommand(migrate, {
    withEndpoints: endpointOptions,
    load: migrateLib,
    stepsOf: steps,
    endpointsOf: endpoints,
    optionsOf: runOptions,
  });

  const verify = migrate.command('verify').description('compare source and target and print a plain verdict');
  endpointOptions(verify)
    .option('--dry-run', 'print what would be compared without connecting')
    .action(async (flags: RunFlags) => {
      process.exitCode = await execute({ ...flags, jobs: '1' }, 'verify');
    });
}

/** The migration machinery, loaded only when a migrate command runs. */
async function migrateLib() {
  const [model, lib, yaml, fs, progress] = await Promise.all([
    api.model(),
    api.migrate(),
    import('yaml'),
    import('node:fs'),
    import('cli-progress'),
  ]);
  // yaml and cli-progress are CommonJS: in the bundle their exports sit on `default`.
  const yamlParse: (text: string) => unknown =
    (yaml as Partial<typeof yaml>).parse ?? (yaml as unknown as { default: typeof yaml }).default.parse;
  const yamlStringify: typeof yaml.stringify =
    (yaml as Partial<typeof yaml>).stringify ?? (yaml as unknown as { default: typeof yaml }).default.stringify;
  const bar: typeof progress.default = (progress as Partial<typeof progress>).default ?? progress;
  return {
    ...lib,
    buildModel: model.buildModel,
    parse: yamlParse,
    stringify: yamlStringify,
    readFileSync: fs.readFileSync,
    writeFileSync: fs.writeFileSync,
    cliProgress: bar,
  };
}
export type Lib = Awaited<ReturnType<typeof migrateLib>>;

function endpointOptions(cmd: Command): Command {
  return cmd
    .option('--plan <file>', 'a plan from `migrate plan --format yaml`')
    .option('--service <name>', 'one service (with --from and --to, or to pick one step of the plan)')
    .option('--from <url>', 'source: postgres://, mysql://, redis://, http:// (RabbitMQ management) or a folder')
    .option('--to <url>', 'target, same forms')
    .option('--from-exec <prefix>', 'run the source side through this command, e.g. "docker exec -i db"')
    .option('--to-exec <prefix>', 'run the target side through this command, e.g. "kubectl exec -i -n shop db-0 --"')
    .addOption(new Option('--engine <engine>', 'engine (default: from the URL)').choices(ENGINE_CHOICES))
    .option('--no-owner', 'PostgreSQL: copy without owners and grants, and do not compare them')
    .option('--json', 'one JSON line per event instead of a progress bar and a table');
}

async function execute(flags: RunFlags, mode: 'run' | 'verify'): Promise<number> {
  const lib = await migrateLib();
  const {
    MigrateError,
    engineFor,
    migrateOne,
    verdictOf,
    cliProgress,
    humanBytes: human,
    migrationReport,
    writeFileSync,
  } = lib;
  const jobs = Number(flags.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    process.stderr.write(`stevedore: --jobs must be a whole number of at least 1, not ${flags.jobs}\n`);
    return EXIT_USAGE;
  }
  const controller = new AbortController();
  const onSignal = () => {
    process.stderr.write('\nstevedore: interrupted: stopping both sides…\n');
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const emit = (event: object) => process.stdout.write(JSON.stringify(event) + '\n');
  try {
    const list = steps(lib, flags);
    const options: RunOptions = {
      ...runOptions(flags),
      ...(flags.moveMessages ? { moveMessages: expand(lib, flags.moveMessages) } : {}),
      jobs,
      signal: controller.signal,
    };
    if (flags.dryRun) {
      for (const s of list) {
        if (flags.plan && engineFor(s.engine).databases)
          process.stdout.write(
            `# ${s.service}: every other database of its server that holds data is moved and verified the same way (listed when run; one the target lacks is created as the source has it)\n`,
          );
        const what =
          mode === 'verify'
            ? [
                `compare ${s.source.url}${s.source.exec ? ` (through ${s.source.exec})` : ''} with ${s.target.url}${s.target.exec ? ` (through ${s.target.exec})` : ''}`,
              ]
            : describeStep(lib, s, options);
        process.stdout.write(`# ${s.service} (${s.engine})\n${what.join('\n')}\n`);
      }
      return EXIT_OK;
    }
    // A plan's server that holds several databases is moved whole: one move per database with data.
    const units: Unit[] = flags.plan
      ? await perDatabase(lib, list, (s) => endpoints(lib, s))
      : list.map((s) => ({ step: s, via: s }));
    const results: MigrationResult[] = [];
    const startedAt = new Date();
    const report = () => {
      if (flags.report && mode === 'run')
        writeFileSync(
          flags.report,
          migrationReport({ steps: units.map((u) => u.step), results, startedAt, finishedAt: new Date() }),
        );
    };
    for (const unit of units) {
      const s = unit.step;
      const engine = engineFor(s.engine);
      let made: string | undefined;
      if (unit.create && mode === 'run' && engine.createDatabase) {
        const [viaSrc, viaDst] = endpoints(lib, unit.via);
        made = await engine.createDatabase(viaSrc, viaDst, unit.create);
      }
      const [src, dst] = endpoints(lib, s);
      if (mode === 'verify' && unit.create) results.push(missingOnTarget(unit));
      else if (mode === 'verify') {
        const v = await engine.verify(src, dst, options);
        results.push({
          service: s.service,
          engine: s.engine,
          source: { objects: v.items.length, empty: false },
          verification: v,
          ok: v.ok,
          verdict: verdictOf(v),
          seconds: 0,
        });
      } else {
        // The bar starts once migrateOne has measured the source (its inspection, not a second one).
        let size: number | undefined;
        let bar: InstanceType<typeof cliProgress.SingleBar> | undefined;
        let startedAt = Date.now();
        let lastLine = 0;
        const onSource = (source: Inspection) => {
          size = source.sizeBytes;
          startedAt = Date.now();
          if (!flags.json && process.stderr.isTTY) {
            bar = new cliProgress.SingleBar(
              {
                format: `${s.service} [{bar}] {percentage}% | {what} | {rate}/s | ETA {eta_formatted}`,
                stream: process.stderr,
                hideCursor: true,
                noTTYOutput: false,
              },
              cliProgress.Presets.shades_classic,
            );
            bar.start(size || 1, 0, { what: `0 B/${human(size ?? 0)}`, rate: '0 B' });
          }
        };
        // Where the engine counts its own units (PostgreSQL: rows restored, of the source's estimate), the bar counts those; bytes
        // against the size on disk would only be a guess. Bytes still give the rate.
        let units: { done: number; total: number; unit: string } | undefined;
        let bytes = 0;
        const what = () =>
          units
            ? `${units.done}/${units.unit === 'rows' ? '~' : ''}${units.total} ${units.unit}, ${human(bytes)}`
            : `${human(bytes)}/${human(size ?? 0)}`;
        const onProgress = (done: number, total: number, unit: string) => {
          units = { done, total, unit };
          if (bar) {
            bar.setTotal(Math.max(1, total));
            bar.update(done, { what: what() });
          } else if (flags.json) emit({ event: 'progress', service: s.service, done, total, unit, bytes });
        };
        const onBytes = (n: number) => {
          bytes = n;
          const rate = n / Math.max(0.001, (Date.now() - startedAt) / 1000);
          if (bar) {
            if (units) bar.update({ what: what(), rate: human(rate) });
            else bar.update(Math.min(n, size || n), { what: what(), rate: human(rate) });
          } else if (Date.now() - lastLine > 2000) {
            lastLine = Date.now();
            if (flags.json)
              emit({
                event: 'progress',
                service: s.service,
                bytes: n,
                total: size ?? null,
                bytesPerSecond: Math.round(rate),
              });
            else
              process.stderr.write(
                `${s.service}: ${human(n)}${size ? ` of ~${human(size)}` : ''} at ${human(rate)}/s\n`,
              );
          }
        };
        if (!flags.json) process.stderr.write(`${s.service}: ${engine.method}\n`);
        let r: MigrationResult;
        try {
          r = await migrateOne(s.service, s.engine, src, dst, { ...options, onBytes, onProgress }, onSource);
          if (made && r.outcome) r = { ...r, outcome: { ...r.outcome, notes: [made, ...r.outcome.notes] } };
          if (r.outcome?.ok) {
            bytes = r.outcome.bytes;
            bar?.update(units ? units.total : size || 1, {
              what: what(),
              rate: human(r.outcome.bytes / Math.max(0.001, (Date.now() - startedAt) / 1000)),
            });
          }
        } finally {
          bar?.stop();
        }
        results.push(r);
      }
      const last = results[results.length - 1];
      if (!last) return 0;
      if (flags.json)
        emit({
          event: 'result',
          service: last.service,
          engine: last.engine,
          ok: last.ok,
          verdict: last.verdict,
          seconds: last.seconds,
          bytes: last.outcome?.bytes ?? null,
          keptDump: last.outcome?.keptDump ?? null,
          items: last.verification?.items ?? [],
        });
      else printResult(last);
      if (!last.ok) break;
    }
    const ok = results.length === units.length && results.every((r) => r.ok);
    report();
    if (flags.report && mode === 'run' && !flags.json)
      process.stderr.write(`stevedore: summary written to ${flags.report}\n`);
    if (!flags.json)
      process.stderr.write(
        `\n${ok ? 'Verdict: every object matched.' : 'Verdict: NOT complete: see above.'} Data loss: ${ok ? '0 records' : 'unknown until it matches'}.\n`,
      );
    return ok ? EXIT_OK : EXIT_PROJECT_ERRORS;
  } catch (e) {
    if (e instanceof MigrateError) {
      process.stderr.write(`stevedore: ${e.message}\n`);
      return EXIT_PROJECT_ERRORS;
    }
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
