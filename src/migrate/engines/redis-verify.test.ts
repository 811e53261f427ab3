import assert from 'node:assert/strict';
import { describe, it } from '../../../test/harness.js';
import { parseWriteCalls, writesBetween } from './redis-verify.js';

/** INFO commandstats as Redis 7 prints it: subcommands after a bar, the calls first. */
const stats = (lines: Record<string, number>) =>
  [
    '# Commandstats',
    ...Object.entries(lines).map(
      ([c, n]) => `cmdstat_${c}:calls=${n},usec=9,usec_per_call=1.00,rejected_calls=0,failed_calls=0`,
    ),
  ].join('\r\n');
const WRITE = new Set(['set', 'restore', 'del', 'xgroup|create']);

describe('redis write marks', () => {
  it('count the calls of write commands only, subcommands included', () => {
    const mark = parseWriteCalls(stats({ get: 50, set: 3, 'xgroup|create': 1, info: 9, restore: 7 }), WRITE);
    assert.deepEqual(
      [...(mark ?? [])],
      [
        ['set', 3],
        ['xgroup|create', 1],
        ['restore', 7],
      ],
    );
  });

  it('are unknown when the server does not report its command stats', () => {
    assert.equal(parseWriteCalls('# Server\r\nredis_version:7.0.15\r\n', WRITE), undefined);
  });

  it('give the writes between them, and nothing known when a counter went back (CONFIG RESETSTAT)', () => {
    const before = parseWriteCalls(stats({ set: 3, restore: 7 }), WRITE);
    const after = parseWriteCalls(stats({ set: 3, restore: 507, del: 1 }), WRITE);
    assert.deepEqual(
      [...(writesBetween(before, after) ?? [])],
      [
        ['restore', 500],
        ['del', 1],
      ],
    );
    assert.deepEqual([...(writesBetween(after, after) ?? [])], []);
    assert.equal(writesBetween(after, before), undefined, 'a reset cannot pass for no writes');
    assert.equal(writesBetween(undefined, after), undefined);
  });
});
