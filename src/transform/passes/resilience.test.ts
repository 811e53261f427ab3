import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

passCases('resilience', [
  {
    name: 'two or more replicas: a PDB allowing one down; one replica: none, which would block every drain',
    compose: `services:
  api:
    image: example/api:1.0
    deploy: {replicas: 3}
  db:
    image: postgres:16
    volumes: [pgdata:/var/lib/postgresql/data]
volumes:
  pgdata: {}
`,
    check(ctx) {
      const pdbs = ctx.all('PodDisruptionBudget');
      assert.deepEqual(
        pdbs.map((p) => [p.metadata.name, p.spec.maxUnavailable]),
        [['api', 1]],
      );
      assert.deepEqual(pdbs[0]?.spec.selector.matchLabels, ctx.selector(ctx.pod('api').workload));
      assert.ok(ctx.pod('db').comments.some((c) => /One replica: no PodDisruptionBudget/.test(c)));
    },
  },
  {
    name: 'an unpinned image is pulled Always, a pinned one IfNotPresent',
    compose: `services:
  a:
    image: example/a
  b:
    image: example/b:latest
  c:
    image: example/c:1.2.3
`,
    check(ctx) {
      assert.equal(ctx.pod('a').main.imagePullPolicy, 'Always');
      assert.equal(ctx.pod('b').main.imagePullPolicy, 'Always');
      assert.equal(ctx.pod('c').main.imagePullPolicy, 'IfNotPresent');
    },
  },
]);
