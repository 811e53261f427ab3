import assert from 'node:assert/strict';
import { after, before, describe, it } from '../../harness.js';
import { LOCAL } from '../../../src/io/exec.js';
import { rabbitmqEngine } from '../../../src/migrate/engines/rabbitmq.js';
import { migrateOne } from '../../../src/migrate/run.js';
import { startRabbitmq, type Server } from '../../servers.js';

async function put(s: Server, path: string, body: object): Promise<void> {
  const u = new URL(s.url);
  const r = await fetch(`http://${u.host}/api/${path}`, {
    method: 'PUT',
    headers: {
      authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  assert.ok(r.ok, `${path}: ${r.status} ${await r.text()}`);
}

describe('rabbitmq engine with real brokers (management API)', () => {
  let src: Server;
  let dst: Server;
  before(async () => {
    [src, dst] = await Promise.all([startRabbitmq(), startRabbitmq()]);
    await put(src, 'vhosts/songnodes', {});
    await put(src, 'users/musicdb', { password: 'rabbit_dev_pw', tags: 'management' });
    await put(src, 'permissions/songnodes/musicdb', { configure: '.*', write: '.*', read: '.*' });
    await put(src, 'exchanges/songnodes/tracks', { type: 'topic', durable: true });
    await put(src, 'queues/songnodes/enrichment', { durable: true, arguments: { 'x-queue-type': 'classic' } });
    await put(src, 'queues/songnodes/scraping', { durable: true });
    await put(src, 'policies/songnodes/ttl', {
      pattern: '^scraping$',
      definition: { 'message-ttl': 60000 },
      'apply-to': 'queues',
    });
    const u = new URL(src.url);
    const r = await fetch(`http://${u.host}/api/bindings/songnodes/e/tracks/q/enrichment`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ routing_key: 'track.*' }),
    });
    assert.ok(r.ok);
  });
  after(async () => Promise.all([src?.stop(), dst?.stop()]));

  it('moves vhosts, users, permissions, exchanges, queues, bindings, policies; verified equal', async () => {
    const r = await migrateOne(
      'rabbitmq',
      'rabbitmq',
      { url: src.url, transport: LOCAL },
      { url: dst.url, transport: LOCAL },
      {},
    );
    assert.ok(r.ok, r.verdict);
    const items = new Map(r.verification!.items.map((i) => [i.object, i]));
    assert.equal(items.get('queues')!.target, '2');
    assert.equal(items.get('bindings')!.target, '1');
    assert.equal(items.get('policies')!.target, '1');
    assert.ok(r.outcome!.notes[0]!.includes('messages were not moved'));
  });
  it('refuses the target now that it holds definitions; wrong password is a 401 in plain words', async () => {
    await assert.rejects(
      migrateOne('rabbitmq', 'rabbitmq', { url: src.url, transport: LOCAL }, { url: dst.url, transport: LOCAL }, {}),
      /already holds/,
    );
    await assert.rejects(
      rabbitmqEngine.inspect({ url: dst.url.replace('guest:guest', 'guest:wrong'), transport: LOCAL }),
      /401 \(wrong user or password\)/,
    );
  });
});
