import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

const nsOf = (ctx: { objects: readonly { namespace?: string; object: unknown }[] }, kind: string, name: string) =>
  ctx.objects
    .filter((e) => {
      const o = e.object as { kind?: string; metadata?: { name?: string } };
      return o.kind === kind && o.metadata?.name === name;
    })
    .map((e) => e.namespace)
    .sort();

passCases('cross-namespace', [
  {
    name: 'a Compose secret and a config file read on both sides are written to both namespaces',
    compose: {
      'compose.yaml': `services:
  web:
    image: example/web:1.0
    secrets: [api_key]
    configs: [settings]
  vpn:
    image: example/vpn:1.0
    cap_add: [NET_ADMIN]
    secrets: [api_key]
    configs: [settings]
secrets:
  api_key:
    file: ./api_key.txt
configs:
  settings:
    file: ./settings.ini
`,
      'api_key.txt': 's3cr3t-value\n',
      'settings.ini': 'mode=fast\n',
    },
    check(ctx) {
      const secret = ctx.objects.find((e) => (e.object as { kind?: string }).kind === 'Secret');
      const name = (secret?.object as unknown as { metadata: { name: string } }).metadata.name;
      assert.deepEqual(nsOf(ctx, 'Secret', name), ['p', 'p-privileged']);
      const copies = ctx.objects.filter((e) => (e.object as { kind?: string }).kind === 'Secret');
      assert.ok(
        copies.every((c) => c.secret),
        'both copies go to the git-ignored secrets file',
      );
      const cm = ctx.objects.find(
        (e) =>
          (e.object as { kind?: string; data?: Record<string, string> }).kind === 'ConfigMap' &&
          Object.values((e.object as { data?: Record<string, string> }).data ?? {}).includes('mode=fast\n'),
      );
      assert.ok(cm, 'the config file is a ConfigMap');
      const cmName = (cm.object as unknown as { metadata: { name: string } }).metadata.name;
      assert.deepEqual(nsOf(ctx, 'ConfigMap', cmName), ['p', 'p-privileged']);
    },
  },
  {
    name: 'a volume mounted on both sides cannot be one claim in two namespaces: a to-do says so',
    compose: `services:
  web:
    image: example/web:1.0
    volumes: [uploads:/srv/uploads]
  vpn:
    image: example/vpn:1.0
    cap_add: [SYS_MODULE]
    volumes: [uploads:/data]
volumes:
  uploads: {}
`,
    check(ctx) {
      assert.ok(
        ctx.todo.some((t) => /mounts claim .*uploads.* a claim cannot be shared across namespaces/.test(t)),
        ctx.todo.join('\n'),
      );
    },
  },
  {
    name: 'one namespace: nothing is copied and no ExternalName is made',
    compose: `services:
  web:
    image: example/web:1.0
    environment: [API=http://api:8080]
  api:
    image: example/api:1.0
    expose: ["8080"]
`,
    check(ctx) {
      assert.equal(ctx.all('Service').filter((s) => s.spec?.type === 'ExternalName').length, 0);
      assert.deepEqual(nsOf(ctx, 'Deployment', 'api'), ['p']);
    },
  },
  {
    name: "a to-do's kubectl command names the namespace its service runs in",
    compose: `services:
  web:
    image: example/web:1.0
    volumes: [./missing/web.conf:/etc/web.conf:ro]
  vpn:
    image: example/vpn:1.0
    cap_add: [NET_ADMIN]
    ports: ["51820:51820/udp"]
    volumes: [./missing/vpn.conf:/etc/vpn.conf:ro]
`,
    check(ctx) {
      const about = (needle: string) => ctx.todo.filter((t) => t.includes(needle));
      assert.match(about('vpn.conf').join('\n'), /kubectl -n p-privileged create configmap/);
      assert.match(about('web.conf').join('\n'), /kubectl -n p create configmap/);
      assert.match(about('Service vpn-public').join('\n'), /kubectl -n p-privileged get service vpn-public/);
    },
  },
]);
