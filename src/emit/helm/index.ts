import { dnsLabel } from '../../transform/names.js';
import { byService, type ClaimSpecJson, type Environment, type Json, type Rendered } from '../environments.js';
import { createNamespace, outDir, type Emitter, type FormInput } from '../form.js';
import { dumpYaml } from '../yaml.js';
import { chartFiles } from './chart.js';
import { objectTemplate, secretTemplate, type ChartContext } from './objects.js';
import { serviceValues, valuesDiff, valuesKeys, valuesSchema, type ServiceObjects } from './values.js';

export const SECRET_VALUES_FILE = 'values-secrets.yaml';
const PSS = 'pod-security.kubernetes.io/';

/**
 * The output folder is a chart: a template per object, a values block per service (image, replicas,
 * resources, persistence, probes, env, ingress, PDB, backup), `values-dev.yaml` for development, a
 * schema that rejects unknown keys, and Secrets from values or an existing Secret, never committed.
 */
export const helmEmitter: Emitter = {
  form: 'helm',
  files(input) {
    const ctx = chartContext(input);
    const files = new Map<string, string>();
    const values = valuesFor(input, ctx, 'prod');
    const dev = valuesDiff(values, valuesFor(input, ctx, 'dev')) ?? {};
    const ns = input.envs.prod.find((r) => r.json.kind === 'Namespace');
    for (const r of input.envs.prod) {
      const dir = r.layer === 'data' && !r.service ? '' : `${r.layer}/`;
      files.set(`templates/${dir}${r.path}`, objectTemplate(r, ctx));
    }
    for (const s of input.secrets) files.set(`templates/secrets/${s.path}`, secretTemplate(s, ctx));
    const { secrets: _omit, ...shown } = values;
    files.set(
      'values.yaml',
      `# Values for ${input.model.project}. Secret values go in ${SECRET_VALUES_FILE} (git-ignored) or name an\n# existing Secret with secrets.<name>.existingSecret; values.schema.json rejects unknown keys.${hasJobs(input.envs.prod) ? '\n# jobs.enabled=false installs without the one-shot Jobs (before the data is moved: RUNBOOK.md).' : ''}\n${dumpYaml({ ...shown, secrets: emptySecrets(ctx) })}`,
    );
    files.set('values-dev.yaml', `# Development: helm ... -f values-dev.yaml\n${dumpYaml(dev)}`);
    files.set('values.schema.json', `${JSON.stringify(schemaFor(values, ctx), null, 2)}\n`);
    files.set(
      SECRET_VALUES_FILE,
      `# Secret values (keep out of Git): helm ... -f ${SECRET_VALUES_FILE}\n${dumpYaml({ secrets: secretValues(input, ctx) })}`,
    );
    files.set('.gitignore', `${SECRET_VALUES_FILE}\n`);
    for (const [name, text] of chartFiles(input, ctx, ns)) files.set(name, text);
    return files;
  },
  deploy(input, env) {
    const out = outDir(input);
    const ns = input.conversion.namespace;
    const label = (name: string) => {
      const labels = podSecurityLabels(
        input.envs[env].find((r) => r.json.kind === 'Namespace' && r.json.metadata.name === name),
      );
      return labels.length ? [`kubectl label namespace ${name} --overwrite ${labels.join(' ')}`] : [];
    };
    return [
      ...createNamespace(input, true),
      ...label(ns),
      `helm upgrade --install ${dnsLabel(input.model.project)} ${out} --namespace ${ns} -f ${out}/${SECRET_VALUES_FILE}${env === 'dev' ? ` -f ${out}/values-dev.yaml` : ''}`,
    ];
  },
};

function podSecurityLabels(ns: Rendered | undefined): string[] {
  const labels = ns?.json.metadata?.labels ?? {};
  return Object.entries(labels)
    .filter(([k]) => k.startsWith(PSS))
    .map(([k, v]) => `${k}=${v}`);
}

/** Compose service → its key under `services:` in the chart's values. */
export function serviceKeysOf(input: FormInput): Map<string, string> {
  return valuesKeys([...new Set(input.envs.prod.flatMap((r) => (r.service ? [r.service] : [])))].sort());
}

