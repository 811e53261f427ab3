// Runs every test file with node's test runner and ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const roots = ['src', 'test'];
const only = process.argv.slice(2);
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
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;

mkdirSync('test-results', { recursive: true });
const counts = path.join('test-results', 'counts.json');
rmSync(counts, { force: true });
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    // A test that hangs fails after two minutes instead of holding CI until its limit.
    '--test-timeout=120000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/count-reporter.mjs',
    `--test-reporter-destination=${counts}`,
    ...selected,
  ],
  { stdio: 'inherit', env: { ...process.env, NO_COLOR: process.env.NO_COLOR ?? (process.env.CI ? '1' : undefined) } },
);
let summary = { passed: 0, failed: 0, skipped: 0, failures: [] };
try {
  summary = JSON.parse(readFileSync(counts, 'utf8'));
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
process.exit(failed || result.status !== 0 ? 1 : 0);
