import type { Rendered } from '../environments.js';
import { outDir } from '../form.js';
import { serviceKeysOf } from '../helm/index.js';
import { composeStops, moveCommands } from '../../migrate/plan.js';
import { CLAIM_LABEL, replicaClaim } from '../../transform/passes/storage.js';
import { compose, workloadOf, type RunbookFacts } from './facts.js';
import { bare, inEach, kubectlFor, listed, namespacesOf, perNamespace, ref } from './kubectl.js';

/** A step of the cutover: what to run, when to go on, how to go back. */
interface Step {
  readonly title: string;
  readonly why?: string;
  readonly commands: string[];
  readonly go: string;
  readonly rollback: string;
}

/** The cutover in order, each step with its go/no-go check and its way back. */
export function cutover(
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
  const secretsWithChart = form === 'helm';
  const secretsListed = listed(perNamespace(input.conversion.namespace, input.secrets, 'get secret', '', bare));
  const everyNs = namespacesOf(input).join(' ');
  // The moves and what stops for them are the migration plan's own (`stevedore migrate plan`).
  const moves = moveCommands(f.plan);
  // A claim a copy writes into that comes with a later layer (the apps' shared one): applied alone
  // (by its label) before the copy; the chart, installed with everything at zero, has it already.
  const claimFirst = (claim: string | undefined): string[] => {
    if (!claim) return [];
    const pvc = input.envs.prod.find((r) => r.json.kind === 'PersistentVolumeClaim' && r.json.metadata.name === claim);
    if (!pvc) return templateClaimFirst(claim);
    if (pvc.layer === 'data' || form === 'helm') return [];
    const selector = `-l ${CLAIM_LABEL}=${claim}`;
    return [
      form === 'kustomize'
        ? `kubectl apply -k ${out}/overlays/prod/${pvc.layer} ${selector}`
        : `kubectl apply -f ${out}/prod.yaml ${selector}`,
    ];
  };
  // The claim of replica 0 of an app's StatefulSet (not applied yet, or at zero in the chart): made
  // as the StatefulSet's template says, which the StatefulSet adopts by its name when it starts.
  const templateClaimFirst = (claim: string): string[] => {
    for (const r of input.envs.prod) {
      if (r.json.kind !== 'StatefulSet' || r.layer === 'data') continue;
      const t = r.json.spec?.volumeClaimTemplates?.find(
        (x) => replicaClaim(x.metadata.name, r.json.metadata.name) === claim,
      );
      if (!t) continue;
      const pvc = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: claim,
          namespace: r.json.metadata.namespace ?? ns,
          labels: r.json.metadata.labels ?? {},
        },
        spec: t.spec,
      };
      return [`echo '${JSON.stringify(pvc)}' | kubectl apply -f -`];
    }
    return [];
  };
  const { stop: writers, servers: stateful } = composeStops(f.plan);
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
      // The chart renders its Secrets from values-secrets.yaml: they exist once it is installed (step 3).
      title: secretsWithChart ? 'Namespace' : 'Namespace and Secrets',
      commands: secretsStep.length
        ? secretsStep
        : [`kubectl create namespace ${ns} --dry-run=client -o yaml | kubectl apply -f -`],
      go:
        secretNames.length && !secretsWithChart
          ? `${secretsListed} every one.`
          : `\`kubectl get namespace ${everyNs}\` shows ${input.conversion.privilegedNamespace ? 'them' : 'it'} Active.`,
      rollback: `\`kubectl delete namespace ${everyNs}\` (the Compose stack has not been touched).`,
    },
  ];
  const rollouts = data.map(
    (d) => `${kubectlFor(d, input.conversion.namespace)} rollout status ${ref(d)} --timeout=600s`,
  );
  const stopApps = perNamespace(input.conversion.namespace, scalable(apps), 'scale', ' --replicas=0');
  const helm = deploy.find((c) => c.startsWith('helm ')) ?? '';
  const waitForJobs = jobs.map(
    (j) => `${kubectlFor(j, input.conversion.namespace)} wait --for=condition=complete ${ref(j)} --timeout=600s`,
  );
  const sharedDataClaims = input.envs.prod
    .filter(
      (r) => r.layer === 'data' && r.json.kind === 'PersistentVolumeClaim' && r.json.metadata.labels?.[CLAIM_LABEL],
    )
    .map((r) => r.json.metadata.name);
  const dataApply =
    form === 'kustomize'
      ? [`kubectl apply -k ${out}/overlays/prod/data`]
      : form === 'helm'
        ? [`${helm}${zeroReplicas(apps, serviceKeysOf(input))}${jobs.length ? ' --set jobs.enabled=false' : ''}`]
        : [
            `kubectl apply -f ${out}/prod.yaml -l '${dataSelector(data)}'`,
            // Claims the data services share carry no service's name: applied by their own label.
            ...(sharedDataClaims.length
              ? [`kubectl apply -f ${out}/prod.yaml -l '${CLAIM_LABEL} in (${sharedDataClaims.join(',')})'`]
              : []),
          ];
  // Plain manifests with no data service: nothing to apply before the rest (an empty selector is an error).
  if (form !== 'plain' || data.length)
    steps.push({
      title: 'Data services',
      why:
        form === 'helm'
          ? `The chart is installed with its apps at zero replicas${jobs.length ? ` and without its Jobs (${jobs.map((j) => j.json.metadata.name).join(', ')}; jobs.enabled=false)` : ''}, so nothing writes to the data services before the data is in.`
          : 'Only the data services, so that nothing writes to them before the data is moved.',
      commands: [...dataApply, ...rollouts],
      go: `${andList([
        'every rollout says "successfully rolled out"',
        // A claim whose pods are not started yet (an app's, at zero) stays Pending under a
        // WaitForFirstConsumer StorageClass: only the data services' claims are bound by now.
        ...(data.length
          ? [
              `${listed(inEach(input, 'get pvc'), 'show')} the claims of ${data.map((d) => d.service ?? d.json.metadata.name).join(', ')} Bound (a claim no running pod mounts yet may be Pending: WaitForFirstConsumer storage binds on first use)`,
            ]
          : []),
        ...(secretsWithChart && secretNames.length ? [`${secretsListed} every Secret`] : []),
      ])}.`,
      rollback: `\`kubectl delete namespace ${everyNs}\`.`,
    });
  if (moves.length)
    steps.push(
      {
        title: STOP,
        why: 'From here until the switch, the application is down: the data must not change while it is copied.',
        commands: writers.length
          ? [`docker compose ${compose(f)} stop ${writers.join(' ')}`, `docker compose ${compose(f)} ps`]
          : [`docker compose ${compose(f)} ps`],
        go: `${writers.length ? `${writers.join(', ')} show as exited` : ''}${writers.length && stateful.length ? ' and ' : ''}${stateful.length ? `${stateful.join(', ')} ${stateful.length === 1 ? 'still runs (the copy reads from it)' : 'still run (the copy reads from them)'}` : ''}.`,
        rollback: writers.length ? `\`docker compose ${compose(f)} start ${writers.join(' ')}\`.` : 'nothing to undo.',
      },
      {
        title: 'Move the data',
        // A copy into a helper pod: its claim first (when it is applied with the apps), the pod made
        // before the run, and removed once verified.
        // Each line once: a StatefulSet holding several claims goes to zero once, and back once,
        // after its helper pods are gone.
        commands: [
          ...new Set(
            moves.flatMap((m) => [...m.around.flatMap((a) => [...claimFirst(a.claim), ...a.before]), m.command]),
          ),
          'stevedore migrate verify --plan plan.yaml',
          // The helper pods stay until the verification has read through them.
          ...new Set(
            [...moves.flatMap((m) => m.around.flatMap((a) => a.after))].sort(
              (x, y) => Number(!x.includes(' delete pod ')) - Number(!y.includes(' delete pod ')),
            ),
          ),
        ],
        go: 'verify prints a match for every service and exits 0. A mismatch names the table, key or queue: stop there.',
        rollback: `the Compose volumes were only read: \`docker compose ${compose(f)} start\` brings the old stack back as it was; fix the cause and run the move again with --force.`,
      },
    );
  const appCommands =
    form === 'kustomize'
      ? [
          ...(jobs.length ? [`kubectl apply -k ${out}/overlays/prod/jobs`, ...waitForJobs] : []),
          ...(apps.length ? [`kubectl apply -k ${out}/overlays/prod/apps`] : []),
        ]
      : form === 'helm'
        ? // The Jobs first, with the apps still at zero (as Compose runs them before the apps that wait for them).
          [...(jobs.length ? [`${helm}${zeroReplicas(apps, serviceKeysOf(input))}`, ...waitForJobs] : []), helm]
        : [`kubectl apply -f ${out}/prod.yaml`, ...waitForJobs];
  // Was the Compose stack stopped (step "Stop the Compose writers")? Only when there is data to move.
  const stopped = moves.length > 0;
  const restartCompose = stopped
    ? `start the Compose writers again (${stepRef(STOP)}'s way back)`
    : 'point clients back at the Compose stack, which kept running';
  if (jobs.length || apps.length)
    steps.push({
      title: APPS,
      commands: [
        ...appCommands,
        ...apps.map((a) => `${kubectlFor(a, input.conversion.namespace)} rollout status ${ref(a)} --timeout=300s`),
      ],
      go: `every rollout completes and ${listed(inEach(input, 'get pods'), 'show')} no pod in CrashLoopBackOff or Error.`,
      rollback: `${stopApps.length ? `${stopApps.map((c) => `\`${c}\``).join(', ')}, then ` : ''}${restartCompose}.`,
    });
  // Every way in: an entry, or any service given an Ingress (an app's, or a data-layer service's such as Portainer).
  const served = [...data, ...apps];
  const ways = waysIn(input, served);
  const ingress = input.envs.prod.find((r) => r.json.kind === 'Ingress');
  // The entries' hosts; else the first a routed Ingress (from proxy labels) names.
  const entryHosts = ways.flatMap((w) => (w.host ? [w.host] : []));
  const routed = (ingress?.json.spec?.rules?.[0] as IngressRule | undefined)?.host;
  const hosts = entryHosts.length ? entryHosts : routed ? [routed] : [];
  const outside = input.envs.prod.filter(
    (r) => r.json.kind === 'Service' && ['LoadBalancer', 'NodePort'].includes(String(r.json.spec?.type)),
  );
  steps.push({
    title: 'Smoke checks',
    commands: [
      ...inEach(input, 'get pods,statefulsets,deployments,jobs'),
      ...ways.flatMap(({ svc, port }, i) => [
        `${kubectlFor(svc, input.conversion.namespace)} port-forward service/${svc.json.metadata.name} ${18080 + i}:${port} &`,
        `curl -fsS -o /dev/null -w "%{http_code}\\n" http://localhost:${18080 + i}/`,
      ]),
      ...hosts.map(
        (host) =>
          `curl -fsS -o /dev/null -w "%{http_code}\\n" --resolve ${host}:443:<ingress-address> https://${host}/`,
      ),
    ],
    go: `every pod is Running and Ready${ways.length ? `, and ${ways.map((w) => w.entry.service).join(' and ')} ${ways.length === 1 ? 'answers' : 'answer'} with a 2xx or 3xx status` : ''}.`,
    rollback: apps.length
      ? `as in ${stepRef(APPS)}: scale the apps to zero${stopped ? ' and start the Compose writers again' : ''}.`
      : `${restartCompose}.`,
  });
  const names = outside.map((r) => r.json.metadata.name);
  const dataSince = stopped
    ? ` The Compose data is as of ${stepRef(STOP)}: what was written on Kubernetes since is not in it; copy it back with \`stevedore migrate run\` from the cluster to Compose before switching back.`
    : '';
  if (!ingress && !outside.length) steps.push(unpublished(input, served, `${restartCompose}.${dataSince}`));
  else
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
                hosts.length
                  ? `${hosts.join(' and ')} ${hosts.length === 1 ? 'resolves' : 'resolve'} to the ingress controller's address and ${hosts.length === 1 ? 'serves' : 'serve'} the application`
                  : 'the public name (convert with --host to set it) points at the ingress controller and serves the application',
              ]
            : []),
          ...(names.length
            ? [
                `the names clients use for ${names.join(', ')} resolve to the EXTERNAL-IP (or the nodes, for a NodePort) shown`,
              ]
            : []),
        ].join('; and ') + '.',
      rollback: `point DNS back at the Compose host${stopped ? ' and start its writers' : ''}.${dataSince}`,
    });
  return numbered(steps.filter((s) => s.commands.length && s.commands.every(Boolean)));
}

