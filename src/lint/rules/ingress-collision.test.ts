import { docs, lintCases } from '../../../test/lint-cases.js';
import rule from './ingress-collision.js';

const ingress = (
  name: string,
  rules: { host?: string; path?: string; pathType?: string }[],
  spec: Record<string, unknown> = {},
  namespace = 'shop',
) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, namespace },
  spec: {
    ...spec,
    rules: rules.map((r) => ({
      ...(r.host ? { host: r.host } : {}),
      http: {
        paths: [
          {
            path: r.path ?? '/',
            pathType: r.pathType ?? 'Prefix',
            backend: { service: { name, port: { number: 80 } } },
          },
        ],
      },
    })),
  },
});

lintCases(rule, {
  valid: [
    // Each its own host; one host with two paths; one host-less and one with a host; Exact beside Prefix.
    docs(ingress('web', [{ host: 'shop.example.com' }]), ingress('api', [{ host: 'api.shop.example.com' }])),
    docs(ingress('web', [{ host: 'shop.example.com' }]), ingress('api', [{ host: 'shop.example.com', path: '/api' }])),
    docs(ingress('web', [{}]), ingress('api', [{ host: 'api.example.com' }])),
    docs(ingress('web', [{ path: '/' }]), ingress('api', [{ path: '/', pathType: 'Exact' }])),
    // Two ingress classes are two controllers.
    docs(ingress('web', [{}], { ingressClassName: 'public' }), ingress('api', [{}], { ingressClassName: 'internal' })),
  ],
  invalid: [
    {
      yaml: docs(ingress('web', [{}]), ingress('admin', [{}])),
      messages: [
        'any host (no host set), path / (Prefix) is also claimed by Ingress shop/web: only one of them gets the traffic',
      ],
    },
    {
      // One --host given to two entries; in another namespace too.
      yaml: docs(
        ingress('web', [{ host: 'shop.example.com' }]),
        ingress('api', [{ host: 'shop.example.com' }], {}, 'api'),
      ),
      messages: [
        'host shop.example.com, path / (Prefix) is also claimed by Ingress shop/web: only one of them gets the traffic',
      ],
    },
    {
      // ImplementationSpecific is matched as a prefix; the older class annotation is a class.
      yaml: docs(
        ingress('web', [{ path: '/app' }]),
        ingress('old', [{ path: '/app', pathType: 'ImplementationSpecific' }]),
      ),
      messages: [
        'any host (no host set), path /app (Prefix) is also claimed by Ingress shop/web: only one of them gets the traffic',
      ],
    },
    {
      yaml: docs(ingress('web', [{ host: 'a.example.com' }, { host: 'a.example.com' }])),
      messages: [
        'host a.example.com, path / (Prefix) is claimed twice in this Ingress: only one of the rules gets the traffic',
      ],
    },
  ],
});
