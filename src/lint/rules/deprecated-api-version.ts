import type { LintRule } from '../types.js';

/** API versions that are no longer served, by `apiVersion/kind` or whole group version, with what replaces them. */
const REMOVED: [RegExp, string, string][] = [
  [/^extensions\/v1beta1$/, '', 'apps/v1 (workloads), networking.k8s.io/v1 (Ingress, NetworkPolicy)'],
  [/^apps\/v1beta[12]$/, '', 'apps/v1'],
  [/^batch\/v1beta1$/, 'CronJob', 'batch/v1 (Kubernetes 1.25)'],
  [/^policy\/v1beta1$/, '', 'policy/v1 (PodDisruptionBudget, 1.25; PodSecurityPolicy is gone)'],
  [/^networking\.k8s\.io\/v1beta1$/, '', 'networking.k8s.io/v1 (1.22)'],
  [/^autoscaling\/v2beta[12]$/, '', 'autoscaling/v2 (1.26)'],
  [/^rbac\.authorization\.k8s\.io\/v1beta1$/, '', 'rbac.authorization.k8s.io/v1 (1.22)'],
  [/^storage\.k8s\.io\/v1beta1$/, 'CSIStorageCapacity', 'storage.k8s.io/v1 (1.27)'],
  [/^flowcontrol\.apiserver\.k8s\.io\/v1beta[123]$/, '', 'flowcontrol.apiserver.k8s.io/v1 (1.32)'],
];

const rule: LintRule = {
  id: 'deprecated-api-version',
  severity: 'error',
  covers: ['kube-linter:no-extensions-v1beta', 'kube-score:stable-version', 'polaris:deprecatedApiVersion'],
  description: 'An object uses an API version current Kubernetes no longer serves: applying it fails.',
  hint: 'Move the object to the stable API version named in the message.',
  check: (ctx) =>
    ctx.manifests.flatMap((m) => {
      const found = REMOVED.find(
        ([re, kind]) => re.test(m.object.apiVersion) && (kind === '' || kind === m.object.kind),
      );
      return found
        ? [
            {
              at: m,
              path: ['apiVersion'],
              message: `${m.object.kind} uses ${m.object.apiVersion}, which is no longer served: use ${found[2]}`,
            },
          ]
        : [];
    }),
};
export default rule;
