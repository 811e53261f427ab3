import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

passCases('ingress', [
  {
    name: 'a service reached by name without a known port gets a headless Service and a to-do; aliases get Services',
    compose: `services:
  web:
    image: example/web:1.0
    environment:
      WORKER_HOST: worker
      API: http://backend:8080
    links: ["api:legacy-api"]
  worker:
    image: example/worker:1.0
    command: ["serve"]
  api:
    image: example/api:1.0
    expose: ["8080"]
    networks:
      default:
        aliases: [backend]
`,
    check(ctx) {
      const worker = ctx.one('Service', 'worker');
      assert.equal(worker.spec.clusterIP, 'None');
      assert.equal(worker.spec.ports, undefined);
      assert.ok(ctx.todo.some((t) => /worker is reached by name but declares no port/.test(t)));
      for (const alias of ['backend', 'legacy-api'])
        assert.deepEqual(ctx.one('Service', alias).spec.selector, ctx.one('Service', 'api').spec.selector);
    },
  },
  {
    name: 'a port only the probes check is declared on the container and kept out of the Service',
    compose: `services:
  worker:
    image: n8nio/n8n:1.80.0
    command: worker
    environment:
      QUEUE_HEALTH_CHECK_ACTIVE: "true"
  runner:
    image: n8nio/runners:1.80.0
    environment:
      N8N_RUNNERS_TASK_BROKER_URI: http://worker:5679
  api:
    image: example/api:1.0
    expose: ["8080"]
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:9090/health"]
`,
    check(ctx) {
      const worker = ctx.pod('worker').main;
      assert.deepEqual(
        worker.ports?.map((p) => p.containerPort),
        [5679, 5678],
      );
      assert.deepEqual(
        ctx.one('Service', 'worker').spec.ports.map((p: { port: number }) => p.port),
        [5679],
      );
      assert.deepEqual(
        ctx.pod('api').main.ports?.map((p) => p.containerPort),
        [8080, 9090],
      );
    },
  },
  {
    name: 'a Service for what listens, named as Compose names it; a headless one for a StatefulSet',
    compose: `services:
  db:
    image: postgres:16
    volumes: [pgdata:/var/lib/postgresql/data]
  api:
    image: example/api:1.0
    expose: ["8080"]
  job:
    image: example/app:1.0
    restart: "no"
volumes:
  pgdata: {}
`,
    check(ctx) {
      assert.deepEqual(ctx.one('Service', 'api').spec.ports, [
        { name: 'tcp-8080', port: 8080, targetPort: 8080, protocol: 'TCP' },
      ]);
      assert.equal(ctx.one('Service', 'db').spec.ports[0].port, 5432, 'port from the catalog');
      assert.equal(ctx.one('Service', 'db-headless').spec.clusterIP, 'None');
      assert.deepEqual(
        ctx
          .all('Service')
          .map((s) => s.metadata.name)
          .sort(),
        ['api', 'db', 'db-headless'],
        'no Service for a job',
      );
      assert.deepEqual(ctx.one('Service', 'api').spec.selector, {
        'app.kubernetes.io/name': 'api',
        'app.kubernetes.io/instance': 'p',
      });
    },
  },
  {
    name: 'a UDP port keeps its protocol',
    compose: `services:
  dns:
    image: example/dns:1.0
    ports: ["53:53/udp"]
`,
    check(ctx) {
      assert.equal(ctx.one('Service', 'dns').spec.ports[0].protocol, 'UDP');
    },
  },
  {
    name: 'the entry gets an Ingress with host and cert-manager TLS; --service-type LoadBalancer for its Service',
    compose: `services:
  web:
    image: example/web:1.0
    ports: ["80:8080"]
`,
    options: { host: 'shop.example.com', tlsIssuer: 'letsencrypt', serviceType: 'LoadBalancer' },
    check(ctx) {
      const ing = ctx.one('Ingress', 'web');
      assert.equal(ing.spec.rules[0].host, 'shop.example.com');
      assert.deepEqual(ing.spec.tls, [{ hosts: ['shop.example.com'], secretName: 'web-tls' }]);
      assert.equal(ing.metadata.annotations['cert-manager.io/cluster-issuer'], 'letsencrypt');
      assert.equal(ing.spec.rules[0].http.paths[0].backend.service.port.number, 8080);
      assert.equal(ctx.one('Service', 'web').spec.type, 'LoadBalancer');
    },
  },
  {
    name: 'without --host the Ingress matches any host and a to-do asks for one',
    compose: `services:
  web:
    image: example/web:1.0
    ports: ["80:8080"]
`,
    check(ctx) {
      assert.equal(ctx.one('Ingress', 'web').spec.rules[0].host, undefined);
      assert.ok(ctx.todo.some((t) => /Choose the public host name for web/.test(t)));
    },
  },
  {
    name: 'a published port that is not HTTP is never an Ingress: a LoadBalancer Service with its protocol, and a to-do naming it',
    compose: `services:
  wireguard:
    image: linuxserver/wireguard:1.0.20210914
    ports: ["51820:51820/udp"]
`,
    check(ctx) {
      assert.deepEqual(ctx.all('Ingress'), []);
      const lb = ctx.one('Service', 'wireguard-public');
      assert.equal(lb.spec.type, 'LoadBalancer');
      assert.deepEqual(lb.spec.ports, [{ name: 'udp-51820', port: 51820, targetPort: 51820, protocol: 'UDP' }]);
      assert.deepEqual(lb.spec.selector, ctx.one('Service', 'wireguard').spec.selector);
      assert.ok(
        ctx.todo.some((t) => /WireGuard .*wireguard-public/.test(t)),
        ctx.todo.join('\n'),
      );
      assert.ok(!ctx.todo.some((t) => /Choose the public host name/.test(t)));
    },
  },
  {
    name: 'a mail server: HTTP through the Ingress, SMTP and submission through a LoadBalancer; other published services too',
    compose: `services:
  mail:
    image: example/mail:1.0
    ports: ["80:8080", "25:25", "587:587"]
  dns:
    image: example/dns:1.0
    ports: ["53:53/udp", "53:53/tcp"]
`,
    check(ctx) {
      assert.equal(ctx.one('Ingress', 'mail').spec.rules[0].http.paths[0].backend.service.port.number, 8080);
      assert.deepEqual(
        ctx
          .one('Service', 'mail-public')
          .spec.ports.map((p: { port: number; protocol: string }) => `${p.port}/${p.protocol}`),
        ['25/TCP', '587/TCP'],
      );
      assert.deepEqual(
        ctx
          .one('Service', 'dns-public')
          .spec.ports.map((p: { port: number; protocol: string }) => `${p.port}/${p.protocol}`),
        ['53/UDP', '53/TCP'],
      );
    },
  },
  {
    name: 'with --service-type NodePort the published port is the node port where Kubernetes allows it',
    compose: `services:
  turn:
    image: example/turn:1.0
    ports: ["30478:3478/udp", "5349:5349"]
`,
    options: { serviceType: 'NodePort' },
    check(ctx) {
      const np = ctx.one('Service', 'turn-public');
      assert.equal(np.spec.type, 'NodePort');
      assert.deepEqual(
        np.spec.ports.map((p: { port: number; nodePort?: number }) => `${p.port}:${p.nodePort ?? '-'}`),
        ['3478:30478', '5349:-'],
      );
    },
  },
  {
    name: "a built service that declares no port listens on its Dockerfile's EXPOSE: a Service with that port",
    compose: {
      'compose.yaml': `services:
  web:
    image: example/web:1.0
    environment:
      API: http://api
  api:
    build: ./api
`,
      'api/Dockerfile': 'FROM node:20-slim\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
    },
    check(ctx) {
      const svc = ctx.one('Service', 'api');
      assert.deepEqual(svc.spec.ports, [{ name: 'tcp-3000', port: 3000, targetPort: 3000, protocol: 'TCP' }]);
      assert.notEqual(svc.spec.clusterIP, 'None');
    },
  },
  {
    name: 'with no entry found, the to-do says so rather than speaking of an entry that got an Ingress',
    compose: `services:
  kibana:
    build: ./kibana
    ports: ["5601:5601"]
  logstash:
    build: ./logstash
    ports: ["9600:9600"]
`,
    check(ctx) {
      assert.ok(!ctx.todo.some((t) => t.includes('only the entry gets an Ingress')), ctx.todo.join('\n'));
      const todo = ctx.todo.find((t) => t.startsWith('No service was recognised as the way in'));
      assert.ok(todo, ctx.todo.join('\n'));
      assert.match(todo, /kibana 5601 \(`kubectl -n p port-forward svc\/kibana 5601:5601`\)/);
    },
  },
  {
    name: 'ports published on services other than the entry are said per service, with the port-forward that reaches each; gRPC ports named as such',
    compose: `services:
  gateway:
    image: nginx:1.27
    ports: ["80:80"]
  grafana:
    image: grafana/grafana:11.0.0
    ports: ["3001:3000"]
  mail:
    image: example/smtp:1.0
    ports: ["25:25"]
  collector:
    image: otel/opentelemetry-collector-contrib:0.100.0
    ports: ["4317:4317"]
`,
    check(ctx) {
      const todo = ctx.todo.find((t) => t.startsWith('Ports published in Compose on services other than the entry'));
      assert.ok(todo, ctx.todo.join('\n'));
      assert.match(todo, /grafana 3000 \(`kubectl -n p port-forward svc\/grafana 3001:3000`\)/);
      // A gRPC port is named as one, and no Ingress is offered for it; grafana's is.
      assert.match(todo, /collector 4317 OTLP\/gRPC \(`kubectl -n p port-forward svc\/collector 4317:4317`\)/);
      assert.doesNotMatch(todo, /published web ports/);
      assert.match(todo, /--host SERVICE=<host> \(for example --host grafana=<host>\)/);
      assert.match(todo, /A gRPC port is for programs/);
      // The command names a Service that exists, on that port; SMTP got its LoadBalancer instead.
      assert.ok(ctx.one('Service', 'grafana').spec.ports.some((p: any) => p.port === 3000));
      assert.doesNotMatch(todo, /mail/);
      assert.equal(ctx.one('Service', 'mail-public').spec.type, 'LoadBalancer');
    },
  },
  {
    name: 'an entry that publishes only gRPC (a Temporal frontend proxy) gets a LoadBalancer, not an HTTP Ingress nor nothing',
    compose: `services:
  temporal-nginx:
    image: nginx:1.27
    ports: ["7233:7233"]
  temporal:
    image: temporalio/auto-setup:1.24
`,
    check(ctx) {
      assert.equal(ctx.model.workloads.find((w) => w.name === 'temporal-nginx')?.exposure, 'entry');
      assert.equal(ctx.all('Ingress').length, 0, 'an HTTP Ingress to a gRPC port would fail every call');
      const lb = ctx.one('Service', 'temporal-nginx-public');
      assert.equal(lb.spec.type, 'LoadBalancer');
      assert.deepEqual(
        lb.spec.ports.map((p: any) => p.port),
        [7233],
      );
      assert.ok(ctx.todo.some((t) => t.startsWith('temporal-nginx serves Temporal gRPC outside the cluster')));
    },
  },
  {
    name: 'a mail catcher is a developer tool: its published UI is not a second entry with a colliding Ingress',
    compose: `services:
  frontend:
    image: penpotapp/frontend:2.16
    ports: ["9001:8080"]
  mailcatch:
    image: sj26/mailcatcher:latest
    ports: ["1080:1080"]
`,
    check(ctx) {
      assert.equal(ctx.model.workloads.find((w) => w.name === 'mailcatch')?.exposure, 'dev-only');
      assert.deepEqual(
        ctx.all('Ingress').map((i) => i.metadata.name),
        ['frontend'],
      );
      assert.match(ctx.one('Service', 'mailcatch').metadata?.name ?? '', /mailcatch/);
    },
  },
  {
    name: 'a service that declares no port but says in its environment where it listens gets a Service, a container port and a TCP probe there',
    compose: `services:
  backend:
    build: ./backend
    environment:
      ASPNETCORE_URLS: http://+:8000
      DATABASE_URL: postgres://db:5432/app
      CACHE: localhost:6379
      DB_PORT: "5432"
  rust:
    image: example/rust:1.0
    environment:
      ADDRESS: 0.0.0.0:9000
  go:
    image: example/go:1.0
    environment:
      LISTEN: ":7070"
  client:
    image: example/client:1.0
    environment:
      API: http://go:7070
      UPSTREAM: http://127.0.0.1:8081
  cache:
    image: redis:7.2
    environment:
      PORT: "1234"
`,
    check(ctx) {
      const svcPorts = (name: string) =>
        (ctx.one('Service', name).spec?.ports as { port: number }[]).map((p) => p.port);
      assert.deepEqual(svcPorts('backend'), [8000]);
      assert.deepEqual(svcPorts('rust'), [9000]);
      assert.deepEqual(svcPorts('go'), [7070]);
      assert.deepEqual(ctx.pod('backend').main.readinessProbe?.tcpSocket, { port: 8000 });
      assert.deepEqual(
        ctx.pod('backend').main.ports?.map((p) => p.containerPort),
        [8000],
      );
      const service = ctx.objects.find((o) => o.service === 'backend' && o.file === 'service');
      assert.match(service?.comments?.join(' ') ?? '', /its environment \(ASPNETCORE_URLS\)/);
      // A client's own addresses are where it connects, not where it listens: no Service.
      assert.equal(ctx.all('Service').filter((s) => s.metadata.name === 'client').length, 0);
      // An image of the catalog listens where it is known to, whatever a PORT variable says.
      assert.deepEqual(svcPorts('cache'), [6379]);
    },
  },
]);
