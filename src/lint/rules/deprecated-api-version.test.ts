import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './deprecated-api-version.js';

lintCases(rule, {
  valid: [docs(deployment()), docs({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' } })],
  invalid: [
    {
      yaml: docs({ ...deployment(), apiVersion: 'extensions/v1beta1' }),
      messages: [
        'Deployment uses extensions/v1beta1, which is no longer served: use apps/v1 (workloads), networking.k8s.io/v1 (Ingress, NetworkPolicy)',
      ],
    },
    {
      yaml: docs({ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'p' } }),
      messages: [
        'PodDisruptionBudget uses policy/v1beta1, which is no longer served: use policy/v1 (PodDisruptionBudget, 1.25; PodSecurityPolicy is gone)',
      ],
    },
  ],
});
