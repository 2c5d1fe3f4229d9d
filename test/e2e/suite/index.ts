// Entry point of the end-to-end suite: VS Code's extension host (desktop VS Code through
// @vscode/test-electron, or code-server through test/e2e/run-code-server.mjs) loads this module as
// `extensionTestsPath` and awaits `run()`. It runs every bundled *.e2e.js beside it with mocha and
// rejects when a test fails, which makes VS Code exit (or report) with a non-zero code.
//
// Writing a test: add test/e2e/suite/<name>.e2e.ts (not *.test.ts, which `node --test out/` would
// pick up), start it with `/// <reference types="mocha" />` and use mocha's BDD globals (describe,
// it, before, after...), which this module's bundled mocha installs before loading the file. The
// helpers in ./util wait for states and ask the launcher for screenshots (`screenshot(name)`; see
// test/e2e/run-code-server.mjs). After the last test, run() itself asks for `workbench`.
//
// Output goes through console.log (mocha's reporters use it): the extension host forwards console
// output to the launcher, which prints it. Environment variables read here:
//   E2E_GREP      only run tests whose full title matches this regular expression
//   E2E_TIMEOUT   per-test timeout in ms (default 60000)
//   E2E_UNTRUSTED 1: the launcher opened the workspace untrusted; only restricted.e2e.js runs
//                 (and it runs only then)
// A file `.corpus-e2e-phase` in the workspace folder names a later phase of the launcher (see
// workspaces.e2e.ts): then only workspaces.e2e.js runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { phaseOf, screenshot, sleep } from './util';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.E2E_TIMEOUT) || 60_000,
    slow: 5_000,
  });
  if (process.env.E2E_GREP) mocha.grep(new RegExp(process.env.E2E_GREP));

  // the launcher's later phases (another corpus, then the first again) run workspaces.e2e.js only
  const phase = phaseOf();
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js'))
    .filter((f) => (f === 'restricted.e2e.js') === (process.env.E2E_UNTRUSTED === '1'))
    .filter((f) => phase === 'first' || f === 'workspaces.e2e.js')
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run(async (failures) => {
        const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
        // The state the tests left the workbench in, while the extension (and its language
        // server) still runs: once run() settles, the extension host shuts down.
        await sleep(1_000);
        if (phase === 'first') await screenshot('workbench').catch(() => undefined);
        // A plain closing line that CI reads, alone on its line.
        console.log(`e2e: ${passes} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
        if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
        else if (passes === 0) reject(new Error('no end-to-end test ran'));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
