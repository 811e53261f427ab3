import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { HelmRelease } from '@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2/HelmRelease';
import { Kustomization } from '@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization';
import { GitRepository } from '@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository';
import { dnsLabel } from '../transform/names.js';
import { ENVIRONMENTS, type Environment } from './environments.js';
import type { FormInput, GitopsOptions } from './form.js';
import { SECRET_VALUES_FILE } from './helm/index.js';
import { usedLayers } from './kustomize/index.js';
import { dumpYaml } from './yaml.js';

interface Typed {
  validate(): void;
  toJSON(): unknown;
}

/**
 * `gitops/<env>/`: for Flux a GitRepository and one Kustomization per layer (data, then jobs, then
 * apps, each waiting for the one before to be healthy) or a HelmRelease for the chart; for Argo CD an
 * Application per environment (the objects carry sync waves). Every object typed and validated.
 */
export function gitopsFiles(input: FormInput): Map<string, string> {
  const g = input.options.gitops;
  const files = new Map<string, string>();
  if (!g) return files;
  for (const env of ENVIRONMENTS) {
    const objects = g.tool === 'flux' ? flux(input, g, env) : [argo(input, g, env)];
    for (const o of objects) o.validate();
    files.set(
      `gitops/${env}/${g.tool}.yaml`,
      `# ${input.model.project} ${env} with ${g.tool === 'flux' ? 'Flux' : 'Argo CD'}: kubectl apply -f gitops/${env}/\n` +
        `# The Secrets are not in Git: create them in the cluster first (or from a secret manager).\n` +
        objects.map((o) => `---\n${dumpYaml(o.toJSON())}`).join(''),
    );
  }
  return files;
}

function repoPath(input: FormInput, ...parts: string[]): string {
  const base = (input.options.gitops?.path ?? '').replace(/^\.?\/+|\/+$/g, '');
  return `./${[base, ...parts].filter(Boolean).join('/')}`;
}

function names(input: FormInput, env: Environment) {
  const project = dnsLabel(input.model.project, 40);
  return { source: project, prefix: `${project}-${env}` };
}

function flux(input: FormInput, g: GitopsOptions, env: Environment): Typed[] {
  const n = names(input, env);
  const source = new GitRepository({
    metadata: { name: n.source, namespace: 'flux-system' },
    spec: { interval: '1m', url: g.repo, ref: { branch: g.branch ?? 'main' } },
  });
  const sourceRef = { kind: 'GitRepository' as const, name: n.source };
  if (input.options.form === 'helm')
    return [
      source,
      new HelmRelease({
        metadata: { name: n.prefix, namespace: 'flux-system' },
        spec: {
          interval: '10m',
          releaseName: dnsLabel(input.model.project),
          targetNamespace: input.conversion.namespace,
          install: { createNamespace: true, remediation: { retries: 3 } },
          upgrade: { remediation: { retries: 3 } },
          chart: {
            spec: {
              chart: repoPath(input),
              sourceRef,
              valuesFiles: [
                repoPath(input, 'values.yaml'),
                ...(env === 'dev' ? [repoPath(input, 'values-dev.yaml')] : []),
              ],
            },
          },
          // The secret values live in the cluster, never in Git: a Secret holding values-secrets.yaml.
          valuesFrom: [{ kind: 'Secret', name: `${n.prefix}-values`, valuesKey: SECRET_VALUES_FILE }],
        },
      }),
    ];
  const layers = usedLayers(input.envs[env]);
  return [
    source,
    ...layers.map(
      (layer, i, all) =>
        new Kustomization({
          metadata: { name: `${n.prefix}-${layer}`, namespace: 'flux-system' },
          spec: {
            interval: '10m',
            path: repoPath(input, 'overlays', env, layer),
            prune: true,
            sourceRef,
            wait: true,
            timeout: '10m',
            ...(i > 0 ? { dependsOn: [{ name: `${n.prefix}-${all[i - 1] ?? ''}` }] } : {}),
          },
        }),
    ),
  ];
}

function argo(input: FormInput, g: GitopsOptions, env: Environment): Typed {
  const helm = input.options.form === 'helm';
  return new Application({
    metadata: { name: names(input, env).prefix, namespace: 'argocd' },
    spec: {
      project: 'default',
      source: {
        repoURL: g.repo,
        targetRevision: g.branch ?? 'main',
        path: repoPath(input, ...(helm ? [] : ['overlays', env])).replace(/^\.\//, '') || '.',
        ...(helm
          ? {
              helm: {
                releaseName: dnsLabel(input.model.project),
                valueFiles: ['values.yaml', ...(env === 'dev' ? ['values-dev.yaml'] : [])],
              },
            }
          : {}),
      },
      destination: { server: 'https://kubernetes.default.svc', namespace: input.conversion.namespace },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: [...(helm ? ['CreateNamespace=true'] : []), 'ServerSideApply=true'],
        retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
      },
    },
  });
}
