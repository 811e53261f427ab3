import { serviceOf, type ComposeProject } from '../compose/types.js';
import { BASELINE_CAPS, SAFE_SYSCTLS } from '../lint/pss.js';
import type { AppModel, Workload } from '../model/types.js';
import { dnsLabel } from './names.js';

/**
 * What in a Compose service the Pod Security "baseline" level forbids: privileged, the node's
 * network, PID or IPC namespace, the node's files (hostPath, for node agents), capabilities beyond
 * Docker's defaults, sysctls that are not namespaced and safe. Empty when baseline admits it.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export function privilegeReasons(w: Workload, project: ComposeProject): string[] {
  const svc = serviceOf(project, w.name);
  const out: string[] = [];
  if (w.privileged) out.push('privileged');
  if (svc.network_mode === 'host') out.push("the node's network");
  if (svc.pid === 'host') out.push("the node's process list");
  if (svc.ipc === 'host') out.push("the node's IPC");
  if (w.nodeAgent && w.storage.some((m) => m.kind === 'node')) out.push("the node's files through hostPath");
  const caps = [...new Set(w.capAdd.map((c) => c.toUpperCase().replace(/^CAP_/, '')))].filter(
    (c) => c !== 'ALL' && !BASELINE_CAPS.has(c),
  );
  if (caps.length) out.push(`capabilit${caps.length > 1 ? 'ies' : 'y'} ${caps.join(', ')}`);
  const sysctls = Object.keys(svc.sysctls ?? {}).filter((s) => !SAFE_SYSCTLS.has(s));
  if (sysctls.length) out.push(`sysctl${sysctls.length > 1 ? 's' : ''} ${sysctls.join(', ')}`);
  return out;
}

/** The namespaces of a conversion: the application's, and a second one for the pods baseline would refuse. */
export interface NamespacePlan {
  /** The application's namespace: Pod Security "baseline" enforced unless every pod needs more. */
  readonly main: string;
  /** The namespace of the pods that need host access or privileges, when others do not. */
  readonly privileged?: string;
  /** The Pod Security level enforced on the main namespace. */
  readonly mainLevel: 'baseline' | 'privileged';
  /** Per service whose pod needs more than baseline, why (its own reasons and those of containers that join its pod). */
  readonly reasons: ReadonlyMap<string, readonly string[]>;
  /** The namespace a service's objects go to. */
  namespaceOf(service: string | undefined): string;
}

/**
 * Which pods go to which namespace. Pod Security is enforced per namespace, so one pod that needs
 * the node or extra capabilities would make the whole application's namespace "privileged": instead
 * such pods go to a second namespace `<namespace>-privileged`, and the application keeps "baseline".
 * When every pod needs it there is nothing to protect, and one namespace is kept.
 *
 * A sidecar (network_mode: service:X) runs in X's pod, so its needs are X's.
 */
export function planNamespaces(model: AppModel, project: ComposeProject, namespace: string): NamespacePlan {
  const main = dnsLabel(namespace);
  const reasons = new Map<string, string[]>();
  const podOf = (w: Workload) => w.sidecarOf ?? w.name;
  for (const w of model.workloads) {
    const r = privilegeReasons(w, project);
    if (!r.length) continue;
    const pod = podOf(w);
    const mine = reasons.get(pod) ?? [];
    mine.push(...r.map((x) => (pod === w.name ? x : `${x} (${w.name}, in its pod)`)));
    reasons.set(pod, mine);
  }
  const pods = model.workloads.filter((w) => !w.sidecarOf);
  const everyPod = pods.length > 0 && pods.every((w) => reasons.has(w.name));
  const split = reasons.size > 0 && !everyPod;
  const privileged = split ? dnsLabel(`${main}-privileged`) : undefined;
  const podByService = new Map(model.workloads.map((w) => [w.name, podOf(w)]));
  return {
    main,
    ...(privileged ? { privileged } : {}),
    mainLevel: reasons.size > 0 && !split ? 'privileged' : 'baseline',
    reasons,
    namespaceOf(service) {
      if (!privileged || service === undefined) return main;
      return reasons.has(podByService.get(service) ?? service) ? privileged : main;
    },
  };
}
