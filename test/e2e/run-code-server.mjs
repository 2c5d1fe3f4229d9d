#!/usr/bin/env node
// Runs the end-to-end suite (out-e2e/suite/index.js) in a real VS Code without downloading one:
// code-server@4.100.3 (VS Code 1.100.3, installed by scripts/setup-e2e.sh into
// .vscode-test/code-server/) serves the workbench, Debian's Chromium shows it through
// playwright-core, and the workbench runs the suite in its Node extension host, exactly as VS Code
// runs its own browser integration tests. Builds nothing: run `npm run build` (the extension in
// dist/) and `node scripts/build-e2e.mjs` (the suite in out-e2e/) first.
//
// How it works:
//  - code-server starts on a free 127.0.0.1 port with a fresh user-data-dir and extensions-dir
//    under .vscode-test/e2e-run/, and a workspace that is a fresh temporary copy of seeds/ (tests
//    may change files; the repository's seeds/ are never touched).
//  - Before navigating, the page gets two functions: codeAutomationLog(type, args), to which the
//    workbench forwards the extension host's console output (printed here on stdout), and
//    codeAutomationExit(code), which the workbench calls when the suite's run() settles.
//  - The URL's `payload` holds extensionDevelopmentPath (this repository) and extensionTestsPath.
//
// Screenshots (`##screenshot NAME` protocol):
//  - While the suite runs, a console line `##screenshot NAME` (NAME: letters, digits, - and _)
//    makes this launcher save docs/screenshots/NAME.png of the page as it is, and then create
//    `NAME.done` in the directory named by the CORPUS_E2E_SCREENSHOT_ACK_DIR environment variable
//    of the extension host. The suite's helper `screenshot(name)` (test/e2e/suite/util.ts) logs
//    the line and waits for that file, so the suite arranges the UI, asks for a shot, and only
//    then goes on. Shots are taken one at a time, in the order asked.
//  - When all tests have run, the suite's run() asks for `##screenshot workbench` (the state the
//    tests left the workbench in, taken while the extension and its language server still run;
//    after run() settles the extension host shuts down, and views such as the Outline empty).
//    Only if it did not (e.g. the suite failed to load) does the launcher take workbench.png
//    itself after the suite has finished.
//  - A failed run writes its screenshots too: commit docs/screenshots/ from passing runs only.
//
// Environment:
//   E2E_TIMEOUT_MS        overall limit, default 600000 (10 min); on expiry: exit code 124
//   E2E_SCREENSHOT_DIR    where the PNGs go, default build/screenshots (untracked: a test run leaves
//                         the tree clean; `npm run screenshots` copies them to docs/screenshots)
//   E2E_NO_SCREENSHOTS=1  take no screenshots at all
//   E2E_VERBOSE=1         also print code-server's own log, the workbench's start-up chatter
//                         and the browser's console errors
//   E2E_GREP, E2E_TIMEOUT passed on to the suite (see test/e2e/suite/index.ts)
//   E2E_UNTRUSTED=1       open the workspace untrusted (Restricted Mode: workspace trust on, the
//                         folder not trusted, no start-up prompt) and run only the suite's
//                         restricted.e2e.ts; no screenshots
//   CHROMIUM_PATH         browser binary, default /usr/bin/chromium
//   CODE_SERVER_BIN       code-server binary, default .vscode-test/code-server/node_modules/.bin/code-server
//   E2E_NO_PHASES=1       run the suite in the first workspace only (set when E2E_GREP is)
//
// Phases (a trusted run without E2E_GREP): after the suite has passed in the first workspace, the
// same VS Code (same user data) opens a second corpus, then the first one again, then a folder of
// .txt files that is no corpus, and runs test/e2e/suite/workspaces.e2e.ts in each (the phase is written to `.corpus-e2e-phase` in the
// folder; the suite's state between phases goes to CORPUS_E2E_STATE_DIR): two workspaces keep two
// index caches, coming back to a corpus reads none of its unchanged files, and where there is no
// corpus the extension starts no language server until the user asks for it.
//
// A clean host: every console line the workbench and the extension host print is checked, and so
// are the extension host's log files; the errors users saw ("document … NOT found", "CAPPING events
// from decorations provider", "Channel has been closed", a provider that FAILED) fail the run.
//
// Exit code: the suite's (0 = all passed); 3 when the host logged one of those errors; 124 on
// timeout; 2 when something is missing.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, inspect } from 'node:util';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUN_DIR = join(ROOT, '.vscode-test', 'e2e-run');
const CODE_SERVER = process.env.CODE_SERVER_BIN || join(ROOT, '.vscode-test/code-server/node_modules/.bin/code-server');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TESTS_INDEX = join(ROOT, 'out-e2e/suite/index.js');
const SCREENSHOT_DIR = resolve(ROOT, process.env.E2E_SCREENSHOT_DIR || 'build/screenshots');
const UNTRUSTED = process.env.E2E_UNTRUSTED === '1';
const TAKE_SCREENSHOTS = process.env.E2E_NO_SCREENSHOTS !== '1' && !UNTRUSTED;
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS) || 10 * 60_000;
const VERBOSE = process.env.E2E_VERBOSE === '1';
const VIEWPORT = { width: 1600, height: 1000 };

