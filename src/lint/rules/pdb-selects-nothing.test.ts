import { LABELS, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './pdb-selects-nothing.js';

lintCases(rule, {
  valid: [
    docs(deployment({ replicas: 3 }), {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: LABELS }, unhealthyPodEvictionPolicy: 'AlwaysAllow', ...{ maxUnavailable: 1 } },
    }),
  ],
  invalid: [
    {
      yaml: docs(deployment({ replicas: 3 }), {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: 'api' } },
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
          maxUnavailable: 1,
        },
      }),
      messages: ['PodDisruptionBudget web selects no pods'],
    },
  ],
});
