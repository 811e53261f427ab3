import { podSpecOf, type Rendered } from '../environments.js';
import { outDir } from '../form.js';
import { SECRET_VALUES_FILE } from '../helm/index.js';
import { SECRETS_FILE } from '../secrets.js';
import { sh, type RunbookFacts } from './facts.js';
import { inEach, kubectlFor, ref } from './kubectl.js';
import type { Restore } from './restore.js';

/** Recovery procedures for this stack: each database's exact restore, a lost node, a bad release. */
export function recovery(
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
    // A single-node cluster (k3s on the Compose host, as these moves often land) must itself come back first.
    'When `kubectl get nodes` does not answer, the cluster itself has not come back: on a single-node k3s, `sudo systemctl status k3s` and `sudo journalctl -u k3s -n 50` say why; `sudo systemctl enable k3s` makes it start on boot (check with `systemctl is-enabled k3s`). After an unclean stop, `sudo /usr/local/bin/k3s-killall.sh` then `sudo systemctl start k3s` clears stale containers.',
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
      // Its own workload, or the pod it runs in as an init container (a one-shot service another waits for).
      const main =
        apps.find((a) => a.service === w.name) ??
        data.find((d) => d.service === w.name) ??
        input.envs.prod.find((r) => r.service === w.name && r.json.kind === 'Job') ??
        input.envs.prod.find((r) =>
          (podSpecOf(r.json)?.initContainers ?? []).some((c) => c.image === w.image?.raw || c.name === w.name),
        );
      if (!main) continue;
      const kubectl = kubectlFor(main, input.conversion.namespace);
      // A Job is not restarted: it is deleted and applied again, and runs once more.
      cmds.push(
        main.json.kind === 'Job'
          ? `${kubectl} describe pod -l job-name=${main.json.metadata.name}`
          : `${kubectl} describe pod -l app.kubernetes.io/name=${main.json.metadata.labels?.['app.kubernetes.io/name'] ?? main.json.metadata.name}`,
        main.json.kind === 'Job'
          ? `${kubectl} delete job ${main.json.metadata.name}`
          : `${kubectl} rollout restart ${ref(main)}`,
      );
    }
    if (cmds.some((c) => c.includes(' delete job '))) cmds.push(...reapply);
    lines.push(...sh([...new Set(cmds)]), '');
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
  const usage = volumeUsage(input.conversion.namespace, [...data, ...apps]);
  if (usage.length)
    lines.push(
      '### A full volume',
      '',
      ...sh(usage),
      '',
      `Grow a claim when its StorageClass allows it (\`kubectl get storageclass\`, ALLOWVOLUMEEXPANSION): \`${k} patch pvc <claim> -p '{"spec":{"resources":{"requests":{"storage":"<new size>"}}}}'\`.`,
      '',
    );
  for (const r of restores) {
    const db = data.find((d) => d.service === r.service);
    const kdb = db ? kubectlFor(db, input.conversion.namespace) : k;
    lines.push(
      `### Restore ${r.service} from its latest backup`,
      '',
      `Take one more backup first if the database still runs (\`${kdb} create job --from=cronjob/${r.service}-backup ${r.service}-backup-manual\`). The applications are stopped, the newest dump in the backups claim is restored${r.engine === 'redis' ? ' into the data volume while Redis is stopped' : r.engine === 'postgres' ? ' (the roles the data needs made where missing, then each database of the newest run, dropped and created again from its dump)' : ''}, then everything is applied again:`,
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

/**
 * `df -h` of every folder a workload keeps on a claim (its StatefulSet's template, or a claim of its
 * own or shared), read inside its first pod: a StatefulSet's replica 0, a Deployment's any pod.
 */
export function volumeUsage(namespace: string, workloads: readonly Rendered[]): string[] {
  return workloads.flatMap((d) => {
    const spec = d.json.spec;
    const claims = new Set([
      ...(spec?.volumeClaimTemplates ?? []).map((t) => t.metadata.name),
      ...(spec?.template?.spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.name] : [])),
    ]);
    const container = spec?.template?.spec?.containers?.[0];
    const paths = (container?.volumeMounts ?? []).filter((m) => claims.has(m.name)).map((m) => m.mountPath);
    if (!paths.length) return [];
    const pod = d.json.kind === 'StatefulSet' ? `${d.json.metadata.name}-0` : ref(d);
    return [`${kubectlFor(d, namespace)} exec ${pod} -- df -h ${paths.join(' ')}`];
  });
}
