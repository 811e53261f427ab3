import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

passCases('wait-for', [
  {
    name: 'depends_on becomes an init container that waits for the Service port, as an unprivileged user',
    compose: `services:
  db:
    image: postgres:16
  api:
    image: example/api:1.0
    depends_on: {db: {condition: service_healthy}}
`,
    check(ctx) {
      const [wait, ...more] = ctx.pod('api').initContainers;
      assert.equal(more.length, 0);
      assert.equal(wait?.name, 'wait-for-db');
      assert.match(wait?.command?.[2] ?? '', /until nc -z -w 2 db 5432/);
      assert.equal(wait?.securityContext?.runAsNonRoot, true);
      assert.equal(wait?.securityContext?.allowPrivilegeEscalation, false);
      assert.ok(ctx.pod('api').comments.some((c) => /Waits for db \(healthy\)/.test(c)));
    },
  },
  {
    name: 'a renamed dependency is waited for by its Kubernetes name',
    compose: `services:
  my_db:
    image: postgres:16
  api:
    image: example/api:1.0
    depends_on: [my_db]
`,
    check(ctx) {
      assert.match(ctx.pod('api').initContainers[0]?.command?.[2] ?? '', /nc -z -w 2 my-db 5432/);
    },
  },
  {
    name: 'nothing to wait for on a dependency without ports, or on a Job: said in a comment',
    compose: `services:
  worker:
    image: example/worker:1.0
  seed:
    image: example/app:1.0
    restart: "no"
  api:
    image: example/api:1.0
    depends_on: [worker, seed]
  other:
    image: example/api:1.0
    depends_on: {seed: {condition: service_completed_successfully}}
`,
    check(ctx) {
      const api = ctx.pod('api');
      assert.deepEqual(api.initContainers, []);
      assert.ok(api.comments.some((c) => /Depends on worker, which listens on no port/.test(c)));
      assert.ok(api.comments.some((c) => /seed is a Job/.test(c)));
    },
  },
  {
    name: '--wait-image sets the image of every wait container',
    compose: `services:
  db:
    image: postgres:16
  api:
    image: example/api:1.0
    depends_on: [db]
`,
    options: { waitImage: 'registry.local/busybox:1.36.1' },
    check(ctx) {
      assert.equal(ctx.pod('api').initContainers[0]?.image, 'registry.local/busybox:1.36.1');
    },
  },
]);
