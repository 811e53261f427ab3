import { knowledgeById } from '../../knowledge/index.js';
import type { Workload } from '../../model/types.js';
import type { Rendered } from '../environments.js';
import { outDir, type Emitter, type FormInput } from '../form.js';
import { SECRET_VALUES_FILE, serviceKeysOf } from '../helm/index.js';
import { SECRETS_FILE } from '../secrets.js';
import { resilienceChecklist } from './checklist.js';
import { bare, inEach, kubectlFor, listed, namespacesOf, perNamespace, ref } from './kubectl.js';
import { restoreFor, type Restore } from './restore.js';

/** A step of the cutover: what to run, when to go on, how to go back. */
interface Step {
  readonly title: string;
  readonly why?: string;
  readonly commands: string[];
  readonly go: string;
  readonly rollback: string;
}

const FORM_NAMES = { kustomize: 'Kustomize overlays', helm: 'Helm chart', plain: 'plain manifests' } as const;
const sh = (lines: readonly string[]) => ['```sh', ...lines, '```'];

/** What a runbook is written from, besides the form. */
export interface RunbookFacts {
  readonly input: FormInput;
  readonly emitter: Emitter;
  /** The Compose file(s) as the user names them on the command line. */
  readonly composeFiles: readonly string[];
}

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
    ...health(f, data),
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

function workloadOf(input: FormInput, service: string | undefined): Workload | undefined {
  return input.model.workloads.find((w) => w.name === service);
}

function engine_(input: FormInput, service: string | undefined): string | undefined {
  const w = workloadOf(input, service);
  return w?.knowledge ? knowledgeById(w.knowledge)?.migration : undefined;
}

function compose(f: RunbookFacts): string {
  return f.composeFiles.map((x) => `-f ${x}`).join(' ');
}

