import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from '../../test/harness.js';
import { ROOT } from '../../test/helpers.js';
// @ts-expect-error: a plain script without types
import { generateValidator } from '../../scripts/gen-validator.mjs';

it('the precompiled Compose validator matches schemas/compose-spec.json (run npm run gen:validator after changing the schema)', () => {
  const current = readFileSync(path.join(ROOT, 'src', 'compose', 'compose-validator.generated.js'), 'utf8');
  assert.ok(current === generateValidator(), 'src/compose/compose-validator.generated.js is stale');
});