const t0 = Date.now();
const since = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const info = (msg) => console.log(`[e2e ${since()}] ${msg}`);

function fail(msg, code = 2) {
  console.error(`[e2e] ERROR: ${msg}`);
  process.exit(code);
}

// --- preconditions ---------------------------------------------------------------------------
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
if (!existsSync(CODE_SERVER)) fail(`code-server not found at ${CODE_SERVER}: run \`bash scripts/setup-e2e.sh\``);
if (!existsSync(CHROMIUM)) fail(`no browser at ${CHROMIUM}: run \`bash scripts/setup-e2e.sh\` (apt-get install chromium)`);
if (!existsSync(join(ROOT, pkg.main))) fail(`${pkg.main} missing: run \`npm run build\``);
if (!existsSync(TESTS_INDEX)) fail(`${relative(ROOT, TESTS_INDEX)} missing: run \`node scripts/build-e2e.mjs\``);

// --- fresh directories -----------------------------------------------------------------------
rmSync(RUN_DIR, { recursive: true, force: true });
const userDataDir = join(RUN_DIR, 'user-data');
const extensionsDir = join(RUN_DIR, 'extensions');
const ackDir = join(RUN_DIR, 'screenshot-acks');
for (const d of [userDataDir, extensionsDir, ackDir, join(userDataDir, 'User')]) mkdirSync(d, { recursive: true });
// Quiet, deterministic workbench: no welcome page, tips, update checks or experiments.
writeFileSync(
  join(userDataDir, 'User', 'settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'update.mode': 'none',
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': UNTRUSTED,
      // (untrusted runs: Restricted Mode at once, without the modal question)
      'security.workspace.trust.startupPrompt': 'never',
      'chat.commandCenter.enabled': false,
      'git.enabled': false,
      // DejaVu Sans Mono, Debian's default monospace font, lacks Vietnamese letters such as ể.
      'editor.fontFamily': "'Noto Sans Mono', 'Droid Sans Mono', monospace",
    },
    null,
    2,
  ),
);
// The workspace: a temporary copy of seeds/, in a folder named `seeds` so that the extension's
// default `corpusCurator.include` globs (**/seeds/**/*.txt) match it as they match the original.
const wsParent = mkdtempSync(join(tmpdir(), 'corpus-e2e-'));
const workspace = join(wsParent, 'seeds');
cpSync(join(ROOT, 'seeds'), workspace, { recursive: true });
// the second corpus of the phases: two of the seeds, in a folder of its own (also named `seeds`)
const PHASES = !UNTRUSTED && !process.env.E2E_GREP && process.env.E2E_NO_PHASES !== '1';
const wsParent2 = mkdtempSync(join(tmpdir(), 'corpus-e2e-2-'));
const workspace2 = join(wsParent2, 'seeds');
mkdirSync(workspace2);
for (const f of readdirSync(join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt')).sort().slice(0, 2)) cpSync(join(ROOT, 'seeds', f), join(workspace2, f));
// and a folder of plain .txt files that is no corpus (the extension must stay idle there)
const wsParent3 = mkdtempSync(join(tmpdir(), 'corpus-e2e-3-'));
const workspace3 = join(wsParent3, 'notes');
mkdirSync(workspace3);
writeFileSync(join(workspace3, 'readme.txt'), 'Ghi chú của nhóm, không phải bài báo.\n');
writeFileSync(join(workspace3, 'todo.txt'), 'Việc cần làm\n- sửa lỗi\n');
const stateDir = join(RUN_DIR, 'state');
mkdirSync(stateDir, { recursive: true });
const codeServerLog = join(RUN_DIR, 'code-server.log');
if (TAKE_SCREENSHOTS) mkdirSync(SCREENSHOT_DIR, { recursive: true });

// --- state and clean-up ----------------------------------------------------------------------
let codeServer;
let browser;
const timers = new Set();
function later(ms, fn) {
  const t = setTimeout(() => {
    timers.delete(t);
    fn();
  }, ms);
  timers.add(t);
  return t;
}
const sleep = (ms) => new Promise((r) => later(ms, r));

let cleanedUp = false;
async function cleanup({ keepWorkspace }) {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const t of timers) clearTimeout(t);
  timers.clear();
  if (browser) await browser.close().catch(() => {});
  await stopCodeServer();
  if (keepWorkspace) info(`workspace copy kept for inspection: ${workspace}`);
  else rmSync(wsParent, { recursive: true, force: true });
  rmSync(wsParent2, { recursive: true, force: true });
  rmSync(wsParent3, { recursive: true, force: true });
}

async function stopCodeServer() {
  if (!codeServer || codeServer.exitCode !== null || codeServer.signalCode !== null) return;
  const exited = new Promise((r) => codeServer.once('exit', r));
  // code-server runs in its own process group (detached): end the group, i.e. its extension
  // hosts and the language servers they started too.
  const killGroup = (sig) => {
    try {
      process.kill(-codeServer.pid, sig);
    } catch {
      /* already gone */
    }
  };
  killGroup('SIGTERM');
  let hard;
  const forced = new Promise((r) => {
    hard = setTimeout(() => {
      killGroup('SIGKILL');
      r();
    }, 5_000);
  });
  await Promise.race([exited, forced]);
  clearTimeout(hard);
  killGroup('SIGKILL'); // stragglers of the group (e.g. a language server) that ignored SIGTERM
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    info(`${sig}: stopping`);
    void cleanup({ keepWorkspace: false }).finally(() => process.exit(130));
  });
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function waitForHealthy(base, deadlineMs) {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (codeServer.exitCode !== null) throw new Error(`code-server exited with code ${codeServer.exitCode} (log: ${codeServerLog})`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`code-server did not answer on ${base} within ${deadlineMs / 1000}s (log: ${codeServerLog})`);
}

