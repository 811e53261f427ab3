import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { Pass } from '../context.js';
import { addVolume, type PodDraft } from '../draft.js';
import { dnsLabel } from '../names.js';
import { serviceOf } from '../../compose/types.js';

/** The Namespace, labelled with the Pod Security level its workloads can meet. */
export const namespacePass: Pass = {
  id: 'namespace',
  description: 'the Namespace',
  run(ctx) {
    const drafts = [...ctx.pods.values()];
    const needsPrivileged = drafts.some(
      (d) =>
        d.main.securityContext?.privileged ||
        d.hostNetwork ||
        d.hostPID ||
        d.hostIPC ||
        d.volumes.some((v) => v.hostPath),
    );
    const enforce = needsPrivileged ? 'privileged' : 'baseline';
    ctx.emit({
      file: 'namespace',
      object: new Namespace({
        metadata: {
          name: ctx.namespace,
          labels: {
            'app.kubernetes.io/part-of': dnsLabel(ctx.project.name),
            'app.kubernetes.io/managed-by': 'stevedore',
            'pod-security.kubernetes.io/enforce': enforce,
            'pod-security.kubernetes.io/warn': 'restricted',
          },
        },
      }),
      comments: [
        `Namespace for ${ctx.project.name}. Pod Security: "${enforce}" enforced${needsPrivileged ? ' (a service needs host access or privileges — see its comments)' : ''}, "restricted" warned about.`,
      ],
    });
  },
};

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
      const annotations = { ...svc.labels, ...((svc.annotations as Record<string, string> | undefined) ?? {}) };
      const metadata = { name, labels, ...(Object.keys(annotations).length ? { annotations } : {}) };
      const template = { metadata: { labels }, spec: podSpec(draft, ctx.selector(w)) };
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
  },
};

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
