import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from './harness.js';
import { loadProject } from '../src/compose/load.js';
import { renderDiagnostics } from '../src/diagnostics/render.js';
import { ROOT } from './helpers.js';

/**
 * Each folder under test/fixtures/broken is a project with one mistake; `expected` lists the
 * errors it must produce, one `code file:line:col` a line.
 */
const dir = path.join(ROOT, 'test', 'fixtures', 'broken');
const cases = readdirSync(dir).sort();

describe('broken inputs give the expected diagnostic, at the right place', () => {
  it('has at least 40 cases', () => assert.ok(cases.length >= 40, `only ${cases.length} cases`));
  for (const name of cases) {
    it(name, () => {
      const cwd = path.join(dir, name);
      const expected = readFileSync(path.join(cwd, 'expected'), 'utf8').trim().split('\n').sort();
      const r = loadProject({ cwd, environment: {} });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      const actual = errors
        .map(
          (d) =>
            `${d.code} ${d.origin ? `${path.relative(cwd, d.origin.file)}:${d.origin.line}:${d.origin.col}` : '-'}`,
        )
        .sort();
      assert.deepEqual(actual, expected);
      assert.equal(r.value.project, undefined, 'a project with errors is not returned');
      for (const d of errors) {
        assert.ok(d.message.length > 10, 'the message says something');
        assert.doesNotMatch(d.message, /\n|at .*\.ts:\d+/, 'no stack trace or multi-line noise');
      }
      const text = renderDiagnostics(errors, { source: (f) => r.value.sources.get(f), cwd });
      assert.match(text, /^[^\s:]+:\d+:\d+: error\[[a-z-]+\]: /m);
    });
  }
});
