import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

passCases('storage', [
  {
    name: 'a database volume is a claim per replica, sized by the catalog, x-stevedore or --volume-size',
    compose: `services:
  db:
    image: postgres:16
    volumes: [pgdata:/var/lib/postgresql/data]
  cache:
    image: redis:7.2
    volumes: [redisdata:/data]
    x-stevedore: {volumes: {redisdata: 3Gi}}
volumes:
  pgdata: {}
  redisdata: {}
`,
    check(ctx) {
      const db = ctx.pod('db');
      assert.deepEqual(
        db.claims.map((c) => [c.metadata?.name, c.spec?.accessModes, c.spec?.resources?.requests?.storage]),
        [['pgdata', ['ReadWriteOnce'], '20Gi']],
      );
      assert.deepEqual(db.main.volumeMounts, [{ name: 'pgdata', mountPath: '/var/lib/postgresql/data' }]);
      assert.equal(ctx.pod('cache').claims[0]?.spec?.resources?.requests?.storage, '3Gi');
      assert.equal(ctx.all('PersistentVolumeClaim').length, 0, 'no stand-alone claims');
    },
  },
  {
    name: '--volume-size and --storage-class apply to every data volume',
    compose: `services:
  db:
    image: postgres:16
    volumes: [pgdata:/var/lib/postgresql/data]
volumes:
  pgdata: {}
`,
    options: { volumeSize: '50Gi', storageClass: 'fast' },
    check(ctx) {
      const spec = ctx.pod('db').claims[0]?.spec;
      assert.equal(spec?.resources?.requests?.storage, '50Gi');
      assert.equal(spec?.storageClassName, 'fast');
    },
  },
  {
    name: 'a volume shared by two stateless services is one ReadWriteMany claim, emitted once',
    compose: `services:
  backend:
    image: example/backend:1.0
    volumes: [assets:/srv/assets]
  frontend:
    image: example/frontend:1.0
    volumes: [assets:/srv/assets:ro]
volumes:
  assets: {}
`,
    check(ctx) {
      const claims = ctx.all('PersistentVolumeClaim');
      assert.equal(claims.length, 1);
      assert.deepEqual(claims[0]?.spec.accessModes, ['ReadWriteMany']);
      for (const s of ['backend', 'frontend'])
        assert.ok(
          ctx.pod(s).volumes.some((v) => v.persistentVolumeClaim?.claimName === 'assets'),
          s,
        );
      assert.equal(ctx.pod('frontend').main.volumeMounts?.find((m) => m.mountPath === '/srv/assets')?.readOnly, true);
      assert.ok(ctx.todo.some((t) => /assets is shared by backend, frontend/.test(t)));
    },
  },
  {
    name: 'an external volume is bound by a to-do, never recreated empty as a claim template',
    compose: `services:
  db:
    image: postgres:16
    volumes: [legacy:/var/lib/postgresql/data]
volumes:
  legacy: {external: true}
`,
    check(ctx) {
      assert.equal(ctx.pod('db').claims.length, 0);
      assert.equal(ctx.all('PersistentVolumeClaim').length, 1);
      assert.ok(ctx.todo.some((t) => /legacy is external in Compose: bind the claim legacy/.test(t)));
    },
  },
  {
    name: 'tmpfs is a memory emptyDir with its size; an anonymous volume a disk emptyDir',
    compose: `services:
  app:
    image: example/app:1.0
    tmpfs: ["/run:rw,size=32m", /tmp]
    volumes: [/cache]
`,
    check(ctx) {
      const vols = ctx.pod('app').volumes;
      assert.ok(vols.some((v) => v.emptyDir?.medium === 'Memory' && v.emptyDir.sizeLimit === '32Mi'));
      // No size in Compose: a stated one, since memory counts against the container's limit.
      assert.ok(vols.some((v) => v.emptyDir?.medium === 'Memory' && v.emptyDir.sizeLimit === '64Mi'));
      assert.ok(ctx.pod('app').comments.some((c) => /tmpfs \/tmp: a memory emptyDir limited to 64Mi/.test(c)));
      assert.ok(vols.some((v) => v.emptyDir && !v.emptyDir.medium));
    },
  },
  {
    name: 'a bind-mounted config file becomes a ConfigMap with its contents, mounted read-only at the same path',
    compose: {
      'compose.yaml': `services:
  web:
    image: nginx:1.27
    volumes: [./nginx.conf:/etc/nginx/nginx.conf:ro]
`,
      'nginx.conf': 'events {}\nhttp { server { listen 80; } }\n',
    },
    check(ctx) {
      const name = ctx.pod('web').volumes.find((v) => v.configMap)?.configMap?.name ?? '';
      const cm = ctx.one('ConfigMap', name);
      assert.deepEqual(cm.data, { 'nginx.conf': 'events {}\nhttp { server { listen 80; } }\n' });
      const m = ctx.pod('web').main.volumeMounts?.find((x) => x.mountPath === '/etc/nginx/nginx.conf');
      assert.equal(m?.subPath, 'nginx.conf');
      assert.equal(m?.readOnly, true);
    },
  },
  {
    name: 'the Docker socket is left out, with a warning and a to-do',
    compose: `services:
  agent:
    image: portainer/agent:2.21
    volumes: [/var/run/docker.sock:/var/run/docker.sock]
`,
    check(ctx) {
      assert.ok(!ctx.pod('agent').volumes.some((v) => v.hostPath));
      assert.ok(!ctx.pod('agent').main.volumeMounts?.length);
      assert.ok(ctx.diagnostics.some((d) => d.code === 'left-out' && /Docker socket/.test(d.message)));
      assert.ok(ctx.todo.some((t) => /agent mounted the Docker socket/.test(t)));
    },
  },
  {
    name: 'shm_size is a memory emptyDir at /dev/shm',
    compose: `services:
  db:
    image: postgres:16
    shm_size: 256m
`,
    check(ctx) {
      assert.ok(ctx.pod('db').volumes.some((v) => v.name === 'dshm' && v.emptyDir?.sizeLimit === '256Mi'));
      assert.ok(ctx.pod('db').main.volumeMounts?.some((m) => m.mountPath === '/dev/shm'));
    },
  },
  {
    name: 'a path of the Docker host (/etc, /etc/localtime, a home folder) is never read: left out with a warning and advice',
    compose: {
      'compose.yaml': `services:
  web:
    image: nginx:1.27
    volumes:
      - /etc:/host/etc:ro
      - /etc/localtime:/etc/localtime:ro
      - /home/dev/.aws:/root/.aws:ro
`,
    },
    check(ctx) {
      const web = ctx.pod('web');
      assert.deepEqual(web.volumes, [], 'no volume at all: nothing of the host is carried');
      assert.equal(ctx.all('ConfigMap').length, 0, 'no ConfigMap holds host files');
      const left = ctx.diagnostics.filter((d) => d.code === 'left-out').map((d) => d.message);
      assert.equal(left.length, 3);
      assert.ok(ctx.todo.some((t) => /\/etc\/localtime .*TZ environment variable/.test(t)));
      assert.ok(ctx.todo.some((t) => /\.aws .*into a Secret/.test(t)));
    },
  },
  {
    name: 'a node agent gets the node paths as hostPath volumes, in a DaemonSet that says why',
    compose: `services:
  node-exporter:
    image: prom/node-exporter:v1.8.0
    volumes: [/proc:/host/proc:ro, /sys:/host/sys:ro, /:/rootfs:ro]
`,
    check(ctx) {
      const d = ctx.pod('node-exporter');
      assert.equal(d.kind, 'DaemonSet');
      assert.deepEqual(
        d.volumes.map((v) => v.hostPath?.path),
        ['/proc', '/sys', '/'],
      );
      assert.ok(d.main.volumeMounts?.every((m) => m.readOnly));
      assert.match(d.annotations?.['ignore-check.kube-linter.io/sensitive-host-mounts'] ?? '', /node agent/);
      assert.ok(ctx.diagnostics.some((x) => x.code === 'carried-with-risk' && /\/proc of the node/.test(x.message)));
    },
  },
  {
    name: 'a writable /config folder (jitsi, linuxserver images) is state in a claim, not a read-only ConfigMap',
    compose: {
      'compose.yaml': `services:
  web:
    image: jitsi/web:stable-9584
    volumes: [./jitsi-web:/config]
`,
      'jitsi-web/config.js': 'var config = {};',
    },
    check(ctx) {
      assert.equal(ctx.all('ConfigMap').length, 0);
      assert.ok(ctx.pod('web').volumes.some((v) => v.persistentVolumeClaim));
      assert.ok(!ctx.pod('web').main.volumeMounts?.some((m) => m.readOnly));
    },
  },
  {
    name: 'a /config folder an image only reads (alertmanager in loki-production) stays a ConfigMap',
    compose: {
      'compose.yaml': `services:
  alertmanager:
    image: prom/alertmanager:v0.34.0
    command: --config.file=/config/alertmanager.yml
    volumes: ["./config:/config"]
`,
      'config/alertmanager.yml': 'route: {}',
    },
    check(ctx) {
      assert.deepEqual(Object.keys(ctx.one('ConfigMap', 'alertmanager-config').data ?? {}), ['alertmanager.yml']);
      assert.ok(!ctx.pod('alertmanager').volumes.some((v) => v.persistentVolumeClaim));
    },
  },
  {
    name: 'a key or certificate goes to a Secret (the git-ignored file), and a script run as the command is executable',
    compose: {
      'compose.yaml': `services:
  relay:
    image: example/relay:1.0
    entrypoint: ["/etc/relay/entrypoint.sh"]
    volumes: [./relay:/etc/relay:ro]
  worker:
    image: example/relay:1.0
    command: ["sh", "-c", "sleep 1 && exec /opt/run.sh --worker"]
    volumes: [./run.sh:/opt/run.sh:ro]
  reader:
    image: example/relay:1.0
    command: ["sh", "/opt/run.sh"]
    volumes: [./run.sh:/opt/run.sh:ro]
  proxy:
    image: nginx:1.27
    volumes: [./certs/site.pem:/etc/ssl/site.pem:ro]
`,
      'relay/entrypoint.sh': '#!/bin/sh\nexec relay',
      'relay/config.yml': 'port: 3000',
      'run.sh': '#!/bin/sh\necho run',
      'certs/site.pem': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    },
    check(ctx) {
      const relay = ctx.pod('relay');
      assert.equal(relay.volumes[0]?.configMap?.defaultMode, 0o755);
      assert.equal(ctx.pod('worker').volumes[0]?.configMap?.defaultMode, 0o755, 'run from a shell line');
      assert.equal(ctx.pod('reader').volumes[0]?.configMap?.defaultMode, undefined, 'only read by sh');
      assert.deepEqual(Object.keys(ctx.one('ConfigMap', 'relay-relay').data ?? {}), ['config.yml', 'entrypoint.sh']);
      const secret = ctx.objects.find((o) => o.object.toJSON().kind === 'Secret');
      assert.ok(secret?.secret, 'written to the git-ignored secrets file');
      assert.match(ctx.pod('proxy').volumes[0]?.secret?.secretName ?? '', /^proxy-site-pem/);
      assert.ok(!ctx.all('ConfigMap').some((c) => /^proxy-site-pem/.test(c.metadata?.name)));
    },
  },
  {
    name: 'one config folder mounted by several services (temporal ./dynamicconfig) is one ConfigMap, filed with the service applied first',
    compose: {
      'compose.yaml': `services:
  frontend:
    image: temporalio/server:1.24.2
    volumes: [./dynamicconfig:/etc/temporal/config/dynamicconfig]
  history:
    image: temporalio/server:1.24.2
    volumes: [./dynamicconfig:/etc/temporal/config/dynamicconfig]
  db:
    image: postgres:16
    volumes: [./dynamicconfig:/etc/dynamicconfig:ro]
`,
      'dynamicconfig/development.yaml': 'limit.maxIDLength: []',
    },
    check(ctx) {
      const maps = ctx.objects.filter((o) => o.object.toJSON().kind === 'ConfigMap');
      assert.equal(maps.length, 1);
      assert.equal(maps[0]?.object.toJSON().metadata?.name, 'p-dynamicconfig');
      assert.equal(maps[0]?.service, 'db', 'the stateful user: its layer is applied first');
      for (const s of ['frontend', 'history', 'db'])
        assert.equal(ctx.pod(s).volumes[0]?.configMap?.name, 'p-dynamicconfig');
    },
  },
  {
    name: 'a bind-mounted file or folder missing from the project: the to-do gives the kubectl command, with the namespace',
    compose: `services:
  proxy:
    image: nginx:1.27
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
      - ./dynamicconfig:/etc/dynamicconfig:ro
      - ./nginx/conf.d:/etc/nginx/conf.d:ro
`,
    check(ctx) {
      assert.ok(
        ctx.todo.some((t) =>
          /: kubectl -n p create configmap \S+ --from-file=nginx\.conf=\.\/nginx\/nginx\.conf$/.test(t),
        ),
        ctx.todo.join('\n'),
      );
      // conf.d is a folder by its name (nginx reads every file in it): made from its files, mounted whole.
      assert.ok(
        ctx.todo.some((t) => /: kubectl -n p create configmap \S+ --from-file=\.\/nginx\/conf\.d$/.test(t)),
        ctx.todo.join('\n'),
      );
      const confd = (ctx.pod('proxy').main.volumeMounts ?? []).find((m) => m.mountPath === '/etc/nginx/conf.d');
      assert.equal(confd?.subPath, undefined, 'the folder is mounted whole, not as one file');
      assert.ok(
        ctx.todo.some((t) => /: kubectl -n p create configmap \S+ --from-file=\.\/dynamicconfig$/.test(t)),
        ctx.todo.join('\n'),
      );
    },
  },
  {
    name: 'a data service with no volume in Compose gets a claim at its data path (else it loses its data, and PostgreSQL cannot initdb on a read-only root)',
    compose: `services:
  db:
    image: postgres:16
  db18:
    image: postgres:18.1
  dblatest:
    image: postgres:alpine
  bdb:
    image: bitnami/postgresql:16
  broker:
    image: confluentinc/cp-server:8.2.0
    environment: {KAFKA_LOG_DIRS: /tmp/kraft-combined-logs}
  kept:
    image: postgres:16
    volumes: [pg:/var/lib/postgresql/data]
  search:
    image: qdrant/qdrant:v1.12.0
volumes: {pg: {}}
`,
    check(ctx) {
      const at = (s: string) => {
        const d = ctx.pod(s);
        const m = (d.main.volumeMounts ?? []).find((v) => v.name === 'data');
        return {
          path: m?.mountPath,
          claims: d.claims.map((c) => c.metadata?.name),
          pgdata: d.main.env?.find((e) => e.name === 'PGDATA')?.value,
        };
      };
      assert.deepEqual(at('db'), {
        path: '/var/lib/postgresql/data',
        claims: ['data'],
        pgdata: '/var/lib/postgresql/data/pgdata',
      });
      assert.deepEqual(at('db18'), { path: '/var/lib/postgresql', claims: ['data'], pgdata: undefined });
      assert.deepEqual(at('dblatest'), { path: '/var/lib/postgresql', claims: ['data'], pgdata: undefined });
      assert.deepEqual(at('bdb'), { path: '/bitnami/postgresql', claims: ['data'], pgdata: undefined });
      assert.deepEqual(at('broker'), { path: '/tmp/kraft-combined-logs', claims: ['data'], pgdata: undefined });
      assert.deepEqual(at('kept').claims, ['pg'], 'a named volume is kept as it is');
      assert.equal(at('kept').path, undefined);
      assert.equal(at('search').path, '/qdrant/storage');
      assert.ok(
        ctx.todo.some((t) =>
          /^search keeps its data at \/qdrant\/storage inside its container on the Compose host/.test(t),
        ),
        ctx.todo.join('\n'),
      );
      assert.ok(
        !ctx.todo.some((t) => /^db keeps its data/.test(t)),
        'PostgreSQL is moved by pg_dump, not by its volume',
      );
    },
  },
]);
