import { LABELS, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pdb-min-available.js';

lintCases(rule, {
  valid: [
    docs(deployment({ replicas: 3 }), {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: LABELS }, unhealthyPodEvictionPolicy: 'AlwaysAllow', ...{ minAvailable: 2 } },
    }),
    docs(deployment({ replicas: 3 }), {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        selector: { matchLabels: LABELS },
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
        ...{ minAvailable: '50%' },
      },
    }),
  ],
  invalid: [
    {
      yaml: docs(deployment({ replicas: 3 }), {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { selector: { matchLabels: LABELS }, unhealthyPodEvictionPolicy: 'AlwaysAllow', ...{ minAvailable: 3 } },
      }),
      messages: [
        'PodDisruptionBudget web requires 3 available pods of Deployment web, which has 3: none may be evicted',
      ],
    },
    {
      yaml: docs(deployment({ replicas: 3 }), {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          selector: { matchLabels: LABELS },
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
          ...{ minAvailable: '100%' },
        },
      }),
      messages: ['PodDisruptionBudget web requires 100% of the pods: none may be evicted'],
    },
    {
      yaml: docs(deployment({ replicas: 3 }), {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          selector: { matchLabels: LABELS },
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
          ...{ minAvailable: '80%' },
        },
      }),
      messages: [
        'PodDisruptionBudget web requires 80% available pods of Deployment web, which has 3: none may be evicted',
      ],
    },
  ],
});
