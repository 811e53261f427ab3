import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { CREATED_SEPARATELY } from '../../lint/types.js';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { ConvertContext, Pass } from '../context.js';
import { addVolume, podReferences, type PodDraft } from '../draft.js';
import { dnsLabel } from '../names.js';
import { serviceOf } from '../../compose/types.js';

/**
 * Turns each pod draft into its typed workload object: sidecars join their host's pod, a one-shot
 * job awaited by one service runs as that service's last init container.
 */
export const assemblePass: Pass = {
  id: 'assemble',
  description: 'Deployments, StatefulSets, Jobs, DaemonSets',
  run(ctx) {
    for (const draft of ctx.pods.values()) {
      if (!draft.hostedBy) continue;
      const host = ctx.pods.get(draft.hostedBy.service);
      if (!host) continue;
      const container: IContainer = { ...draft.main, name: dnsLabel(draft.workload.name, 63) };
      if (draft.hostedBy.as === 'sidecar') {
        delete container.readinessProbe;
        host.sidecars.push(container);
        host.comments.push(
          `${draft.workload.name} runs as a second container in this pod: it shares ${draft.workload.sidecarOf}'s network (network_mode: service:${draft.workload.sidecarOf}).`,
        );
      } else {
        for (const ic of draft.initContainers)
          if (!host.initContainers.some((h) => h.name === ic.name)) host.initContainers.push(ic);
        host.initContainers.push(container);
        host.comments.push(
          `${draft.workload.name} ran once before ${host.workload.name} in Compose (service_completed_successfully): it runs here as the last init container, on every pod start, so it must be idempotent.`,
        );
      }
      for (const v of draft.volumes) addVolume(host, v);
    }
    for (const draft of ctx.pods.values()) {
      if (draft.hostedBy) continue;
      const w = draft.workload;
      const name = ctx.name(w.name);
      const labels = ctx.labels(w);
      const svc = serviceOf(ctx.project, w.name);
      const template = { metadata: { labels }, spec: podSpec(draft, ctx.selector(w)) };
      const separate = createdSeparately(ctx, template.spec);
      const annotations: Record<string, string> = {
        ...svc.labels,
        ...((svc.annotations as Record<string, string> | undefined) ?? {}),
        ...(separate.length ? { [CREATED_SEPARATELY]: separate.join(', ') } : {}),
        ...draft.annotations,
      };
      const metadata = { name, labels, ...(Object.keys(annotations).length ? { annotations } : {}) };
      const comments = draft.comments.slice();
      let object;
      switch (draft.kind) {
        case 'StatefulSet':
          object = new StatefulSet({
            metadata,
            spec: {
              serviceName: `${name}-headless`,
              replicas: draft.replicas,
              selector: { matchLabels: ctx.selector(w) },
              template,
              ...(draft.claims.length ? { volumeClaimTemplates: draft.claims } : {}),
            },
          });
          break;
        case 'Job':
          object = new Job({
            metadata,
            spec: {
              backoffLimit: draft.backoffLimit ?? 0,
              ttlSecondsAfterFinished: 86400,
              template: { ...template, spec: { ...template.spec, restartPolicy: draft.restartPolicy ?? 'Never' } },
            },
          });
          break;
        case 'DaemonSet':
          object = new DaemonSet({ metadata, spec: { selector: { matchLabels: ctx.selector(w) }, template } });
          break;
        default:
          object = new Deployment({
            metadata,
            spec: { replicas: draft.replicas, selector: { matchLabels: ctx.selector(w) }, template },
          });
      }
      ctx.emit({ service: w.name, file: draft.kind.toLowerCase(), object, comments });
    }
    // CronJobs (backups) log in as their service does: they name the same Secrets, made apart or not.
    for (const e of ctx.objects) {
      if (!(e.object instanceof CronJob)) continue;
      const cron = e.object;
      const spec = cron.spec?.jobTemplate.spec?.template.spec;
      const separate = spec ? createdSeparately(ctx, spec) : [];
      if (separate.length)
        cron.metadata = {
          ...cron.metadata,
          annotations: { ...cron.metadata?.annotations, [CREATED_SEPARATELY]: separate.join(', ') },
        };
    }
  },
};

/**
 * The ConfigMaps and Secrets the pod reads that this conversion could not write (their files or
 * variables were missing; NOTES.md says how to create them), as `Kind/name`: `stevedore lint` reports
 * them as to-dos instead of errors.
 */
function createdSeparately(ctx: ConvertContext, spec: IPodSpec): string[] {
  return podReferences(spec).filter((r) => {
    const [kind = '', name = ''] = r.split('/');
    return kind !== 'PersistentVolumeClaim' && !ctx.has(kind, name);
  });
}

function podSpec(draft: PodDraft, selector: Record<string, string>): IPodSpec {
  const spec: IPodSpec = {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: draft.podSecurity,
    ...(draft.initContainers.length ? { initContainers: draft.initContainers } : {}),
    containers: [draft.main, ...draft.sidecars],
    ...(draft.volumes.length ? { volumes: draft.volumes } : {}),
  };
  if (draft.replicas >= 2 && draft.kind !== 'Job') {
    spec.topologySpreadConstraints = [
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: selector },
      },
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: selector },
      },
    ];
  }
  if (draft.terminationGracePeriodSeconds !== undefined)
    spec.terminationGracePeriodSeconds = draft.terminationGracePeriodSeconds;
  if (draft.hostNetwork) spec.hostNetwork = true;
  if (draft.hostPID) spec.hostPID = true;
  if (draft.hostIPC) spec.hostIPC = true;
  if (draft.hostAliases) spec.hostAliases = draft.hostAliases;
  return spec;
}
