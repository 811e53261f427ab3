import path from 'node:path';
import { sensitiveByName } from '../model/secrets.js';
import { dnsLabel } from '../transform/names.js';
import { byService, podSpecOf, type Json } from './environments.js';
import type { FormInput } from './form.js';
import { SECRET_VALUES_FILE, serviceKeysOf } from './helm/index.js';
import { splitImage } from './images.js';
import { dumpYaml } from './yaml.js';

export const SKAFFOLD_API = 'skaffold/v4beta13';

/**
 * `skaffold.yaml` (build every service with `build:`, deploy the development environment, forward
 * what Compose publishes; a `prod` profile deploys production) and `kind.yaml` (a local cluster whose
 * ports 80/443 reach an ingress controller).
 */
export function skaffoldFiles(input: FormInput): Map<string, string> {
  const files = new Map<string, string>();
  const out = path.resolve(input.options.outDir ?? 'k8s');
  const artifacts: Json[] = [];
  const images = new Map<string, string>();
  for (const w of input.model.workloads) {
    if (!w.build || /^[a-z]+:\/\/|^git@/.test(w.build.context)) continue;
    const image = imageOf(input, w.name);
    if (!image) continue;
    const repo = splitImage(image).repository;
    images.set(w.name, repo);
    const args = Object.entries(w.build.args ?? {}).map(([k, v]): [string, string] => [
      k,
      sensitiveByName(k) ? `{{.${k}}}` : v,
    ]);
    artifacts.push({
      image: repo,
      context: path.relative(out, w.build.context) || '.',
      docker: {
        ...(w.build.dockerfile ? { dockerfile: w.build.dockerfile } : {}),
        ...(w.build.target ? { target: w.build.target } : {}),
        ...(args.length ? { buildArgs: Object.fromEntries(args) } : {}),
      },
    });
  }
  const helm = input.options.form === 'helm';
  const keys = serviceKeysOf(input);
  // Skaffold hands each built image to Helm through these templates (its name with other characters as _).
  const setValueTemplates: Record<string, string> = {};
  for (const [service, repo] of images) {
    const id = repo.replace(/[^a-zA-Z0-9]/g, '_');
    const at = `services.${keys.get(service) ?? service}.image`;
    setValueTemplates[`${at}.repository`] = `{{.IMAGE_REPO_${id}}}`;
    setValueTemplates[`${at}.tag`] = `{{.IMAGE_TAG_${id}}}`;
  }
  const release = (env: 'dev' | 'prod') => ({
    name: dnsLabel(input.model.project),
    chartPath: '.',
    namespace: input.conversion.namespace,
    createNamespace: true,
    valuesFiles: [SECRET_VALUES_FILE, ...(env === 'dev' ? ['values-dev.yaml'] : [])],
    ...(images.size ? { setValueTemplates } : {}),
  });
  const manifests = (env: 'dev' | 'prod') =>
    helm
      ? { helm: { releases: [release(env)] } }
      : input.options.form === 'plain'
        ? { rawYaml: ['secrets.yaml', `${env}.yaml`].filter((f) => f !== 'secrets.yaml' || input.secrets.length) }
        : { kustomize: { paths: [`overlays/${env}`] } };
  const forwards = portForwards(input);
  const config = {
    apiVersion: SKAFFOLD_API,
    kind: 'Config',
    metadata: { name: dnsLabel(input.model.project) },
    ...(artifacts.length ? { build: { artifacts, local: { push: false, useBuildkit: true } } } : {}),
    manifests: manifests('dev'),
    deploy: helm ? { helm: {} } : { kubectl: {} },
    ...(forwards.length ? { portForward: forwards } : {}),
    profiles: [{ name: 'prod', manifests: manifests('prod') }],
  };
  files.set(
    'skaffold.yaml',
    `# Development loop: kind create cluster --config kind.yaml && skaffold dev\n# Production: skaffold run -p prod --default-repo <registry>\n${dumpYaml(config)}`,
  );
  files.set('kind.yaml', kindConfig(input));
  return files;
}

/** What Compose publishes on the host, forwarded from the service's Service to the same local port. */
function portForwards(input: FormInput): Json[] {
  const out: Json[] = [];
  const used = new Set<number>();
  const mine = byService(input.envs.dev);
  for (const w of input.model.workloads) {
    const service = mine.get(w.name)?.find((r) => r.json.kind === 'Service' && r.json.spec?.clusterIP !== 'None');
    if (!service) continue;
    for (const p of w.ports) {
      if (!p.published || p.protocol !== 'tcp') continue;
      const local = Number(p.published.split('-')[0]);
      const port = service.json.spec?.ports?.find((sp) => sp.targetPort === p.port || sp.port === p.port);
      if (!port || !Number.isInteger(local) || used.has(local)) continue;
      used.add(local);
      out.push({
        resourceType: 'service',
        resourceName: service.json.metadata.name,
        namespace: service.json.metadata.namespace ?? input.conversion.namespace,
        port: port.port,
        localPort: local,
      });
    }
  }
  return out;
}

/** The image a service runs: its workload's first container, or the init container or sidecar it became. */
function imageOf(input: FormInput, service: string): string | undefined {
  const main = input.envs.dev.find((r) => r.service === service && r.main);
  if (main) return podSpecOf(main.json)?.containers?.[0]?.image;
  const name = dnsLabel(service);
  for (const r of input.envs.dev) {
    const pod = podSpecOf(r.json);
    const c = [...((pod?.initContainers as Json[]) ?? []), ...((pod?.containers as Json[]) ?? [])].find(
      (x) => x.name === name,
    );
    if (c) return c.image as string;
  }
  return undefined;
}

/** One kind node whose ports 80 and 443 reach an ingress controller scheduled on it. */
function kindConfig(input: FormInput): string {
  const config = {
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    name: dnsLabel(input.model.project, 40),
    nodes: [
      {
        role: 'control-plane',
        kubeadmConfigPatches: [
          'kind: InitConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n    node-labels: "ingress-ready=true"\n',
        ],
        extraPortMappings: [80, 443].map((p) => ({ containerPort: p, hostPort: p, protocol: 'TCP' })),
      },
    ],
  };
  return `# kind create cluster --config kind.yaml: one node, ports 80 and 443 on this machine reach an ingress controller\n${dumpYaml(config)}`;
}
