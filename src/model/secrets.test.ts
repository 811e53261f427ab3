import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { classifyEnv, looksRandom, sensitiveByName, urlWithPassword, weakDefault } from './secrets.js';

describe('secret classification', () => {
  it('by name', () => {
    for (const n of [
      'POSTGRES_PASSWORD',
      'JWT_SECRET',
      'DISCOGS_TOKEN',
      'STRIPE_API_KEY',
      'MINIO_SECRET_KEY',
      'STORAGE_MINIO_ACCESS_KEY',
      'DATABASE_DSN',
      'SPOTIFY_CLIENT_SECRET',
      'NEO4J_AUTH',
      'RABBITMQ_DEFAULT_PASS',
      'N8N_ENCRYPTION_KEY',
      'GF_SECURITY_ADMIN_PASSWORD',
      'PGPASSWORD',
      'ANTHROPIC_API_KEY',
      'OPENAI_APIKEY',
      '_APP_OPENSSL_KEY_V1',
      'SIGNING_KEY_2',
    ]) {
      assert.ok(sensitiveByName(n), n);
    }
    for (const n of [
      'POSTGRES_USER',
      'POSTGRES_DB',
      'LOG_LEVEL',
      'SPOTIFY_CLIENT_ID',
      'KAFKA_KEY_SERIALIZER',
      'REDIS_URL',
      'PRIMARY_KEY',
      'DB_DUCKLAKE_ENCRYPTED',
      'KC_HOSTNAME_STRICT_HTTPS',
      'AUTHOR',
      'TOKENIZER_PATH',
      'HOSTNAME',
    ]) {
      assert.equal(sensitiveByName(n), undefined, n);
    }
  });
  it('by value: a password inside a URL', () => {
    assert.ok(urlWithPassword('postgresql://musicdb_user:pw@postgres:5432/musicdb'));
    assert.ok(urlWithPassword('amqp://guest:guest@rabbitmq:5672/'));
    assert.ok(!urlWithPassword('redis://redis:6379/0'));
    assert.ok(!urlWithPassword('postgres://user@db/x'));
    assert.deepEqual(classifyEnv('DATABASE_URL', 'postgres://a:b@db/x'), {
      sensitive: true,
      reason: 'a password inside the URL',
    });
  });
  it('by value: generated keys, not paths or hostnames', () => {
    assert.ok(looksRandom('my-minio-key:OSMM+vkKUTCvQs9YL/CVMIMt43HFhkUpqJxTmGl6rYw='));
    assert.ok(looksRandom('sk_live_4eC39HqLyjWDarjtT1zdp7dc'));
    assert.ok(!looksRandom('/var/lib/postgresql/data/pgdata'));
    assert.ok(!looksRandom('http://localhost:8082/health'));
    assert.ok(!looksRandom('kafka.example.internal.cluster.local'));
    assert.ok(!looksRandom('production'));
    assert.ok(!looksRandom('org.apache.kafka.common.serialization.StringSerializer'));
  });
  it('knows the secret variables of well-known images', () => {
    assert.equal(
      classifyEnv('MYSQL_ROOT_PASSWORD', 'x', ['MYSQL_ROOT_PASSWORD']).reason,
      'the image reads it as a secret',
    );
  });
  it('flags placeholder defaults', () => {
    assert.ok(weakDefault('${POSTGRES_PASSWORD:-change-me}', 'change-me'));
    assert.ok(weakDefault('postgres://u:${PW:-musicdb_dev_pw}@db/x', 'postgres://u:musicdb_dev_pw@db/x'));
    assert.ok(!weakDefault('${POSTGRES_PASSWORD:-change-me}', 'a-real-password'));
    assert.ok(
      !weakDefault('${DB_PASSWORD:-ducklake}', 's3cr3t-ducklake'),
      'a set value that contains the default is not the default',
    );
    assert.ok(!weakDefault('${API_KEY:-}', ''));
    assert.ok(!weakDefault(undefined, 'whatever'));
  });
});
