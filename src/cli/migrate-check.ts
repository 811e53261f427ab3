import type { Command } from 'commander';
import type { Endpoint, PlanStep, PreflightCheck, RunOptions } from '../index.js';
import { EXIT_OK, EXIT_PROJECT_ERRORS, useColor } from './common.js';
import type { Lib, RunFlags } from './migrate.js';
import { perDatabase, type Unit } from './migrate-databases.js';

const passed = (check: string, detail: string): PreflightCheck => ({ check, status: 'ok', detail });

/** What `migrate check` borrows from the other migrate commands: the same endpoints, plan and options. */
interface Shared {
  readonly withEndpoints: (cmd: Command) => Command;
  readonly load: () => Promise<Lib>;
  readonly stepsOf: (lib: Lib, flags: RunFlags) => PlanStep[];
  readonly endpointsOf: (lib: Lib, s: PlanStep) => [Endpoint, Endpoint];
  readonly optionsOf: (flags: RunFlags) => RunOptions;
}

const MARK = { ok: '✓', warning: '!', fail: '✗' } as const;

/**
 * `stevedore migrate check`: the pre-flight of every step, read from both sides and never written:
 * reachable, source there and target empty, versions of servers and tools, extensions, roles,
 * memory and space. Exit 1 when any check fails.
 */
export function checkCommand(migrate: Command, shared: Shared): void {
  const check = migrate
    .command('check')
    .description(
      'pre-flight: read both sides and say whether the move can go ahead (versions, tools, extensions, roles, space)',
    );
  shared
    .withEndpoints(check)
    .option('--force', 'the run will replace what a non-empty target holds')
    .option('--copy-roles', 'PostgreSQL: the run will create the roles the data needs')
    .action(async (flags: RunFlags) => {
      const lib = await shared.load();
      try {
        const results: { service: string; engine: string; checks: PreflightCheck[] }[] = [];
        const list = shared.stepsOf(lib, flags);
        // A plan's server that holds several databases: each is checked as the run moves it.
        const units: Unit[] = flags.plan
          ? await perDatabase(lib, list, (s) => shared.endpointsOf(lib, s))
          : list.map((s) => ({ step: s, via: s }));
        for (const { step: s, create, objects } of units) {
          const [src, dst] = shared.endpointsOf(lib, s);
          results.push({
            service: s.service,
            engine: s.engine,
            checks: create
              ? [
                  passed(
                    'database',
                    `${create}: ${objects ?? '?'} objects on the source, none on the target's server: the run creates it as the source has it (encoding, locale, owner), then checks and copies it`,
                  ),
                ]
              : // A target that ran its own init scripts is expected to hold data: the plan runs it with --force.
                await lib.preflight(
                  s.engine,
                  src,
                  dst,
                  {
                    ...shared.optionsOf(flags),
                    ...(s.initScripts?.length ? { force: true } : {}),
                  },
                  madeLater(s),
                ),
          });
        }
        const ok = results.every((r) => r.checks.every((c) => c.status !== 'fail'));
        if (flags.json)
          process.stdout.write(
            `${JSON.stringify({ ok, steps: results, checks: results.flatMap((r) => r.checks) }, null, 2)}\n`,
          );
        else process.stdout.write(render(results, ok));
        process.exitCode = ok ? EXIT_OK : EXIT_PROJECT_ERRORS;
      } catch (e) {
        if (!(e instanceof lib.MigrateError)) throw e;
        process.stderr.write(`stevedore: ${e.message}\n`);
        process.exitCode = EXIT_PROJECT_ERRORS;
      }
    });
}

/**
 * The sides of a plan's step that its commands around the copy make (RUNBOOK.md runs them in its
 * move step, after this pre-flight): the helper pod on the claim, a snapshot of a stopped container.
 */
function madeLater(s: PlanStep): { source?: string; target?: string } {
  if (!s.around) return {};
  const commit = s.around.before.find((c) => c.startsWith('docker commit '));
  return {
    ...(commit
      ? { source: `a snapshot of the stopped container, taken at the copy (\`${commit}\`): read by the run` }
      : {}),
    target: `a helper pod on the claim${s.around.claim ? ` ${s.around.claim}` : ''}, made at the copy (RUNBOOK.md's move step): read by the run`,
  };
}

function render(results: { service: string; engine: string; checks: PreflightCheck[] }[], ok: boolean): string {
  const color = useColor(process.stdout);
  const paint = (status: PreflightCheck['status'], text: string) =>
    color ? `\x1b[${status === 'ok' ? 32 : status === 'warning' ? 33 : 31}m${text}\x1b[0m` : text;
  const out: string[] = [];
  for (const r of results) {
    out.push(`${r.service} (${r.engine})`);
    const width = Math.max(...r.checks.map((c) => c.check.length));
    for (const c of r.checks) out.push(`  ${paint(c.status, MARK[c.status])} ${c.check.padEnd(width)}  ${c.detail}`);
    out.push('');
  }
  out.push(
    ok ? 'Pre-flight: the move can go ahead.' : 'Pre-flight: NOT ready: fix what is marked ✗ (nothing was written).',
  );
  return `${out.join('\n')}\n`;
}
