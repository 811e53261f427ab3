import type { LintRule } from '../types.js';

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolume',
  'StorageClass',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'Node',
]);

const rule: LintRule = {
  id: 'use-namespace',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:use-namespace'],
  description: 'An object goes to the default namespace (CIS 5.7.1, 5.7.4).',
  hint: 'Set metadata.namespace (or the namespace of the kustomization).',
  check: (ctx) =>
    ctx.manifests.flatMap((m) => {
      const ns = m.object.metadata.namespace;
      return CLUSTER_SCOPED.has(m.object.kind) || (ns !== undefined && ns !== 'default')
        ? []
        : [
            {
              at: m,
              path: ['metadata'],
              message: `${m.object.kind} ${m.object.metadata.name ?? ''} is in the default namespace`,
            },
          ];
    }),
};
export default rule;
