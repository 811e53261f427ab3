import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './hpa-minimum-three-replicas.js';

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
      yaml: docs(deployment({ spec: { replicas: undefined } }), {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'h', namespace: 'shop' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 2,
          maxReplicas: 5,
        },
      }),
      messages: ['HorizontalPodAutoscaler h has minReplicas 2'],
    },
  ],
});
