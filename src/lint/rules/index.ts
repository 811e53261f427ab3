// The rules of `stevedore lint`, one module each (CONTRIBUTING.md: adding a lint rule).
import accessToCreatePods from './access-to-create-pods.js';
import accessToSecrets from './access-to-secrets.js';
import automountServiceAccountToken from './automount-service-account-token.js';
import clusterAdminRoleBinding from './cluster-admin-role-binding.js';
import configmapExecMode from './configmap-exec-mode.js';
import connectivity from './connectivity.js';
import danglingHorizontalpodautoscaler from './dangling-horizontalpodautoscaler.js';
import danglingIngress from './dangling-ingress.js';
import danglingNetworkpolicy from './dangling-networkpolicy.js';
import danglingNetworkpolicypeerPodselector from './dangling-networkpolicypeer-podselector.js';
import danglingService from './dangling-service.js';
import danglingServicemonitor from './dangling-servicemonitor.js';
import defaultServiceAccount from './default-service-account.js';
import deprecatedApiVersion from './deprecated-api-version.js';
import deprecatedServiceAccountField from './deprecated-service-account-field.js';
import dnsconfigOptions from './dnsconfig-options.js';
import dockerSock from './docker-sock.js';
import dropNetRawCapability from './drop-net-raw-capability.js';
import duplicateEnvVar from './duplicate-env-var.js';
import envVarSecret from './env-var-secret.js';
import exposedServices from './exposed-services.js';
import hostIpc from './host-ipc.js';
import hostNetwork from './host-network.js';
import hostPid from './host-pid.js';
import hostPort from './host-port.js';
import hpaMinimumThreeReplicas from './hpa-minimum-three-replicas.js';
import hpaReplicas from './hpa-replicas.js';
import imagePullPolicy from './image-pull-policy.js';
import ingressCollision from './ingress-collision.js';
import invalidTargetPorts from './invalid-target-ports.js';
import jobTtlSecondsAfterFinished from './job-ttl-seconds-after-finished.js';
import invalidImage from './invalid-image.js';
import latestTag from './latest-tag.js';
import livenessPort from './liveness-port.js';
import minimumThreeReplicas from './minimum-three-replicas.js';
import mismatchingSelector from './mismatching-selector.js';
import missingReference from './missing-reference.js';
import networkpolicyDnsEgress from './networkpolicy-dns-egress.js';
import noAntiAffinity from './no-anti-affinity.js';
import noLivenessProbe from './no-liveness-probe.js';
import noNodeAffinity from './no-node-affinity.js';
import noReadOnlyRootFs from './no-read-only-root-fs.js';
import noReadinessProbe from './no-readiness-probe.js';
import noRollingUpdateStrategy from './no-rolling-update-strategy.js';
import noStartupProbe from './no-startup-probe.js';
import nonExistentServiceAccount from './non-existent-service-account.js';
import nonIsolatedPod from './non-isolated-pod.js';
import pdbMaxUnavailable from './pdb-max-unavailable.js';
import pdbMinAvailable from './pdb-min-available.js';
import pdbSelectsNothing from './pdb-selects-nothing.js';
import pdbUnhealthyPodEvictionPolicy from './pdb-unhealthy-pod-eviction-policy.js';
import pgdataVolumeRoot from './pgdata-volume-root.js';
import priorityClassName from './priority-class-name.js';
import privilegeEscalationContainer from './privilege-escalation-container.js';
import privilegedContainer from './privileged-container.js';
import privilegedPorts from './privileged-ports.js';
import probesIdentical from './probes-identical.js';
import pssApparmor from './pss-apparmor.js';
import pssCapabilitiesBaseline from './pss-capabilities-baseline.js';
import pssCapabilitiesRestricted from './pss-capabilities-restricted.js';
import pssHostNamespaces from './pss-host-namespaces.js';
import pssHostPath from './pss-host-path.js';
import pssHostPorts from './pss-host-ports.js';
import pssHostProcess from './pss-host-process.js';
import pssPrivilegeEscalation from './pss-privilege-escalation.js';
import pssPrivileged from './pss-privileged.js';
import pssProcMount from './pss-proc-mount.js';
import pssRunAsNonRoot from './pss-run-as-non-root.js';
import pssRunAsUser from './pss-run-as-user.js';
import pssSeccompBaseline from './pss-seccomp-baseline.js';
import pssSeccompRestricted from './pss-seccomp-restricted.js';
import pssSelinux from './pss-selinux.js';
import pssSysctls from './pss-sysctls.js';
import pssVolumeTypes from './pss-volume-types.js';
import readOnlyOverWritable from './read-only-over-writable.js';
import readSecretFromEnvVar from './read-secret-from-env-var.js';
import readinessPort from './readiness-port.js';
import replicatedWithoutPdb from './replicated-without-pdb.js';
import requiredAnnotationEmail from './required-annotation-email.js';
import requiredLabelOwner from './required-label-owner.js';
import restartPolicy from './restart-policy.js';
import runAsNonRoot from './run-as-non-root.js';
import secretInAnnotations from './secret-in-annotations.js';
import secretInArgs from './secret-in-args.js';
import secretInConfigmap from './secret-in-configmap.js';
import sensitiveHostMounts from './sensitive-host-mounts.js';
import serviceTargetPort from './service-target-port.js';
import sshPort from './ssh-port.js';
import startupPort from './startup-port.js';
import statefulReplicas from './stateful-replicas.js';
import statefulsetHeadlessService from './statefulset-headless-service.js';
import unsafeProcMount from './unsafe-proc-mount.js';
import unresolvedEnvReference from './unresolved-env-reference.js';
import unsafeSysctls from './unsafe-sysctls.js';
import unsetCpuRequirements from './unset-cpu-requirements.js';
import unsetEphemeralStorageRequirements from './unset-ephemeral-storage-requirements.js';
import unsetMemoryRequirements from './unset-memory-requirements.js';
import useNamespace from './use-namespace.js';
import wildcardInRules from './wildcard-in-rules.js';
import writableHostMount from './writable-host-mount.js';
import type { LintRule } from '../types.js';

