import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { findReferences } from './graph.js';

const names = new Map([
  ['postgres', 'postgres'],
  ['sb-kafka', 'sb-kafka'],
  ['redis', 'redis'],
  ['db-alias', 'postgres'],
  ['somabrain', 'somabrain'],
]);
const refs = (value: string, variable?: string) =>
  findReferences(value, names, variable).map((r) => `${r.to}${r.port ? `:${r.port}` : ''}`);

describe('references to services inside values', () => {
  it('URLs, with credentials and ports', () => {
    assert.deepEqual(refs('postgresql://u:pw@postgres:5432/musicdb'), ['postgres:5432']);
    assert.deepEqual(refs('redis://redis/0'), ['redis']);
    assert.deepEqual(refs('http://db-alias:8080/x'), ['postgres:8080']);
  });
  it('host:port pairs, in lists and flags', () => {
    assert.deepEqual(refs('sb-kafka:9092'), ['sb-kafka:9092']);
    assert.deepEqual(refs('redis:6379,sb-kafka:9092'), ['redis:6379', 'sb-kafka:9092']);
    assert.deepEqual(refs('--advertise-kafka-addr=PLAINTEXT://sb-kafka:9092'), ['sb-kafka:9092']);
  });
  it('a bare host name only in a variable named like a host', () => {
    assert.deepEqual(refs('postgres', 'DB_POSTGRES_HOST'), ['postgres']);
    assert.deepEqual(refs('somabrain', 'POSTGRES_DB'), []);
    assert.deepEqual(refs('postgres', undefined), []);
  });
  it('-h and --host flags in commands', () => {
    assert.deepEqual(refs('pg_dump -h postgres -U x'), ['postgres']);
    assert.deepEqual(refs('psql --host=postgres'), ['postgres']);
  });
  it('ignores names that are not services, versions and IPs', () => {
    assert.deepEqual(refs('http://example.com:80/'), []);
    assert.deepEqual(refs('10.0.0.1:5432'), []);
    assert.deepEqual(refs('image:1.2.3'), []);
  });
});
