import { LABELS, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pdb-max-unavailable.js';

lintCases(rule, {
  valid: [
    docs(deployment({ replicas: 3 }), {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: LABELS }, unhealthyPodEvictionPolicy: 'AlwaysAllow', ...{ maxUnavailable: 1 } },
    }),
    docs(deployment({ replicas: 3 }), {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        selector: { matchLabels: LABELS },
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
        ...{ maxUnavailable: '50%' },
      },
    }),
  ],
  invalid: [
    {
      yaml: docs(deployment({ replicas: 3 }), {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          selector: { matchLabels: LABELS },
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
          ...{ maxUnavailable: 0 },
        },
      }),
      messages: ['PodDisruptionBudget web has maxUnavailable 0: no pod may ever be evicted'],
    },
    {
      yaml: docs(deployment({ replicas: 3 }), {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          selector: { matchLabels: LABELS },
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
          ...{ maxUnavailable: '0%' },
        },
      }),
      messages: ['PodDisruptionBudget web has maxUnavailable 0%: no pod may ever be evicted'],
    },
  ],
});
