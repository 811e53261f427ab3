import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './hpa-replicas.js';

lintCases(rule, {
  valid: [
    docs(deployment({ spec: { replicas: undefined } }), {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h', namespace: 'shop' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 3,
        maxReplicas: 5,
      },
    }),
  ],
  invalid: [
    {
      yaml: docs(deployment({ replicas: 2 }), {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'h', namespace: 'shop' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 3,
          maxReplicas: 5,
        },
      }),
      messages: ['Deployment web sets replicas but HorizontalPodAutoscaler h scales it'],
    },
  ],
});
