import assert from 'node:assert/strict';
import { describe, it } from './harness.js';
import { allStacks } from './helpers.js';
import { lintStack } from './lint-cases.js';

describe('stevedore lint on our own convert output', () => {
  for (const stack of allStacks()) {
    it(`${stack.name}: no errors, no probe of a guessed port, no unexplained restart policy`, () => {
      const result = lintStack(stack.dir, stack.envFiles);
      // An image that is no reference comes from the Compose file (airflow's `|version|`
      // placeholder): the first to-do says to set it, and lint is right to call it an error.
      const named = (message: string) =>
        result.todo.some(
          (t) => t.startsWith('Set a real image') && t.includes(`\`${/runs "(.*)"/.exec(message)?.[1]}\``),
        );
      const errors = result.findings
        .filter((f) => f.severity === 'error' && !(f.rule === 'invalid-image' && named(f.message)))
        .map((f) => `${f.object.kind}/${f.object.name} ${f.rule}: ${f.message}`);
      assert.deepEqual(errors, []);
      // A probe of a port the container does not declare is a probe of a guess.
      const probes = result.findings
        .filter((f) => /^(liveness|readiness|startup)-port$/.test(f.rule))
        .map((f) => `${f.object.kind}/${f.object.name}: ${f.message}`);
      assert.deepEqual(probes, []);
      // A Job that does not retry does so on purpose, and says why where lint reads it.
      const restarts = result.findings
        .filter((f) => f.rule === 'restart-policy')
        .map((f) => `${f.object.kind}/${f.object.name}: ${f.message}`);
      assert.deepEqual(restarts, []);
    });
  }
});
