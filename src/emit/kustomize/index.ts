import jsonpatch from 'fast-json-patch';
import {
  ENVIRONMENTS,
  LAYERS,
  podSpecOf,
  type Environment,
  type Json,
  type Layer,
  type Rendered,
} from '../environments.js';
import { outDir, type Emitter, type FormInput } from '../form.js';
import { splitImage } from '../images.js';
import { secretsFiles, SECRETS_FILE } from '../secrets.js';
import { dumpYaml, commentedYaml } from '../yaml.js';

const KUSTOMIZATION = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
/** The first line of every kustomization we write: how a later run knows the folder is ours. */
export const KUSTOMIZE_MARK = '# kubectl apply -k';

/**
 * `base/<layer>/…` holds the objects (one folder per service), `overlays/<env>/<layer>` applies each
 * environment's component (`overlays/<env>/env`: namespace, images, patches) to a layer, and
 * `overlays/<env>` renders all layers. Layers exist so GitOps can apply data services before the apps.
 */
export const kustomizeEmitter: Emitter = {
  form: 'kustomize',
  files(input) {
    const files = new Map<string, string>();
    const prod = input.envs.prod;
    const layers = usedLayers(prod);
    for (const layer of layers) {
      const mine = prod.filter((r) => r.layer === layer);
      for (const r of mine) files.set(`base/${layer}/${r.path}`, commentedYaml(r.emitted.comments, r.json));
      files.set(
        `base/${layer}/kustomization.yaml`,
        kustomization(`the ${layer} layer`, { resources: mine.map((r) => r.path).sort(byRank) }),
      );
    }
    files.set('base/kustomization.yaml', kustomization('every layer, no environment', { resources: layers }));
    for (const env of ENVIRONMENTS) {
      const dir = `overlays/${env}`;
      files.set(`${dir}/kustomization.yaml`, kustomization(`${env}: every layer`, { resources: layers }));
      for (const layer of layers)
        files.set(
          `${dir}/${layer}/kustomization.yaml`,
          kustomization(`${env}: the ${layer} layer`, {
            resources: [`../../../base/${layer}`],
            components: ['../env'],
          }),
        );
      files.set(`${dir}/env/kustomization.yaml`, component(input, env));
    }
    for (const [name, text] of secretsFiles(input)) files.set(name, text);
    return files;
  },
  deploy(input, env) {
    const out = outDir(input);
    return [
      ...(input.secrets.length
        ? [
            `kubectl apply -f ${out}/base/data/namespace.yaml`,
            ...(input.conversion.privilegedNamespace
              ? [`kubectl apply -f ${out}/base/data/namespace-privileged.yaml`]
              : []),
            `kubectl apply -f ${out}/${SECRETS_FILE}`,
          ]
        : []),
      `kubectl apply -k ${out}/overlays/${env}`,
    ];
  },
};

export function usedLayers(objects: readonly Rendered[]): Layer[] {
  return LAYERS.filter((l) => objects.some((r) => r.layer === l));
}

function kustomization(what: string, body: Record<string, unknown>): string {
  return `${KUSTOMIZE_MARK} (or kubectl kustomize) on this folder: ${what}\n${dumpYaml({ ...KUSTOMIZATION, ...body })}`;
}

/** Project-wide files first (the Namespace before anything in it), then the service folders. */
function byRank(a: string, b: string): number {
  const rank = (f: string) => (/^namespace(-privileged)?\.yaml$/.test(f) ? 0 : f.includes('/') ? 2 : 1);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function component(input: FormInput, env: Environment): string {
  const prod = input.envs.prod;
  const target = input.envs[env];
  const kept = new Map(target.map((r) => [r.id, r]));
  // Kustomize's namespace field would move every object into one namespace: with the second
  // namespace for privileged pods, each object keeps the namespace written in it.
  const split = input.conversion.privilegedNamespace !== undefined;
  const patches: Record<string, unknown>[] = [];
  for (const r of prod) {
    const t = kept.get(r.id);
    const sel = {
      kind: r.json.kind,
      name: r.json.metadata.name,
      ...(split && r.json.metadata.namespace ? { namespace: r.json.metadata.namespace } : {}),
    };
    if (!t)
      patches.push({
        target: sel,
        patch: dumpYaml({
          $patch: 'delete',
          apiVersion: r.json.apiVersion,
          kind: sel.kind,
          metadata: { name: sel.name },
        }),
      });
    else {
      const ops = jsonpatch.compare(r.json, t.json);
      if (ops.length) patches.push({ target: sel, patch: dumpYaml(ops) });
    }
  }
  const body = {
    apiVersion: 'kustomize.config.k8s.io/v1alpha1',
    kind: 'Component',
    ...(split ? {} : { namespace: input.conversion.namespace }),
    images: imagesOf(prod),
    ...(patches.length ? { patches } : {}),
  };
  const why =
    env === 'dev'
      ? 'development: one replica, no PodDisruptionBudget or backup, small requests, local images, Pod Security warns'
      : 'production: the objects as generated';
  const where = split
    ? `# Set the image versions here, in one place. The namespaces (${input.conversion.namespace}, and ${input.conversion.privilegedNamespace ?? ''} for the pods that need more than Pod Security baseline) are written in each object.`
    : '# Set the namespace and image versions here, in one place.';
  return `# ${env} for every layer: ${why}.\n${where}\n${dumpYaml(body)}`;
}

/** Every image repository used with one version, as Kustomize's `images:` list (no change by default). */
export function imagesOf(objects: readonly Rendered[]): Record<string, string>[] {
  const versions = new Map<string, Set<string>>();
  for (const r of objects) {
    const pod = podSpecOf(r.json);
    for (const c of [...((pod?.initContainers as Json[]) ?? []), ...((pod?.containers as Json[]) ?? [])]) {
      if (typeof c.image !== 'string' || !c.image) continue;
      const p = splitImage(c.image);
      const v = versions.get(p.repository) ?? new Set<string>();
      v.add(`${p.tag ?? ''}@${p.digest ?? ''}`);
      versions.set(p.repository, v);
    }
  }
  const out: Record<string, string>[] = [];
  for (const [name, v] of [...versions].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (v.size !== 1) continue;
    const [tag = '', digest = ''] = ([...v][0] ?? '').split('@');
    if ((!tag && !digest) || (tag && digest)) continue; // Kustomize drops the tag when a digest is set
    out.push({ name, ...(tag ? { newTag: tag } : {}), ...(digest ? { digest } : {}) });
  }
  return out;
}
