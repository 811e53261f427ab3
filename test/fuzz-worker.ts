import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { loadProject } from '../src/compose/load.js';
import { memoryFs } from '../src/io/fs.js';

/**
 * Feeds mutated Compose files to the loader: it must return diagnostics, never throw.
 * Runs in a worker so that the parent can end it, and fail, if it hangs.
 */
const { files, runs, seed } = workerData as { files: string[]; runs: number; seed: number };
const seeds = files.map((f) => readFileSync(f, 'utf8'));

const NASTY = [
  ':',
  '{',
  '}',
  '[',
  ']',
  '-',
  '"',
  "'",
  '&a',
  '*a',
  '<<: *a',
  '!reset',
  '!override',
  '!!binary',
  '${',
  '${X:?',
  '$$',
  '\t',
  '\n',
  '  ',
  '#',
  '|',
  '>',
  '?',
  '%YAML 1.1\n',
  '---\n',
  '~',
  'null',
  '0x1F',
  '1e309',
  '\u0000',
  '\uFEFF',
  'é',
  '🙂',
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...NASTY) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('dupLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);

function apply(
  text: string,
  m: fc.Arbitrary<unknown> extends never ? never : { kind: string; at: number; [k: string]: unknown },
): string {
  const lines = text.split('\n');
  const li = m.at % Math.max(1, lines.length);
  switch (m.kind) {
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + String(m.text) + text.slice(at);
    }
    case 'delete': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + Number(m.length));
    }
    case 'dupLine':
      lines.splice(li, 0, lines[li] ?? '');
      return lines.join('\n');
    case 'swapLines': {
      const oi = Number(m.other) % Math.max(1, lines.length);
      [lines[li], lines[oi]] = [lines[oi] ?? '', lines[li] ?? ''];
      return lines.join('\n');
    }
    default: {
      const by = Number(m.by);
      lines[li] =
        by >= 0 ? ' '.repeat(by) + (lines[li] ?? '') : (lines[li] ?? '').replace(new RegExp(`^ {0,${-by}}`), '');
      return lines.join('\n');
    }
  }
}

let done = 0;
fc.assert(
  fc.property(
    fc.nat({ max: seeds.length - 1 }),
    fc.array(mutation, { minLength: 1, maxLength: 6 }),
    fc.dictionary(fc.constantFrom('X', 'TAG', 'PORT'), fc.string()),
    (which, muts, env) => {
      let text = seeds[which]!;
      for (const m of muts) text = apply(text, m);
      const fs = memoryFs({ '/fz/compose.yaml': text, '/fz/.env': 'X=1\n' });
      const r = loadProject({ cwd: '/fz', environment: env, fs });
      if (!Array.isArray(r.diagnostics)) throw new Error('no diagnostics array');
      for (const d of r.diagnostics)
        if (typeof d.message !== 'string' || !d.code) throw new Error('malformed diagnostic');
      if (r.diagnostics.some((d) => d.severity === 'error') === (r.value.project !== undefined))
        throw new Error('a project must be returned exactly when there is no error');
      done++;
      if (done % 250 === 0) parentPort!.postMessage({ progress: done });
    },
  ),
  { numRuns: runs, seed },
);
parentPort!.postMessage({ done });
