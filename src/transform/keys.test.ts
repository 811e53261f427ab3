import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from '../../test/harness.js';
import { ROOT } from '../../test/helpers.js';
import { CARRIED, REPORTED } from './keys.js';

describe('every Compose service key is carried or reported', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'compose-spec.json'), 'utf8'));
  const keys = Object.keys(schema.definitions.service.properties as object);
  it('the schema defines the service keys', () => assert.ok(keys.length > 60));
  for (const key of keys) {
    it(key, () => {
      assert.ok(CARRIED[key] || REPORTED[key], `${key} is neither carried by a pass nor reported with a reason`);
      assert.ok(!(CARRIED[key] && REPORTED[key]), `${key} is both carried and reported`);
    });
  }
});
