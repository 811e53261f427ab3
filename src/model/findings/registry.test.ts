import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from '../../../test/harness.js';
import { FINDING_CODES } from '../types.js';
import { FINDING_RULES } from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

it('every finding code has exactly one rule, in a file of its name, with its test beside it', () => {
  assert.deepEqual(FINDING_RULES.map((r) => r.id).sort(), Object.keys(FINDING_CODES).sort());
  const files = readdirSync(here);
  for (const r of FINDING_RULES) {
    assert.ok(files.includes(`${r.id}.ts`), `${r.id}.ts`);
    assert.ok(files.includes(`${r.id}.test.ts`), `${r.id}.test.ts`);
    assert.ok(r.description.length > 20, `${r.id} has a description`);
  }
});
