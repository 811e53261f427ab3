// Runs every test file with node's test runner and ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const roots = ['src', 'test'];
// --unit: the tests that need no server, binary or browser (seconds); --integration: the others,
// which live under test/integration/ (real PostgreSQL, MariaDB, Redis, RabbitMQ, kubectl, Chromium, the built CLI).
const args = process.argv.slice(2);
const mode = args.includes('--unit') ? 'unit' : args.includes('--integration') ? 'integration' : 'all';
const only = args.filter((a) => !a.startsWith('--'));
// --coverage: measure every process the tests start (the built CLI included), then hold the totals to
// the thresholds in .c8rc.json, so coverage can only go up.
const coverage = args.includes('--coverage');
const COVERAGE_TMP = path.join('coverage', 'tmp');
if (coverage) {
  rmSync('coverage', { recursive: true, force: true });
  mkdirSync(COVERAGE_TMP, { recursive: true });
}
const INTEGRATION = `test${path.sep}integration${path.sep}`;
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'node_modules') walk(p);
    } else if (name.endsWith('.test.ts')) files.push(p);
  }
};
roots.forEach(walk);
files.sort();
const selected = files
  .filter((f) => mode === 'all' || (mode === 'integration') === f.startsWith(INTEGRATION))
  .filter((f) => !only.length || only.some((o) => f.includes(o)));

mkdirSync('test-results', { recursive: true });
// One file per run: two runs side by side must not read each other's counts.
const counts = path.join('test-results', `counts-${process.pid}.json`);
rmSync(counts, { force: true });
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    // Each test has its own limit (test/harness.ts); this one only ends a file that hangs outside any test.
    '--test-timeout=900000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/count-reporter.mjs',
    `--test-reporter-destination=${counts}`,
    ...selected,
  ],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      NO_COLOR: process.env.NO_COLOR ?? (process.env.CI ? '1' : undefined),
      ...(coverage ? { NODE_V8_COVERAGE: path.resolve(COVERAGE_TMP) } : {}),
    },
  },
);
let coverageFailed = false;
if (coverage) {
  // The thresholds are set with the corpus present: without it (a bare clone) the corpus tests are
  // skipped and coverage is only reported.
  const full = existsSync(path.join('..', 'shared', 'corpus')) || process.env.STEVEDORE_REQUIRE_CORPUS === '1';
  if (!full) console.log('\nCoverage thresholds not checked: the corpus tests were skipped.');
  const c8 = path.join('node_modules', 'c8', 'bin', 'c8.js');
  const report = spawnSync(process.execPath, [c8, 'report', ...(full ? [] : ['--check-coverage=false'])], {
    stdio: 'inherit',
  });
  coverageFailed = report.status !== 0;
  if (coverageFailed) console.log('\nCoverage fell below the thresholds in .c8rc.json.');
}
let summary = { passed: 0, failed: 0, skipped: 0, failures: [] };
try {
  summary = JSON.parse(readFileSync(counts, 'utf8'));
  rmSync(counts, { force: true });
} catch {
  summary.failed = 1;
  summary.failures = ['the test runner produced no results'];
}
if (summary.failures.length) {
  console.log('\nFailed:');
  for (const f of summary.failures) console.log(`  ${f}`);
}
const failed = summary.failed || (result.status === 0 ? 0 : Math.max(1, summary.failed));
console.log(`\n${summary.passed} passed, ${failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`);
process.exit(failed || result.status !== 0 || coverageFailed ? 1 : 0);
