import assert from 'node:assert/strict';
import { after, before, describe, it } from '../../harness.js';
import { LOCAL } from '../../../src/io/exec.js';
import { rabbitmqEngine } from '../../../src/migrate/engines/rabbitmq.js';
import { migrateOne } from '../../../src/migrate/run.js';
import { startRabbitmq, type Server } from '../../servers.js';

async function put(s: Server, path: string, body: object, method = 'PUT'): Promise<void> {
  const u = new URL(s.url);
  const r = await fetch(`http://${u.host}/api/${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  assert.ok(r.ok, `${path}: ${r.status} ${await r.text()}`);
}

async function get(s: Server, path: string): Promise<any> {
  const u = new URL(s.url);
  const r = await fetch(`http://${u.host}/api/${path}`, {
    headers: { authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}` },
  });
  assert.ok(r.ok, `${path}: ${r.status}`);
  return r.json();
}

async function del(s: Server, path: string): Promise<void> {
  const u = new URL(s.url);
  const r = await fetch(`http://${u.host}/api/${path}`, {
    method: 'DELETE',
    headers: { authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}` },
  });
  assert.ok(r.ok, `${path}: ${r.status}`);
}

const at = (s: Server) => ({ url: s.url, transport: LOCAL });

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

  it('the target keeps its own cluster name', async () => {
    const [a, b] = await Promise.all([get(src, 'overview'), get(dst, 'overview')]);
    assert.notEqual(b.cluster_name, a.cluster_name);
  });

  it('the same broker under another host name is refused, even with --force', async () => {
    await assert.rejects(
      migrateOne(
        'rabbitmq',
        'rabbitmq',
        at(src),
        { url: src.url.replace('127.0.0.1', 'localhost'), transport: LOCAL },
        {
          force: true,
        },
      ),
      /are the same/,
    );
  });

  it('verify compares what each object says: a queue argument or a policy changed on the target is named', async () => {
    await del(dst, 'queues/songnodes/enrichment');
    await put(dst, 'queues/songnodes/enrichment', {
      durable: true,
      arguments: { 'x-queue-type': 'classic', 'x-max-length': 10 },
    });
    await put(dst, 'bindings/songnodes/e/tracks/q/enrichment', { routing_key: 'track.*' }, 'POST');
    await put(dst, 'policies/songnodes/ttl', {
      pattern: '^scraping$',
      definition: { 'message-ttl': 1 },
      'apply-to': 'queues',
    });
    const v = await rabbitmqEngine.verify(at(src), at(dst));
    assert.equal(v.ok, false);
    const bad = new Map(v.items.filter((i) => !i.equal).map((i) => [i.object, i.target]));
    assert.match(bad.get('queues') ?? '', /1 defined differently: songnodes\/enrichment/);
    assert.match(bad.get('policies') ?? '', /1 defined differently: songnodes\/ttl/);
  });

  it('--force replaces a queue defined differently on the target; then it verifies equal', async () => {
    const r = await migrateOne('rabbitmq', 'rabbitmq', at(src), at(dst), { force: true });
    assert.ok(r.ok, r.verdict);
    assert.ok(r.outcome!.notes.some((n) => /queue songnodes\/enrichment was defined differently/.test(n)));
    const q = await get(dst, 'queues/songnodes/enrichment');
    assert.equal(q.arguments['x-max-length'], undefined);
  });

  it('messages still queued at the source fail verification, with their count', async () => {
    await put(
      src,
      'exchanges/songnodes/amq.default/publish',
      { properties: {}, routing_key: 'scraping', payload: 'job', payload_encoding: 'string' },
      'POST',
    );
    // The management API counts messages every few seconds.
    let v = await rabbitmqEngine.verify(at(src), at(dst));
    for (let i = 0; i < 40 && v.ok; i++) {
      await new Promise((r) => setTimeout(r, 500));
      v = await rabbitmqEngine.verify(at(src), at(dst));
    }
    assert.equal(v.ok, false);
    const m = v.items.find((i) => i.object.startsWith('messages left'));
    assert.equal(m?.equal, false);
    assert.match(m?.source ?? '', /^1 in songnodes\/scraping/);
  });
});
