// Bundles the extension client, the language server and the CLI with esbuild.
import { build } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  loader: { '.json': 'json' },
  // a native addon (io/files.ts copies extended attributes with it): loaded from node_modules at
  // run time, and optional (without it a rewritten file keeps everything but its xattrs)
  external: ['@napi-rs/xattr'],
};
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode', ...common.external] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  existsSync('server/src/index/worker.ts') &&
    build({ ...common, entryPoints: ['server/src/index/worker.ts'], outfile: 'dist/indexWorker.js' }),
  existsSync('server/src/index/corpus.ts') &&
    build({ ...common, entryPoints: ['test/bench/bench.ts'], outfile: 'out/bench/bench.js' }),
  build({ ...common, entryPoints: ['test/eval/eval.ts'], outfile: 'out/eval/eval.js' }),
  build({ ...common, entryPoints: ['test/eval/train.ts'], outfile: 'out/eval/train.js' }),
  build({ ...common, entryPoints: ['scripts/generate.ts'], outfile: 'out/scripts/generate.js' }),
  // Tests are TypeScript beside the code they test (server/src/**/*.test.ts) and under test/;
  // each is bundled to out/ keeping its path, and run with node's built-in runner.
  build({
    ...common,
    entryPoints: ['server/src/**/*.test.ts', 'test/**/*.test.ts'],
    outdir: 'out',
    outbase: '.',
    external: ['vscode', 'fast-check', ...common.external],
  }),
]);
chmodSync('dist/cli.js', 0o755);
if (watch) console.log('watch mode is not supported; run npm run build again');
