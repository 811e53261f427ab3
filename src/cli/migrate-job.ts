import type { Command } from 'commander';
import type { PlanStep } from '../index.js';
import { EXIT_OK, EXIT_PROJECT_ERRORS, writeOutput } from './common.js';
import type { Lib, RunFlags } from './migrate.js';

export interface JobFlags extends RunFlags {
  namespace?: string;
  output?: string;
  timeout?: string;
  oneDatabase?: boolean;
}

/** What the job commands borrow from the other migrate commands. */
interface Shared {
  readonly withEndpoints: (cmd: Command) => Command;
  readonly load: () => Promise<Lib>;
  readonly stepsOf: (lib: Lib, flags: RunFlags) => PlanStep[];
  readonly expand: (lib: Lib, url: string) => string;
}

const KUBECTL = () => process.env.KUBECTL ?? 'kubectl';

/**
 * The in-cluster copy of one plan step: the Job (its image the service's own, reading the source
 * over the network, writing into the target Service) and the two passwords for its Secret.
 */
function jobFor(lib: Lib, shared: Shared, flags: JobFlags) {
  const { MigrateError } = lib;
  const steps = shared.stepsOf(lib, flags);
  const movable = steps.filter((s) => s.engine === 'postgres' || s.engine === 'mysql' || s.engine === 'redis');
  if (!movable.length)
    throw new MigrateError(
      `in-cluster copies are made for PostgreSQL, MySQL, MariaDB and Redis; ${steps.map((s) => `${s.service} (${s.engine})`).join(', ')}: use migrate run through port-forwarding, which verifies them too`,
    );
  if (movable.length > 1)
    throw new MigrateError(
      `the plan has several database steps (${movable.map((s) => s.service).join(', ')}): choose one with --service`,
    );
  const step = movable[0] as PlanStep;
  const mysql = step.engine === 'mysql';
  const redis = step.engine === 'redis';
  const example = redis
    ? 'redis://:password@compose-host:6379 (the target Redis server itself connects to it)'
    : mysql
      ? 'mysql://root:password@compose-host:3306/db'
      : 'postgres://user:password@compose-host:5432/db';
  if (!flags.from)
    throw new MigrateError(
      `--from: the source as the cluster reaches it, e.g. ${example} (the Compose service must publish its port)`,
    );
  const plan = flags.plan ? (lib.parse(lib.readFileSync(flags.plan, 'utf8')) as { namespace?: string }) : {};
  const namespace = flags.namespace ?? step.namespace ?? plan.namespace;
  if (!namespace) throw new MigrateError('--namespace: the namespace of the target (the plan names it)');
  const to = flags.to ?? lib.clusterTarget(step);
  const source = lib.splitPassword(shared.expand(lib, flags.from));
  const target = lib.splitPassword(shared.expand(lib, to));
  const input = {
    service: step.service,
    namespace,
    image: step.image ?? (redis ? 'redis:7' : mysql ? 'mysql:8.4' : 'postgres:16'),
    uid: step.uid ?? 999,
    engine: redis ? ('redis' as const) : mysql ? ('mysql' as const) : ('postgres' as const),
    sourceUrl: source.url,
    targetUrl: target.url,
    ...(flags.force ? { force: true } : {}),
    ...(flags.owner === false ? { noOwner: true } : {}),
    ...(flags.oneDatabase ? { oneDatabase: true } : {}),
    ...(flags.copyRoles ? { copyRoles: true } : {}),
    ...(flags.rolePasswords ? { rolePasswords: true } : {}),
  };
  return {
    input,
    job: lib.migrationJob(input),
    passwords: {
      source: source.password || process.env.SOURCE_PASSWORD || '',
      target: target.password || process.env.TARGET_PASSWORD || '',
    },
  };
}

