import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import { describe, it } from '../../../test/harness.js';
import { changeMark } from './redis-verify.js';

/** A server answering INFO persistence with this text: a Redis-compatible server that trims INFO cannot run here. */
const serverSaying = (text: string) => ({ info: () => Promise.resolve(text) }) as unknown as Redis;

describe('redis change marks', () => {
  const full = [
    '# Persistence',
    'loading:0',
    'rdb_changes_since_last_save:42',
    'rdb_bgsave_in_progress:0',
    'rdb_last_save_time:1765000000',
    'rdb_saves:3',
  ].join('\r\n');

  it('stand for the write counter and the saves of a server that reports them', async () => {
    assert.equal(await changeMark(serverSaying(full)), '42/3/1765000000/0');
    assert.notEqual(
      await changeMark(serverSaying(full.replace('changes_since_last_save:42', 'changes_since_last_save:43'))),
      await changeMark(serverSaying(full)),
    );
  });

  it('are unknown when a counter is missing, so two such servers never look unchanged', async () => {
    assert.equal(await changeMark(serverSaying('# Persistence\r\nloading:0\r\n')), undefined);
    assert.equal(await changeMark(serverSaying(full.replace(/rdb_saves:3/, ''))), undefined);
  });
});