// --- screenshots -----------------------------------------------------------------------------
let page;
let shotQueue = Promise.resolve();
const shots = [];
const requested = new Set();
function takeScreenshot(name, { ack }) {
  requested.add(name);
  shotQueue = shotQueue.then(async () => {
    try {
      if (TAKE_SCREENSHOTS && page && !page.isClosed()) {
        const file = join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path: file });
        shots.push(relative(ROOT, file));
        info(`screenshot ${relative(ROOT, file)}`);
      }
    } catch (err) {
      console.error(`[e2e] screenshot ${name} failed: ${err.message}`);
    } finally {
      if (ack) writeFileSync(join(ackDir, `${name}.done`), '');
    }
  });
  return shotQueue;
}

// The workbench hands this launcher its own console output and the extension host's through the
// same function, unlabelled (VS Code's extension host also refuses patches to its console). So
// print everything except the workbench's known start-up chatter; E2E_VERBOSE=1 prints that too.
const WORKBENCH_NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^Creation of workbench contribution '.*' took \d+ms/, // start-up timing warnings on a busy machine
  /open-vsx\.org|ENOTFOUND|marketplace\.visualstudio|gallery/i, // no extension gallery here
];

// What the host must never log (issue #10: a user saw each of them).
const HOST_ERRORS = [/NOT found/, /CAPPING events from decorations provider/, /Channel has been closed/, /provider FAILED/];
const hostErrors = [];
function checkHostLine(text, where) {
  if (HOST_ERRORS.some((re) => re.test(text))) hostErrors.push(`${where}: ${text.trim().slice(0, 400)}`);
}

