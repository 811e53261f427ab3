import assert from 'node:assert/strict';
import { it } from './harness.js';
import { Worker } from 'node:worker_threads';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLES, corpusStacks, CORPUS } from './helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 100000);
/** Seed documents: the bundled examples, and the corpus when it is beside the clone. */
const SEEDS = [
  ...readdirSync(EXAMPLES).map((n) => path.join(EXAMPLES, n, 'docker-compose.yml')),
  ...corpusStacks().map((n) => path.join(CORPUS, n, 'docker-compose.yml')),
];
console.log(`fuzz seed ${SEED} (set FUZZ_SEED=${SEED} to repeat this run), ${SEEDS.length} seed documents`);
/** If the loader spends this long without finishing 250 more documents, it is taken to hang. */
const STALL_MS = 20_000;

it(`the loader survives ${RUNS} mutated Compose files (seed ${SEED}): diagnostics only, no throw, no hang`, async () => {
  const entry = new URL('./fuzz-worker.ts', import.meta.url).href;
  const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
    workerData: { entry, files: SEEDS, runs: RUNS, seed: SEED },
  });
  const result = await new Promise<{ done?: number; error?: string }>((resolve) => {
    let timer = setTimeout(() => stall(), STALL_MS);
    const stall = () => {
      void worker.terminate();
      resolve({
        error: `no progress for ${STALL_MS} ms: the loader hangs on some input (rerun with FUZZ_SEED=${SEED})`,
      });
    };
    worker.on('message', (m: { progress?: number; done?: number }) => {
      clearTimeout(timer);
      if (m.done !== undefined) resolve({ done: m.done });
      else timer = setTimeout(stall, STALL_MS);
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      resolve({ error: e.message });
    });
  });
  assert.equal(result.error, undefined);
  assert.equal(result.done, RUNS);
});
