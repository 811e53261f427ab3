import { Option, type Command } from 'commander';
import type { ConvertOptions } from '../index.js';
import {
  addComposeFlags,
  EXIT_OK,
  EXIT_PROJECT_ERRORS,
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
  host?: string;
  ingressClass?: string;
  tlsIssuer?: string;
  storageClass?: string;
  volumeSize?: string;
  backup: boolean;
  ingressNamespace?: string;
  serviceType?: ConvertOptions['serviceType'];
}

export function convertCommand(program: Command): void {
  const cmd = program
    .command('convert')
    .description('Kubernetes manifests with production defaults: one folder per service and a kustomization.yaml')
    .addHelpText(
      'after',
      '\nExamples:\n  stevedore convert -f examples/songnodes/docker-compose.yml -o k8s/\n  stevedore convert --registry ghcr.io/acme --host shop.example.com --tls-issuer letsencrypt -o k8s/\n  stevedore convert --stdout | kubectl apply --dry-run=client -f -',
    );
  addComposeFlags(cmd)
    .option('-o, --output <dir>', 'write the manifests into this folder', 'k8s')
    .option('--stdout', 'print one multi-document YAML stream instead of writing files')
    .option('-n, --namespace <name>', 'namespace (default: the project name)')
    .option('--registry <registry>', 'registry for images built from source, e.g. ghcr.io/acme')
    .option('--host <host>', 'public host name for the Ingress of the entry service')
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
    .action(async (flags: ConvertFlags) => {
      const project = await loadForCommand(flags);
      if (!project) {
        process.exitCode = EXIT_PROJECT_ERRORS;
        return;
      }
      const [lib, { buildModel }, { convert, planFiles, toStream, conversionSummary }] = await Promise.all([
        api.compose(),
        api.model(),
        api.convert(),
      ]);
      const { writeFiles, hasErrors } = lib;
      const model = buildModel(project).value;
      const options: ConvertOptions = {
        ...(flags.namespace ? { namespace: flags.namespace } : {}),
        ...(flags.registry ? { registry: flags.registry } : {}),
        ...(flags.host ? { host: flags.host } : {}),
        ...(flags.ingressClass ? { ingressClass: flags.ingressClass } : {}),
        ...(flags.tlsIssuer ? { tlsIssuer: flags.tlsIssuer } : {}),
        ...(flags.storageClass ? { storageClass: flags.storageClass } : {}),
        ...(flags.volumeSize ? { volumeSize: flags.volumeSize } : {}),
        backups: flags.backup,
        ...(flags.ingressNamespace ? { ingressNamespace: flags.ingressNamespace } : {}),
        ...(flags.serviceType ? { serviceType: flags.serviceType } : {}),
      };
      const result = convert(model, project, options);
      reportDiagnostics(lib, result.diagnostics, new Map());
      if (hasErrors(result.diagnostics)) {
        process.exitCode = EXIT_PROJECT_ERRORS;
        return;
      }
      const out = flags.output ?? 'k8s';
      const summary = conversionSummary(result.value, model, flags.stdout ? undefined : out);
      if (flags.stdout) {
        process.stdout.write(toStream(result.value));
      } else {
        const files = planFiles(result.value, summary);
        const { written, removed } = writeFiles(out, files);
        process.stderr.write(
          `stevedore: wrote ${written} files to ${out}${removed.length ? ` (removed ${removed.length} left from an earlier run)` : ''}\n`,
        );
      }
      process.stderr.write(summary.replace(/^# .*\n\n/, ''));
      process.exitCode = EXIT_OK;
    });
}
