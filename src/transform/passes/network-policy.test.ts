import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

passCases('network-policy', [
  {
    name: 'addresses in mounted configuration files are connections: nginx upstreams, Grafana data sources, Prometheus targets',
    compose: {
      'compose.yaml': `services:
  gateway:
    image: nginx:1.27
    ports: ["80:80"]
    volumes: [./config/nginx.conf:/etc/nginx/nginx.conf:ro]
  grafana:
    image: grafana/grafana:11.0.0
    ports: ["3000:3000"]
    volumes: [./config/provisioning:/etc/grafana/provisioning]
  prometheus:
    image: prom/prometheus:v2.53.0
    volumes: [./config/prometheus.yaml:/etc/prometheus/prometheus.yml]
  loki:
    image: grafana/loki:3.0.0
    command: -config.file=/etc/loki/local-config.yaml
  promtail:
    image: grafana/promtail:3.0.0
  old:
    image: example/old:1.0
    expose: ["8080"]
`,
      'config/nginx.conf':
        'http {\n  upstream read {\n    server loki:3100;\n  }\n  # server old:8080;\n  location / { proxy_pass http://read; }\n}\n',
      'config/provisioning/datasources/ds.yaml':
        'apiVersion: 1\ndatasources:\n  - name: Loki\n    type: loki\n    url: http://loki:3100\n  - name: Prometheus\n    url: "http://prometheus:9090"\n',
      'config/prometheus.yaml':
        "scrape_configs:\n  - job_name: promtail\n    dns_sd_configs:\n      - names:\n          - promtail\n        port: 9080\n  - job_name: loki\n    static_configs:\n      - targets: ['loki:3100']\n",
    },
    check(ctx) {
      const from = (name: string) =>
        ctx
          .one('NetworkPolicy', name)
          .spec.ingress.flatMap((r: any) =>
            r.from.map((f: any) => f.podSelector?.matchLabels?.['app.kubernetes.io/name']),
          )
          .filter(Boolean)
          .sort();
      assert.deepEqual(from('loki'), ['gateway', 'grafana', 'prometheus']);
      assert.deepEqual(from('prometheus'), ['grafana']);
      assert.deepEqual(from('promtail'), ['prometheus']);
      // A commented-out upstream is not a connection: nobody may reach old.
      assert.equal(ctx.all('NetworkPolicy').filter((p) => p.metadata.name === 'old').length, 0);
      // loki declares no port: the one the files name makes its Service.
      assert.deepEqual(
        ctx.one('Service', 'loki').spec.ports.map((p: any) => p.port),
        [3100],
      );
      assert.equal(
        ctx.todo.find((t) => t.includes('could not be searched')),
        undefined,
      );
    },
  },
  {
    name: 'a mounted configuration file that is not in the project is named: it could not be searched',
    compose: `services:
  gateway:
    image: nginx:1.27
    ports: ["80:80"]
    volumes: [./nginx.conf:/etc/nginx/nginx.conf:ro]
`,
    check(ctx) {
      const todo = ctx.todo.find((t) => t.includes('could not be searched for addresses'));
      assert.ok(todo, ctx.todo.join('\n'));
      assert.match(todo, /\.\/nginx\.conf \(gateway\)/);
    },
  },
  {
    name: 'a secret file that is not in the project is not named there: it holds a credential, and has its own to-do',
    compose: `services:
  gateway:
    image: traefik:v3.1
    ports: ["80:80"]
    secrets: [ovh_key]
secrets:
  ovh_key:
    file: ./secrets/ovh_key.secret
`,
    check(ctx) {
      assert.equal(
        ctx.todo.find((t) => t.includes('could not be searched')),
        undefined,
        ctx.todo.join('\n'),
      );
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
        ['api', 'worker', 'db-backup', 'db-migration'],
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
