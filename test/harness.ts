/**
 * node:test with a timeout on every test. Node 20's `--test-timeout` applies to a whole file: one hung
 * test would cancel the file and lose its counts. Here each test gets its own limit, so a hang fails
 * that one test and the rest still report.
 */
import * as nodeTest from 'node:test';

/** How long one test may run. STEVEDORE_TEST_TIMEOUT (milliseconds) overrides it. @default two minutes */
export const TEST_TIMEOUT = Number(process.env.STEVEDORE_TEST_TIMEOUT ?? 120_000);

type Fn = nodeTest.TestFn;
type Options = nodeTest.TestOptions;

export function it(name: string, options?: Options | Fn, fn?: Fn): Promise<void> {
  const [opts, body] = typeof options === 'function' ? [{}, options] : [options ?? {}, fn];
  return nodeTest.it(name, { timeout: TEST_TIMEOUT, ...opts }, body);
}

export const { describe, before, after, beforeEach, afterEach } = nodeTest;
