// Bundles the CLI into one file (fast cold start) and the library entry with its dependencies external.
import { build } from 'esbuild';
import { chmodSync, readdirSync, rmSync } from 'node:fs';

// A clean folder: chunk names carry content hashes, so old ones would pile up.
rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
};

// Split into chunks: each command loads its own machinery, so --version and --help start fast.
await build({
  ...common,
  entryPoints: { stevedore: 'src/cli/bin.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  minifyWhitespace: true,
  minifySyntax: true,
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __stevedoreRequire } from 'node:module';\nconst require = __stevedoreRequire(import.meta.url);",
  },
});
chmodSync('dist/stevedore.js', 0o755);

// The library: the index and one entry per area (stevedore/compose, /model, /analyze, /convert, /migrate),
// sharing chunks, with dependencies left to node_modules.
const areas = readdirSync('src/api')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));
await build({
  ...common,
  entryPoints: { index: 'src/index.ts', ...Object.fromEntries(areas.map((a) => [`api/${a}`, `src/api/${a}.ts`])) },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'lib/[name]-[hash]',
  packages: 'external',
});
