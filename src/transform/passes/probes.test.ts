import assert from 'node:assert/strict';
import { describe, it } from '../../../test/harness.js';
import { passCases } from '../../../test/pass-cases.js';
import { probeAction } from './probes.js';

passCases('probes', [
  {
    name: 'a curl health check against localhost is an httpGet; liveness is more lenient than readiness',
    compose: `services:
  api:
    image: example/api:1.0
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]
      interval: 10s
      timeout: 3s
      retries: 5
`,
    check(ctx) {
      const c = ctx.pod('api').main;
      assert.deepEqual(c.readinessProbe, {
        httpGet: { path: '/health', port: 8080 },
        periodSeconds: 10,
        timeoutSeconds: 3,
        failureThreshold: 5,
      });
      assert.deepEqual(c.livenessProbe?.httpGet, { path: '/health', port: 8080 });
      assert.ok((c.livenessProbe?.failureThreshold ?? 0) > (c.readinessProbe?.failureThreshold ?? 0));
      assert.equal(c.startupProbe, undefined);
    },
  },
  {
    name: 'start_period becomes a startupProbe that allows at least that long',
    compose: `services:
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U app"]
      interval: 5s
      start_period: 60s
`,
    check(ctx) {
      const p = ctx.pod('db').main.startupProbe;
      assert.deepEqual(p?.exec, { command: ['sh', '-c', 'pg_isready -U app'] });
      assert.ok((p?.periodSeconds ?? 0) * (p?.failureThreshold ?? 0) >= 60);
    },
  },
  {
    name: "n8n's queue worker is probed on its health port only when QUEUE_HEALTH_CHECK_ACTIVE turns it on",
    compose: `services:
  main:
    image: docker.n8n.io/n8nio/n8n:1.80.0
    ports: ["5678:5678"]
  worker-off:
    image: docker.n8n.io/n8nio/n8n:1.80.0
    command: worker
  worker-on:
    image: n8nio/n8n:1.80.0
    command: ["worker", "--concurrency=5"]
    environment:
      QUEUE_HEALTH_CHECK_ACTIVE: "true"
  worker-moved:
    image: n8nio/n8n:1.80.0
    command: n8n worker
    environment:
      QUEUE_HEALTH_CHECK_ACTIVE: "true"
      QUEUE_HEALTH_CHECK_PORT: "5690"
  runner:
    image: n8nio/runners:1.80.0
    environment:
      N8N_RUNNERS_TASK_BROKER_URI: http://worker-off:5679
  runner-moved:
    image: docker.n8n.io/n8nio/runners:1.80.0
    environment:
      N8N_RUNNERS_TASK_BROKER_URI: http://worker-moved:5679
      N8N_RUNNERS_LAUNCHER_HEALTH_CHECK_PORT: "5690"
`,
    check(ctx) {
      // The main process serves the UI and /healthz on 5678.
      assert.deepEqual(ctx.pod('main').main.readinessProbe?.httpGet, { path: '/healthz', port: 5678 });
      // Without the switch a worker listens on nothing but its runners' broker: a /healthz probe
      // would keep it unready and restart it for ever. Its broker port is checked instead.
      const off = ctx.pod('worker-off');
      assert.equal(off.workload.role, 'worker');
      assert.equal(off.main.readinessProbe?.httpGet, undefined);
      assert.deepEqual(off.main.readinessProbe?.tcpSocket, { port: 5679 });
      assert.equal(off.main.livenessProbe, undefined);
      assert.ok(off.comments.some((c) => c.includes('unless QUEUE_HEALTH_CHECK_ACTIVE=true')));
      const on = ctx.pod('worker-on');
      assert.equal(on.workload.role, 'worker');
      assert.deepEqual(on.main.readinessProbe?.httpGet, { path: '/healthz', port: 5678 });
      assert.deepEqual(on.main.livenessProbe?.tcpSocket, { port: 5678 });
      assert.deepEqual(ctx.pod('worker-moved').main.readinessProbe?.httpGet, { path: '/healthz', port: 5690 });
      // The health port is the kubelet's alone: no Service for a worker nobody reaches.
      assert.deepEqual(on.workload.ports, []);
      // n8n's task runners: the launcher answers /healthz on 5680, or where its variable moves it.
      const runner = ctx.pod('runner');
      assert.equal(runner.workload.role, 'worker');
      assert.deepEqual(runner.workload.ports, []);
      assert.deepEqual(runner.main.readinessProbe?.httpGet, { path: '/healthz', port: 5680 });
      assert.deepEqual(runner.main.livenessProbe?.tcpSocket, { port: 5680 });
      assert.deepEqual(ctx.pod('runner-moved').main.readinessProbe?.httpGet, { path: '/healthz', port: 5690 });
    },
  },
  {
    name: 'a known image moved off its main port is probed where it listens; a UDP-only service gets no TCP probe',
    compose: `services:
  gateway:
    image: nginx:1.27
    ports: ["3100:3100"]
  plain:
    image: nginx:1.27
    ports: ["8080:80"]
  history:
    image: temporalio/auto-setup:1.29.1
    expose: ["7234"]
  vpn:
    image: example/vpn:1.0
    ports: ["51820:51820/udp"]
`,
    check(ctx) {
      // nginx given a configuration that listens on 3100: a probe of 80 would never pass.
      const gw = ctx.pod('gateway');
      assert.deepEqual(gw.main.readinessProbe?.tcpSocket, { port: 3100 });
      assert.deepEqual(gw.main.livenessProbe?.tcpSocket, { port: 3100 });
      assert.ok(gw.comments.some((c) => c.includes('not on its usual 80')));
      assert.deepEqual(ctx.pod('plain').main.readinessProbe?.tcpSocket, { port: 80 });
      assert.deepEqual(ctx.pod('history').main.livenessProbe?.tcpSocket, { port: 7234 });
      const vpn = ctx.pod('vpn').main;
      assert.equal(vpn.readinessProbe, undefined);
      assert.equal(vpn.livenessProbe, undefined);
    },
  },
  {
    name: "Keycloak's health endpoints are probed only when KC_HEALTH_ENABLED turns them on",
    compose: `services:
  kc-on:
    image: quay.io/keycloak/keycloak:26.0
    command: start
    ports: ["8080:8080"]
    environment:
      KC_HEALTH_ENABLED: "true"
  kc-off:
    image: quay.io/keycloak/keycloak:26.0
    command: start
    ports: ["8080:8080"]
  kc-24:
    image: quay.io/keycloak/keycloak:24.0.5
    command: start
    environment:
      KC_HEALTH_ENABLED: "true"
  kc-legacy:
    image: quay.io/keycloak/keycloak:legacy
    environment:
      KC_HEALTH_ENABLED: "true"
  kc-wildfly:
    image: jboss/keycloak:16.1.1
`,
    check(ctx) {
      assert.deepEqual(ctx.pod('kc-on').main.readinessProbe?.httpGet, { path: '/health/ready', port: 9000 });
      const off = ctx.pod('kc-off');
      assert.deepEqual(off.main.readinessProbe?.tcpSocket, { port: 8080 });
      assert.ok(off.comments.some((c) => c.includes('unless KC_HEALTH_ENABLED=true')));
      // Before 25 the health endpoints were on the HTTP port; before 17 (WildFly) there were none.
      assert.deepEqual(ctx.pod('kc-24').main.readinessProbe?.httpGet, { path: '/health/ready', port: 8080 });
      assert.deepEqual(ctx.pod('kc-legacy').main.readinessProbe?.tcpSocket, { port: 8080 });
      assert.deepEqual(ctx.pod('kc-wildfly').main.readinessProbe?.tcpSocket, { port: 8080 });
    },
  },
  {
    name: 'the way an image runs (tag, entrypoint, repository) picks its ports, role and probes',
    compose: `services:
  app:
    image: nextcloud:29-fpm-alpine
  cron:
    image: nextcloud:29-fpm-alpine
    entrypoint: /cron.sh
  site:
    image: nextcloud:29-apache
  wp:
    image: bitnami/wordpress:6
  wpfpm:
    image: registry.example.com/mirror/wordpress:6-fpm
  wpcli:
    image: wordpress:cli-2.11
    command: wp core version
  penpot-backend:
    image: penpotapp/backend:2.16
  penpot-exporter:
    image: penpotapp/exporter:2.16
  alloy:
    image: grafana/alloy:v1.5.0
  alloy-open:
    image: grafana/alloy:v1.5.0
    command: run --server.http.listen-addr=0.0.0.0:12345 /etc/alloy/config.alloy
  proxy:
    image: nginxinc/nginx-unprivileged:1.27
  fluentd:
    image: fluent/fluentd:v1.17
`,
    check(ctx) {
      assert.deepEqual(ctx.pod('app').main.readinessProbe?.tcpSocket, { port: 9000 });
      assert.deepEqual(
        ctx.pod('app').workload.ports.map((p) => p.port),
        [9000],
      );
      const cron = ctx.pod('cron');
      assert.equal(cron.workload.role, 'worker');
      assert.equal(cron.main.readinessProbe, undefined);
      assert.equal(cron.main.livenessProbe, undefined);
      assert.deepEqual(ctx.pod('site').main.readinessProbe?.tcpSocket, { port: 80 });
      assert.deepEqual(ctx.pod('wp').main.readinessProbe?.httpGet, { path: '/wp-login.php', port: 8080 });
      assert.deepEqual(ctx.pod('wpfpm').main.readinessProbe?.tcpSocket, { port: 9000 });
      assert.equal(ctx.pod('wpcli').workload.oneShot, true);
      assert.equal(ctx.pod('wpcli').main.readinessProbe, undefined);
      // Penpot's frontend sends /api to penpot-backend:6060 and exports to penpot-exporter:6061.
      assert.deepEqual(
        ctx.pod('penpot-backend').workload.ports.map((p) => p.port),
        [6060],
      );
      assert.deepEqual(ctx.pod('penpot-backend').main.readinessProbe?.tcpSocket, { port: 6060 });
      assert.deepEqual(
        ctx.pod('penpot-exporter').workload.ports.map((p) => p.port),
        [6061],
      );
    },
  },
  {
    name: 'without a health check: the catalog check for a known image, a TCP check on the port otherwise',
    compose: `services:
  db:
    image: postgres:16
  app:
    image: example/app:1.0
    expose: ["9000"]
  job:
    image: example/app:1.0
    restart: "no"
`,
    check(ctx) {
      assert.ok(ctx.pod('db').main.readinessProbe?.exec?.command?.join(' ').includes('pg_isready'));
      assert.deepEqual(ctx.pod('app').main.readinessProbe?.tcpSocket, { port: 9000 });
      assert.equal(ctx.pod('job').main.readinessProbe, undefined, 'a job has no probes');
    },
  },
  {
    name: 'healthcheck disable: no probes at all',
    compose: `services:
  app:
    image: example/app:1.0
    expose: ["9000"]
    healthcheck:
      disable: true
`,
    check(ctx) {
      assert.equal(ctx.pod('app').main.readinessProbe, undefined);
      assert.equal(ctx.pod('app').main.livenessProbe, undefined);
    },
  },
]);

describe('probeAction', () => {
  const table: [string[], string][] = [
    [['CMD', 'wget', '-qO-', 'http://127.0.0.1:3000/ready'], 'httpGet /ready 3000'],
    [['CMD-SHELL', 'curl -f https://localhost/ || exit 1'], 'httpGet / 443 HTTPS'],
    // A pipeline tests more than the URL: it must stay a command.
    [['CMD-SHELL', 'curl -s http://localhost:8080/health | grep ok'], 'exec'],
    [['CMD-SHELL', 'nc -z localhost 6379'], 'tcp 6379'],
    [['CMD', 'redis-cli', 'ping'], 'exec'],
  ];
  for (const [test, want] of table)
    void it(test.join(' '), () => {
      const a = probeAction(test).action;
      const got = a.httpGet
        ? `httpGet ${a.httpGet.path} ${a.httpGet.port}${a.httpGet.scheme ? ` ${a.httpGet.scheme}` : ''}`
        : a.tcpSocket
          ? `tcp ${a.tcpSocket.port}`
          : 'exec';
      assert.equal(got, want);
    });
});
