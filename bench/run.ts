/**
 * Prints performance figures (not a test): cold start of the CLI, and load + normalize +
 * validate time for the largest corpus stack and for generated projects of growing size.
 * Targets: cold --version ≤ 100 ms; 1,000 services ≤ 300 ms after start; time linear in size.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadProject } from '../src/compose/load.js';
import { memoryFs, nodeFs } from '../src/io/fs.js';
import { generateProject } from './generate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void, runs: number): { first: number; median: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return { first: times[0]!, median: median(times) };
}

const line = (label: string, value: string, target = '') =>
  console.log(`${label.padEnd(52)} ${value.padStart(12)}  ${target}`);

// 1. Cold start of the bundled CLI.
const bin = path.join(ROOT, 'dist', 'stevedore.js');
const cold: number[] = [];
for (let i = 0; i < 15; i++) {
  const t = performance.now();
  spawnSync(process.execPath, [bin, '--version']);
  cold.push(performance.now() - t);
}
const bare: number[] = [];
for (let i = 0; i < 15; i++) {
  const t = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  bare.push(performance.now() - t);
}
line('cold `stevedore --version` (median of 15)', `${median(cold).toFixed(1)} ms`, 'target ≤ 100 ms');
line('  of which node itself (`node -e 0`)', `${median(bare).toFixed(1)} ms`);

// 2. The largest corpus stack.
const largest = readdirSync(CORPUS)
  .map((n) => path.join(CORPUS, n, 'docker-compose.yml'))
  .filter((f) => nodeFs.isFile(f))
  .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
const corpusTime = time(() => loadProject({ files: [largest], environment: {} }), 30);
line(
  `largest corpus stack (${path.basename(path.dirname(largest))}, ${statSync(largest).size} B): first`,
  `${corpusTime.first.toFixed(1)} ms`,
  '(first load in the process; the schema is precompiled)',
);
line('  median of 30', `${corpusTime.median.toFixed(2)} ms`);

// 3. Generated projects: growth should be linear.
const perService: number[] = [];
for (const n of [250, 500, 1000, 2000]) {
  const fs = memoryFs({ '/g/compose.yaml': generateProject(n) });
  const t = time(
    () => {
      const r = loadProject({ cwd: '/g', environment: {}, fs });
      if (!r.value.project) throw new Error(`generated project has errors: ${r.diagnostics[0]?.message}`);
    },
    n >= 2000 ? 3 : 5,
  );
  perService.push(t.median / n);
  line(`generated project, ${n} services (median)`, `${t.median.toFixed(1)} ms`, n === 1000 ? 'target ≤ 300 ms' : '');
}
const spread = Math.max(...perService) / Math.min(...perService);
line('per-service cost, largest / smallest (linear ≈ 1)', `${spread.toFixed(2)}×`, 'linear if ≲ 1.5×');

// 4. analyze: load + model + report for a generated 1,000-service project (target ≤ 500 ms after start).
{
  const { buildModel } = await import('../src/model/build.js');
  const { buildAnalysis, renderMarkdown } = await import('../src/report/index.js');
  const fs = memoryFs({ '/g/compose.yaml': generateProject(1000) });
  const t = time(() => {
    const r = loadProject({ cwd: '/g', environment: {}, fs });
    renderMarkdown(buildAnalysis(buildModel(r.value.project!, { fs }).value));
  }, 5);
  line('analyze, generated 1000 services (median)', `${t.median.toFixed(1)} ms`, 'target ≤ 500 ms');
}

// 5. convert: a generated 1,000-service project, against a floor that only parses the same input
// and stringifies as much YAML (target ≤ 1 s after start).
{
  const { buildModel } = await import('../src/model/build.js');
  const { convert } = await import('../src/transform/index.js');
  const { planFiles } = await import('../src/emit/index.js');
  const { parse, stringify } = await import('yaml');
  const text = generateProject(1000);
  const fs = memoryFs({ '/g/compose.yaml': text });
  let bytes = 0;
  let objects: unknown[] = [];
  const t = time(() => {
    const r = loadProject({ cwd: '/g', environment: {}, fs });
    const model = buildModel(r.value.project!, { fs }).value;
    const c = convert(model, r.value.project!, {}, fs);
    const files = planFiles(c.value, model);
    bytes = [...files.values()].reduce((n, f) => n + f.length, 0);
    objects = c.value.objects.map((o) => o.object.toJSON());
  }, 3);
  const floor = time(() => {
    parse(text, { maxAliasCount: -1 });
    let n = 0;
    for (const o of objects) n += stringify(o).length;
    if (n === 0) throw new Error('nothing stringified');
  }, 3);
  line(
    `convert, generated 1000 services (median, ${(bytes / 1e6).toFixed(1)} MB out)`,
    `${t.median.toFixed(1)} ms`,
    'target ≤ 1000 ms',
  );
  line('  floor: parse the input + stringify the same objects', `${floor.median.toFixed(1)} ms`);
  line('  convert / floor', `${(t.median / floor.median).toFixed(2)}×`);
}

// 6. every output form of the same 1,000-service project, with GitOps wiring and Skaffold, from the
// Compose file: load, model and convert once, then each form (target ≤ 3 s).
{
  const { buildModel } = await import('../src/model/build.js');
  const { convert } = await import('../src/transform/index.js');
  const { planFiles } = await import('../src/emit/index.js');
  const text = generateProject(1000);
  const fs = memoryFs({ '/g/compose.yaml': text });
  let files = 0;
  let formsOnly = 0;
  const t = time(() => {
    const r = loadProject({ cwd: '/g', environment: {}, fs });
    const model = buildModel(r.value.project!, { fs }).value;
    const c = convert(model, r.value.project!, {}, fs).value;
    const start = performance.now();
    files = 0;
    for (const form of ['kustomize', 'helm', 'plain'] as const)
      files += planFiles(c, model, {
        form,
        skaffold: true,
        ...(form === 'plain' ? {} : { gitops: { tool: 'flux' as const, repo: 'https://example.com/g.git' } }),
      }).size;
    formsOnly = performance.now() - start;
  }, 3);
  line(`all forms from Compose, 1000 services (${files} files)`, `${t.median.toFixed(1)} ms`, 'target ≤ 3000 ms');
  line('  of which writing the three forms (last run)', `${formsOnly.toFixed(1)} ms`);
}
