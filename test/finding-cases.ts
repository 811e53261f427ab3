import assert from 'node:assert/strict';
import { buildModel } from '../src/model/build.js';
import { detectFindings, type FindingRule } from '../src/model/findings/index.js';
import { describe, it } from './harness.js';
import { loadMem } from './helpers.js';

export interface InvalidCase {
  /** The Compose file (plus other files by name, e.g. `.env`). */
  readonly files: Record<string, string> | string;
  /** The findings' messages, in order. */
  readonly messages: readonly string[];
  /** `line:col` of each finding's origin, in order, where it has one. */
  readonly at?: readonly string[];
}

/**
 * A rule's table of cases, as typescript-eslint tests its rules: Compose documents it must stay silent
 * on, and documents it must flag with these messages at these positions.
 */
export function findingCases(
  rule: FindingRule,
  cases: { valid: readonly (Record<string, string> | string)[]; invalid: readonly InvalidCase[] },
): void {
  const run = (files: Record<string, string> | string) => {
    const { project, diagnostics } = loadMem(typeof files === 'string' ? { 'compose.yaml': files } : files);
    assert.ok(project, diagnostics.map((d) => d.message).join('; '));
    return detectFindings(buildModel(project).value, project, [rule]);
  };
  describe(`finding rule ${rule.id}`, () => {
    cases.valid.forEach((files, i) => {
      void it(`valid #${i + 1}`, () => {
        assert.deepEqual(
          run(files).map((f) => f.message),
          [],
        );
      });
    });
    cases.invalid.forEach((c, i) => {
      void it(`invalid #${i + 1}: ${c.messages[0] ?? ''}`, () => {
        const found = run(c.files);
        assert.deepEqual(
          found.map((f) => f.message),
          c.messages,
        );
        for (const f of found) assert.equal(f.severity, rule.severity);
        if (c.at)
          assert.deepEqual(
            found.map((f) => `${f.origin?.line}:${f.origin?.col}`),
            c.at,
          );
      });
    });
  });
}
