import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { brief, errorsOf, loadMem } from '../../test/helpers.js';

const two = (base: string, override: string) => {
  const r = loadMem({ 'compose.yaml': base, 'override.yaml': override }, { files: ['compose.yaml', 'override.yaml'] });
  assert.deepEqual(errorsOf(r.diagnostics), []);
  return r.project!;
};

describe('merging several -f files', () => {
  it('merges mappings key by key and replaces scalars', () => {
    const p = two(
      'services:\n  a:\n    image: x:1\n    restart: always\n',
      'services:\n  a:\n    image: x:2\n    user: "1000"\n',
    );
    assert.equal(p.services.a!.image, 'x:2');
    assert.equal(p.services.a!.restart, 'always');
    assert.equal(p.services.a!.user, '1000');
  });
  it('replaces command, entrypoint and healthcheck.test instead of appending', () => {
    const p = two(
      'services:\n  a:\n    image: x\n    command: [a, b]\n    entrypoint: sh\n    healthcheck:\n      test: [CMD, one]\n      retries: 3\n',
      'services:\n  a:\n    command: c\n    entrypoint: [bash, -c]\n    healthcheck:\n      test: [CMD, two]\n',
    );
    assert.deepEqual(p.services.a!.command, ['c']);
    assert.deepEqual(p.services.a!.entrypoint, ['bash', '-c']);
    assert.deepEqual(p.services.a!.healthcheck, { test: ['CMD', 'two'], retries: 3 });
  });
  it('merges ports by ip, target, published and protocol', () => {
    const p = two(
      'services:\n  a:\n    image: x\n    ports: ["8080:80", "443:443"]\n',
      'services:\n  a:\n    ports:\n      - "8080:80"\n      - target: 9000\n        published: 9000\n',
    );
    assert.deepEqual(
      p.services.a!.ports.map((x) => `${x.published}:${x.target}`),
      ['8080:80', '443:443', '9000:9000'],
    );
  });
  it('merges volumes by target: the override wins', () => {
    const p = two(
      'services:\n  a:\n    image: x\n    volumes: ["foo:/work", "/cache"]\nvolumes:\n  foo:\n  bar:\n',
      'services:\n  a:\n    volumes: ["bar:/work"]\n',
    );
    assert.deepEqual(
      p.services.a!.volumes.map((v) => `${v.source ?? ''}:${v.target}`),
      ['bar:/work', ':/cache'],
    );
  });
  it('merges secrets and configs by target', () => {
    const p = two(
      'services:\n  a:\n    image: x\n    secrets: [s1]\nsecrets:\n  s1: {file: ./s1}\n  s2: {file: ./s2}\n',
      'services:\n  a:\n    secrets:\n      - source: s2\n        target: s1\n',
    );
    assert.deepEqual(p.services.a!.secrets, [{ source: 's2', target: '/run/secrets/s1' }]);
  });
  it('merges environment and labels as mappings, list or map on either side', () => {
    const p = two(
      'services:\n  a:\n    image: x\n    environment: [A=1, B=2]\n    labels: {l1: a}\n',
      'services:\n  a:\n    environment:\n      B: "3"\n      C: "4"\n    labels: [l2=b]\n',
    );
    assert.deepEqual(p.services.a!.environment, { A: '1', B: '3', C: '4' });
    assert.deepEqual(p.services.a!.labels, { l1: 'a', l2: 'b' });
  });
  it('appends and de-duplicates simple lists (dns, expose, cap_add)', () => {
    const p = two(
      'services:\n  a:\n    image: x\n    dns: 1.1.1.1\n    expose: ["80"]\n    cap_add: [NET_ADMIN]\n',
      'services:\n  a:\n    dns: [8.8.8.8, 1.1.1.1]\n    expose: ["80", "81"]\n    cap_add: [SYS_TIME]\n',
    );
    assert.deepEqual(p.services.a!.dns, ['1.1.1.1', '8.8.8.8']);
    assert.deepEqual(p.services.a!.expose, ['80', '81']);
    assert.deepEqual(p.services.a!.cap_add, ['NET_ADMIN', 'SYS_TIME']);
  });
  it('merges depends_on given as a list in one file and a map in the other', () => {
    const p = two(
      'services:\n  a:\n    image: x\n    depends_on: [db]\n  db:\n    image: pg\n',
      'services:\n  a:\n    depends_on:\n      db:\n        condition: service_healthy\n',
    );
    assert.deepEqual(p.services.a!.depends_on, {
      db: { condition: 'service_healthy', required: true, restart: false },
    });
  });
  it('merges a string build with a build mapping', () => {
    const p = two('services:\n  a:\n    build: ./app\n', 'services:\n  a:\n    build:\n      target: prod\n');
    assert.equal(p.services.a!.build!.context, '/p/app');
    assert.equal(p.services.a!.build!.target, 'prod');
  });
  it('!reset removes a value and !override replaces it whole', () => {
    const p = two(
      'services:\n  a:\n    image: x\n    ports: ["8080:80"]\n    environment: {FOO: bar, KEEP: "1"}\n    dns: [1.1.1.1]\n',
      'services:\n  a:\n    ports: !override ["8443:443"]\n    environment:\n      FOO: !reset null\n    dns: !reset []\n',
    );
    assert.deepEqual(
      p.services.a!.ports.map((x) => `${x.published}:${x.target}`),
      ['8443:443'],
    );
    assert.deepEqual(p.services.a!.environment, { KEEP: '1' });
    assert.equal(p.services.a!.dns, undefined);
  });
  it('a later file adds services and top-level resources', () => {
    const p = two(
      'services:\n  a:\n    image: x\n',
      'services:\n  b:\n    image: y\n    volumes: [v:/v]\nvolumes:\n  v: {}\n',
    );
    assert.deepEqual(Object.keys(p.services), ['a', 'b']);
    assert.equal(p.volumes.v!.name, 'p_v');
  });
  it('keeps the position of overridden values in the override file', () => {
    const r = loadMem(
      {
        'compose.yaml': 'services:\n  a:\n    image: x\n',
        'override.yaml': 'services:\n  a:\n    volumes: [missing:/m]\n',
      },
      { files: ['compose.yaml', 'override.yaml'] },
    );
    assert.deepEqual(brief(errorsOf(r.diagnostics)), ['unknown-volume@3:15']);
    assert.equal(r.diagnostics[0]!.origin!.file, '/p/override.yaml');
  });
});