function cutover(
  f: RunbookFacts,
  data: readonly Rendered[],
  jobs: readonly Rendered[],
  apps: readonly Rendered[],
): Step[] {
  const { input } = f;
  const out = outDir(input);
  const ns = input.conversion.namespace;
  const form = input.options.form ?? 'kustomize';
  const deploy = f.emitter.deploy(input, 'prod');
  const secretsStep = deploy.filter(
    (c) =>
      !c.startsWith('kubectl apply -k') && !c.startsWith('helm ') && !c.startsWith(`kubectl apply -f ${out}/prod.yaml`),
  );
  const secretNames = input.secrets.map((s) => s.json.metadata.name);
  const everyNs = namespacesOf(input).join(' ');
  const writers = [...new Set(apps.map((a) => a.service).filter((s): s is string => Boolean(s)))];
  const stateful = data.map((d) => d.service).filter((s): s is string => Boolean(s));
  const steps: Step[] = [
    {
      title: 'Pre-flight',
      commands: [
        'kubectl version',
        'kubectl get storageclass',
        `kubectl auth can-i create statefulsets --namespace ${ns}`,
        `stevedore migrate plan ${compose(f)} --format yaml -o plan.yaml`,
        'stevedore migrate run --plan plan.yaml --dry-run',
      ],
      go: 'the cluster answers, a StorageClass is marked (default) or was given with --storage-class, and the plan lists every data service with the commands you expect.',
      rollback: 'nothing has changed yet.',
    },
    {
      title: 'Namespace and Secrets',
      commands: secretsStep.length
        ? secretsStep
        : [`kubectl create namespace ${ns} --dry-run=client -o yaml | kubectl apply -f -`],
      go: secretNames.length
        ? `${listed(perNamespace(input.conversion.namespace, input.secrets, 'get secret', '', bare))} every one.`
        : `\`kubectl get namespace ${everyNs}\` shows ${input.conversion.privilegedNamespace ? 'them' : 'it'} Active.`,
      rollback: `\`kubectl delete namespace ${everyNs}\` (the Compose stack has not been touched).`,
    },
  ];
  const rollouts = data.map(
    (d) => `${kubectlFor(d, input.conversion.namespace)} rollout status ${ref(d)} --timeout=600s`,
  );
  const stopApps = perNamespace(input.conversion.namespace, apps, 'scale', ' --replicas=0');
  const dataApply =
    form === 'kustomize'
      ? [`kubectl apply -k ${out}/overlays/prod/data`]
      : form === 'helm'
        ? [`${deploy.find((c) => c.startsWith('helm ')) ?? ''}${zeroReplicas(apps, serviceKeysOf(input))}`]
        : [`kubectl apply -f ${out}/prod.yaml -l '${dataSelector(data)}'`];
  steps.push({
    title: 'Data services',
    why:
      form === 'helm'
        ? `The chart installs everything; the apps start with no replicas so nothing writes before the data is in.${jobs.length ? ` Jobs run at install (${jobs.map((j) => j.json.metadata.name).join(', ')}): if one writes to a database, run the data move before installing, with the chart installed to a separate namespace, or accept that the move replaces what it wrote (--force).` : ''}`
        : 'Only the data services, so that nothing writes to them before the data is moved.',
    commands: [...dataApply, ...rollouts],
    go: `every rollout says "successfully rolled out"${data.length ? ` and ${listed(inEach(input, 'get pvc'), 'show')} each claim Bound` : ''}.`,
    rollback: `\`kubectl delete namespace ${everyNs}\`.`,
  });
  if (stateful.length)
    steps.push(
      {
        title: 'Stop the Compose writers',
        why: 'From here until the switch, the application is down: the data must not change while it is copied.',
        commands: writers.length
          ? [`docker compose ${compose(f)} stop ${writers.join(' ')}`, `docker compose ${compose(f)} ps`]
          : [`docker compose ${compose(f)} ps`],
        go: `${writers.length ? `${writers.join(', ')} show as exited and ` : ''}${stateful.join(', ')} still run (the copy reads from them).`,
        rollback: writers.length ? `\`docker compose ${compose(f)} start ${writers.join(' ')}\`.` : 'nothing to undo.',
      },
      {
        title: 'Move the data',
        commands: [
          ...stateful.map((s) => `stevedore migrate run --plan plan.yaml --service ${s}`),
          'stevedore migrate verify --plan plan.yaml',
        ],
        go: 'verify prints a match for every service and exits 0. A mismatch names the table, key or queue: stop there.',
        rollback: `the Compose volumes were only read: \`docker compose ${compose(f)} start\` brings the old stack back as it was; fix the cause and run the move again with --force.`,
      },
    );
  const appCommands =
    form === 'kustomize'
      ? [
          ...(jobs.length
            ? [
                `kubectl apply -k ${out}/overlays/prod/jobs`,
                ...jobs.map(
                  (j) =>
                    `${kubectlFor(j, input.conversion.namespace)} wait --for=condition=complete ${ref(j)} --timeout=600s`,
                ),
              ]
            : []),
          ...(apps.length ? [`kubectl apply -k ${out}/overlays/prod/apps`] : []),
        ]
      : form === 'helm'
        ? [deploy.find((c) => c.startsWith('helm ')) ?? '']
        : [
            `kubectl apply -f ${out}/prod.yaml`,
            ...jobs.map(
              (j) =>
                `${kubectlFor(j, input.conversion.namespace)} wait --for=condition=complete ${ref(j)} --timeout=600s`,
            ),
          ];
  steps.push({
    title: 'Jobs and applications',
    commands: [
      ...appCommands,
      ...apps.map((a) => `${kubectlFor(a, input.conversion.namespace)} rollout status ${ref(a)} --timeout=300s`),
    ],
    go: `every rollout completes and ${listed(inEach(input, 'get pods'), 'show')} no pod in CrashLoopBackOff or Error.`,
    rollback: `${stopApps.length ? `${stopApps.map((c) => `\`${c}\``).join(', ')}, then ` : ''}start the Compose writers again (step 4's way back).`,
  });
  const entry = apps.find((a) => workloadOf(input, a.service)?.exposure === 'entry');
  const ingress = input.envs.prod.find((r) => r.json.kind === 'Ingress');
  const host = ingress?.json.spec?.rules?.[0]?.host as string | undefined;
  const svc = entry
    ? input.envs.prod.find(
        (r) => r.json.kind === 'Service' && r.service === entry.service && r.json.spec?.clusterIP !== 'None',
      )
    : undefined;
  // Only an entry behind the Ingress speaks HTTP on its port; a VPN or mail entry is checked by its Service.
  const port = ingress
    ? (ingress.json.spec?.rules?.[0] as IngressRule | undefined)?.http?.paths?.[0]?.backend?.service?.port?.number
    : undefined;
  const outside = input.envs.prod.filter(
    (r) => r.json.kind === 'Service' && ['LoadBalancer', 'NodePort'].includes(String(r.json.spec?.type)),
  );
  steps.push({
    title: 'Smoke checks',
    commands: [
      ...inEach(input, 'get pods,statefulsets,deployments,jobs'),
      ...(svc && port
        ? [
            `${kubectlFor(svc, input.conversion.namespace)} port-forward service/${svc.json.metadata.name} 18080:${port} &`,
            'curl -fsS -o /dev/null -w "%{http_code}\\n" http://localhost:18080/',
          ]
        : []),
      ...(host
        ? [`curl -fsS -o /dev/null -w "%{http_code}\\n" --resolve ${host}:443:<ingress-address> https://${host}/`]
        : []),
    ],
    go: `every pod is Running and Ready${svc ? `, and ${entry?.service ?? 'the entry'} answers with a 2xx or 3xx status` : ''}.`,
    rollback: `as in step ${apps.length ? '6' : '5'}: scale the apps to zero and start the Compose writers again.`,
  });
  const names = outside.map((r) => r.json.metadata.name);
  steps.push({
    title: 'Switch DNS',
    commands: [
      ...(ingress ? inEach(input, 'get ingress') : []),
      ...perNamespace(input.conversion.namespace, outside, 'get service', '', bare),
    ],
    go:
      [
        ...(ingress
          ? [
              host
                ? `${host} resolves to the ingress controller's address and serves the application`
                : 'the public name (convert with --host to set it) points at the ingress controller and serves the application',
            ]
          : []),
        ...(names.length
          ? [
              `the names clients use for ${names.join(', ')} resolve to the EXTERNAL-IP (or the nodes, for a NodePort) shown`,
            ]
          : []),
      ].join('; and ') + '.',
    rollback:
      'point DNS back at the Compose host and start its writers. The Compose data is as of step 4: what was written on Kubernetes since is not in it; copy it back with `stevedore migrate run` from the cluster to Compose before switching back.',
  });
  return steps.filter((s) => s.commands.every(Boolean));
}

