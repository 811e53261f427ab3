import type { Pass } from './context.js';
import { serviceOf } from '../compose/types.js';

/** Service keys a pass carries into the manifests, with where they go. */
export const CARRIED: Readonly<Record<string, string>> = {
  image: 'container image (with --registry for images built here)',
  build: 'image name; the build itself is yours to run (see the to-do list)',
  command: 'container args',
  entrypoint: 'container command',
  environment: 'ConfigMap and Secret, read with envFrom',
  env_file: 'folded into environment when loading',
  ports: 'Service and container ports; the entry gets an Ingress',
  expose: 'Service ports',
  volumes: 'claims, emptyDirs, ConfigMaps',
  tmpfs: 'memory emptyDirs',
  depends_on: 'wait-for init containers; NetworkPolicy',
  healthcheck: 'readiness, liveness and startup probes',
  deploy: 'replicas, resources, mode global → DaemonSet',
  restart: 'Jobs: restartPolicy; long-running workloads always restart',
  user: 'runAsUser / runAsGroup / fsGroup',
  working_dir: 'container workingDir',
  tty: 'container tty',
  stdin_open: 'container stdin',
  network_mode: "service:X → a container in X's pod; host → hostNetwork",
  secrets: 'Secret volumes at the same paths',
  configs: 'ConfigMap volumes at the same paths',
  labels: 'annotations on the workload',
  annotations: 'annotations on the workload',
  cap_add: 'capabilities added back after dropping ALL',
  cap_drop: 'all capabilities are dropped anyway',
  privileged: 'securityContext.privileged (with a warning)',
  read_only: 'readOnlyRootFilesystem',
  profiles: 'applied when loading: only enabled services are converted',
  stop_grace_period: 'terminationGracePeriodSeconds',
  shm_size: 'memory emptyDir at /dev/shm',
  extra_hosts: 'hostAliases',
  sysctls: 'pod securityContext.sysctls',
  pid: 'host → hostPID',
  ipc: 'host → hostIPC',
  scale: 'replicas',
  cpus: 'CPU limit',
  mem_limit: 'memory limit',
  mem_reservation: 'memory request',
  extends: 'resolved when loading',
  networks: 'NetworkPolicies follow the dependency graph instead of Compose networks',
};

/** Service keys Kubernetes has no place for, and what to do instead. */
export const REPORTED: Readonly<Record<string, string>> = {
  container_name: 'pods are named by Kubernetes; use the Service name as the host name',
  hostname: "a pod's host name is its pod name; other services reach it by its Service name",
  domainname: "pods take the cluster's DNS domain",
  links: 'every Service is reachable by name; a link alias needs an extra Service or a changed host name',
  external_links: 'reach the outside service through an ExternalName Service',
  volumes_from: "mount the same volumes explicitly; pods cannot borrow another pod's volumes",
  devices: 'use a device plugin (or a privileged init step on labelled nodes)',
  device_cgroup_rules: 'use a device plugin',
  gpus: 'request the GPU resource of your device plugin (e.g. nvidia.com/gpu)',
  runtime: 'use a RuntimeClass',
  isolation: 'Windows containers only',
  platform: 'use a nodeSelector on kubernetes.io/arch',
  pull_policy: 'imagePullPolicy follows the tag (Always for :latest)',
  pull_refresh_after: 'imagePullPolicy follows the tag; pin versions instead of refreshing',
  logging: 'log drivers do not exist in Kubernetes; collect stdout with a cluster log agent',
  dns: "set the pod's dnsConfig if you really need other servers",
  dns_opt: "set the pod's dnsConfig",
  dns_search: "set the pod's dnsConfig",
  init: 'use an init process in the image (tini) or shareProcessNamespace',
  security_opt: 'use seccomp/AppArmor fields of the securityContext',
  stop_signal: 'set STOPSIGNAL in the image or a preStop hook; Kubernetes sends SIGTERM',
  ulimits: 'no per-pod ulimits: set them in the image entrypoint or the node runtime',
  oom_kill_disable: 'not available',
  oom_score_adj: 'the kubelet sets it from the QoS class',
  pids_limit: 'a node-level kubelet setting (podPidsLimit)',
  mem_swappiness: 'a node-level setting',
  memswap_limit: 'swap is a node-level setting',
  cpu_count: 'use the CPU limit',
  cpu_percent: 'use the CPU limit',
  cpu_shares: 'use the CPU request',
  cpu_period: 'use the CPU limit',
  cpu_quota: 'use the CPU limit',
  cpu_rt_runtime: 'not available',
  cpu_rt_period: 'not available',
  cpuset: 'use the static CPU manager policy on the node',
  blkio_config: 'not available',
  cgroup: 'not available',
  cgroup_parent: 'the kubelet manages cgroups',
  credential_spec: 'Windows containers only',
  group_add: 'set supplementalGroups in the pod securityContext',
  mac_address: 'pod networking assigns addresses',
  storage_opt: 'size the volume instead',
  userns_mode: 'use hostUsers: false where the cluster supports user namespaces',
  uts: 'not available',
  develop: 'a development loop: use Skaffold or Tilt',
  post_start: 'use a postStart lifecycle hook',
  pre_stop: 'use a preStop lifecycle hook',
  attach: 'not applicable',
  label_file: 'folded into labels when loading',
  models: 'AI models: run a model server as a service',
  provider: 'provider services are not containers: configure them separately',
  use_api_socket: 'the Docker API is not available in a pod',
};

/** Reports every key of every service that no pass carries, with what to do instead. */
export const keysPass: Pass = {
  id: 'keys',
  description: 'reports Compose keys that are not carried',
  run(ctx) {
    for (const w of ctx.model.workloads) {
      const svc = serviceOf(ctx.project, w.name);
      for (const [key, value] of Object.entries(svc)) {
        if (key === 'name' || key.startsWith('x-') || value === undefined || CARRIED[key]) continue;
        if (Array.isArray(value) && value.length === 0) continue;
        ctx.skip(w.name, key, REPORTED[key] || 'not carried: Kubernetes has no direct counterpart');
      }
      const deploy = svc.deploy ?? {};
      for (const k of ['placement', 'update_config', 'rollback_config', 'endpoint_mode', 'restart_policy']) {
        if (deploy[k] !== undefined)
          ctx.skip(
            w.name,
            `deploy.${k}`,
            k === 'placement'
              ? 'placement constraints become node affinity: add it by hand'
              : k === 'update_config'
                ? 'rollouts use the Deployment strategy (RollingUpdate, maxUnavailable 25%)'
                : k === 'restart_policy'
                  ? 'pods always restart; Jobs use restartPolicy'
                  : 'Swarm only',
          );
      }
    }
    if (ctx.project.models) ctx.skip(undefined, 'models', REPORTED.models ?? 'not carried');
  },
};