/** `stevedore migrate job`: the Job manifest, for kubectl or GitOps. */
export function jobCommand(migrate: Command, shared: Shared): void {
  const job = migrate
    .command('job')
    .description(
      'the in-cluster copy of a PostgreSQL, MySQL, MariaDB or Redis step as a Kubernetes Job manifest (for kubectl or GitOps)',
    );
  shared
    .withEndpoints(job)
    .option('-n, --namespace <name>', 'namespace of the target (default: the plan’s)')
    .option('--force', 'the Job replaces what the target holds')
    .option('--one-database', 'move only the database the URLs name, though the source server holds others with data')
    .option('--copy-roles', 'PostgreSQL: the Job creates the roles the data needs (attributes, settings, memberships)')
    .option(
      '--role-passwords',
      'PostgreSQL, with --copy-roles: their password hashes too (the source user must be a superuser)',
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (flags: JobFlags) => {
      const lib = await shared.load();
      try {
        const { job: manifest, input } = jobFor(lib, shared, flags);
        const name = manifest.metadata?.name ?? '';
        writeOutput(
          `# The copy of ${input.service} as a Job. Create its Secret first (keys SOURCE_PASSWORD and TARGET_PASSWORD):\n#   kubectl -n ${input.namespace} create secret generic ${name} --from-env-file=<a 0600 file holding SOURCE_PASSWORD=… and TARGET_PASSWORD=…>\n# Its log ends with the verdict: kubectl -n ${input.namespace} logs job/${name}\n${lib.stringify(manifest.toJSON(), { lineWidth: 0 })}`,
          flags.output,
        );
        process.exitCode = EXIT_OK;
      } catch (e) {
        if (!(e instanceof lib.MigrateError)) throw e;
        process.stderr.write(`stevedore: ${e.message}\n`);
        process.exitCode = EXIT_PROJECT_ERRORS;
      }
    });
}

/**
 * `migrate run --in-cluster`: the Secret and the Job applied through stdin (no password in any
 * argument), the Job watched until it ends, its log printed, the Secret deleted; the verdict is the
 * log's last line.
 */
export async function runInCluster(lib: Lib, shared: Shared, flags: JobFlags): Promise<number> {
  const { job, input, passwords } = jobFor(lib, shared, flags);
  const name = job.metadata?.name ?? '';
  const ns = ['-n', input.namespace];
  const kubectl = (args: string[], stdin?: string) =>
    lib.capture({ argv: [KUBECTL(), ...ns, ...args], transport: lib.LOCAL }, stdin);
  const list = { apiVersion: 'v1', kind: 'List', items: [lib.jobSecret(input, passwords).toJSON(), job.toJSON()] };
  const applied = await kubectl(['apply', '-f', '-'], JSON.stringify(list));
  if (applied.code !== 0)
    throw new lib.MigrateError(`kubectl apply failed: ${applied.stderr.trim().split('\n').slice(-3).join(' ')}`);
  process.stderr.write(`stevedore: Job ${input.namespace}/${name} started; waiting for it to end\n`);
  const deadline = Date.now() + Number(flags.timeout ?? 6 * 3600) * 1000;
  let state = '';
  try {
    for (;;) {
      const r = await kubectl(['get', 'job', name, '-o', 'jsonpath={.status.succeeded} {.status.failed}']);
      state = r.stdout.trim();
      if (r.code !== 0)
        throw new lib.MigrateError(`kubectl get job ${name}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
      const [succeeded = '', failed = ''] = state.split(' ');
      if (Number(succeeded) > 0 || Number(failed) > 0) break;
      if (Date.now() > deadline) throw new lib.MigrateError(`the Job ${name} did not end within --timeout`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  } finally {
    await kubectl(['delete', 'secret', name, '--ignore-not-found']);
  }
  const logs = await kubectl(['logs', `job/${name}`]);
  process.stdout.write(logs.stdout);
  const verdict =
    logs.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('stevedore-job: '))
      .pop() ?? '';
  const ok = Number(state.split(' ')[0]) > 0 && /^stevedore-job: OK: /.test(verdict);
  process.stderr.write(
    `\n${ok ? 'Verdict: every object matched.' : `Verdict: NOT complete: ${verdict.replace(/^stevedore-job: /, '').replace(/\.+$/, '') || 'the Job failed before its verdict'}.`} Data loss: ${ok ? '0 records' : 'unknown until it matches'}.\n`,
  );
  return ok ? EXIT_OK : EXIT_PROJECT_ERRORS;
}
