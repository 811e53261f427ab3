import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { formatDuration, parseDuration, parsePortSpec, parseSize, parseVolumeSpec, shellSplit } from './syntax.js';

describe('port short syntax', () => {
  it('container port only', () => {
    assert.deepEqual(parsePortSpec('3000'), [{ target: 3000, protocol: 'tcp', mode: 'ingress' }]);
    assert.deepEqual(parsePortSpec(80), [{ target: 80, protocol: 'tcp', mode: 'ingress' }]);
  });
  it('host:container, protocol, host ip', () => {
    assert.deepEqual(parsePortSpec('8080:80'), [{ target: 80, published: '8080', protocol: 'tcp', mode: 'ingress' }]);
    assert.deepEqual(parsePortSpec('127.0.0.1:5433:5432/udp'), [
      { target: 5432, published: '5433', host_ip: '127.0.0.1', protocol: 'udp', mode: 'ingress' },
    ]);
    assert.deepEqual(parsePortSpec('127.0.0.1::80'), [
      { target: 80, host_ip: '127.0.0.1', protocol: 'tcp', mode: 'ingress' },
    ]);
    assert.deepEqual(parsePortSpec('[::1]:8080:80'), [
      { target: 80, published: '8080', host_ip: '::1', protocol: 'tcp', mode: 'ingress' },
    ]);
  });
  it('ranges expand one entry per port', () => {
    const r = parsePortSpec('9090-9092:8080-8082');
    assert.ok(Array.isArray(r));
    assert.deepEqual(
      r.map((p) => `${p.published}:${p.target}`),
      ['9090:8080', '9091:8081', '9092:8082'],
    );
    const single = parsePortSpec('9000-9010:80');
    assert.ok(Array.isArray(single));
    assert.equal(single[0]!.published, '9000-9010');
  });
  it('rejects what cannot be read', () => {
    assert.match(parsePortSpec('abc') as string, /not a number/);
    assert.match(parsePortSpec('80/icmp') as string, /unknown protocol/);
    assert.match(parsePortSpec('70000') as string, /outside/);
    assert.match(parsePortSpec('1:2:3:4') as string, /too many/);
    assert.match(parsePortSpec('8010-8000:80') as string, /ends before/);
  });
});

describe('volume short syntax', () => {
  it('named volume, bind mount, anonymous volume', () => {
    assert.deepEqual(parseVolumeSpec('data:/var/lib/data'), {
      type: 'volume',
      source: 'data',
      target: '/var/lib/data',
    });
    assert.deepEqual(parseVolumeSpec('./conf:/etc/app:ro'), {
      type: 'bind',
      source: './conf',
      target: '/etc/app',
      read_only: true,
      bind: { create_host_path: true },
    });
    assert.deepEqual(parseVolumeSpec('/data'), { type: 'volume', target: '/data' });
    assert.deepEqual(parseVolumeSpec('~/x:/x'), {
      type: 'bind',
      source: '~/x',
      target: '/x',
      bind: { create_host_path: true },
    });
  });
  it('SELinux, propagation and nocopy modes', () => {
    assert.deepEqual(parseVolumeSpec('/a:/b:z'), {
      type: 'bind',
      source: '/a',
      target: '/b',
      bind: { create_host_path: true, selinux: 'z' },
    });
    assert.deepEqual(parseVolumeSpec('/a:/b:ro,Z,rshared'), {
      type: 'bind',
      source: '/a',
      target: '/b',
      read_only: true,
      bind: { create_host_path: true, selinux: 'Z', propagation: 'rshared' },
    });
    assert.deepEqual(parseVolumeSpec('v:/b:nocopy'), {
      type: 'volume',
      source: 'v',
      target: '/b',
      volume: { nocopy: true },
    });
    assert.deepEqual(parseVolumeSpec('v:/b:rw,cached'), { type: 'volume', source: 'v', target: '/b' });
  });
  it('a Windows drive letter is part of the source', () => {
    assert.deepEqual(parseVolumeSpec('C:\\data:/data'), {
      type: 'bind',
      source: 'C:\\data',
      target: '/data',
      bind: { create_host_path: true },
    });
  });
  it('rejects unknown modes and empty parts', () => {
    assert.match(parseVolumeSpec('a:/b:bogus') as string, /unknown volume mode/);
    assert.match(parseVolumeSpec(':/b') as string, /SOURCE:TARGET/);
  });
});

describe('durations', () => {
  it('reads Go durations into milliseconds', () => {
    assert.equal(parseDuration('1m30s'), 90_000);
    assert.equal(parseDuration('300ms'), 300);
    assert.equal(parseDuration('1.5h'), 5_400_000);
    assert.equal(parseDuration('1h2m3s4ms'), 3_723_004);
    assert.equal(parseDuration('10'), 10_000);
    assert.equal(parseDuration(5), 5000);
    assert.equal(parseDuration('2us'), 0.002);
  });
  it('rejects the rest', () => {
    assert.equal(parseDuration('10x'), undefined);
    assert.equal(parseDuration('abc'), undefined);
    assert.equal(parseDuration(''), undefined);
    assert.equal(parseDuration('1m 30s'), undefined);
  });
  it('formats back in Go form', () => {
    assert.equal(formatDuration(90_000), '1m30s');
    assert.equal(formatDuration(3_600_000), '1h0m0s');
    assert.equal(formatDuration(500), '500ms');
    assert.equal(formatDuration(1500), '1.5s');
    assert.equal(formatDuration(0), '0s');
  });
});

describe('byte sizes', () => {
  it('reads Docker units, powers of 1024', () => {
    assert.equal(parseSize('512M'), 512 * 1024 ** 2);
    assert.equal(parseSize('1g'), 1024 ** 3);
    assert.equal(parseSize('1.5GB'), 1.5 * 1024 ** 3);
    assert.equal(parseSize('256k'), 262_144);
    assert.equal(parseSize('2Gi'), 2 * 1024 ** 3);
    assert.equal(parseSize(1024), 1024);
    assert.equal(parseSize('100'), 100);
  });
  it('rejects the rest', () => {
    assert.equal(parseSize('12 parsecs'), undefined);
    assert.equal(parseSize('-5m'), undefined);
    assert.equal(parseSize('m'), undefined);
  });
});

describe('shell words', () => {
  it('splits like a shell without expanding', () => {
    assert.deepEqual(shellSplit('redis-server --appendonly yes'), ['redis-server', '--appendonly', 'yes']);
    assert.deepEqual(shellSplit(`sh -c "echo 'hi there' && exit 0"`), ['sh', '-c', "echo 'hi there' && exit 0"]);
    assert.deepEqual(shellSplit(`a 'b c' d\\ e "f\\"g"`), ['a', 'b c', 'd e', 'f"g']);
    assert.deepEqual(shellSplit(`x "" y`), ['x', '', 'y']);
    assert.deepEqual(shellSplit('  '), []);
  });
  it('reports an unclosed quote', () => {
    assert.match(shellSplit(`echo "oops`) as string, /unclosed/);
  });
});
