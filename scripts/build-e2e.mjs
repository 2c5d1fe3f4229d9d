// Bundles the end-to-end suite (test/e2e/suite/) for the extension host:
//   test/e2e/suite/index.ts     -> out-e2e/suite/index.js     (the extensionTestsPath; mocha bundled in)
//   test/e2e/suite/*.e2e.ts     -> out-e2e/suite/<name>.e2e.js (loaded by index.js through mocha)
// `vscode` stays external: the extension host provides it. Test files use mocha's globals
// (describe/it/before...), which index.js's mocha instance installs before it loads them.
// The files are named *.e2e.ts, not *.test.ts, so that `node --test out/` never picks them up.
// Run `npm run build` too: the suite tests the bundled extension in dist/.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const suiteDir = 'test/e2e/suite';
const testFiles = readdirSync(suiteDir).filter((f) => f.endsWith('.e2e.ts')).map((f) => join(suiteDir, f));
if (testFiles.length === 0) throw new Error(`no *.e2e.ts files in ${suiteDir}`);

rmSync('out-e2e', { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // mocha's parallel mode (never used here) resolves worker files at run time.
  logOverride: { 'require-resolve-not-external': 'silent' },
  external: ['vscode'],
  loader: { '.json': 'json' },
};
await Promise.all([
  build({ ...common, entryPoints: [join(suiteDir, 'index.ts')], outfile: 'out-e2e/suite/index.js' }),
  build({ ...common, entryPoints: testFiles, outdir: 'out-e2e/suite' }),
]);
console.log(`e2e suite built: out-e2e/suite/index.js + ${testFiles.length} test file(s)`);