export const LINT_RULES: readonly LintRule[] = [
  accessToCreatePods,
  accessToSecrets,
  automountServiceAccountToken,
  clusterAdminRoleBinding,
  configmapExecMode,
  connectivity,
  danglingHorizontalpodautoscaler,
  danglingIngress,
  danglingNetworkpolicy,
  danglingNetworkpolicypeerPodselector,
  danglingService,
  danglingServicemonitor,
  defaultServiceAccount,
  deprecatedApiVersion,
  deprecatedServiceAccountField,
  dnsconfigOptions,
  dockerSock,
  dropNetRawCapability,
  duplicateEnvVar,
  envVarSecret,
  exposedServices,
  hostIpc,
  hostNetwork,
  hostPid,
  hostPort,
  hpaMinimumThreeReplicas,
  hpaReplicas,
  imagePullPolicy,
  ingressCollision,
  invalidImage,
  invalidTargetPorts,
  jobTtlSecondsAfterFinished,
  latestTag,
  livenessPort,
  minimumThreeReplicas,
  mismatchingSelector,
  missingReference,
  networkpolicyDnsEgress,
  noAntiAffinity,
  noLivenessProbe,
  noNodeAffinity,
  noReadOnlyRootFs,
  noReadinessProbe,
  noRollingUpdateStrategy,
  noStartupProbe,
  nonExistentServiceAccount,
  nonIsolatedPod,
  pdbMaxUnavailable,
  pdbMinAvailable,
  pdbSelectsNothing,
  pdbUnhealthyPodEvictionPolicy,
  pgdataVolumeRoot,
  priorityClassName,
  privilegeEscalationContainer,
  privilegedContainer,
  privilegedPorts,
  probesIdentical,
  pssApparmor,
  pssCapabilitiesBaseline,
  pssCapabilitiesRestricted,
  pssHostNamespaces,
  pssHostPath,
  pssHostPorts,
  pssHostProcess,
  pssPrivilegeEscalation,
  pssPrivileged,
  pssProcMount,
  pssRunAsNonRoot,
  pssRunAsUser,
  pssSeccompBaseline,
  pssSeccompRestricted,
  pssSelinux,
  pssSysctls,
  pssVolumeTypes,
  readOnlyOverWritable,
  readSecretFromEnvVar,
  readinessPort,
  replicatedWithoutPdb,
  requiredAnnotationEmail,
  requiredLabelOwner,
  restartPolicy,
  runAsNonRoot,
  secretInAnnotations,
  secretInArgs,
  secretInConfigmap,
  sensitiveHostMounts,
  serviceTargetPort,
  sshPort,
  startupPort,
  statefulReplicas,
  statefulsetHeadlessService,
  unsafeProcMount,
  unresolvedEnvReference,
  unsafeSysctls,
  unsetCpuRequirements,
  unsetEphemeralStorageRequirements,
  unsetMemoryRequirements,
  useNamespace,
  wildcardInRules,
  writableHostMount,
];