const STOP = 'Stop the Compose writers';
const APPS = 'Jobs and applications';

/** A reference to another step by its title, numbered once the steps that apply are known. */
const stepRef = (title: string) => `⟦${title}⟧`;

/** The steps with each reference to another (stepRef) replaced by its number. */
function numbered(steps: readonly Step[]): Step[] {
  const number = (text: string) =>
    text.replace(/⟦([^⟧]*)⟧/g, (_, title: string) => {
      const i = steps.findIndex((s) => s.title === title);
      if (i < 0) throw new Error(`the runbook refers to a step it does not have: ${title}`);
      return `step ${i + 1}`;
    });
  return steps.map((s) => ({ ...s, go: number(s.go), rollback: number(s.rollback) }));
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

/** The `--set` flags that keep every app at zero replicas while the data moves (helm form). */
function zeroReplicas(apps: readonly Rendered[], keys: ReadonlyMap<string, string>): string {
  return scalable(apps)
    .map((a) => ` --set services.${keys.get(a.service ?? '') ?? ''}.replicas=0`)
    .join('');
}

/** The workloads that have replicas to set (a DaemonSet has none). */
function scalable(apps: readonly Rendered[]): Rendered[] {
  return apps.filter((a) => typeof a.json.spec?.replicas === 'number');
}

/** Each way in with an Ingress: its Service, the port the Ingress sends to, and its host. */
/**
 * The last step when Compose publishes nothing (its ports are in an override file, or a proxy
 * outside it reaches the services): there is no DNS to switch, and no Ingress was made; the web
 * application is reached through a port-forward until it is given a host.
 */
function unpublished(input: RunbookFacts['input'], served: readonly Rendered[], rollback: string): Step {
  const web = served
    .filter((a) => workloadOf(input, a.service)?.role === 'web')
    .flatMap((a) => {
      const svc = input.envs.prod.find(
        (r) => r.json.kind === 'Service' && r.service === a.service && r.json.spec?.clusterIP !== 'None',
      );
      const port = (svc?.json.spec?.ports as { port?: number }[] | undefined)?.[0]?.port;
      return svc && port ? [{ service: a.service ?? '', svc, port }] : [];
    })[0];
  return {
    title: 'Reach the application',
    commands: web
      ? [
          `${kubectlFor(web.svc, input.conversion.namespace)} port-forward service/${web.svc.json.metadata.name} ${web.port}:${web.port} &`,
          `curl -fsS -o /dev/null -w "%{http_code}\\n" http://localhost:${web.port}/`,
        ]
      : inEach(input, 'get services'),
    go: `the Compose file publishes no port, so there is no DNS to switch and no Ingress was made: the application is reachable inside the cluster only${web ? `, and ${web.service} answers through the port-forward with a 2xx or 3xx status` : ''}. To reach it from outside, convert again with --host ${web?.service ?? '<service>'}=<host> (NOTES.md), apply, and point that name at the ingress controller.`,
    rollback,
  };
}

function waysIn(input: RunbookFacts['input'], apps: readonly Rendered[]) {
  const ingressOf = (service: string | undefined) =>
    input.envs.prod.find((r) => r.json.kind === 'Ingress' && r.service === service);
  return apps
    .filter((a) => workloadOf(input, a.service)?.exposure === 'entry' || ingressOf(a.service))
    .flatMap((entry) => {
      const ingress = ingressOf(entry.service);
      const svc = input.envs.prod.find(
        (r) => r.json.kind === 'Service' && r.service === entry.service && r.json.spec?.clusterIP !== 'None',
      );
      // Only an entry behind the Ingress speaks HTTP on its port; a VPN or mail entry is checked by its Service.
      const rule = ingress?.json.spec?.rules?.[0] as IngressRule | undefined;
      const port = rule?.http?.paths?.[0]?.backend?.service?.port?.number;
      return svc && port ? [{ entry, svc, port, host: rule?.host }] : [];
    });
}

/** The part of an Ingress rule the smoke check reads: its host and the port of its first path's Service. */
interface IngressRule {
  readonly host?: string;
  readonly http?: {
    readonly paths?: readonly {
      readonly backend?: { readonly service?: { readonly port?: { readonly number?: number } } };
    }[];
  };
}

/** `a`, `a and b`, `a, b and c`. */
function andList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