/** A log file's entries: a line starting with a timestamp, with the lines (a stack) under it. */
function logEntries(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (/^\d{4}-\d\d-\d\d /.test(line) || out.length === 0) out.push(line);
    else out[out.length - 1] += '\n' + line;
  }
  return out;
}

/** Does the entry's stack name only other extensions' code (built-in or installed), none of ours? */
function othersOnly(entry) {
  const frames = entry.split('\n').slice(1).filter((l) => /^\s+at /.test(l));
  const ours = (l) => l.includes(join(ROOT, 'dist') + '/') || l.includes(join(ROOT, 'out-e2e') + '/') || /corpus-curator/i.test(l);
  const extension = (l) => /\/extensions\/[^/]+\//.test(l);
  return frames.some(extension) && !frames.some(ours);
}

/** The extension host's log files of this run (code-server writes them under the user data). */
function extensionHostLogs(dir = join(userDataDir, 'logs')) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? extensionHostLogs(join(dir, e.name)) : /exthost.*\.log$/i.test(e.name) ? [join(dir, e.name)] : [],
  );
}

// Console output forwarded by the workbench: (type, [format, ...args]) as given to console[type].
function onLog(type, args) {
  const list = Array.isArray(args) ? args : [args];
  const text = typeof list[0] === 'string' ? format(...list) : list.map((a) => inspect(a)).join(' ');
  checkHostLine(text, 'console');
  const m = /^##screenshot\s+(\S+)\s*$/.exec(text.trim());
  if (m) {
    if (/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(m[1])) void takeScreenshot(m[1], { ack: true });
    else console.error(`[e2e] ignoring bad screenshot name: ${m[1]}`);
    return;
  }
  if (!VERBOSE && WORKBENCH_NOISE.some((re) => re.test(text))) return;
  (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${text}\n`);
}

/**
 * A copy of the first corpus's index cache as it is on disk before the return phase opens its
 * window, so that a return phase that reads articles again can say why (the test compares it with
 * the files and the cache that phase's server writes).
 */
function snapshotFirstCache(name) {
  try {
    const state = JSON.parse(readFileSync(join(stateDir, 'first-workspace.json'), 'utf8'));
    const cache = join(state.storagePath, 'corpus-index.jsonl');
    if (existsSync(cache)) copyFileSync(cache, join(stateDir, `${name}.jsonl`));
  } catch {
    /* the first phase handed nothing on: its own test says so */
  }
}

// --- main ------------------------------------------------------------------------------------
async function main() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  info(`code-server on ${base}, workspace ${workspace}`);
  const out = createWriteStream(codeServerLog);
  codeServer = spawn(
    CODE_SERVER,
    [
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(UNTRUSTED ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--config', join(RUN_DIR, 'config.yaml'),
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      workspace,
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The extension host inherits these.
      env: {
        ...process.env,
        CORPUS_E2E_HOST: 'code-server',
        CORPUS_E2E_STATE_DIR: stateDir,
        ...(TAKE_SCREENSHOTS ? { CORPUS_E2E_SCREENSHOT_ACK_DIR: ackDir } : {}),
      },
    },
  );
  for (const stream of [codeServer.stdout, codeServer.stderr]) {
    stream.pipe(out, { end: false });
    if (VERBOSE) stream.on('data', (d) => process.stderr.write(`[code-server] ${d}`));
  }
  codeServer.on('exit', (code, signal) => {
    if (!cleanedUp) console.error(`[e2e] code-server exited early (code ${code}, signal ${signal}); log: ${codeServerLog}`);
  });
  await waitForHealthy(base, 60_000);
  info('code-server is up; starting Chromium');

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
  if (VERBOSE) {
    page.on('console', (m) => {
      if (m.type() === 'error') process.stderr.write(`[browser] ${m.text()}\n`);
    });
  }
  page.on('pageerror', (err) => VERBOSE && process.stderr.write(`[browser] page error: ${err.message}\n`));

  let resolveExit;
  await page.exposeFunction('codeAutomationLog', (type, args) => onLog(type, args));
  await page.exposeFunction('codeAutomationExit', (code) => {
    resolveExit?.(Number(code) || 0);
  });

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(TESTS_INDEX)],
  ];
  const deadline = Date.now() + TIMEOUT_MS;
  /** Opens `folder` in the workbench (a new window: a new extension host) and waits for the suite's exit code. */
  const runIn = async (folder) => {
    const exited = new Promise((r) => (resolveExit = r));
    const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const timedOut = new Promise((r) => later(Math.max(0, deadline - Date.now()), () => r('timeout')));
    const result = await Promise.race([exited, timedOut]);
    if (result === 'timeout') {
      console.error(`[e2e] ERROR: the suite did not finish within ${TIMEOUT_MS / 1000}s`);
      const file = join(RUN_DIR, 'timeout.png');
      await page.screenshot({ path: file }).catch(() => {});
      console.error(`[e2e] screenshot of the stuck workbench: ${relative(ROOT, file)}; code-server log: ${relative(ROOT, codeServerLog)}`);
      return 124;
    }
    return result;
  };

  info('opening the workbench; the suite starts when the extension host is up');
  let code = await runIn(workspace);
  if (code === 124) return code;
  await shotQueue;
  if (TAKE_SCREENSHOTS && !requested.has('workbench')) {
    await sleep(1_000); // let the last editor/view changes paint
    await takeScreenshot('workbench', { ack: false });
  }
  info(`suite finished with exit code ${code}${shots.length ? `; screenshots: ${shots.join(', ')}` : ''}`);
  if (code === 0 && PHASES) {
    for (const [phase, folder] of [['second-workspace', workspace2], ['return', workspace], ['no-corpus', workspace3]]) {
      writeFileSync(join(folder, '.corpus-e2e-phase'), phase);
      if (phase === 'return') snapshotFirstCache('before-return');
      info(`phase ${phase}: opening ${folder}`);
      code = await runIn(folder);
      rmSync(join(folder, '.corpus-e2e-phase'), { force: true });
      info(`phase ${phase} finished with exit code ${code}`);
      if (code !== 0) return code;
    }
  }
  // a clean host: nothing of what users saw in the log. A log entry is its first line and the
  // stack lines under it; an entry whose stack lies wholly in another extension (VS Code's own JSON
  // language client logging after its channel closed at shutdown, say) is that extension's
  for (const file of extensionHostLogs()) {
    for (const entry of logEntries(readFileSync(file, 'utf8'))) {
      if (othersOnly(entry)) continue;
      checkHostLine(entry.split('\n')[0], relative(RUN_DIR, file));
    }
  }
  if (hostErrors.length) {
    console.error(`[e2e] ERROR: the host logged ${hostErrors.length} error(s) users must not see:`);
    for (const e of hostErrors.slice(0, 20)) console.error(`  ${e}`);
    if (code === 0) return 3;
  } else {
    info('host logs clean (no "NOT found", "CAPPING events", "Channel has been closed", "provider FAILED")');
  }
  return code;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  console.error(`[e2e] ERROR: ${err?.stack || err}`);
  exitCode = 1;
} finally {
  await cleanup({ keepWorkspace: exitCode !== 0 });
}
info(`done (exit ${exitCode})`);
process.exit(exitCode);
