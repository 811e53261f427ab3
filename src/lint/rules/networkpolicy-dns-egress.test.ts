import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './networkpolicy-dns-egress.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment(), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np', namespace: 'shop' },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            ports: [
              { port: 53, protocol: 'UDP' },
              { port: 53, protocol: 'TCP' },
            ],
          },
        ],
      },
    }),
    docs(deployment(), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np', namespace: 'shop' },
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{}] },
    }),
  ],
  invalid: [
    {
      yaml: docs(deployment(), {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'np', namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 5432 }] }] },
      }),
      messages: ['the egress of Deployment web is restricted by NetworkPolicy np and no policy allows DNS (53/UDP)'],
    },
  ],
});
