import assert from 'node:assert/strict';
import { passCases } from '../../../test/pass-cases.js';

const postgres = `services:
  db:
    image: postgres:16
    environment: {POSTGRES_USER: app, POSTGRES_DB: shop, POSTGRES_PASSWORD: Xq9vL2mT8rW4zK7p}
    volumes: [pgdata:/var/lib/postgresql/data]
volumes:
  pgdata: {}
`;

passCases('backup', [
  {
    name: 'a database gets a daily dump CronJob with its own image, credentials from its Secret, into its own claim',
    compose: postgres,
    check(ctx) {
      const cron = ctx.one('CronJob', 'db-backup');
      const pod = cron.spec.jobTemplate.spec.template.spec;
      const c = pod.containers[0];
      assert.equal(c.image, 'postgres:16');
      assert.match(c.command.join(' '), /pg_dump -Fc -h db /);
      assert.ok(!JSON.stringify(cron).includes('Xq9vL2mT8rW4zK7p'), 'no password in the CronJob');
      assert.ok(c.envFrom.some((e: any) => e.secretRef?.name === 'db-env'));
      assert.equal(ctx.one('PersistentVolumeClaim', 'db-backups').spec.accessModes[0], 'ReadWriteOnce');
    },
  },
  {
    name: '--no-backup: none',
    compose: postgres,
    options: { backups: false },
    check(ctx) {
      assert.equal(ctx.all('CronJob').length, 0);
    },
  },
  {
    name: 'a stateless service or an engine without a dump tool gets none',
    compose: `services:
  web:
    image: nginx:1.27
  mq:
    image: rabbitmq:3.13-management
    volumes: [mq:/var/lib/rabbitmq]
volumes:
  mq: {}
`,
    check(ctx) {
      assert.equal(ctx.all('CronJob').length, 0);
    },
  },
]);
