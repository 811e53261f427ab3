import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

passCases('network-policy', [
  {
    name: 'a service with mounted configuration files is named: addresses inside them are not searched',
    compose: {
      'compose.yaml': `services:
  gateway:
    image: nginx:1.27
    ports: ["80:80"]
    volumes: [./nginx.conf:/etc/nginx/nginx.conf:ro]
  loki:
    image: grafana/loki:3.0.0
`,
      'nginx.conf': 'http { upstream loki { server loki:3100; } }\n',
    },
    check(ctx) {
      const todo = ctx.todo.find((t) => t.includes('not searched for addresses'));
      assert.ok(todo, ctx.todo.join('\n'));
      assert.match(todo, /mounted by gateway are not searched/);
    },
  },
  {
    name: 'default deny, then each service admits exactly the pods that reach it, on its ports',
    compose: `services:
  db:
    image: postgres:16
  api:
    image: example/api:1.0
    expose: ["8080"]
    environment: {DATABASE_URL: "postgres://u@db:5432/app"}
  worker:
    image: example/api:1.0
    depends_on: [db]
  web:
    image: example/web:1.0
    ports: ["80:8080"]
    depends_on: [api]
`,
    check(ctx) {
      assert.deepEqual(ctx.one('NetworkPolicy', 'default-deny-ingress').spec, {
        podSelector: {},
        policyTypes: ['Ingress'],
      });
      const db = ctx.one('NetworkPolicy', 'db').spec;
      assert.deepEqual(
        db.ingress[0].from.map((f: any) => f.podSelector.matchLabels['app.kubernetes.io/name']),
        ['api', 'worker', 'db-backup'],
      );
      assert.deepEqual(db.ingress[0].ports, [{ port: 5432, protocol: 'TCP' }]);
      assert.deepEqual(
        ctx
          .one('NetworkPolicy', 'api')
          .spec.ingress[0].from.map((f: any) => f.podSelector.matchLabels['app.kubernetes.io/name']),
        ['web'],
      );
    },
  },
  {
    name: 'the entry admits the ingress controller namespace',
    compose: `services:
  web:
    image: example/web:1.0
    ports: ["80:8080"]
`,
    options: { ingressNamespace: 'traefik' },
    check(ctx) {
      const from = ctx.one('NetworkPolicy', 'web').spec.ingress[0].from;
      assert.ok(
        from.some((f: any) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'traefik'),
        JSON.stringify(from),
      );
    },
  },
  {
    name: 'the backup job may reach its database',
    compose: `services:
  db:
    image: postgres:16
    volumes: [pgdata:/var/lib/postgresql/data]
volumes:
  pgdata: {}
`,
    check(ctx) {
      const from = ctx.one('NetworkPolicy', 'db').spec.ingress[0].from;
      assert.ok(from.some((f: any) => f.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'db-backup'));
    },
  },
  {
    name: 'a published port behind a LoadBalancer admits traffic from outside the cluster on that port only',
    compose: `services:
  wireguard:
    image: linuxserver/wireguard:1.0.20210914
    ports: ["51820:51820/udp"]
`,
    check(ctx) {
      const rules = ctx.one('NetworkPolicy', 'wireguard').spec.ingress;
      assert.deepEqual(rules, [
        {
          from: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }],
          ports: [{ port: 51820, protocol: 'UDP' }],
        },
      ]);
    },
  },
  {
    name: 'with --service-type LoadBalancer the entry admits traffic from outside as well as the ingress controller',
    compose: `services:
  web:
    image: example/web:1.0
    ports: ["80:8080"]
`,
    options: { serviceType: 'LoadBalancer' },
    check(ctx) {
      const rules = ctx.one('NetworkPolicy', 'web').spec.ingress;
      assert.equal(rules.length, 2);
      assert.deepEqual(rules[1], {
        from: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      });
    },
  },
  {
    name: 'a client that reached a fixed Compose address is admitted to the service that had it',
    compose: `services:
  web:
    image: example/web:1.0
    environment:
      API_URL: http://172.30.0.10:8080/v1
    networks: [back]
  api:
    image: example/api:1.0
    expose: ["8080"]
    networks:
      back:
        ipv4_address: 172.30.0.10
networks:
  back: {}
`,
    check(ctx) {
      const from = ctx.one('NetworkPolicy', 'api').spec.ingress[0].from;
      assert.ok(
        from.some((f: any) => f.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'web'),
        JSON.stringify(from),
      );
    },
  },
]);