/** A label selector for the objects of the data services (their names, their backups'). */
function dataSelector(data: readonly Rendered[]): string {
  const names = [
    ...new Set(
      data.flatMap((d) => [d.json.metadata.labels?.['app.kubernetes.io/name'] ?? '', `${d.json.metadata.name}-backup`]),
    ),
  ].filter(Boolean);
  return `app.kubernetes.io/name in (${names.join(',')})`;
}

function recovery(
  f: RunbookFacts,
  data: readonly Rendered[],
  apps: readonly Rendered[],
  restores: readonly Restore[],
): string[] {
  const { input } = f;
  const ns = input.conversion.namespace;
  const k = `kubectl -n ${ns}`;
  const out = outDir(input);
  const form = input.options.form ?? 'kustomize';
  const reapply = f.emitter
    .deploy(input, 'prod')
    .filter(
      (c) =>
        c.startsWith('kubectl apply -k') || c.startsWith('helm ') || c.startsWith(`kubectl apply -f ${out}/prod.yaml`),
    );
  const built = input.model.workloads.filter((w) => w.build);
  const lines = [
    '## Recovery',
    '',
    '### After a node reboot',
    '',
    ...sh([
      'kubectl get nodes',
      ...inEach(input, 'get pods -o wide'),
      ...data.map((d) => `${kubectlFor(d, input.conversion.namespace)} rollout status ${ref(d)} --timeout=600s`),
    ]),
    '',
    'Pods of a StatefulSet come back on the node that holds their volume; one Pending for long usually means its volume cannot attach (`' +
      k +
      ' describe pod <pod>`).',
    '',
  ];
  if (built.length) {
    lines.push(
      '### ImagePullBackOff',
      '',
      `These images are built from source, not pulled from a public registry: ${built.map((w) => w.name).join(', ')}. Build and push them where the cluster pulls from (convert with --registry), then restart:`,
      '',
    );
    const cmds: string[] = [];
    for (const w of built) {
      const main = apps.find((a) => a.service === w.name) ?? data.find((d) => d.service === w.name);
      if (!main) continue;
      cmds.push(
        `${kubectlFor(main, input.conversion.namespace)} describe pod -l app.kubernetes.io/name=${main.json.metadata.labels?.['app.kubernetes.io/name'] ?? main.json.metadata.name}`,
        `${kubectlFor(main, input.conversion.namespace)} rollout restart ${ref(main)}`,
      );
    }
    lines.push(...sh(cmds), '');
  }
  lines.push(
    '### Memory pressure on a small cluster',
    '',
    ...sh(['kubectl top nodes', ...inEach(input, 'top pods --sort-by=memory'), 'kubectl describe nodes']),
    '',
    'Pods are evicted when a node runs out of memory. Compare what is requested ("Allocated resources" under `kubectl describe nodes`) with what the node has; lower replicas in the development overlay or values, or add a node.',
    '',
    '### Slow image pulls after a restart',
    '',
    `Pinned tags are pulled once per node (imagePullPolicy IfNotPresent); \`:latest\` is pulled at every start (Always). Pin versions, and see the pull times with \`${k} get events --field-selector reason=Pulled\`.`,
    '',
  );
  lines.push(
    '### A pod stuck Terminating',
    '',
    ...sh([
      `${k} get pods --field-selector=status.phase=Running -o wide`,
      `${k} delete pod <pod> --grace-period=0 --force`,
    ]),
    '',
    'Force-delete a StatefulSet pod only when its node is gone for good: two pods writing one volume corrupt it.',
    '',
  );
  if (data.length) {
    lines.push(
      '### A full volume',
      '',
      ...sh(
        data.flatMap((d) => {
          const mount = d.json.spec?.volumeClaimTemplates?.[0]
            ? d.json.spec.template?.spec?.containers?.[0]?.volumeMounts?.find(
                (m) => m.name === d.json.spec?.volumeClaimTemplates?.[0]?.metadata.name,
              )
            : undefined;
          return mount
            ? [
                `${kubectlFor(d, input.conversion.namespace)} exec ${d.json.metadata.name}-0 -- df -h ${mount.mountPath}`,
              ]
            : [];
        }),
      ),
      '',
      `Grow a claim when its StorageClass allows it (\`kubectl get storageclass\`, ALLOWVOLUMEEXPANSION): \`${k} patch pvc <claim> -p '{"spec":{"resources":{"requests":{"storage":"<new size>"}}}}'\`.`,
      '',
    );
  }
  for (const r of restores) {
    const db = data.find((d) => d.service === r.service);
    const kdb = db ? kubectlFor(db, input.conversion.namespace) : k;
    lines.push(
      `### Restore ${r.service} from its latest backup`,
      '',
      `Take one more backup first if the database still runs (\`${kdb} create job --from=cronjob/${r.service}-backup ${r.service}-backup-manual\`). The applications are stopped, the newest dump in the backups claim is restored${r.engine === 'redis' ? ' into the data volume while Redis is stopped' : ''}, then everything is applied again:`,
      '',
      ...sh([...r.commands, ...reapply]),
      '',
    );
  }
  if (input.secrets.length)
    lines.push(
      '### A lost Secret',
      '',
      ...sh(form === 'helm' ? reapply : [`kubectl apply -f ${out}/${SECRETS_FILE}`]),
      '',
      `Then restart what reads it (${inEach(input, 'rollout restart deployment')
        .map((c) => `\`${c}\``)
        .join(
          ', ',
        )}). The values are in ${form === 'helm' ? SECRET_VALUES_FILE : SECRETS_FILE}, which is not in Git: keep a copy in your secret manager.`,
      '',
    );
  return lines;
}

function health(f: RunbookFacts, data: readonly Rendered[]): string[] {
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
    data.length ? 'Volume usage: the `df -h` commands under "A full volume".' : '',
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

/** The `--set` flags that keep every app at zero replicas while the data moves (helm form). */
function zeroReplicas(apps: readonly Rendered[], keys: ReadonlyMap<string, string>): string {
  return apps.map((a) => ` --set services.${keys.get(a.service ?? '') ?? ''}.replicas=0`).join('');
}

/** The part of an Ingress rule the smoke check reads: the port of its first path's Service. */
interface IngressRule {
  readonly http?: {
    readonly paths?: readonly {
      readonly backend?: { readonly service?: { readonly port?: { readonly number?: number } } };
    }[];
  };
}
