import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

passCases('command-secrets', [
  {
    name: 'a password on the command line and in the probe (langfuse redis) comes from the Secret, never as text',
    compose: `services:
  redis:
    image: redis:7.2
    command: redis-server --requirepass \${REDIS_AUTH:-myredissecret}
    healthcheck:
      test: ["CMD", "redis-cli", "-a", "myredissecret", "ping"]
  web:
    image: example/web:1.0
    environment:
      REDIS_AUTH: \${REDIS_AUTH:-myredissecret}
`,
    check(ctx) {
      const redis = ctx.pod('redis');
      assert.deepEqual(redis.main.args, ['redis-server', '--requirepass', '$(REDIS_AUTH)']);
      assert.deepEqual(redis.main.env, [
        { name: 'REDIS_AUTH', valueFrom: { secretKeyRef: { name: 'redis-env', key: 'REDIS_AUTH' } } },
      ]);
      assert.deepEqual(redis.main.readinessProbe?.exec?.command, [
        'sh',
        '-c',
        `'redis-cli' '-a' "\${REDIS_AUTH}" 'ping'`,
      ]);
      const secret = ctx.objects.find((o) => o.object.toJSON().metadata?.name === 'redis-env');
      assert.ok(secret?.secret, 'the new Secret goes to the git-ignored file');
      assert.deepEqual((secret?.object.toJSON() as { stringData?: unknown }).stringData, {
        REDIS_AUTH: 'myredissecret',
      });
      const text = JSON.stringify([redis.main, redis.initContainers]);
      assert.doesNotMatch(text, /myredissecret/);
    },
  },
  {
    name: 'a key in a shell line (appwrite) is replaced where the container already holds it; a plain word that is also a password is left alone',
    compose: `services:
  appwrite:
    image: example/appwrite:1.5
    command: ["sh", "-c", "start --key=8f2c1e9a7b3d4f60 && psql -U postgres"]
    environment:
      _APP_OPENSSL_KEY_V1: 8f2c1e9a7b3d4f60
      POSTGRES_PASSWORD: postgres
`,
    check(ctx) {
      const a = ctx.pod('appwrite');
      assert.deepEqual(a.main.args, ['sh', '-c', 'start --key=$(_APP_OPENSSL_KEY_V1) && psql -U postgres']);
      assert.equal(a.main.env, undefined, 'read through envFrom: nothing added');
      assert.ok(a.comments.some((c) => /password written in the command/.test(c)));
    },
  },
  {
    name: 'mysqladmin -p<password> and a URL password in an argument are replaced',
    compose: `services:
  worker:
    image: example/worker:1.0
    command: ["worker", "--db", "postgres://app:hunter22@db:5432/app", "-phunter22"]
    environment:
      DB_PASSWORD: hunter22
`,
    check(ctx) {
      assert.deepEqual(ctx.pod('worker').main.args, [
        'worker',
        '--db',
        'postgres://app:$(DB_PASSWORD)@db:5432/app',
        '-p$(DB_PASSWORD)',
      ]);
    },
  },
  {
    name: 'an image not known to have a shell: a probe that held a password checks the port instead of running sh',
    compose: `services:
  cache:
    image: example/cache:1.0
    expose: ["6380"]
    environment:
      CACHE_PASSWORD: longcachesecret
    healthcheck:
      test: ["CMD", "/cache-cli", "--password", "longcachesecret", "ping"]
  portless:
    image: example/worker:1.0
    environment:
      WORKER_TOKEN_SECRET: longworkersecret
    healthcheck:
      test: ["CMD", "/check", "--token", "longworkersecret"]
`,
    check(ctx) {
      const cache = ctx.pod('cache');
      const probe = cache.main.readinessProbe;
      assert.equal(probe?.exec, undefined);
      assert.deepEqual(probe?.tcpSocket, { port: 6380 });
      assert.ok(cache.comments.some((c) => /checks TCP port 6380 instead/.test(c)));
      assert.doesNotMatch(JSON.stringify(cache.main), /longcachesecret/);
      const worker = ctx.pod('portless');
      assert.equal(worker.main.readinessProbe?.exec?.command?.[0], 'sh');
      assert.ok(
        worker.comments.some((c) => /runs through sh -c to read it from the Secret, so the image needs sh/.test(c)),
      );
    },
  },
]);
