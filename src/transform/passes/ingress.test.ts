import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

/** Two ways in: a web front on 80 and an API whose container serves 80, both published. */
const TWO_ENTRIES = `services:
  web:
    image: example/web:1.0
    ports: ["80:8080"]
  api:
    image: example/api:1.0
    ports: ["8081:80"]
  grafana:
    image: grafana/grafana:11.1.0
    ports: ["3000:3000"]
  db:
    image: postgres:16
    ports: ["5432:5432"]
`;

/** NetBox as its project's Compose file has it: the port is published by an override file. */
const UNPUBLISHED = `services:
  netbox:
    image: netboxcommunity/netbox:v4.1-3.0.2
    depends_on: [postgres]
  netbox-worker:
    image: netboxcommunity/netbox:v4.1-3.0.2
    command: [/opt/netbox/venv/bin/python, /opt/netbox/netbox/manage.py, rqworker]
  postgres:
    image: postgres:16
`;

const hosts = (ctx: { all(kind: string): Record<string, any>[] }) =>
  Object.fromEntries(ctx.all('Ingress').map((i) => [i.metadata.name, i.spec.rules[0].host ?? '(any)']));

passCases('ingress', [
  {
    name: 'two entries and no --host: only the first answers every host name; the other gets a to-do with its port-forward, not a second Ingress on the same path',
    compose: TWO_ENTRIES,
    check(ctx) {
      assert.deepEqual(hosts(ctx), { web: '(any)' });
      const todo = ctx.todo.find((t) => t.startsWith('api is a way in too'));
      assert.ok(todo, ctx.todo.join('\n'));
      assert.match(todo, /--host <domain> gives web that name and api\.<domain>/);
      assert.match(todo, /kubectl -n p port-forward svc\/api 8081:80/);
      assert.deepEqual(ctx.diagnostics, []);
    },
  },
  {
    name: 'one --host: the first entry has it, every other entry its own name under it, each with its certificate',
    compose: TWO_ENTRIES,
    options: { host: 'shop.example.com', tlsIssuer: 'letsencrypt' },
    check(ctx) {
      assert.deepEqual(hosts(ctx), { web: 'shop.example.com', api: 'api.shop.example.com' });
      assert.deepEqual(ctx.one('Ingress', 'api').spec.tls, [
        { hosts: ['api.shop.example.com'], secretName: 'api-tls' },
      ]);
      assert.ok(!ctx.todo.some((t) => /way in too|Choose the public host name/.test(t)), ctx.todo.join('\n'));
    },
  },
  {
    name: 'two entries alike (the voting app): the one the Compose file declares first has --host, not the first by name',
    compose: `services:
  vote:
    image: example/vote:1.0
    ports: ["5000:80"]
  result:
    image: example/result:1.0
    ports: ["5001:80"]
`,
    options: { host: 'vote.example.com' },
    check(ctx) {
      assert.deepEqual(hosts(ctx), { vote: 'vote.example.com', result: 'result.vote.example.com' });
    },
  },
  {
    name: 'a port published for TCP and UDP alike is not HTTP (a DNS proxy beside Pi-hole): no Ingress, a LoadBalancer for both; QUIC on 443 stays HTTP',
    compose: `services:
  cloudflared:
    image: visibilityspots/cloudflared
    ports: ["5054:5054/tcp", "5054:5054/udp"]
  pihole:
    image: pihole/pihole:2024.07.0
    ports: ["53:53/tcp", "53:53/udp", "67:67/udp", "8080:80/tcp"]
  caddy:
    image: example/site:1.0
    ports: ["443:443/tcp", "443:443/udp"]
`,
    check(ctx) {
      assert.ok(!('cloudflared' in hosts(ctx)), 'no Ingress for a DNS proxy');
      assert.ok(!ctx.todo.some((t) => /cloudflared is a way in/.test(t)), ctx.todo.join('\n'));
      assert.deepEqual(
        ctx.one('Service', 'cloudflared-public').spec.ports.map((p: { name: string }) => p.name),
        ['tcp-5054', 'udp-5054'],
      );
      assert.ok(ctx.todo.some((t) => t.startsWith('cloudflared serves TCP and UDP outside the cluster')));
      assert.ok(
        ctx.todo.some((t) => t.startsWith('pihole serves DNS, UDP outside')),
        'a lone UDP port is UDP',
      );
      assert.equal(ctx.one('Ingress', 'caddy').spec.rules[0].http.paths[0].backend.service.port.number, 443);
    },
  },
  {
    name: '--host service=name gives that service its own, an entry or a published web UI (which then leaves the port-forward to-do)',
    compose: TWO_ENTRIES,
    options: { host: 'shop.example.com', hosts: { api: 'api.example.org', grafana: 'grafana.shop.example.com' } },
    check(ctx) {
      assert.deepEqual(hosts(ctx), {
        web: 'shop.example.com',
        api: 'api.example.org',
        grafana: 'grafana.shop.example.com',
      });
      assert.equal(ctx.one('Ingress', 'grafana').spec.rules[0].http.paths[0].backend.service.port.number, 3000);
      assert.ok(!ctx.todo.some((t) => /grafana \(3000\)/.test(t)), ctx.todo.join('\n'));
    },
  },
  {
    name: 'refused: two services given one host, a service that does not exist, a database, a host for a service with no web port',
    compose: TWO_ENTRIES,
    options: { hosts: { web: 'a.example.com', api: 'a.example.com', nope: 'b.example.com', db: 'c.example.com' } },
    check(ctx) {
      assert.deepEqual(
        ctx.diagnostics.map((d) => [d.code, d.severity, d.message]),
        [
          ['ingress-host', 'error', '--host nope=b.example.com: there is no service nope'],
          ['ingress-host', 'error', '--host db=c.example.com: db listens on no HTTP port to send it to'],
          [
            'ingress-host',
            'error',
            'api and web would both answer host a.example.com on path /: an ingress controller sends that traffic to one of them only',
          ],
        ],
      );
      assert.equal(ctx.diagnostics[2]?.hint, 'give each its own host: --host web=<host>');
      assert.match(ctx.diagnostics[0]?.hint ?? '', /: api, grafana, web$/);
    },
  },
  {
    name: 'nothing published (ports in an override file): no Ingress, a to-do with the port-forward and the --host that makes one',
    compose: UNPUBLISHED,
    check(ctx) {
      assert.deepEqual(hosts(ctx), {});
      const todo = ctx.todo.find((t) => t.startsWith('The Compose file publishes no port'));
      assert.ok(todo, ctx.todo.join('\n'));
      assert.match(todo, /--host netbox=<host>/);
      assert.match(todo, /`kubectl -n p port-forward svc\/netbox 8080:8080`/);
    },
  },
  {
    name: '--host for a web service Compose does not publish: its Ingress on the port it serves, and the ingress controller let through',
    compose: UNPUBLISHED,
    options: { hosts: { netbox: 'netbox.example.com' } },
    check(ctx) {
      assert.deepEqual(ctx.diagnostics, []);
      assert.deepEqual(hosts(ctx), { netbox: 'netbox.example.com' });
      assert.equal(ctx.one('Ingress', 'netbox').spec.rules[0].http.paths[0].backend.service.port.number, 8080);
      assert.ok(!ctx.todo.some((t) => t.startsWith('The Compose file publishes no port')), ctx.todo.join('\n'));
    },
  },
  {
    name: '--host refused for a worker and a database Compose does not publish, naming the service that serves the web',
    compose: UNPUBLISHED,
    options: { hosts: { 'netbox-worker': 'a.example.com', postgres: 'b.example.com' } },
    check(ctx) {
      assert.deepEqual(
        ctx.diagnostics.map((d) => d.message),
        [
          '--host netbox-worker=a.example.com: netbox-worker listens on no HTTP port to send it to',
          '--host postgres=b.example.com: postgres listens on no HTTP port to send it to',
        ],
      );
      assert.match(ctx.diagnostics[0]?.hint ?? '', /: netbox$/);
    },
  },
  {
    name: 'nothing published and no web service (a cluster of servers): the to-do gives the port-forward to the first',
    compose: `services:
  qdrant_node_1:
    image: qdrant/qdrant:v1.12.0
  qdrant_node_2:
    image: qdrant/qdrant:v1.12.0
`,
    check(ctx) {
      const todo = ctx.todo.find((t) => t.startsWith('The Compose file publishes no port'));
      assert.ok(todo, ctx.todo.join('\n'));
      assert.match(
        todo,
        /: reach qdrant_node_1 from your machine with `kubectl -n p port-forward svc\/qdrant-node-1 6333:6333`$/,
      );
    },
  },
]);
