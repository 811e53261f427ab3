import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

passCases('workloads', [
  {
    name: 'a stateless web or API service runs two replicas; not when Compose sets replicas, nor with files of its own, nor a worker',
    compose: `services:
  web:
    image: example/web:1.0
    ports: ["8080:80"]
  api:
    image: example/api:1.0
    deploy: {replicas: 1}
  uploads:
    image: example/api:1.0
    ports: ["8082:80"]
    volumes: [files:/srv/files]
  worker:
    image: example/worker:1.0
    command: [work]
volumes:
  files: {}
`,
    check(ctx) {
      assert.equal(ctx.pod('web').replicas, 2);
      assert.match(ctx.pod('web').comments.join(' '), /2 replicas \(Compose runs one\)/);
      assert.equal(ctx.pod('api').replicas, 1);
      assert.ok(['web', 'api'].includes(ctx.pod('uploads').workload.role), 'a web or API service');
      assert.equal(ctx.pod('uploads').replicas, 1);
      assert.equal(ctx.pod('worker').replicas, 1);
    },
  },
  {
    name: 'data keeps a StatefulSet, a stateless web server a Deployment, deploy.mode global a DaemonSet',
    compose: `services:
  db:
    image: postgres:16
    volumes: [pgdata:/var/lib/postgresql/data]
  web:
    image: nginx:1.27
  agent:
    image: grafana/promtail:3.0.0
    deploy: {mode: global}
volumes:
  pgdata: {}
`,
    check(ctx) {
      assert.equal(ctx.pod('db').kind, 'StatefulSet');
      assert.equal(ctx.pod('web').kind, 'Deployment');
      assert.equal(ctx.pod('agent').kind, 'DaemonSet');
    },
  },
  {
    name: 'a one-shot job awaited by one service runs in its pod; awaited by two it is a Job that does not retry',
    compose: `services:
  migrate:
    image: example/app:1.0
    command: [migrate]
    restart: "no"
  api:
    image: example/app:1.0
    depends_on: {migrate: {condition: service_completed_successfully}}
  seed:
    image: example/app:1.0
    restart: "no"
  a:
    image: example/app:1.0
    depends_on: {seed: {condition: service_completed_successfully}}
  b:
    image: example/app:1.0
    depends_on: {seed: {condition: service_completed_successfully}}
`,
    check(ctx) {
      assert.deepEqual(ctx.pod('migrate').hostedBy, { service: 'api', as: 'init' });
      const seed = ctx.pod('seed');
      assert.equal(seed.kind, 'Job');
      assert.equal(seed.hostedBy, undefined);
      assert.equal(seed.restartPolicy, 'Never');
      assert.equal(seed.backoffLimit, 0);
      assert.match(seed.annotations?.['ignore-check.stevedore.dev/restart-policy'] ?? '', /runs seed once/);
      assert.ok(seed.comments.some((c) => /a, b wait for it in Compose/.test(c)));
    },
  },
  {
    name: 'a built image without a registry is named after the project and a to-do says to push it',
    compose: `name: shop
services:
  api:
    build: ./api
`,
    check(ctx) {
      assert.equal(ctx.pod('api').main.image, 'shop-api:latest');
      assert.match(ctx.todo[0] ?? '', /Build and push the images of api .* --registry/);
    },
  },
  {
    name: 'with --registry a built image is pushed there under its own tag',
    compose: `services:
  api:
    build: ./api
    image: acme/api:2.1
`,
    options: { registry: 'ghcr.io/acme/' },
    check(ctx) {
      assert.equal(ctx.pod('api').main.image, 'ghcr.io/acme/api:2.1');
      assert.match(ctx.todo[0] ?? '', /Build and push ghcr.io\/acme\/api:2.1/);
    },
  },
  {
    name: 'a service renamed for DNS is reached by its new name in commands and entrypoints',
    compose: `services:
  my_db:
    image: postgres:16
  app:
    image: example/app:1.0
    entrypoint: [wait-for, "my_db:5432"]
    command: ["--db=postgres://u@my_db/app"]
`,
    check(ctx) {
      const app = ctx.pod('app').main;
      assert.deepEqual(app.command, ['wait-for', 'my-db:5432']);
      assert.deepEqual(app.args, ['--db=postgres://u@my-db/app']);
    },
  },
  {
    name: 'stop_grace_period, working_dir, extra_hosts; host-gateway is reported, not carried',
    compose: `services:
  app:
    image: example/app:1.0
    stop_grace_period: 1m30s
    working_dir: /srv
    extra_hosts: ["legacy:10.0.0.5", "old:10.0.0.5", "docker:host-gateway"]
`,
    check(ctx) {
      const app = ctx.pod('app');
      assert.equal(app.terminationGracePeriodSeconds, 90);
      assert.equal(app.main.workingDir, '/srv');
      assert.deepEqual(app.hostAliases, [{ ip: '10.0.0.5', hostnames: ['legacy', 'old'] }]);
      assert.ok(ctx.notCarried.some((n) => n.key === 'extra_hosts' && /host-gateway/.test(n.why)));
    },
  },
  {
    name: 'resources from deploy.resources; without them the catalog or role default, said in a comment',
    compose: `services:
  api:
    image: example/api:1.0
    deploy: {resources: {limits: {cpus: '0.5', memory: 256M}}}
  db:
    image: postgres:16
`,
    check(ctx) {
      assert.deepEqual(ctx.pod('api').main.resources, {
        limits: { cpu: '500m', memory: '256Mi' },
        requests: { cpu: '500m', memory: '256Mi' },
      });
      assert.ok(ctx.pod('db').comments.some((c) => /Resources are defaults \(typical for PostgreSQL\)/.test(c)));
    },
  },
  {
    name: 'deploy.replicas: 3 on a database without replication runs one replica, with a warning naming the operator',
    compose: `services:
  db:
    image: postgres:16
    deploy: {replicas: 3}
  cache:
    image: redis:7.2
    command: ["redis-server", "--replicaof", "primary", "6379"]
    deploy: {replicas: 2}
`,
    check(ctx) {
      assert.equal(ctx.pod('db').replicas, 1);
      assert.ok(ctx.diagnostics.some((d) => /db asks for 3 replicas of PostgreSQL/.test(d.message)));
      assert.ok(ctx.todo.some((t) => /CloudNativePG/.test(t)));
      assert.equal(ctx.pod('cache').replicas, 2, 'replication set up: kept');
    },
  },
  {
    name: 'GPUs reserved in Compose are limits of the device plugin resource',
    compose: `services:
  ollama:
    image: ollama/ollama:0.3.0
    deploy:
      resources:
        reservations:
          devices:
            - {driver: nvidia, count: 2, capabilities: [gpu]}
  whisper:
    image: example/whisper:1.0
    deploy:
      resources:
        reservations:
          devices:
            - {driver: nvidia, count: all, capabilities: [gpu]}
`,
    check(ctx) {
      assert.equal(ctx.pod('ollama').main.resources?.limits?.['nvidia.com/gpu'], '2');
      assert.equal(ctx.pod('whisper').main.resources?.limits?.['nvidia.com/gpu'], '1');
      assert.ok(ctx.pod('whisper').comments.some((c) => /all of the host's/.test(c)));
    },
  },
  {
    name: "an image with no version is a to-do to pin it, and a database's says why its major version matters",
    compose: `services:
  db:
    image: postgres
    volumes: [pg:/var/lib/postgresql/data]
  cache:
    image: redis:latest
  web:
    image: example/web:1.0
volumes:
  pg: {}
`,
    check(ctx) {
      const todo = ctx.todo.find((t) => t.startsWith('Pin the images that name no version'));
      assert.ok(todo, ctx.todo.join('\n'));
      assert.match(todo, /: cache \(redis:latest\), db \(postgres\);/);
      assert.match(todo, /For db, which keeps data, pin the version the Compose host runs now/);
      assert.doesNotMatch(todo, /web/);
    },
  },
  {
    // Airflow's Compose file: `${AIRFLOW_IMAGE_NAME:-apache/airflow:|version|}`, its documentation's
    // placeholder. Taken for an unpinned tag, it was only to be pinned; no runtime can pull it.
    name: 'an image that is no image reference is a to-do of its own, not one to pin',
    compose: `services:
  worker:
    image: \${AIRFLOW_IMAGE_NAME:-apache/airflow:|version|}
  cache:
    image: redis:latest
`,
    check(ctx) {
      assert.deepEqual(
        ctx.todo.filter((t) => /Set a real image|Pin the images/.test(t)),
        [
          'Set a real image for worker (`apache/airflow:|version|`): not an image reference (a placeholder left in the Compose file, or in the default of a variable it reads), so the pods would stay in InvalidImageName. Set the variable or the image, then convert again.',
          'Pin the images that name no version: cache (redis:latest); each node pulls whatever is latest when a pod lands there.',
        ],
      );
    },
  },
]);
