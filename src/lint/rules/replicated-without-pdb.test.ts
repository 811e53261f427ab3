import { LABELS, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './replicated-without-pdb.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ replicas: 3 }), {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: LABELS }, unhealthyPodEvictionPolicy: 'AlwaysAllow', ...{ maxUnavailable: 1 } },
    }),
  ],
  invalid: [
    { yaml: docs(deployment({ replicas: 2 })), messages: ['Deployment web has 2 replicas and no PodDisruptionBudget'] },
  ],
});
