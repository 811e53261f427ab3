import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../helpers.js';
import { after, before, describe, it } from '../../harness.js';
import { LOCAL } from '../../../src/io/exec.js';
import { migrateOne } from '../../../src/migrate/run.js';
import { compareMoved } from '../../../src/migrate/engines/rabbitmq-messages.js';
import { startRabbitmq, type Server } from '../../servers.js';

/**
 * `--move-messages`: the target broker pulls the queued messages with shovels. Real brokers: a source
 * with messages in two virtual hosts, a target with the shovel plugin, and one without it.
 */
type Broker = Server & { readonly amqpUrl: string };
const auth = { authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}` };

async function api(s: Server, path: string, method = 'GET', body?: object): Promise<any> {
  const r = await fetch(`http://${new URL(s.url).host}/api/${path}`, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const publish = async (s: Server, vhost: string, queue: string, n: number) => {
  for (let i = 0; i < n; i++)
    await api(s, `exchanges/${encodeURIComponent(vhost)}/amq.default/publish`, 'POST', {
      properties: { delivery_mode: 2 },
      routing_key: queue,
      payload: `${queue} message ${i}`,
      payload_encoding: 'string',
    });
};

/** Waits until the API's statistics show `n` messages in the queue (they lag by the statistics interval). */
async function counted(s: Server, vhost: string, queue: string, n: number): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const q = await api(s, `queues/${encodeURIComponent(vhost)}/${encodeURIComponent(queue)}`);
    if (Number(q.messages ?? -1) === n) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`${vhost}/${queue} never showed ${n} messages`);
}

const at = (s: Server) => ({ url: s.url, transport: LOCAL });

describe('RabbitMQ --move-messages: shovels on the target pull the queued messages', () => {
  let src: Broker;
  let dst: Broker;
  let bare: Broker;
  before(async () => {
    [src, dst, bare] = await Promise.all([
      startRabbitmq(),
      startRabbitmq(['rabbitmq_shovel', 'rabbitmq_shovel_management']),
      startRabbitmq(),
    ]);
    await api(src, 'vhosts/songnodes', 'PUT', {});
    await api(src, 'permissions/songnodes/guest', 'PUT', { configure: '.*', write: '.*', read: '.*' });
    await api(src, 'queues/songnodes/scraping', 'PUT', { durable: true });
    await api(src, 'queues/%2F/emails', 'PUT', { durable: true });
    await api(src, 'queues/%2F/idle', 'PUT', { durable: true });
    await publish(src, 'songnodes', 'scraping', 30);
    await publish(src, '/', 'emails', 12);
    await counted(src, 'songnodes', 'scraping', 30);
    await counted(src, '/', 'emails', 12);
  });
  after(async () => Promise.all([src?.stop(), dst?.stop(), bare?.stop()]));

  it('a target without the shovel plugin is told how to enable it; the source keeps its messages', async () => {
    const r = await migrateOne('queue', 'rabbitmq', at(src), at(bare), { moveMessages: src.amqpUrl });
    assert.equal(r.ok, false);
    assert.match(r.verdict, /enable its shovel plugin first .*rabbitmq-plugins enable rabbitmq_shovel/);
    await counted(src, 'songnodes', 'scraping', 30);
    await counted(src, '/', 'emails', 12);
  });

  it('a source the target cannot log in to stops the move; shovels removed, messages still at the source, no password shown', async () => {
    const wrong = src.amqpUrl.replace('guest:guest', 'guest:not-the-password');
    const r = await migrateOne('queue', 'rabbitmq', at(src), at(dst), {
      moveMessages: wrong,
      moveConnectTimeoutMs: 4000,
    });
    assert.equal(r.ok, false, r.verdict);
    assert.match(r.verdict, /has not connected in \d+ s: can the target broker reach amqp:\/\/guest:\*\*\*@/);
    assert.match(r.verdict, /The shovels were removed/);
    assert.doesNotMatch(r.verdict, /not-the-password/);
    const left = (await api(dst, 'parameters/shovel')) as unknown[];
    assert.equal(left.length, 0, 'no shovel left on the target');
    await counted(src, 'songnodes', 'scraping', 30);
    await counted(src, '/', 'emails', 12);
  });

  it('moves every queued message into the same queue on the target; verified by count per queue', async () => {
    const r = await migrateOne('queue', 'rabbitmq', at(src), at(dst), {
      force: true,
      moveMessages: src.amqpUrl,
    });
    assert.ok(r.ok, `${r.verdict}\n${JSON.stringify(r.verification?.items.filter((i) => !i.equal))}`);
    const moved = r.verification?.items.find((i) => i.object.startsWith('messages moved'));
    assert.deepEqual([moved?.source, moved?.target, moved?.equal], ['42', '42', true]);
    assert.equal(r.verification?.items.find((i) => i.object.startsWith('messages left'))?.source, '0');
    await counted(dst, 'songnodes', 'scraping', 30);
    await counted(dst, '/', 'emails', 12);
    await counted(src, 'songnodes', 'scraping', 0);
    // The messages themselves, in order, as published.
    const got = (await api(dst, 'queues/%2F/emails/get', 'POST', {
      count: 2,
      ackmode: 'ack_requeue_true',
      encoding: 'auto',
    })) as { payload: string }[];
    assert.deepEqual(
      got.map((m) => m.payload),
      ['emails message 0', 'emails message 1'],
    );
    assert.equal(((await api(dst, 'parameters/shovel')) as unknown[]).length, 0, 'the shovels deleted themselves');
  });

  it('messages lost on the target after the move are a difference, naming the queue', async () => {
    await api(dst, 'queues/%2F/emails/contents', 'DELETE');
    // The API shows the purge once its statistics catch up (slower on a loaded machine than the
    // wait compareMoved makes): what is tested here is that a difference is named.
    await counted(dst, '/', 'emails', 0);
    const c = await compareMoved(at(dst), {
      queues: [
        { key: 'songnodes/scraping', moved: 30, targetBefore: 0 },
        { key: '//emails', moved: 12, targetBefore: 0 },
      ],
    });
    assert.equal(c.equal, false);
    assert.match(c.target, /^30 \(differs in \/\/emails\)$/);
  });

  it('the CLI takes the AMQP URL with ${VAR} from the environment, and --dry-run shows the shovels without the password', () => {
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'dist', 'stevedore.js'),
        'migrate',
        'run',
        '--dry-run',
        '--from',
        'http://guest:guest@127.0.0.1:15672',
        '--to',
        'http://guest:guest@127.0.0.1:25672',
        '--move-messages',
        'amqp://app:${RABBIT_PW}@compose-host:5672',
      ],
      { encoding: 'utf8', env: { ...process.env, RABBIT_PW: 'hunter2' } },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /parameters\/shovel\/<vhost>\/stevedore-move-<queue> \(from amqp:\/\/app:\*\*\*@compose-host:5672/,
    );
    assert.doesNotMatch(r.stdout + r.stderr, /hunter2/);
  });
});
