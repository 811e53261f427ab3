import { Option, type Command } from 'commander';
import type { ConvertOptions, EmitOptions, Form, GitopsTool } from '../index.js';
import {
  addComposeFlags,
  EXIT_OK,
  EXIT_PROJECT_ERRORS,
  EXIT_USAGE,
  loadForCommand,
  reportDiagnostics,
  type ComposeFlags,
  api,
} from './common.js';

interface ConvertFlags extends ComposeFlags {
  output?: string;
  stdout?: boolean;
  namespace?: string;
  registry?: string;
  host: string[];
  ingressClass?: string;
  tlsIssuer?: string;
  storageClass?: string;
  volumeSize?: string;
  backup: boolean;
  ingressNamespace?: string;
  serviceType?: ConvertOptions['serviceType'];
  form: Form;
  gitops?: GitopsTool;
  repo?: string;
  branch?: string;
  path?: string;
  skaffold?: boolean;
}

export function convertCommand(program: Command): void {
  const cmd = program
    .command('convert')
    .description(
      'Kubernetes manifests with production defaults, as Kustomize base and dev/prod overlays, a Helm chart or plain files; optionally Flux or Argo CD wiring and a Skaffold loop',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  stevedore convert -f examples/songnodes/docker-compose.yml -o k8s/\n  stevedore convert --form helm --gitops flux --repo https://github.com/acme/shop --skaffold -o deploy/\n  stevedore convert --registry ghcr.io/acme --host shop.example.com --tls-issuer letsencrypt -o k8s/\n  stevedore convert --stdout | kubectl apply --dry-run=client -f -',
    );
  conversionOptions(
    addComposeFlags(cmd)
      .option('-o, --output <dir>', 'write the manifests into this folder', 'k8s')
      .option('--stdout', 'print one multi-document YAML stream instead of writing files'),
  ).action(async (flags: ConvertFlags) => {
    const planned = await plannedFiles(flags);
    if (!planned) return;
    const { files, writeFiles } = planned;
    const out = flags.output ?? 'k8s';
    const summary = files.get('NOTES.md') ?? '';
    if (flags.stdout) {
      process.stdout.write(toStreamOf(planned));
    } else {
      const { written, removed, kept } = writeFiles(out, files);
      process.stderr.write(
        `stevedore: wrote ${written} files to ${out}${removed.length ? ` (removed ${removed.length} left from an earlier run)` : ''}\n`,
      );
      if (kept.length)
        process.stderr.write(
          `stevedore: kept ${kept.length} file(s) an earlier run wrote and you edited, no longer generated: ${kept.join(', ')}\n`,
        );
    }
    process.stderr.write(summary.replace(/^# .*\n\n/, ''));
    process.exitCode = EXIT_OK;
  });
}

/** `stevedore runbook`: the RUNBOOK.md that convert with the same options writes. */
export function runbookCommand(program: Command): void {
  const cmd = program
    .command('runbook')
    .description(
      'print the runbook for a Compose project: cutover with checks and a way back, recovery, health, maintenance (the RUNBOOK.md convert writes)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  stevedore runbook -f examples/songnodes/docker-compose.yml\n  stevedore runbook --form helm -o deploy/ > RUNBOOK.md',
    );
  conversionOptions(
    addComposeFlags(cmd).option('-o, --output <dir>', 'the folder the manifests are (or will be) in', 'k8s'),
  ).action(async (flags: ConvertFlags) => {
    const planned = await plannedFiles(flags);
    if (!planned) return;
    process.stdout.write(planned.files.get('RUNBOOK.md') ?? '');
    process.exitCode = EXIT_OK;
  });
}

/** Loads, converts and lays out the files for the flags; reports problems and returns undefined on error. */
async function plannedFiles(flags: ConvertFlags) {
  const usage = usageProblem(flags);
  if (usage) {
    process.stderr.write(`stevedore: ${usage}\n`);
    process.exitCode = EXIT_USAGE;
    return undefined;
  }
  const project = await loadForCommand(flags);
  if (!project) {
    process.exitCode = EXIT_PROJECT_ERRORS;
    return undefined;
  }
  const [lib, { buildModel }, { convert, planFiles, toStream }] = await Promise.all([
    api.compose(),
    api.model(),
    api.convert(),
  ]);
  const model = buildModel(project).value;
  const result = convert(model, project, convertOptions(flags));
  reportDiagnostics(lib, result.diagnostics, new Map());
  if (lib.hasErrors(result.diagnostics)) {
    process.exitCode = EXIT_PROJECT_ERRORS;
    return undefined;
  }
  const files = planFiles(result.value, model, emitOptions(flags));
  return { files, conversion: result.value, writeFiles: lib.writeFiles, toStream };
}

function toStreamOf(p: NonNullable<Awaited<ReturnType<typeof plannedFiles>>>): string {
  return p.toStream(p.conversion);
}

function convertOptions(flags: ConvertFlags): ConvertOptions {
  return {
    ...(flags.namespace ? { namespace: flags.namespace } : {}),
    ...(flags.registry ? { registry: flags.registry } : {}),
    ...hostOptions(flags.host),
    ...(flags.ingressClass ? { ingressClass: flags.ingressClass } : {}),
    ...(flags.tlsIssuer ? { tlsIssuer: flags.tlsIssuer } : {}),
    ...(flags.storageClass ? { storageClass: flags.storageClass } : {}),
    ...(flags.volumeSize ? { volumeSize: flags.volumeSize } : {}),
    backups: flags.backup,
    ...(flags.ingressNamespace ? { ingressNamespace: flags.ingressNamespace } : {}),
    ...(flags.serviceType ? { serviceType: flags.serviceType } : {}),
  };
}

function emitOptions(flags: ConvertFlags): EmitOptions {
  return {
    form: flags.form,
    outDir: flags.output ?? 'k8s',
    ...(flags.file?.length ? { composeFiles: flags.file } : {}),
    ...(flags.gitops && flags.repo
      ? {
          gitops: {
            tool: flags.gitops,
            repo: flags.repo,
            ...(flags.branch ? { branch: flags.branch } : {}),
            ...(flags.path ? { path: flags.path } : {}),
          },
        }
      : {}),
    ...(flags.skaffold ? { skaffold: true } : {}),
  };
}

/** One `--host`: `name` (the entry's), or `service=name`. */
function splitHost(given: string): { service?: string; host: string } {
  const at = given.indexOf('=');
  return at < 0 ? { host: given } : { service: given.slice(0, at), host: given.slice(at + 1) };
}

/** `--host`, given as often as needed: `name` for the entry, `service=name` for one service. */
function hostOptions(given: readonly string[]): Pick<ConvertOptions, 'host' | 'hosts'> {
  const all = given.map(splitHost);
  const plain = all.find((h) => h.service === undefined);
  const pairs = all.flatMap((h) => (h.service === undefined ? [] : [[h.service, h.host] as const]));
  return {
    ...(plain ? { host: plain.host } : {}),
    ...(pairs.length ? { hosts: Object.fromEntries(pairs) } : {}),
  };
}

/** A host name an Ingress rule accepts: DNS labels, lower case, a leading `*.` allowed. */
const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;

function hostProblem(given: readonly string[]): string | undefined {
  const plain = given.filter((h) => splitHost(h).service === undefined);
  if (plain.length > 1)
    return `--host ${plain[1]}: one host name is for the entry service (${plain[0]}); give other services theirs as --host <service>=<host>`;
  const services = new Set<string>();
  for (const h of given) {
    const { service, host } = splitHost(h);
    if (!HOST.test(host) || host.length > 253)
      return `--host ${h}: ${host ? `${host} is not a host name (lower-case DNS labels, such as shop.example.com)` : 'the host name is missing'}`;
    if (service !== undefined && services.has(service)) return `--host ${h}: ${service} is given a host twice`;
    if (service !== undefined) services.add(service);
  }
  return undefined;
}

function usageProblem(flags: ConvertFlags): string | undefined {
  const host = hostProblem(flags.host);
  if (host) return host;
  if (flags.gitops && !flags.repo)
    return `--gitops ${flags.gitops} needs --repo <url>: the repository the cluster will follow`;
  if (flags.gitops && flags.form === 'plain')
    return '--gitops works with --form kustomize or --form helm (a plain file per environment has no layers to order)';
  if (flags.repo && !flags.gitops) return '--repo is for --gitops flux|argocd';
  return undefined;
}

/** The options of convert, shared by `runbook` (which prints the runbook of the same output). */
export function conversionOptions(cmd: Command): Command {
  return cmd
    .option('-n, --namespace <name>', 'namespace (default: the project name)')
    .option('--registry <registry>', 'registry for images built from source, e.g. ghcr.io/acme')
    .option(
      '--host <host>',
      'public host name for the Ingress of the entry service (other entries get <service>.<host>); <service>=<host> for one service; repeatable',
      (value: string, all: string[]) => [...all, value],
      [],
    )
    .option('--ingress-class <class>', 'IngressClass (default: the cluster default)')
    .option('--tls-issuer <issuer>', 'cert-manager ClusterIssuer: adds TLS to the Ingress')
    .option('--storage-class <class>', 'StorageClass for every volume (default: the cluster default)')
    .option('--volume-size <size>', 'size of every data volume, over the per-engine defaults (e.g. 50Gi)')
    .option('--no-backup', 'leave out the backup CronJobs for databases')
    .option(
      '--ingress-namespace <ns>',
      'namespace of the ingress controller, allowed through the NetworkPolicy',
      'ingress-nginx',
    )
    .addOption(
      new Option('--service-type <type>', 'type of the entry Service, besides the Ingress')
        .choices(['ClusterIP', 'NodePort', 'LoadBalancer'])
        .default('ClusterIP'),
    )
    .addOption(
      new Option(
        '--form <form>',
        'kustomize: base + overlays/dev, overlays/prod; helm: a chart; plain: prod.yaml, dev.yaml',
      )
        .choices(['kustomize', 'helm', 'plain'])
        .default('kustomize'),
    )
    .addOption(new Option('--gitops <tool>', 'also write GitOps wiring (needs --repo)').choices(['flux', 'argocd']))
    .option('--repo <url>', 'Git repository the output will be committed to (for --gitops)')
    .option('--branch <branch>', 'branch the cluster follows (for --gitops)', 'main')
    .option('--path <path>', 'folder of the output inside that repository (for --gitops)')
    .option('--skaffold', 'also write skaffold.yaml and a kind cluster config for the development loop');
}
