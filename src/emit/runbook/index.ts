import { knowledgeById } from '../../knowledge/index.js';
import type { Rendered } from '../environments.js';
import { outDir, type FormInput } from '../form.js';
import { resilienceChecklist } from './checklist.js';
import { cutover } from './cutover.js';
import { compose, FORM_NAMES, sh, workloadOf, type RunbookFacts } from './facts.js';
import { recovery, volumeUsage } from './recovery.js';
import { inEach } from './kubectl.js';
import { restoreFor, type Restore } from './restore.js';

export type { RunbookFacts } from './facts.js';

/**
 * RUNBOOK.md: the cutover in order with a go/no-go check and a way back after each step, recovery
 * procedures for this stack (with each database's exact restore), health commands, maintenance and a
 * resilience checklist ticked from what the manifests contain.
 */
export function runbook(f: RunbookFacts): string {
  const { input } = f;
  const prod = input.envs.prod;
  const ns = input.conversion.namespace;
  const data = prod.filter((r) => r.main && r.layer === 'data');
  const jobs = prod.filter((r) => r.json.kind === 'Job');
  const apps = prod.filter((r) => r.main && r.layer === 'apps');
  const restores = restoresOf(input, data, apps);
  const lines: string[] = [
    `# ${input.model.project}: runbook`,
    '',
    `Written by \`stevedore convert\` for the ${FORM_NAMES[input.options.form ?? 'kustomize']} in \`${outDir(input)}\`, namespace \`${ns}\`. Run the`,
    'commands from the folder convert was run in. Every `kubectl` command names objects that exist in',
    'these manifests; check each step before going on to the next.',
    '',
    '## Cutover',
    '',
  ];
  cutover(f, data, jobs, apps).forEach((s, i) => {
    lines.push(`### ${i + 1}. ${s.title}`, '');
    if (s.why) lines.push(s.why, '');
    lines.push(...sh(s.commands), '', `**Go when** ${s.go}`, '', `**Back** ${s.rollback}`, '');
  });
  lines.push(
    ...changes(f),
    ...recovery(f, data, apps, restores),
    ...health(f, data, apps),
    ...development(f),
    ...maintenance(f, restores),
  );
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function restoresOf(input: FormInput, data: readonly Rendered[], apps: readonly Rendered[]): Restore[] {
  const out: Restore[] = [];
  for (const db of data) {
    const cron = input.envs.prod.find((r) => r.service === db.service && r.backup && r.json.kind === 'CronJob');
    const engine = engine_(input, db.service);
    if (!cron || !engine) continue;
    const r = restoreFor(db, cron, engine, db.json.metadata.namespace ?? input.conversion.namespace, apps);
    if (r) out.push(r);
  }
  return out;
}

function engine_(input: FormInput, service: string | undefined): string | undefined {
  const w = workloadOf(input, service);
  return w?.knowledge ? knowledgeById(w.knowledge)?.migration : undefined;
}

function health(f: RunbookFacts, data: readonly Rendered[], apps: readonly Rendered[]): string[] {
  const { input } = f;
  const g = input.options.gitops;
  return [
    '## Health',
    '',
    ...sh([
      ...inEach(input, 'get pods,deployments,statefulsets,jobs,cronjobs,pvc,services,ingress'),
      ...inEach(input, 'get pods --field-selector=status.phase!=Running,status.phase!=Succeeded'),
      ...inEach(
        input,
        `get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.spec.containers[*].resources.limits}{"\\n"}{end}'`,
      ),
      ...inEach(input, 'get networkpolicy'),
      ...inEach(input, 'get jobs -l app.kubernetes.io/component=backup'),
      ...inEach(input, 'get events --sort-by=.lastTimestamp'),
      ...(g?.tool === 'flux'
        ? ['flux get sources git -A', 'flux get kustomizations -A', 'flux get helmreleases -A']
        : []),
      ...(g?.tool === 'argocd' ? ['argocd app list'] : []),
    ]),
    '',
    volumeUsage(input.conversion.namespace, [...data, ...apps]).length
      ? 'Volume usage: the `df -h` commands under "A full volume".'
      : '',
    '',
  ];
}

function maintenance(f: RunbookFacts, restores: readonly Restore[]): string[] {
  const { input } = f;
  const databases = input.model.workloads.filter((w) => w.stateful && ['database'].includes(w.role)).map((w) => w.name);
  const checks = resilienceChecklist(input.envs.prod, databases);
  return [
    '## Maintenance',
    '',
    '- **Daily**: the health commands above; the last backup Job of each database completed.',
    `- **Weekly**: restore the latest backup into a scratch namespace and compare row counts${restores.length ? ` (${restores.map((r) => r.service).join(', ')})` : ''}; volume usage below 80 %; \`kubectl get events\` without repeating warnings.`,
    '- **Monthly**: image updates (pinned tags moved on purpose, not `:latest`), Kubernetes version support, certificate expiry, a node drain rehearsal.',
    '',
    '## Resilience checklist',
    '',
    'Ticked from what the manifests contain; what is missing is named.',
    '',
    ...checks.map((c) => `- [${c.ok ? 'x' : ' '}] ${c.what}${c.ok ? '' : `: not ${c.missing.join(', ')}`}`),
    '',
  ];
}

/** What the Compose services became, one line each. */
function changes(f: RunbookFacts): string[] {
  const byService = new Map<string, string[]>();
  for (const r of f.input.envs.prod)
    if (r.service)
      byService.set(r.service, [...(byService.get(r.service) ?? []), `${r.json.kind} ${r.json.metadata.name}`]);
  return [
    '## What changed',
    '',
    '| Compose service | Kubernetes objects |',
    '| --- | --- |',
    ...[...byService].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, objs]) => `| ${s} | ${objs.join(', ')} |`),
    '',
    `\`docker compose up\` is replaced by the commands below; volumes are PersistentVolumeClaims, published ports are Services (and the Ingress), health checks are probes, \`depends_on\` is wait-for init containers.`,
    '',
  ];
}

/** How developers work after the move. */
function development(f: RunbookFacts): string[] {
  const { input } = f;
  const out = outDir(input);
  const form = input.options.form ?? 'kustomize';
  const dev = f.emitter.deploy(input, 'dev');
  return [
    '## Development',
    '',
    `Before: \`docker compose ${compose(f)} up\`. Now, on a local cluster (kind, k3d, minikube):`,
    '',
    ...sh([
      ...(input.options.skaffold
        ? [`kind create cluster --config ${out}/kind.yaml`, `cd ${out} && skaffold dev`]
        : dev),
    ]),
    '',
    form === 'helm'
      ? 'Development values (`values-dev.yaml`): one replica, no PodDisruptionBudget or backups, small requests.'
      : 'The development overlay: one replica, no PodDisruptionBudget or backups, small requests, Pod Security only warns.',
    '',
  ];
}
