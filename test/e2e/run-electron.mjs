#!/usr/bin/env node
// Runs the end-to-end suite (out-e2e/suite/index.js) in desktop VS Code through
// @vscode/test-electron 2.5.x, which DOWNLOADS VS Code from Microsoft's update servers into
// .vscode-test/: for machines that can reach them (a laptop, public CI). On the project's own
// machines, which cannot, use test/e2e/run-code-server.mjs instead; both run the same suite.
// Builds nothing: run `npm run build` and `node scripts/build-e2e.mjs` first.
//
// On a Linux machine without a display, run it under a virtual one:
//   xvfb-run -a node test/e2e/run-electron.mjs
//
// Environment:
//   VSCODE_TEST_VERSION   VS Code version to download: 'stable' (default), 'insiders' or e.g. '1.100.3'
//   VSCODE_EXECUTABLE     use this VS Code executable instead of downloading one
//   E2E_GREP, E2E_TIMEOUT passed on to the suite (see test/e2e/suite/index.ts)
// The suite's screenshot requests (`##screenshot NAME`) are only logged here: desktop VS Code has
// no page to capture, so the PNGs in docs/screenshots/ come from run-code-server.mjs.
// Exit code: 0 when every test passed, else VS Code's exit code (1 when a test failed).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests, TestRunFailedError } from '@vscode/test-electron';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUN_DIR = join(ROOT, '.vscode-test', 'electron-run');

// Fresh profile for every run.
rmSync(RUN_DIR, { recursive: true, force: true });
mkdirSync(RUN_DIR, { recursive: true });
// The workspace: a temporary copy of seeds/ (tests may change files), in a folder named `seeds`
// so that the extension's default `corpusCurator.include` globs match it.
const wsParent = mkdtempSync(join(tmpdir(), 'corpus-e2e-'));
const workspace = join(wsParent, 'seeds');
cpSync(join(ROOT, 'seeds'), workspace, { recursive: true });

let exitCode = 1;
try {
  exitCode = await runTests({
    version: process.env.VSCODE_TEST_VERSION || 'stable',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    // Downloads land in .vscode-test/ of the repository wherever this is started from.
    cachePath: join(ROOT, '.vscode-test'),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out-e2e', 'suite', 'index.js'),
    extensionTestsEnv: { CORPUS_E2E_HOST: 'electron' },
    launchArgs: [
      workspace,
      '--disable-extensions',
      `--user-data-dir=${join(RUN_DIR, 'user-data')}`,
      `--extensions-dir=${join(RUN_DIR, 'extensions')}`,
    ],
  });
} catch (err) {
  if (err instanceof TestRunFailedError) {
    console.error(`[e2e] ${err.message}`);
    exitCode = typeof err.code === 'number' && err.code !== 0 ? err.code : 1;
  } else {
    console.error(`[e2e] could not run VS Code: ${err?.stack || err}`);
    exitCode = 1;
  }
} finally {
  if (exitCode === 0) rmSync(wsParent, { recursive: true, force: true });
  else console.error(`[e2e] workspace copy kept for inspection: ${workspace}`);
}
process.exit(exitCode);