function chartContext(input: FormInput): ChartContext {
  const serviceKeys = serviceKeysOf(input);
  const services = [...serviceKeys.keys()];
  const secretKeys = valuesKeys([...new Set(input.secrets.map((s) => s.json.metadata.name))]);
  const mine = byService(input.envs.prod);
  const shapes = new Map(services.map((s) => [s, objectsOf(mine.get(s) ?? [], s)]));
  return {
    namespace: input.conversion.namespace,
    ...(input.conversion.privilegedNamespace ? { privilegedNamespace: input.conversion.privilegedNamespace } : {}),
    chart: dnsLabel(input.model.project),
    project: input.model.project,
    serviceKeys,
    secretKeys,
    shapes,
  };
}

/** The objects of one service that values control. */
export function objectsOf(objects: readonly Rendered[], service: string): ServiceObjects {
  const mine = objects.filter((r) => r.service === service);
  const claimSpecs: { name: string; spec: ClaimSpecJson }[] = [];
  for (const r of mine) {
    if (r.main && r.json.kind === 'StatefulSet')
      for (const t of r.json.spec?.volumeClaimTemplates ?? []) claimSpecs.push({ name: t.metadata.name, spec: t.spec });
    if (r.json.kind === 'PersistentVolumeClaim' && !r.backup && r.json.spec)
      claimSpecs.push({ name: r.json.metadata.name, spec: r.json.spec });
  }
  const keys = valuesKeys(claimSpecs.map((c) => c.name));
  const main = mine.find((r) => r.main);
  const ingress = mine.find((r) => r.json.kind === 'Ingress');
  const pdb = mine.find((r) => r.json.kind === 'PodDisruptionBudget');
  return {
    ...(main ? { main } : {}),
    claims: claimSpecs.map((c) => ({ key: keys.get(c.name) ?? c.name, name: c.name, spec: c.spec })),
    ...(ingress ? { ingress } : {}),
    ...(pdb ? { pdb } : {}),
    backup: mine.filter((r) => r.backup),
  };
}

function valuesFor(input: FormInput, ctx: ChartContext, env: Environment): Json {
  const objects = input.envs[env];
  const ns = objects.find((r) => r.json.kind === 'Namespace' && r.json.metadata.name === input.conversion.namespace);
  const labels = ns?.json.metadata?.labels ?? {};
  const services: Json = {};
  const mine = byService(objects);
  for (const [service, shape] of ctx.shapes) {
    const v = serviceValues(shape, objectsOf(mine.get(service) ?? [], service));
    const key = ctx.serviceKeys.get(service);
    if (key && Object.keys(v).length) services[key] = v;
  }
  return {
    namespace: {
      create: false,
      podSecurity: { enforce: labels[`${PSS}enforce`] ?? '', warn: labels[`${PSS}warn`] ?? '' },
    },
    ...(hasJobs(objects) ? { jobs: { enabled: true } } : {}),
    services,
  };
}

/** Whether the chart has one-shot Jobs, which `jobs.enabled` holds back. */
export function hasJobs(objects: readonly Rendered[]): boolean {
  return objects.some((r) => r.json.kind === 'Job' && r.layer === 'jobs');
}

function emptySecrets(ctx: ChartContext): Json {
  const out: Json = {};
  for (const key of ctx.secretKeys.values()) out[key] = { existingSecret: '', data: {} };
  return out;
}

function secretValues(input: FormInput, ctx: ChartContext): Json {
  const out: Json = {};
  for (const s of input.secrets)
    out[ctx.secretKeys.get(s.json.metadata.name) ?? s.json.metadata.name] = { data: { ...(s.json.stringData ?? {}) } };
  return out;
}

function schemaFor(values: Json, ctx: ChartContext): Json {
  const schema = valuesSchema({ ...values, secrets: emptySecrets(ctx) });
  return { $schema: 'https://json-schema.org/draft-07/schema#', ...schema };
}
