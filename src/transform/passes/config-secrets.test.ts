import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

passCases('config-secrets', [
  {
    name: 'a password goes to the Secret and never the ConfigMap; both are read with envFrom',
    compose: `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: Xq9vL2mT8rW4zK7p
`,
    check(ctx) {
      const cm = ctx.one('ConfigMap', 'db-env');
      const secret = ctx.one('Secret', 'db-env');
      assert.deepEqual(cm.data, { POSTGRES_USER: 'app' });
      assert.deepEqual(secret.stringData, { POSTGRES_PASSWORD: 'Xq9vL2mT8rW4zK7p' });
      assert.ok(!JSON.stringify(cm).includes('Xq9vL2mT8rW4zK7p'));
      assert.ok(ctx.objects.find((o) => o.file === 'secret-env')?.secret, 'the Secret goes to the ignored file');
      assert.deepEqual(ctx.pod('db').main.envFrom, [
        { configMapRef: { name: 'db-env' } },
        { secretRef: { name: 'db-env' } },
      ]);
    },
  },
  {
    name: 'a variable left empty by the shell is reported, and a secret one becomes a to-do',
    compose: `services:
  api:
    image: example/api:1.0
    environment: [API_TOKEN, LOG_LEVEL]
`,
    check(ctx) {
      assert.deepEqual(
        ctx.notCarried.map((n) => n.key),
        ['environment.API_TOKEN', 'environment.LOG_LEVEL'],
      );
      assert.ok(ctx.todo.includes('Provide API_TOKEN for api in the Secret api-env'));
      assert.equal(ctx.all('Secret').length, 0);
    },
  },
  {
    name: 'a host name in a value follows a renamed service; a name that only contains it does not change',
    compose: `services:
  my_db:
    image: postgres:16
  app:
    image: example/app:1.0
    environment:
      DATABASE_HOST: my_db
      DATABASE_URL: postgres://u@my_db:5432/app
      OTHER: my_dbx
`,
    check(ctx) {
      assert.deepEqual(ctx.one('ConfigMap', 'app-env').data, {
        DATABASE_HOST: 'my-db',
        DATABASE_URL: 'postgres://u@my-db:5432/app',
        OTHER: 'my_dbx',
      });
    },
  },
  {
    name: 'a variable name that is not a valid ConfigMap key is mapped one by one',
    compose: `services:
  app:
    image: example/app:1.0
    environment:
      "spring.profiles active": prod
`,
    check(ctx) {
      const cm = ctx.one('ConfigMap', 'app-env');
      const [key] = Object.keys(cm.data as object);
      assert.match(key ?? '', /^[-._a-zA-Z0-9]+$/);
      assert.deepEqual(ctx.pod('app').main.env, [
        { name: 'spring.profiles active', valueFrom: { configMapKeyRef: { name: 'app-env', key } } },
      ]);
    },
  },
  {
    name: 'a Compose secret from a file becomes a Secret mounted where Compose mounts it',
    compose: {
      'compose.yaml': `services:
  app:
    image: example/app:1.0
    secrets: [db_password]
secrets:
  db_password:
    file: ./db_password.txt
`,
      'db_password.txt': 'Xq9vL2mT8rW4zK7p\n',
    },
    check(ctx) {
      const s = ctx.one('Secret', 'secret-db-password');
      assert.deepEqual(Object.values((s.stringData ?? s.data) as object), ['Xq9vL2mT8rW4zK7p\n']);
      const mount = ctx.pod('app').main.volumeMounts?.find((m) => m.mountPath === '/run/secrets/db_password');
      assert.ok(mount, 'mounted at /run/secrets/db_password');
    },
  },
  {
    name: "a Compose secret whose file is missing becomes a to-do with the command, in the pods' namespace, not an empty Secret",
    compose: `services:
  app:
    image: example/app:1.0
    secrets: [api_key]
secrets:
  api_key:
    file: ./missing.txt
`,
    check(ctx) {
      assert.equal(ctx.all('Secret').length, 0);
      assert.ok(ctx.todo.some((t) => /Create the Secret secret-api-key .* \(the file was not found\)/.test(t)));
      assert.ok(
        ctx.todo.some((t) =>
          t.endsWith('kubectl -n p create secret generic secret-api-key --from-file=api_key=./missing.txt'),
        ),
        ctx.todo.join('\n'),
      );
    },
  },
  {
    name: 'a fixed Compose address in a URL or host:port becomes the Service name; one a program needs as an address is a to-do',
    compose: `services:
  web:
    image: example/web:1.0
    environment:
      API_URL: http://172.30.0.10:8080/v1
      UPSTREAM: 172.30.0.10:8080
      DNS_SERVERS: 172.30.0.10#53;1.1.1.1
      OTHER: 172.30.0.100:9
    command: ["--api", "http://172.30.0.10:8080"]
    dns: [172.30.0.10]
    networks: [back]
  api:
    image: example/api:1.0
    networks:
      back:
        ipv4_address: 172.30.0.10
networks:
  back:
    ipam:
      config: [{ subnet: 172.30.0.0/24 }]
`,
    check(ctx) {
      const data = ctx.one('ConfigMap', 'web-env').data;
      assert.equal(data.API_URL, 'http://api:8080/v1');
      assert.equal(data.UPSTREAM, 'api:8080');
      assert.equal(data.DNS_SERVERS, '172.30.0.10#53;1.1.1.1');
      assert.equal(data.OTHER, '172.30.0.100:9', 'another address that merely starts the same is left alone');
      assert.ok(
        ctx.todo.some((t) => /web's DNS_SERVERS names api by its fixed Compose address 172\.30\.0\.10/.test(t)),
        ctx.todo.join('\n'),
      );
      assert.ok(!ctx.todo.some((t) => /OTHER|API_URL/.test(t)));
      assert.ok(ctx.notCarried.some((n) => n.service === 'api' && n.key === 'networks.back.ipv4_address'));
      assert.ok(
        ctx.notCarried.some((n) => n.service === 'web' && n.key === 'dns' && /resolve through api/.test(n.why)),
      );
    },
  },
]);
