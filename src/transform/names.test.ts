import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { dataKey, dnsLabel, portName } from './names.js';

describe('Kubernetes names', () => {
  it('keeps valid names', () => {
    assert.equal(dnsLabel('rest-api'), 'rest-api');
    assert.equal(dnsLabel('postgres'), 'postgres');
  });
  it('lowercases, and turns underscores into dashes without a hash', () => {
    assert.equal(dnsLabel('Start_Dependencies'), 'start-dependencies');
  });
  it('replaces other characters and adds a hash so names never collide', () => {
    const a = dnsLabel('my.service');
    const b = dnsLabel('my-service');
    assert.match(a, /^my-service-[0-9a-f]{5}$/);
    assert.notEqual(a, b);
  });
  it('cuts long names to 63 with a hash', () => {
    const long = 'a'.repeat(80);
    const out = dnsLabel(long);
    assert.ok(out.length <= 63);
    assert.match(out, /^a+-[0-9a-f]{5}$/);
    assert.ok(dnsLabel('x'.repeat(80), 52).length <= 52);
  });
  it('always starts with a letter or digit', () => {
    assert.match(dnsLabel('_private'), /^[a-z0-9]/);
    assert.match(dnsLabel('---'), /^[a-z0-9]/);
  });
  it('port names and data keys', () => {
    assert.equal(portName(5432, 'tcp'), 'tcp-5432');
    assert.equal(portName(53, 'udp'), 'udp-53');
    assert.ok(portName(65535, 'sctp').length <= 15);
    assert.equal(dataKey('nginx.conf'), 'nginx.conf');
    assert.equal(dataKey('a b/c'), 'a_b_c');
  });
});
