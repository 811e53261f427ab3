import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import type { PlanStep } from './plan.js';
import { humanBytes, migrationReport } from './report.js';
import type { MigrationResult } from './run.js';

const step = (service: string, engine: PlanStep['engine']): PlanStep => ({
  service,
  engine,
  method: 'm',
  source: { url: `postgres://app:hunter2@db:5432/${service}`, exec: 'docker exec -i db' },
  target: { url: `postgres://app:hunter2@localhost:15432/${service}` },
  needs: [],
  stop: [],
  size: '',
  rollback: '',
  notes: [],
});

describe('the migration summary', () => {
  it('says NOT complete when a service failed, names what did not run, and never shows a password', () => {
    const failed: MigrationResult = {
      service: 'a',
      engine: 'postgres',
      source: { objects: 2, empty: false, sizeBytes: 3 * 1024 * 1024 },
      outcome: { ok: true, bytes: 2048, notes: ['password hunter2 was not needed'] },
      verification: {
        ok: false,
        items: [
          { object: 'table public.t', source: '10 rows, checksum x', target: '9 rows, checksum y', equal: false },
          { object: 'views', source: '0', target: '0', equal: true },
        ],
      },
      verdict: 'MISMATCH: 1 of 2 differ (table public.t)',
      ok: false,
      seconds: 75,
    };
    const md = migrationReport({
      steps: [step('a', 'postgres'), step('b', 'postgres')],
      results: [failed],
      startedAt: new Date('2026-01-01T00:00:00Z'),
      finishedAt: new Date('2026-01-01T00:01:15Z'),
    });
    assert.match(md, /\*\*Verdict: NOT complete/);
    assert.match(md, /\| a \| postgres \| 2 objects \| 2\.0 KiB \| 1 min 15 s \| 1\/2 equal \|/);
    assert.match(md, /\| b \| postgres \| not run \|/);
    assert.match(md, /\| table public\.t \| 10 rows, checksum x \| 9 rows, checksum y \| \*\*no\*\* \|/);
    assert.doesNotMatch(md, /hunter2/);
  });
  it('writes sizes people read', () => {
    assert.equal(humanBytes(0), '0 B');
    assert.equal(humanBytes(1536), '1.5 KiB');
    assert.equal(humanBytes(5 * 1024 ** 3), '5.0 GiB');
  });
});
