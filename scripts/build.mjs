// Bundles the CLI into one file (fast cold start) and the library entry with its dependencies external.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

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

await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', packages: 'external' });
