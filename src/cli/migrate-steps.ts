import type { Endpoint, PlanStep, RunOptions, MigrationPlan } from '../index.js';
import type { Lib, RunFlags } from './migrate.js';

/** The steps a migrate command runs: a plan's (one service's with --service), or one from --from and --to. */
/** ${VAR} in a plan's URLs, from the environment; a missing variable stops the run before it starts. */
export function expand(lib: Lib, url: string): string {
  return url.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = process.env[name];
    if (v === undefined)
      throw new lib.MigrateError(`the plan needs ${name} in the environment (export it, then run again)`);
    return encodeURIComponent(v);
  });
}

export function steps(lib: Lib, flags: RunFlags): PlanStep[] {
  const { MigrateError, engineFor, engineFromUrl } = lib;
  if (flags.plan) {
    let plan: Partial<MigrationPlan> | null;
    try {
      plan = lib.parse(lib.readFileSync(flags.plan, 'utf8')) as Partial<MigrationPlan> | null;
    } catch (e) {
      throw new MigrateError(`cannot read the plan ${flags.plan}: ${(e as Error).message}`);
    }
    if (!plan || !Array.isArray(plan.steps))
      throw new MigrateError(
        `${flags.plan} is not a migration plan (no steps): make one with migrate plan --format yaml`,
      );
    const all = plan.steps as PlanStep[];
    const chosen = flags.service ? all.filter((s) => s.service === flags.service) : all;
    if (!chosen.length) throw new MigrateError(`the plan has no step for ${flags.service}`);
    return chosen;
  }
  if (!flags.from || !flags.to) throw new MigrateError('give --plan FILE, or --from and --to');
  const engine = flags.engine ?? engineFromUrl(flags.from);
  return [
    {
      service: flags.service ?? 'data',
      engine,
      method: engineFor(engine).method,
      source: { url: flags.from, ...(flags.fromExec ? { exec: flags.fromExec } : {}) },
      target: { url: flags.to, ...(flags.toExec ? { exec: flags.toExec } : {}) },
      needs: [],
      stop: [],
      size: '',
      rollback: '',
      notes: [],
    },
  ];
}

/** The run's choices that every command taking endpoints shares. */
export function runOptions(flags: RunFlags): RunOptions {
  return {
    ...(flags.keepDump ? { keepDump: flags.keepDump } : {}),
    ...(flags.force ? { force: true } : {}),
    ...(flags.owner === false ? { noOwner: true } : {}),
    ...(flags.copyRoles ? { copyRoles: true } : {}),
    ...(flags.rolePasswords ? { rolePasswords: true } : {}),
  };
}

export function endpoints(lib: Lib, s: PlanStep): [Endpoint, Endpoint] {
  return [
    { url: expand(lib, s.source.url), transport: lib.transportFrom(s.source.exec) },
    { url: expand(lib, s.target.url), transport: lib.transportFrom(s.target.exec) },
  ];
}

export function describeStep(lib: Lib, s: PlanStep, o: RunOptions): string[] {
  const fake = (u: string) => u.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, '***');
  return lib
    .engineFor(s.engine)
    .describe(
      { url: fake(s.source.url), transport: lib.transportFrom(s.source.exec) },
      { url: fake(s.target.url), transport: lib.transportFrom(s.target.exec) },
      o,
    );
}
