import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './dangling-networkpolicypeer-podselector.js';

lintCases(rule, {
  valid: [
    docs(deployment(), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np', namespace: 'shop' },
      spec: { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] },
    }),
    docs(deployment(), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np', namespace: 'shop' },
      spec: {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'x' } } }] }],
      },
    }),
    docs(deployment(), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: 'np',
        namespace: 'shop',
        annotations: { 'lint.stevedore.dev/created-separately': 'Job/db-migration' },
      },
      spec: {
        podSelector: {},
        ingress: [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'db-migration' } } }] }],
      },
    }),
  ],
  invalid: [
    {
      yaml: docs(deployment(), {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: {
          name: 'np',
          namespace: 'shop',
          annotations: { 'lint.stevedore.dev/created-separately': 'Job/other-migration' },
        },
        spec: {
          podSelector: {},
          ingress: [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'db-migration' } } }] }],
        },
      }),
      messages: ['a ingress peer of NetworkPolicy np selects no pods'],
    },
    {
      yaml: docs(deployment(), {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'np', namespace: 'shop' },
        spec: { podSelector: {}, egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }] },
      }),
      messages: ['a egress peer of NetworkPolicy np selects no pods'],
    },
  ],
});
