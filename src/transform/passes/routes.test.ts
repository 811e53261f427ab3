import assert from 'node:assert/strict';
import { describe, it } from '../../../test/harness.js';
import { passCases } from '../../../test/pass-cases.js';
import { caddyRoutes, parseTraefikRule, traefikRoutes } from '../../model/proxy-labels.js';

describe('proxy routing labels', () => {
  it('Traefik rules: hosts, path prefixes and exact paths; alternatives; what an Ingress cannot say is kept aside', () => {
    assert.deepEqual(parseTraefikRule('Host(`a.example.com`, `b.example.com`) && PathPrefix(`/api`)'), [
      { hosts: ['a.example.com', 'b.example.com'], paths: [{ path: '/api', exact: false }], dropped: [] },
    ]);
    assert.deepEqual(parseTraefikRule('Host(`a.io`) || (Path(`/health`) && Method(`GET`))'), [
      { hosts: ['a.io'], paths: [], dropped: [] },
      { hosts: [], paths: [{ path: '/health', exact: true }], dropped: ['Method(`GET`)'] },
    ]);
  });
  it('Traefik labels: the router’s service port, TLS, middlewares; traefik.enable=false turns it off', () => {
    const labels = {
      'traefik.enable': 'true',
      'traefik.http.routers.web.rule': 'Host(`shop.example.com`)',
      'traefik.http.routers.web.tls.certresolver': 'le',
      'traefik.http.routers.web.middlewares': 'auth@file',
      'traefik.http.routers.web.service': 'app',
      'traefik.http.services.app.loadbalancer.server.port': '3000',
      'traefik.http.services.metrics.loadbalancer.server.port': '9100',
    };
    assert.deepEqual(traefikRoutes(labels), [
      {
        router: 'web',
        hosts: ['shop.example.com'],
        paths: [],
        port: 3000,
        tls: true,
        dropped: ['middlewares auth@file'],
      },
    ]);
    assert.deepEqual(traefikRoutes({ ...labels, 'traefik.enable': 'false' }), []);
  });
  it('Caddy labels: the site addresses and the upstream port', () => {
    assert.deepEqual(
      caddyRoutes({ caddy: 'https://a.example.com, b.example.com', 'caddy.reverse_proxy': '{{upstreams 8080}}' }),
      [{ router: 'caddy', hosts: ['a.example.com', 'b.example.com'], paths: [], port: 8080, tls: true, dropped: [] }],
    );
  });
});

passCases('routes', [
  {
    name: 'a service routed by Traefik labels gets an Ingress of its own, to its Service, with TLS from cert-manager',
    compose: `services:
  traefik:
    image: traefik:v3.1
    ports: ["80:80", "443:443"]
  whoami:
    image: traefik/whoami:v1.10
    labels:
      - traefik.enable=true
      - traefik.http.routers.whoami.rule=Host(\`whoami.example.com\`) && PathPrefix(\`/api\`)
      - traefik.http.routers.whoami.tls.certresolver=myresolver
      - traefik.http.services.whoami.loadbalancer.server.port=8080
`,
    options: { tlsIssuer: 'letsencrypt' },
    check(ctx) {
      const ing = ctx.one('Ingress', 'whoami-routes');
      assert.deepEqual(ing.spec.rules, [
        {
          host: 'whoami.example.com',
          http: {
            paths: [
              { path: '/api', pathType: 'Prefix', backend: { service: { name: 'whoami', port: { number: 8080 } } } },
            ],
          },
        },
      ]);
      assert.deepEqual(ing.spec.tls, [{ hosts: ['whoami.example.com'], secretName: 'whoami-routes-tls' }]);
      assert.ok(
        ctx.todo.some((t) => /^traefik routed by Docker labels.*whoami are Ingress rules now/.test(t)),
        ctx.todo.join('\n'),
      );
    },
  },
]);
