import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

passCases('security', [
  {
    name: 'a numeric user runs as non-root with that uid and fsGroup; every pod gets RuntimeDefault seccomp',
    compose: `services:
  api:
    image: example/api:1.0
    user: "1000:1000"
`,
    check(ctx) {
      const api = ctx.pod('api');
      assert.deepEqual(api.podSecurity, {
        seccompProfile: { type: 'RuntimeDefault' },
        runAsNonRoot: true,
        runAsUser: 1000,
        runAsGroup: 1000,
        fsGroup: 1000,
        fsGroupChangePolicy: 'OnRootMismatch',
      });
      assert.deepEqual(api.main.securityContext?.capabilities, { drop: ['ALL'] });
      assert.equal(api.main.securityContext?.allowPrivilegeEscalation, false);
    },
  },
  {
    name: 'an image that starts as root to drop privileges keeps the capabilities it needs, and no runAsNonRoot',
    compose: `services:
  web:
    image: nginx:1.27
`,
    check(ctx) {
      const db = ctx.pod('web');
      assert.equal(db.podSecurity.runAsNonRoot, undefined);
      assert.ok(db.main.securityContext?.capabilities?.add?.includes('SETUID'));
      assert.ok(db.main.securityContext?.capabilities?.add?.includes('CHOWN'));
      assert.deepEqual(db.main.securityContext?.capabilities?.drop, ['ALL']);
    },
  },
  {
    name: 'an unknown image runs as its image says: no guessed uid, no read-only root, only what is always safe',
    compose: `services:
  app:
    image: example/app:1.0
`,
    check(ctx) {
      const app = ctx.pod('app');
      assert.deepEqual(app.podSecurity, { seccompProfile: { type: 'RuntimeDefault' } });
      assert.equal(app.main.securityContext?.readOnlyRootFilesystem, false);
      assert.ok(app.comments.some((c) => /runs as the image's default user \(unknown here\)/.test(c)));
    },
  },
  {
    name: 'read_only in Compose is a read-only root file system',
    compose: `services:
  app:
    image: example/app:1.0
    user: "1000"
    read_only: true
`,
    check(ctx) {
      assert.equal(ctx.pod('app').main.securityContext?.readOnlyRootFilesystem, true);
    },
  },
  {
    name: 'privileged and the host network are carried with a warning each; cap_add is added back after drop ALL',
    compose: `services:
  vpn:
    image: example/vpn:1.0
    privileged: true
    network_mode: host
    cap_add: [CAP_NET_ADMIN]
`,
    check(ctx) {
      const vpn = ctx.pod('vpn');
      assert.equal(vpn.main.securityContext?.privileged, true);
      assert.equal(vpn.hostNetwork, true);
      assert.deepEqual(vpn.main.securityContext?.capabilities, { drop: ['ALL'], add: ['NET_ADMIN'] });
      assert.equal(ctx.diagnostics.filter((d) => d.code === 'carried-with-risk').length, 2);
    },
  },
  {
    name: 'each image variant runs as its own user: postgres 999 on Debian, 70 on Alpine, Bitnami 1001; the source is said',
    compose: `services:
  debian:
    image: postgres:16
  alpine:
    image: postgres:16-alpine
  bitnami:
    image: bitnami/postgresql:16.4.0
  timescale:
    image: timescale/timescaledb:2.16.1-pg16
  cache:
    image: redis:7.2-alpine
`,
    check(ctx) {
      const user = (s: string) => {
        const p = ctx.pod(s).podSecurity;
        return [p.runAsUser, p.fsGroup, p.fsGroupChangePolicy];
      };
      assert.deepEqual(user('debian'), [999, 999, 'OnRootMismatch']);
      assert.deepEqual(user('alpine'), [70, 70, 'OnRootMismatch']);
      assert.deepEqual(user('bitnami'), [1001, 1001, 'OnRootMismatch']);
      assert.deepEqual(user('timescale'), [70, 70, 'OnRootMismatch']);
      assert.deepEqual(user('cache'), [999, 1000, 'OnRootMismatch']);
      assert.ok(
        ctx.pod('alpine').comments.some((c) => /uid 70, fsGroup 70 .*Alpine Dockerfile: adduser -u 70/.test(c)),
      );
    },
  },
  {
    name: 'an image that starts as root to drop privileges (linuxserver) keeps root and the capabilities for it',
    compose: `services:
  db:
    image: linuxserver/mariadb:10.11.8
`,
    check(ctx) {
      const db = ctx.pod('db');
      assert.equal(db.podSecurity.runAsNonRoot, undefined);
      assert.equal(db.podSecurity.runAsUser, undefined);
      assert.ok(db.main.securityContext?.capabilities?.add?.includes('SETUID'));
      assert.ok(db.comments.some((c) => /starts as root and drops privileges itself/.test(c)));
    },
  },
  {
    name: "a built image runs as its Dockerfile's USER: a number is enforced, a name is said to need one",
    compose: {
      'compose.yaml': `services:
  api:
    build: ./api
  worker:
    build: ./worker
  pinned:
    build: ./api
    user: "2000"
`,
      'api/Dockerfile': 'FROM node:20-slim\nUSER 1001:1001\n',
      'worker/Dockerfile': 'FROM node:20-slim\nUSER node\n',
    },
    check(ctx) {
      const api = ctx.pods.get('api')!.podSecurity;
      assert.equal(api.runAsUser, 1001);
      assert.equal(api.runAsNonRoot, true);
      assert.ok(
        ctx.pods.get('api')!.comments.some((c) => /uid 1001, fsGroup 1001 \(USER in api\/Dockerfile:2\)/.test(c)),
      );
      assert.equal(ctx.pods.get('worker')!.podSecurity.runAsNonRoot, undefined);
      assert.ok(
        ctx.pods.get('worker')!.comments.some((c) => /user "node" \(USER in worker\/Dockerfile:2\) is a name/.test(c)),
      );
      assert.equal(ctx.pods.get('pinned')!.podSecurity.runAsUser, 2000);
    },
  },
  {
    name: 'a sysctl outside the safe set is carried with a to-do to allow it on the nodes; safe ones need none',
    compose: `services:
  vpn:
    image: example/vpn:1.0
    sysctls:
      net.ipv4.conf.all.src_valid_mark: "1"
      net.ipv4.ip_unprivileged_port_start: "0"
  web:
    image: example/web:1.0
    sysctls:
      - net.ipv4.tcp_keepalive_time=600
`,
    check(ctx) {
      assert.deepEqual(ctx.pod('vpn').podSecurity.sysctls, [
        { name: 'net.ipv4.conf.all.src_valid_mark', value: '1' },
        { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' },
      ]);
      const todos = ctx.todo.filter((t) => /sysctl/.test(t));
      assert.equal(todos.length, 1);
      assert.match(
        todos[0] ?? '',
        /^vpn sets net\.ipv4\.conf\.all\.src_valid_mark: .*--allowed-unsafe-sysctls=net\.ipv4\.conf\.all\.src_valid_mark,.*SysctlForbidden/,
      );
      assert.match(ctx.pod('vpn').comments.join(' '), /src_valid_mark is not in the kubelet's safe set/);
      assert.match(ctx.pod('web').comments.join(' '), /all in the safe set/);
    },
  },
]);
