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
