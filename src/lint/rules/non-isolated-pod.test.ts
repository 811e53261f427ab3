import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './non-isolated-pod.js';

lintCases(rule, {
  valid: [
    docs(deployment(), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np', namespace: 'shop' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    }),
  ],
  invalid: [
    { yaml: docs(deployment()), messages: ['no NetworkPolicy restricts traffic to Deployment web'] },
    {
      yaml: docs(deployment(), {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'np', namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{}] },
      }),
      messages: ['no NetworkPolicy restricts traffic to Deployment web'],
    },
  ],
});
