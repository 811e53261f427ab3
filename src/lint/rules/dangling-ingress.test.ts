import { docs, lintCases, service } from '../../../test/lint-cases.js';
import rule from './dangling-ingress.js';

lintCases(rule, {
  valid: [
    docs(service(), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        rules: [
          {
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }],
            },
          },
        ],
      },
    }),
    docs(service(), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        rules: [
          {
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }],
            },
          },
        ],
      },
    }),
  ],
  invalid: [
    {
      yaml: docs(service(), {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          rules: [
            {
              http: {
                paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }],
              },
            },
          ],
        },
      }),
      messages: ['the backend Service api is not in the input'],
    },
    {
      yaml: docs(service(), {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          rules: [
            {
              http: {
                paths: [
                  { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } },
                ],
              },
            },
          ],
        },
      }),
      messages: ['Service web has no port 8080'],
    },
  ],
});
