import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './dangling-networkpolicy.js';

lintCases(rule, {
  valid: [
    docs(deployment(), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np', namespace: 'shop' },
      spec: { podSelector: { matchLabels: { app: 'web' } } },
    }),
    docs(deployment(), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np', namespace: 'shop' },
      spec: { podSelector: {} },
    }),
  ],
  invalid: [
    {
      yaml: docs(deployment(), {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'np', namespace: 'shop' },
        spec: { podSelector: { matchLabels: { app: 'api' } } },
      }),
      messages: ['NetworkPolicy np selects no pods'],
    },
  ],
});
