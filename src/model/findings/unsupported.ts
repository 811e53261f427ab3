import type { FindingRule } from './rule.js';

/** Compose keys with no Kubernetes counterpart, and what to do instead. */
const UNSUPPORTED: Record<string, string> = {
  devices: 'expose the device through a device plugin, or run on a labelled node with a privileged init step',
  volumes_from: "mount the same volumes explicitly; Kubernetes cannot borrow another pod's volumes",
  external_links: 'reach the outside service through an ExternalName Service',
  cgroup_parent: 'drop it; the kubelet manages cgroups',
  userns_mode: 'use pod user namespaces (hostUsers: false) where the cluster supports them',
  mac_address: 'drop it; pod networking assigns addresses',
  storage_opt: 'size the volume instead',
  runtime: 'use a RuntimeClass',
  gpus: "request nvidia.com/gpu (or your vendor's resource) through the device plugin",
  stop_signal: 'set STOPSIGNAL in the image or a preStop hook; Kubernetes always sends SIGTERM',
  ulimits: "set limits in the image entrypoint or the node's container runtime; pods have no per-container ulimits",
  logging:
    'configure log shipping at the cluster level (a DaemonSet collector); per-container log drivers do not exist',
  sysctls: 'only namespaced "safe" sysctls are allowed by default; others need the kubelet to allow them',
};

export const unsupported: FindingRule = {
  id: 'unsupported',
  severity: 'medium',
  description: 'A Compose key with no direct Kubernetes counterpart, and what to do instead.',
  check(ctx) {
    const { workload: w, service: svc } = ctx;
    return Object.entries(UNSUPPORTED).flatMap(([key, action]) =>
      svc[key] !== undefined
        ? [{ message: `${w.name} uses ${key}, which Kubernetes has no direct answer for`, action, at: [key] }]
        : [],
    );
  },
};
