import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

passCases('assemble', [
  {
    name: 'the Namespace enforces baseline and warns restricted; a privileged service lowers it to privileged',
    compose: `services:
  web:
    image: example/web:1.0
`,
    check(ctx) {
      const labels = ctx.one('Namespace', 'p').metadata.labels;
      assert.equal(labels['pod-security.kubernetes.io/enforce'], 'baseline');
      assert.equal(labels['pod-security.kubernetes.io/warn'], 'restricted');
    },
  },
  {
    name: 'a privileged service makes the Namespace privileged, and says so',
    compose: `services:
  vpn:
    image: example/vpn:1.0
    privileged: true
`,
    check(ctx) {
      assert.equal(ctx.one('Namespace', 'p').metadata.labels['pod-security.kubernetes.io/enforce'], 'privileged');
    },
  },
  {
    name: 'a StatefulSet names its headless Service and carries its claim templates',
    compose: `services:
  db:
    image: postgres:16
    volumes: [pgdata:/var/lib/postgresql/data]
volumes:
  pgdata: {}
`,
    check(ctx) {
      const sts = ctx.one('StatefulSet', 'db');
      assert.equal(sts.spec.serviceName, 'db-headless');
      assert.deepEqual(
        sts.spec.volumeClaimTemplates.map((c: any) => c.metadata.name),
        ['pgdata'],
      );
      assert.deepEqual(
        sts.spec.selector.matchLabels,
        sts.spec.template.metadata.labels && ctx.selector(ctx.pod('db').workload),
      );
    },
  },
  {
    name: 'a sidecar (network_mode service:) is a second container of its host pod; a one-shot job its last init container',
    compose: `services:
  app:
    image: example/app:1.0
    depends_on: {migrate: {condition: service_completed_successfully}}
  proxy:
    image: example/proxy:1.0
    network_mode: "service:app"
  migrate:
    image: example/app:1.0
    restart: "no"
`,
    check(ctx) {
      const app = ctx.one('Deployment', 'app').spec.template.spec;
      assert.deepEqual(
        app.containers.map((c: any) => c.name),
        ['app', 'proxy'],
      );
      assert.equal(app.initContainers.at(-1).name, 'migrate');
      assert.equal(ctx.all('Deployment').length, 1);
      assert.equal(ctx.all('Job').length, 0);
    },
  },
]);
