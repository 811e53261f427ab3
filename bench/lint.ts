/**
 * Prints lint figures (not a test): parse + every default rule over N objects made of real
 * convert output (the songnodes example, copied under new names and namespaces), for growing N.
 * Target: 10,000 objects under 2 s, time linear in N.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadProject } from '../src/compose/load.js';
import { toStream } from '../src/emit/stream.js';
import { parseManifests } from '../src/lint/parse.js';
import { lint } from '../src/lint/run.js';
import { buildModel } from '../src/model/build.js';
import { convert } from '../src/transform/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { value } = loadProject({ cwd: path.join(ROOT, 'examples', 'songnodes') });
if (!value.project) throw new Error('the songnodes example does not load');
const stream = toStream(convert(buildModel(value.project).value, value.project).value);
const perCopy = parseManifests('x', stream).manifests.length;

console.log(
  `${'objects'.padStart(8)} ${'parse ms'.padStart(10)} ${'lint ms'.padStart(10)} ${'total ms'.padStart(10)} ${'µs/object'.padStart(10)}`,
);
for (const target of [1_000, 2_500, 5_000, 10_000]) {
  const copies = Math.ceil(target / perCopy);
  // Each copy in its own namespace, so cross-object rules see as many namespaces as copies.
  const text = Array.from({ length: copies }, (_, i) =>
    stream.replaceAll('namespace: songnodes', `namespace: songnodes-${i}`),
  ).join('\n');
  const t0 = performance.now();
  const { manifests, errors } = parseManifests('bench.yaml', text);
  const t1 = performance.now();
  const result = lint(manifests, errors);
  const t2 = performance.now();
  console.log(
    `${String(manifests.length).padStart(8)} ${(t1 - t0).toFixed(0).padStart(10)} ${(t2 - t1).toFixed(0).padStart(10)} ${(t2 - t0).toFixed(0).padStart(10)} ${(((t2 - t0) * 1000) / manifests.length).toFixed(0).padStart(10)}   (${result.findings.length} findings)`,
  );
}
