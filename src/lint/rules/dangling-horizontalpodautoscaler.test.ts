import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './dangling-horizontalpodautoscaler.js';

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
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
          minReplicas: 3,
          maxReplicas: 5,
        },
      }),
      messages: ['the scale target Deployment/api is not in the input'],
    },
    {
      yaml: docs(deployment({ spec: { replicas: undefined } }), {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'h', namespace: 'shop' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web' },
          minReplicas: 3,
          maxReplicas: 5,
        },
      }),
      messages: ['the scale target StatefulSet/web is not in the input'],
    },
  ],
});
