// npm run bench [-- --quick | --full] [--write] [--json] [--only LIST] [--skip LIST] [--keep]
//
// The measurements of issue #8, through the engine's public entry points, each figure against a
// floor measured in the same run on the same files (other processes share the machine: absolute
// figures are noisy, ratios much less so). Nothing here asserts a timing.
//
//   cli     generated corpora (1k, 3k, 10k, 30k articles; 100k with --full): `cat` of every file,
//           the JS floor (floor.mjs), and `node dist/cli.js lint --format json`: wall, CPU, peak RSS,
//           MB/s, files/s; the growth ratios
//   peers   retext (retext-latin + retext-repeated-words), markdownlint-cli2 and cspell on the main
//           corpus, installed on demand into .bench/peers (pinned, never in package.json)
//   stubs   templated CMS stub pages (5k, 10k, 20k) through the CLI: corpus-level duplicate detection
//   index   the language server (dist/server.js --stdio) indexing a workspace: cold, warm re-open,
//           memory, its main thread's event-loop delay (probe.cjs), request latency meanwhile
//   edit    typing in a 10 KB, 100 KB and 1 MB article: keystroke -> publishDiagnostics, documentSymbol
//           and codeAction right after an edit
//   big     a 5 MB file of short lines in the language server
//   model   the model and rules in-process on the seed articles (context for engine work)
//
// --quick: small sizes (1½-2½ minutes); --full (or BENCH_FULL=1): adds the 100k-article corpus (CLI growth, and the language server indexes all 100k).
// --write: rewrites the measured part of docs/benchmarks.md (between its bench markers).
// --json: prints the results as JSON on stdout (progress always goes to stderr).
// --only / --skip: comma-separated section names from the list above. --keep: keep the temp folder.
// BENCH_SERVER_NODE_ARGS: node options for the language servers the bench starts (profiling).
import { closeSync, createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { parseArticle } from '../../server/src/model/article';
import { analyze } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix';
import { longArticle, shortLines, writeCorpus, writeStubs, type WrittenCorpus } from './generate';

// ---- options and plan -----------------------------------------------------------------------------

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const FLOOR = path.join(ROOT, 'test', 'bench', 'floor.mjs');
const PROBE = path.join(ROOT, 'test', 'bench', 'probe.cjs');
const PEERS_DIR = path.join(ROOT, '.bench', 'peers');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: process.env.BENCH_FULL === '1' },
    write: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    only: { type: 'string' },
    skip: { type: 'string' },
  },
});
const SECTIONS = ['cli', 'peers', 'stubs', 'index', 'edit', 'big', 'model'] as const;
type Section = (typeof SECTIONS)[number];
const only = opt.only ? new Set(opt.only.split(',')) : undefined;
const skip = new Set(opt.skip ? opt.skip.split(',') : []);
for (const s of [...(only ?? []), ...skip]) if (!SECTIONS.includes(s as Section)) throw new Error(`unknown section ${s}; sections: ${SECTIONS.join(', ')}`);
const on = (s: Section) => (!only || only.has(s)) && !skip.has(s);

interface Plan {
  mode: 'quick' | 'default' | 'full';
  /** Articles of the main corpus (peers, floors, the headline figures). */
  main: number;
  /** The growth series (CLI over the first N articles of one generated corpus), ascending; includes main. */
  growth: number[];
  /** The pair whose CPU ratio is the growth target (10x the articles). */
  growthPair: [number, number];
  stubs: number[];
  indexFiles: number;
  editSizes: number[];
  edits: { diag: number; symbol: number; action: number; bursts: number };
  shortLinesBytes: number;
  /** Files per generated folder (subsets are runs of whole folders). */
  perFolder: number;
}
const mode: Plan['mode'] = opt.quick ? 'quick' : opt.full ? 'full' : 'default';
const PLAN: Plan =
  mode === 'quick'
    ? { mode, main: 1000, growth: [500, 1000], growthPair: [500, 1000], stubs: [250, 500, 1000], indexFiles: 500, editSizes: [10 << 10, 100 << 10, 1 << 20], edits: { diag: 5, symbol: 3, action: 3, bursts: 2 }, shortLinesBytes: 500_000, perFolder: 250 }
    : { mode, main: 3000, growth: mode === 'full' ? [1000, 3000, 10000, 30000, 100000] : [1000, 3000, 10000, 30000], growthPair: [3000, 30000], stubs: [5000, 10000, 20000], indexFiles: mode === 'full' ? 100000 : 3000, editSizes: [10 << 10, 100 << 10, 1 << 20], edits: { diag: 50, symbol: 10, action: 10, bursts: 10 }, shortLinesBytes: 5_000_000, perFolder: 500 };
// (profiling the index at another size: BENCH_INDEX_FILES=30000)
if (process.env.BENCH_INDEX_FILES) PLAN.indexFiles = Number(process.env.BENCH_INDEX_FILES);
const PER_FOLDER = PLAN.perFolder;

// ---- output -----------------------------------------------------------------------------------------

type Verdict = 'met' | 'missed' | 'unknown';
interface Row {
  section: string;
  what: string;
  figure: string;
  vsFloor?: string;
  target?: string;
  verdict?: Verdict;
}
const rows: Row[] = [];
const data: Record<string, unknown> = {};
const notes: string[] = [];
const log = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
function row(r: Row): void {
  rows.push(r);
  log(`${r.what}: ${r.figure}${r.vsFloor ? ` | ${r.vsFloor}` : ''}${r.target ? ` | target ${r.target}${r.verdict ? `: ${r.verdict}` : ''}` : ''}`);
}
function note(s: string): void {
  notes.push(s);
  log(`note: ${s}`);
}

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const f1 = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const f2 = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const sig2 = (x: number) => (!Number.isFinite(x) ? '?' : x >= 100 ? int(x) : x >= 10 ? f1(x) : f2(x));
const secs = (ms: number) => (!Number.isFinite(ms) ? '?' : ms < 1000 ? `${int(ms)} ms` : `${sig2(ms / 1000)} s`);
const ms1 = (ms: number) => (!Number.isFinite(ms) ? '?' : ms < 10 ? `${f1(ms)} ms` : `${int(ms)} ms`);
const mb = (bytes: number) => `${sig2(bytes / 1048576)} MB`;
const times = (x: number) => `${sig2(x)}×`;
const plural = (n: number, w: string) => `${int(n)} ${w}${n === 1 ? '' : 's'}`;
const kfiles = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : n % 100 === 0 && n >= 1000 ? `${n / 1000}k` : int(n));
const quantile = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

// ---- running children, measured -------------------------------------------------------------------------

interface Run {
  wallMs: number;
  /** user + system CPU of the child and the children it waited for (GNU time), else of the Node child itself (probe). */
  cpuMs: number;
  maxRssMB: number;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  stderr: string;
  stdout: string;
}

/** CPU (ms) of a process and its descendants, from /proc: for a child stopped at its time limit. */
function treeCpuMs(pid: number): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  const visit = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += ((Number(f[11]) + Number(f[12])) * 1000) / tick; // utime, stime
      for (const t of readdirSync(`/proc/${p}/task`)) {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) visit(Number(c));
      }
    } catch {
      // gone meanwhile
    }
  };
  visit(pid);
  return total;
}

function treeRssMB(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total = Math.max(total, Number(m[1]) / 1024);
      for (const t of readdirSync(`/proc/${p}/task`)) {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) visit(Number(c));
      }
    } catch {
      // gone meanwhile
    }
  };
  visit(pid);
  return total;
}

/**
 * Runs a command with a time limit. CPU and peak RSS come from GNU time when installed
 * (`apt-get install -y time`), else from probe.cjs inside a Node child (resourceUsage at exit).
 * stdout goes to `stdoutFile` when given (else is kept, up to 1 MB); stderr's last 8 KB are kept.
 */
async function measure(cmd: string, args: string[], o: { timeoutMs: number; stdoutFile?: string; cwd?: string }): Promise<Run> {
  const side = path.join(TMP, `rusage-${process.hrtime.bigint()}`);
  let argv: string[];
  let env = process.env;
  if (TIME) argv = [TIME, '-f', '%e %U %S %M', '-o', side, cmd, ...args];
  else if (cmd === process.execPath) {
    argv = [cmd, '--require', PROBE, ...args];
    env = { ...process.env, BENCH_PROBE_FILE: side };
  } else argv = [cmd, ...args];
  const out = o.stdoutFile ? openSync(o.stdoutFile, 'w') : 'pipe';
  const t0 = process.hrtime.bigint();
  const child = spawn(argv[0], argv.slice(1), { cwd: o.cwd ?? ROOT, env, detached: true, stdio: ['ignore', out, 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-8192);
  });
  child.stdout?.on('data', (d: Buffer) => {
    if (stdout.length < 1 << 20) stdout += d.toString();
  });
  let timedOut = false;
  let cpuAtKill = NaN;
  let rssAtKill = NaN;
  const timer = setTimeout(() => {
    timedOut = true;
    cpuAtKill = treeCpuMs(child.pid!);
    rssAtKill = treeRssMB(child.pid!);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, o.timeoutMs);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  clearTimeout(timer);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (typeof out === 'number') closeSync(out);
  let cpuMs = cpuAtKill;
  let maxRssMB = rssAtKill;
  let exit = code;
  if (!timedOut && existsSync(side)) {
    const txt = readFileSync(side, 'utf8').trim();
    if (TIME) {
      // "Command exited with non-zero status N" may come first: the figures are on the last line
      const m = /([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(txt);
      if (m) {
        cpuMs = (Number(m[2]) + Number(m[3])) * 1000;
        maxRssMB = Number(m[4]) / 1024;
      }
      const st = /non-zero status (\d+)/.exec(txt);
      exit = st ? Number(st[1]) : /terminated by signal/.test(txt) ? null : 0;
      const sg = /terminated by signal (\d+)/.exec(txt);
      if (sg) return { wallMs, cpuMs, maxRssMB, code: null, signal: `signal ${sg[1]}`, timedOut, stderr, stdout };
    } else {
      try {
        const p = JSON.parse(txt) as { cpu: { userMs: number; systemMs: number; maxRssKB: number } };
        cpuMs = p.cpu.userMs + p.cpu.systemMs;
        maxRssMB = p.cpu.maxRssKB / 1024;
      } catch {
        // no figures
      }
    }
  }
  rmSync(side, { force: true });
  return { wallMs, cpuMs, maxRssMB, code: exit, signal, timedOut, stderr, stdout };
}

const failed = (r: Run) => r.timedOut || r.signal !== null || r.code === null;
const how = (r: Run) => (r.timedOut ? `stopped at its time limit (${secs(r.wallMs)})` : r.signal ? `killed by ${r.signal}` : `exit ${r.code}`);
const lastLine = (s: string) => s.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';

// ---- corpora and floors ---------------------------------------------------------------------------------

let TMP = '';

interface Subset {
  label: string;
  dirs: string[];
  files: number;
  bytes: number;
}
function subset(c: WrittenCorpus, n: number, label: string): Subset {
  const k = Math.ceil(n / PER_FOLDER);
  if (k > c.dirs.length) throw new Error(`corpus has ${c.files} files, ${n} wanted`);
  return { label, dirs: c.dirs.slice(0, k), files: Math.min(n, c.files), bytes: c.dirBytes.slice(0, k).reduce((a, b) => a + b, 0) };
}

interface Floors {
  cat: Run;
  js: Run & { words?: number; shingles?: number; innerMs?: number };
}
const floorCache = new Map<string, Floors>();

async function floors(s: Subset): Promise<Floors> {
  const key = s.dirs.join('|');
  const cached = floorCache.get(key);
  if (cached) return cached;
  const list = path.join(TMP, `list-${floorCache.size}.txt`);
  const files: string[] = [];
  for (const d of s.dirs) for (const f of readdirSync(d).sort()) files.push(path.join(d, f));
  writeFileSync(list, files.join('\0'));
  // cat, twice: the first also makes sure every file is in the page cache for what follows
  await measure('xargs', ['-0', '-a', list, 'cat'], { timeoutMs: 600_000, stdoutFile: '/dev/null' });
  const cat = await measure('xargs', ['-0', '-a', list, 'cat'], { timeoutMs: 600_000, stdoutFile: '/dev/null' });
  writeFileSync(list, files.join('\n'));
  const js = await measure(process.execPath, [FLOOR, '--list', list], { timeoutMs: 1_800_000 });
  let extra: { words?: number; shingles?: number; files?: number; ms?: number } = {};
  try {
    extra = JSON.parse(lastLine(js.stdout));
  } catch {
    note(`floor.mjs on ${s.label} printed no result (${how(js)}): ${lastLine(js.stderr)}`);
  }
  if (extra.files !== undefined && extra.files !== s.files) note(`floor.mjs read ${extra.files} files of ${s.label}, expected ${s.files}`);
  rmSync(list, { force: true });
  const f = { cat, js: { ...js, words: extra.words, shingles: extra.shingles, innerMs: extra.ms } };
  floorCache.set(key, f);
  return f;
}

function floorRows(section: string, s: Subset, f: Floors): void {
  row({ section, what: `${s.label}: \`cat\` of every file to /dev/null`, figure: `${secs(f.cat.wallMs)} wall, ${sig2(s.bytes / 1048576 / (f.cat.wallMs / 1000))} MB/s` });
  row({
    section,
    what: `${s.label}: JS floor (floor.mjs: read, NFC, 64K-table tokenizer, word 3-grams, 64-hash MinHash; one thread)`,
    figure: `${secs(f.js.wallMs)} wall, ${secs(f.js.cpuMs)} CPU = ${sig2(s.bytes / 1048576 / (f.js.cpuMs / 1000))} MB/s of CPU (${sig2(s.bytes / 1048576 / (f.js.wallMs / 1000))} MB/s wall), peak RSS ${int(f.js.maxRssMB)} MB; in-process wall without start-up ${sig2(s.bytes / 1048576 / ((f.js.innerMs ?? NaN) / 1000))} MB/s`,
    vsFloor: '1× (the floor)',
  });
}

// ---- the CLI ---------------------------------------------------------------------------------------------

let cliHelp = '';
function cliArgs(paths: string[]): string[] {
  const a = [CLI, 'lint', '--format', 'json'];
  if (/--jobs\b/.test(cliHelp)) a.push('--jobs', String(os.availableParallelism?.() ?? os.cpus().length));
  return [...a, ...paths];
}

interface OutputCheck {
  ok: boolean;
  files: number;
  findings: number;
  byCode: Record<string, number>;
  problem?: string;
}

/** Checks that the CLI's JSON report is there and whole: counts its files and findings. */
async function checkJson(file: string, expectFiles: number): Promise<OutputCheck> {
  const size = existsSync(file) ? statSync(file).size : 0;
  if (size === 0) return { ok: false, files: 0, findings: 0, byCode: {}, problem: 'no output' };
  if (size < 400 * 1048576) {
    try {
      const j = JSON.parse(readFileSync(file, 'utf8')) as Array<{ diagnostics?: Array<{ code: string }>; skipped?: string }>;
      const byCode: Record<string, number> = {};
      let findings = 0;
      for (const f of j) for (const d of f.diagnostics ?? []) (byCode[d.code] = (byCode[d.code] ?? 0) + 1), findings++;
      const ok = Array.isArray(j) && j.length === expectFiles;
      return { ok, files: j.length, findings, byCode, problem: ok ? undefined : `${j.length} file reports for ${expectFiles} files` };
    } catch (e) {
      return { ok: false, files: 0, findings: 0, byCode: {}, problem: `not JSON: ${(e as Error).message.slice(0, 200)}` };
    }
  }
  // too large to parse here: count file entries and findings by their keys, line by line
  let files = 0;
  let findings = 0;
  let first = '';
  let last = '';
  for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (!first && line.trim()) first = line.trim();
    if (line.trim()) last = line.trim();
    if (line.startsWith('  "file": ')) files++;
    else if (line.includes('"code": "')) findings++;
  }
  const ok = first === '[' && last === ']' && files === expectFiles;
  return { ok, files, findings, byCode: {}, problem: ok ? undefined : `streamed check: first line "${first.slice(0, 20)}", last "${last.slice(0, 20)}", ${files} file reports for ${expectFiles} files` };
}

interface CliResult {
  run: Run;
  out: OutputCheck;
}

async function cliRun(s: Subset, timeoutMs: number): Promise<CliResult> {
  const outFile = path.join(TMP, 'cli-out.json');
  const run = await measure(process.execPath, cliArgs(s.dirs), { timeoutMs, stdoutFile: outFile });
  const out = failed(run) ? { ok: false, files: 0, findings: 0, byCode: {}, problem: how(run) } : await checkJson(outFile, s.files);
  rmSync(outFile, { force: true });
  if (!out.ok) note(`CLI on ${s.label}: ${failed(run) ? how(run) : `${out.problem}; ${how(run)}`}; stderr: ${lastLine(run.stderr).slice(0, 300) || '(empty)'}`);
  return { run, out };
}

function cliRow(section: string, s: Subset, r: CliResult, f: Floors, extra = ''): void {
  const { run, out } = r;
  const mbs = s.bytes / 1048576;
  const figure = failed(run)
    ? `${how(run)}; CPU so far ${secs(run.cpuMs)}, RSS so far ${int(run.maxRssMB)} MB`
    : `${secs(run.wallMs)} wall, ${secs(run.cpuMs)} CPU, ${sig2(mbs / (run.cpuMs / 1000))} MB/s of CPU (${sig2(mbs / (run.wallMs / 1000))} wall), ${int(s.files / (run.wallMs / 1000))} files/s, peak RSS ${int(run.maxRssMB)} MB; ` +
      (out.ok ? `JSON report: ${plural(out.files, 'file')}, ${plural(out.findings, 'finding')}` : `REPORT BROKEN: ${out.problem}`) + `, ${how(run)}${extra}`;
  row({
    section,
    what: `${s.label}: \`corpus-curator lint --format json\`${/--jobs\b/.test(cliHelp) ? ' --jobs' : ''}`,
    figure,
    vsFloor: `${failed(run) ? 'more than: ' : ''}CPU ${times(run.cpuMs / f.js.cpuMs)} the floor's; wall ${times(run.wallMs / f.js.wallMs)}; ${times(run.wallMs / f.cat.wallMs)} cat's wall`,
  });
}

// ---- peers -------------------------------------------------------------------------------------------

const PEER_PACKAGES = ['unified@11.0.5', 'retext-latin@4.0.0', 'retext-repeated-words@5.0.0', 'vfile@6.0.3', 'markdownlint-cli2@0.22.1', 'cspell@9.8.0', '@cspell/dict-vi-vn@3.0.6'];

function peersInstalled(): boolean {
  return PEER_PACKAGES.every((spec) => {
    const at = spec.lastIndexOf('@');
    const name = spec.slice(0, at);
    try {
      return JSON.parse(readFileSync(path.join(PEERS_DIR, 'node_modules', name, 'package.json'), 'utf8')).version === spec.slice(at + 1);
    } catch {
      return false;
    }
  });
}

function installPeers(): boolean {
  if (peersInstalled()) return true;
  log(`installing the peers into ${path.relative(ROOT, PEERS_DIR)} (pinned: ${PEER_PACKAGES.join(' ')})`);
  mkdirSync(PEERS_DIR, { recursive: true });
  if (!existsSync(path.join(PEERS_DIR, 'package.json'))) writeFileSync(path.join(PEERS_DIR, 'package.json'), '{ "name": "bench-peers", "private": true }\n');
  const r = spawnSync('npm', ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--save-exact', ...PEER_PACKAGES], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0 || !peersInstalled()) {
    note(`the peers could not be installed (npm install --prefix .bench/peers ${PEER_PACKAGES.join(' ')}: ${r.error?.message ?? `exit ${r.status}`}: ${lastLine(r.stderr ?? '').slice(0, 300)}); skipped`);
    return false;
  }
  return true;
}

async function peers(s: Subset, ours: CliResult, f: Floors): Promise<void> {
  const section = 'Peers';
  if (!installPeers()) {
    row({ section, what: 'peers', figure: 'skipped: could not be installed (see the notes)' });
    return;
  }
  const vsOurs = (r: Run) => `CPU ${times(r.cpuMs / ours.run.cpuMs)} ours, wall ${times(r.wallMs / ours.run.wallMs)} ours; CPU ${times(r.cpuMs / f.js.cpuMs)} the floor's`;
  const peerFigure = (r: Run, what: string) =>
    failed(r) ? `${how(r)}: ${lastLine(r.stderr).slice(0, 200)}` : `${secs(r.wallMs)} wall, ${secs(r.cpuMs)} CPU, peak RSS ${int(r.maxRssMB)} MB; ${what}`;

  // retext: our script, run from inside .bench/peers so that its imports resolve there
  copyFileSync(path.join(ROOT, 'test', 'bench', 'peers', 'retext.mjs'), path.join(PEERS_DIR, 'retext.mjs'));
  const rt = await measure(process.execPath, [path.join(PEERS_DIR, 'retext.mjs'), ...s.dirs], { timeoutMs: 1_200_000 });
  let rtOut = { files: 0, messages: 0 };
  try {
    rtOut = JSON.parse(lastLine(rt.stdout));
  } catch {
    // reported through peerFigure
  }
  row({ section, what: `${s.label}: retext (unified + retext-latin + retext-repeated-words, file by file)`, figure: peerFigure(rt, `${plural(rtOut.messages, 'message')} in ${plural(rtOut.files, 'file')}`), vsFloor: vsOurs(rt) });

  // markdownlint-cli2 and cspell take globs relative to their working folder: the corpus folder
  const base = path.dirname(s.dirs[0]);
  const globs = s.dirs.map((d) => `${path.basename(d)}/*.txt`);
  const mdl = await measure(process.execPath, [path.join(PEERS_DIR, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), ...globs], { timeoutMs: 1_200_000, cwd: base });
  const mdlSummary = /Summary: (\d+) error/.exec(mdl.stdout + mdl.stderr);
  const mdlFiles = /Linting: (\d+) file/.exec(mdl.stdout + mdl.stderr);
  row({
    section,
    what: `${s.label}: markdownlint-cli2 (default rules)`,
    figure: peerFigure(mdl, `${mdlSummary ? plural(Number(mdlSummary[1]), 'error') : 'no summary'} in ${mdlFiles ? plural(Number(mdlFiles[1]), 'file') : '?'}`),
    vsFloor: vsOurs(mdl),
  });

  const cfg = path.join(PEERS_DIR, 'cspell.json');
  writeFileSync(cfg, JSON.stringify({ version: '0.2', language: 'en,vi', import: ['@cspell/dict-vi-vn/cspell-ext.json'] }) + '\n');
  const csOut = path.join(TMP, 'cspell.out');
  const cs = await measure(process.execPath, [path.join(PEERS_DIR, 'node_modules', 'cspell', 'bin.mjs'), 'lint', '--config', cfg, '--no-progress', '--no-must-find-files', ...globs], { timeoutMs: 1_200_000, cwd: base, stdoutFile: csOut });
  const csSummary = /Files checked: (\d+), Issues found: (\d+)/.exec(cs.stderr);
  rmSync(csOut, { force: true });
  row({
    section,
    what: `${s.label}: cspell (English + Vietnamese dictionary)`,
    figure: peerFigure(cs, csSummary ? `${plural(Number(csSummary[2]), 'issue')} in ${plural(Number(csSummary[1]), 'file')}` : 'no summary'),
    vsFloor: vsOurs(cs),
  });
  data.peers = { retext: { ...rt, ...rtOut, stderr: undefined, stdout: undefined }, markdownlint: { ...mdl, stderr: undefined, stdout: undefined }, cspell: { ...cs, stderr: undefined, stdout: undefined } };
}

// ---- the language server -------------------------------------------------------------------------------

interface Diag {
  range: { start: { line: number } };
  message: string;
  code?: string | number;
}
interface ProbeSnapshot {
  seq: number;
  eld: { p50: number; p95: number; p99: number; max: number; mean: number };
  mem: { rss: number; heapUsed: number };
  cpu: { userMs: number; systemMs: number; maxRssKB: number };
}

class Server {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly probeFile: string;
  stderr = '';
  exited: string | undefined;
  /** Peak RSS seen so far (MB), sampled from /proc every 200 ms: still known after a crash. */
  private peakRss = 0;
  private readonly sampler: NodeJS.Timeout;
  private readonly diags = new Map<string, { version?: number; diagnostics: Diag[]; at: number }>();
  private diagWaiters: Array<{ uri: string; version: number; resolve: (at: number) => void }> = [];
  private progressWaiters: Array<{ pred: (p: { phase: string; done: number; total: number }) => boolean; resolve: () => void }> = [];
  lastProgress: { phase: string; done: number; total: number } | undefined;
  /** Files the index read, summed over its passes (each 'done' says how many it read). */
  filesRead = 0;

  constructor(name: string) {
    this.probeFile = path.join(TMP, `probe-${name}.json`);
    // BENCH_SERVER_NODE_ARGS: node options for the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it)
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
    this.proc = spawn(process.execPath, [...nodeArgs, '--require', PROBE, SERVER, '--stdio'], { cwd: ROOT, env: { ...process.env, BENCH_PROBE_FILE: this.probeFile }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdin!.on('error', () => undefined);
    this.proc.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-65536);
    });
    this.sampler = setInterval(() => {
      if (!this.exited) this.peakRss = Math.max(this.peakRss, treeRssMB(this.pid));
    }, 200);
    this.sampler.unref();
    this.proc.on('exit', (code, signal) => {
      clearInterval(this.sampler);
      this.exited = signal ? `ended by ${signal}` : `exited with code ${code}`;
      for (const w of this.diagWaiters.splice(0)) w.resolve(NaN);
      for (const w of this.progressWaiters.splice(0)) w.resolve();
    });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onError(() => undefined);
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diag[] }) => {
      const at = performance.now();
      this.diags.set(p.uri, { version: p.version, diagnostics: p.diagnostics, at });
      this.diagWaiters = this.diagWaiters.filter((w) => {
        if (w.uri !== p.uri || (p.version ?? 0) < w.version) return true;
        w.resolve(at);
        return false;
      });
    });
    this.conn.onNotification('corpusCurator/indexProgress', (p: { phase: string; done: number; total: number; read?: number }) => {
      this.lastProgress = p;
      if (p.phase === 'done') this.filesRead += p.read ?? 0;
      this.progressWaiters = this.progressWaiters.filter((w) => {
        if (!w.pred(p)) return true;
        w.resolve();
        return false;
      });
    });
    this.conn.onNotification(() => undefined);
    this.conn.onRequest(() => null);
    this.conn.listen();
  }

  get pid(): number {
    return this.proc.pid!;
  }

  async initialize(folders: string[], storagePath?: string): Promise<void> {
    await timeout(
      this.conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folders.length ? pathToFileURL(folders[0]).href : null,
        workspaceFolders: folders.length ? folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })) : null,
        initializationOptions: storagePath ? { storagePath } : undefined,
        capabilities: {
          workspace: { workspaceFolders: true },
          textDocument: {
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            publishDiagnostics: { versionSupport: true },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
          },
        },
      }),
      60_000,
      'initialize',
    );
  }

  initialized(): void {
    void this.conn.sendNotification('initialized', {});
  }

  /** Resolves with the time (performance.now()) the diagnostics of `version` (or later) arrived, NaN if the server died. */
  diagnosticsFor(uri: string, version: number, ms: number): Promise<number> {
    const d = this.diags.get(uri);
    if (d && (d.version ?? 0) >= version) return Promise.resolve(d.at);
    if (this.exited) return Promise.resolve(NaN);
    return timeout(new Promise<number>((resolve) => this.diagWaiters.push({ uri, version, resolve })), ms, `diagnostics of version ${version}`);
  }

  /** When diagnostics satisfying `pred` were published for `uri` (polled; NaN if the server exits). */
  async diagnosticsWhen(uri: string, pred: (d: Diag[]) => boolean, ms: number): Promise<number> {
    const until = performance.now() + ms;
    for (;;) {
      const d = this.diags.get(uri);
      if (d && pred(d.diagnostics)) return d.at;
      if (this.exited) return NaN;
      if (performance.now() > until) throw new Error(`no such diagnostics in ${secs(ms)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  lastDiagnostics(uri: string): Diag[] {
    return this.diags.get(uri)?.diagnostics ?? [];
  }

  progress(pred: (p: { phase: string; done: number; total: number }) => boolean, ms: number): Promise<void> {
    if (this.lastProgress && pred(this.lastProgress)) return Promise.resolve();
    return timeout(new Promise<void>((resolve) => this.progressWaiters.push({ pred, resolve })), ms, 'index progress');
  }

  async request<T>(method: string, params: unknown, ms: number): Promise<{ ms: number; result?: T; error?: string }> {
    const t0 = performance.now();
    try {
      const result = await timeout(this.conn.sendRequest(method, params) as Promise<T>, ms, method);
      return { ms: performance.now() - t0, result };
    } catch (e) {
      const err = e as { message?: string; code?: number };
      return { ms: performance.now() - t0, error: `${err.code !== undefined ? `[${err.code}] ` : ''}${err.message ?? String(e)}${this.exited ? ` (server ${this.exited})` : ''}` };
    }
  }

  /** The probe's snapshot after SIGUSR2 (event-loop delay since the previous one); undefined if none came. */
  async snapshot(): Promise<ProbeSnapshot | undefined> {
    const before = this.readProbe()?.seq ?? 0;
    if (this.exited) return undefined;
    process.kill(this.pid, 'SIGUSR2');
    for (let i = 0; i < 100; i++) {
      await sleep(50);
      const s = this.readProbe();
      if (s && s.seq > before) return s;
    }
    return undefined;
  }

  readProbe(): ProbeSnapshot | undefined {
    try {
      return JSON.parse(readFileSync(this.probeFile, 'utf8')) as ProbeSnapshot;
    } catch {
      return undefined;
    }
  }

  peakRssMB(): number {
    if (!this.exited) this.peakRss = Math.max(this.peakRss, treeRssMB(this.pid));
    return this.peakRss;
  }

  /** Why the server died, in its own words when it said (V8's "FATAL ERROR: …"), else its stderr's last line. */
  deathCause(): string {
    const fatal = /FATAL ERROR:[^\n]*/.exec(this.stderr);
    return fatal ? fatal[0].trim() : lastLine(this.stderr).slice(0, 300);
  }

  async stop(): Promise<number> {
    const t0 = performance.now();
    if (!this.exited) {
      await this.request('shutdown', null, 60_000);
      void this.conn.sendNotification('exit');
      for (let i = 0; i < 40 && !this.exited; i++) await sleep(50);
    }
    const ms = performance.now() - t0;
    if (!this.exited) this.proc.kill('SIGKILL');
    this.conn.dispose();
    return ms;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<T>((_, reject) => {
      t = setTimeout(() => reject(new Error(`${what}: no answer within ${secs(ms)}`)), ms);
    }),
  ]);
}

async function indexBench(s: Subset, f: Floors): Promise<void> {
  const section = 'Language server: corpus index';
  const storage = path.join(TMP, 'storage');
  const small = path.join(TMP, 'edit', 'probe-doc.txt');
  mkdirSync(path.dirname(small), { recursive: true });
  const smallText = longArticle(77, 10_000);
  writeFileSync(small, smallText);
  // each folder a project of its own, as a curator's corpus is once an article has been marked
  // reviewed or a finding ignored (removed at the end: the other sections read the folders bare)
  const projects = s.dirs.map((d) => path.join(d, '.corpus-curator.json'));
  for (const p of projects) writeFileSync(p, '{ "reviewed": [] }\n');
  try {
    await indexRuns(s, f, section, storage, small, smallText);
  } finally {
    for (const p of projects) rmSync(p, { force: true });
  }
}

async function indexRuns(s: Subset, f: Floors, section: string, storage: string, small: string, smallText: string): Promise<void> {
  const smallUri = pathToFileURL(small).href;
  const limit = 120_000 + 100 * s.files;

  // cold
  const srv = new Server('index-cold');
  try {
    await srv.initialize(s.dirs, storage);
    const before = await srv.snapshot(); // starts the probe's interval
    const t0 = performance.now();
    srv.initialized();
    void srv.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'news-article', version: 1, text: smallText } });
    // a request every 200 ms while indexing: how long the server's main thread keeps a user waiting
    const lat: number[] = [];
    // where the slowest round trip fell: the index's progress when it was sent, and the time since initialized
    let slowest = { ms: -1, at: '' };
    let indexing = true;
    const poller = (async () => {
      while (indexing && !srv.exited) {
        const sent = srv.lastProgress;
        const since = performance.now() - t0;
        const r = await srv.request('textDocument/documentSymbol', { textDocument: { uri: smallUri } }, 30_000);
        if (!r.error) {
          lat.push(r.ms);
          if (r.ms > slowest.ms) slowest = { ms: r.ms, at: `${secs(since)} after initialized, progress ${sent ? `${sent.phase} ${sent.done}/${sent.total}` : 'none yet'}` };
        }
        await sleep(200);
      }
    })();
    let err: string | undefined;
    try {
      await srv.progress((p) => p.phase === 'done' && p.total >= s.files, limit);
    } catch (e) {
      err = (e as Error).message;
    }
    const coldMs = performance.now() - t0;
    indexing = false;
    await poller;
    const snap = await srv.snapshot();
    const p = srv.lastProgress;
    const summary = await srv.request<{ articles: unknown[] }>('corpusCurator/corpusSummary', {}, 120_000);
    const rss = srv.peakRssMB();
    if (err || srv.exited) {
      row({ section, what: `cold index of ${s.label}`, figure: `did not finish: ${err ?? ''} ${srv.exited ?? ''}; last progress ${JSON.stringify(p)}; stderr: ${lastLine(srv.stderr).slice(0, 200)}` });
    } else {
      const cpu = snap && before ? snap.cpu.userMs + snap.cpu.systemMs - before.cpu.userMs - before.cpu.systemMs : NaN;
      row({
        section,
        what: `cold index of ${s.label} (initialized → indexProgress 'done'; the server's worker threads)`,
        figure: `${secs(coldMs)} = ${int(s.files / (coldMs / 1000))} files/s, ${sig2(s.bytes / 1048576 / (coldMs / 1000))} MB/s; server process CPU meanwhile ${secs(cpu)} (all its threads; the probe requests included)`,
        vsFloor: `CPU ${times(cpu / f.js.cpuMs)} the floor's; wall ${times(coldMs / f.js.wallMs)}`,
      });
      if (snap) {
        row({ section, what: 'server main thread event-loop delay while indexing (probe.cjs: p50 / p99 / max)', figure: `${ms1(snap.eld.p50)} / ${ms1(snap.eld.p99)} / ${ms1(snap.eld.max)}` });
        row({ section, what: 'server memory after indexing: heap used / RSS / peak RSS', figure: `${mb(snap.mem.heapUsed)} / ${mb(snap.mem.rss)} / ${int(rss)} MB` });
      }
      row({ section, what: `documentSymbol round trips while indexing (${lat.length} requests, 10 KB document): p50 / p95 / p99 / max`, figure: `${ms1(quantile(lat, 0.5))} / ${ms1(quantile(lat, 0.95))} / ${ms1(quantile(lat, 0.99))} / ${ms1(Math.max(...lat))} (the slowest sent ${slowest.at})` });
      row({ section, what: 'corpusCurator/corpusSummary after indexing (the explorer\'s request)', figure: summary.error ? `error: ${summary.error}` : `${ms1(summary.ms)}, ${plural(summary.result?.articles.length ?? 0, 'article')}` });
      data.index = { coldMs, cpuMs: cpu, files: s.files, bytes: s.bytes, eld: snap?.eld, mem: snap?.mem, peakRssMB: rss, requestLatency: { p50: quantile(lat, 0.5), p95: quantile(lat, 0.95), p99: quantile(lat, 0.99), max: Math.max(...lat), slowest: slowest.at, n: lat.length } };
    }
    const stopMs = await srv.stop();
    row({ section, what: 'shutdown (saves the index cache)', figure: secs(stopMs) });
  } finally {
    if (!srv.exited) srv.proc.kill('SIGKILL');
  }

  // warm: a new server on the same cache
  const warm = new Server('index-warm');
  try {
    await warm.initialize(s.dirs, storage);
    const t0 = performance.now();
    warm.initialized();
    // as VS Code's language client does at start (synchronize.configurationSection): the settings pushed
    void warm.conn.sendNotification('workspace/didChangeConfiguration', { settings: { corpusCurator: {} } });
    let err: string | undefined;
    try {
      await warm.progress((p) => p.phase === 'done' && p.total >= s.files, limit);
    } catch (e) {
      err = (e as Error).message;
    }
    const warmMs = performance.now() - t0;
    const snap = await warm.snapshot();
    // what the index does next: a pass the settings push starts would read files again
    await sleep(3_000);
    row({
      section,
      what: `warm re-open of ${s.label} (new server, same cache; every file checked by mtime and size; the client's settings pushed at start)`,
      figure: err ? `did not finish: ${err}` : `${secs(warmMs)} = ${int(s.files / (warmMs / 1000))} files/s; event-loop delay max ${ms1(snap?.eld.max ?? NaN)}; peak RSS ${int(warm.peakRssMB())} MB; files read again in the first ${secs(warmMs + 3_000)}: ${int(warm.filesRead)}`,
    });
    data.indexWarm = { warmMs, eld: snap?.eld, filesRead: warm.filesRead };
    await warm.stop();
  } finally {
    if (!warm.exited) warm.proc.kill('SIGKILL');
  }
}

/** Typing in a document: single characters at a moving cursor, jumping elsewhere now and then. */
class Typist {
  private readonly lines: string[];
  private line = 0;
  private col = 0;
  private left = 0;
  private k = 0;
  private x = 12345;
  constructor(text: string) {
    this.lines = text.split('\n');
  }
  private rnd(): number {
    this.x = (Math.imul(this.x, 1103515245) + 12345) & 0x7fffffff;
    return this.x / 0x7fffffff;
  }
  next(): { line: number; character: number; text: string } {
    if (this.left <= 0) {
      // another paragraph (a long line), somewhere in its middle
      for (let tries = 0; tries < 1000; tries++) {
        const l = Math.floor(this.rnd() * this.lines.length);
        if (this.lines[l].length > 80) {
          this.line = l;
          break;
        }
      }
      this.col = Math.floor(this.rnd() * this.lines[this.line].length);
      this.left = 5 + Math.floor(this.rnd() * 15);
    }
    const ch = 'anh trong các người '[this.k++ % 20];
    const at = { line: this.line, character: this.col, text: ch };
    const l = this.lines[this.line];
    this.lines[this.line] = l.slice(0, this.col) + ch + l.slice(this.col);
    this.col++;
    this.left--;
    return at;
  }
}

async function editBench(): Promise<void> {
  const section = 'Language server: editing';
  const srv = new Server('edit');
  try {
    await srv.initialize([]);
    srv.initialized();
    for (const size of PLAN.editSizes) {
      const text = longArticle(1000 + size, size);
      const bytes = Buffer.byteLength(text);
      const label = bytes >= 1048576 ? `${sig2(bytes / 1048576)} MB` : `${int(bytes / 1024)} KB`;
      const file = path.join(TMP, 'edit', `article-${label.replace(' ', '')}.txt`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      const uri = pathToFileURL(file).href;
      const typist = new Typist(text);
      let version = 1;
      const t0 = performance.now();
      void srv.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news-article', version, text } });
      let firstMs = NaN;
      let err: string | undefined;
      try {
        firstMs = (await srv.diagnosticsFor(uri, 1, 300_000)) - t0;
      } catch (e) {
        err = (e as Error).message;
      }
      const what = `${label} article (${int(text.split('\n').length)} lines)`;
      if (err || srv.exited) {
        row({ section, what: `${what}: didOpen → first publishDiagnostics`, figure: `failed: ${err ?? ''} ${srv.exited ?? ''}` });
        break;
      }
      row({ section, what: `${what}: didOpen → first publishDiagnostics (no debounce)`, figure: `${ms1(firstMs)}, ${plural(srv.lastDiagnostics(uri).length, 'diagnostic')}` });

      const edit = () => {
        const e = typist.next();
        version++;
        void srv.conn.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character } }, text: e.text }],
        });
        return e;
      };
      // from a keystroke (after `before`, the keystrokes that lead to it) to the diagnostics of its version
      const toDiagnostics = async (rounds: number, before: () => Promise<void>): Promise<number[]> => {
        const lat: number[] = [];
        for (let i = 0; i < rounds && !err; i++) {
          await before();
          const t = performance.now();
          edit();
          try {
            lat.push((await srv.diagnosticsFor(uri, version, 120_000)) - t);
          } catch (e) {
            err = (e as Error).message;
          }
        }
        return lat;
      };
      const p50p95 = (lat: number[]) => `${ms1(quantile(lat, 0.5))} / ${ms1(quantile(lat, 0.95))}`;
      // keystroke -> diagnostics, one edit at a time
      const diagLat = await toDiagnostics(PLAN.edits.diag, async () => {});
      row({
        section,
        what: `${what}: keystroke → publishDiagnostics, ${diagLat.length} edits (includes the server's wait after a change: for a document read on the main thread twice its last analysis, 50–200 ms; none for one read off it, over 150,000 characters): p50 / p95`,
        figure: `${p50p95(diagLat)}${err ? `; then failed: ${err}` : ''}`,
      });
      // typing: bursts of keystrokes 100 ms apart (10 characters a second); from the last keystroke
      // of a burst to the diagnostics of that version (the server may be reading an earlier one)
      const burstLat = await toDiagnostics(PLAN.edits.bursts, async () => {
        for (let k = 0; k < 9; k++) {
          edit();
          await new Promise((r) => setTimeout(r, 100));
        }
      });
      row({
        section,
        what: `${what}: typing, ${burstLat.length} bursts of 10 keystrokes 100 ms apart: last keystroke → publishDiagnostics, p50 / p95`,
        figure: `${p50p95(burstLat)}${err ? `; then failed: ${err}` : ''}`,
      });
      // documentSymbol sent right after an edit (before the debounce fires)
      const symLat: number[] = [];
      const symErr: string[] = [];
      for (let i = 0; i < PLAN.edits.symbol && !err && !srv.exited; i++) {
        edit();
        const r = await srv.request('textDocument/documentSymbol', { textDocument: { uri } }, 120_000);
        if (r.error) symErr.push(r.error);
        else symLat.push(r.ms);
        await srv.diagnosticsFor(uri, version, 120_000).catch(() => NaN);
      }
      row({ section, what: `${what}: documentSymbol right after an edit, ${symLat.length} requests: p50 / p95`, figure: `${p50p95(symLat)}${symErr.length ? `; errors: ${symErr[0]}` : ''}` });
      // codeAction right after an edit: at the edited line, and every other time at a line with a
      // diagnostic (where the editor shows a light bulb), with that line's last diagnostics
      const actLat: number[] = [];
      const actErr: string[] = [];
      let actions = 0;
      for (let i = 0; i < PLAN.edits.action && !err && !srv.exited; i++) {
        const e = edit();
        const all = srv.lastDiagnostics(uri);
        const line = i % 2 === 1 && all.length ? all[(i * 7) % all.length].range.start.line : e.line;
        const onLine = all.filter((d) => d.range.start.line === line);
        const r = await srv.request<unknown[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line, character: 0 }, end: { line, character: 0 } }, context: { diagnostics: onLine } }, 120_000);
        if (r.error) actErr.push(r.error);
        else (actLat.push(r.ms), (actions += r.result?.length ?? 0));
        await srv.diagnosticsFor(uri, version, 120_000).catch(() => NaN);
      }
      row({ section, what: `${what}: codeAction right after an edit (half at a diagnostic's line), ${actLat.length} requests: p50 / p95`, figure: `${p50p95(actLat)} (${plural(actions, 'action')} offered)${actErr.length ? `; errors: ${actErr[0]}` : ''}` });
      data[`edit${label.replace(' ', '')}`] = { firstMs, diag: { p50: quantile(diagLat, 0.5), p95: quantile(diagLat, 0.95), n: diagLat.length }, burst: { p50: quantile(burstLat, 0.5), p95: quantile(burstLat, 0.95), n: burstLat.length }, symbol: { p50: quantile(symLat, 0.5), p95: quantile(symLat, 0.95) }, action: { p50: quantile(actLat, 0.5), p95: quantile(actLat, 0.95) } };
      void srv.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    row({ section, what: 'editing server: peak RSS', figure: `${int(srv.peakRssMB())} MB` });
    await srv.stop();
  } finally {
    if (!srv.exited) srv.proc.kill('SIGKILL');
  }
}

async function bigBench(): Promise<void> {
  const section = 'Language server: a file of short lines';
  const text = shortLines(PLAN.shortLinesBytes);
  const lines = text.split('\n').length - 1;
  const label = `${sig2(Buffer.byteLength(text) / 1e6)} MB file of ${int(lines)} short lines`;
  const file = path.join(TMP, 'edit', 'short-lines.txt');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const srv = new Server('big');
  const limit = PLAN.mode === 'quick' ? 120_000 : 300_000;
  try {
    await srv.initialize([]);
    srv.initialized();
    const t0 = performance.now();
    void srv.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news-article', version: 1, text } });
    let first: string;
    try {
      const at = await srv.diagnosticsFor(uri, 1, limit);
      first = Number.isNaN(at) ? `none: the server ${srv.exited} after ${secs(performance.now() - t0)}: "${srv.deathCause()}"` : `${secs(at - t0)}, ${plural(srv.lastDiagnostics(uri).length, 'diagnostic')}`;
    } catch (e) {
      first = `none: ${(e as Error).message}`;
    }
    row({ section, what: `${label}: didOpen → first publishDiagnostics`, figure: first });
    // a huge document's first diagnostics are a first look at its beginning (server.ts startFirstPass); the whole file's follow
    const firstLook = (ds: Diag[]) => ds.some((d) => /a first look at lines/.test(String(d.message)));
    const wholeAt = srv.exited ? Promise.resolve(NaN) : srv.diagnosticsWhen(uri, (ds) => !firstLook(ds), limit).catch(() => NaN);
    const requests: string[] = [];
    for (const [method, params] of [
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/foldingRange', { textDocument: { uri } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: Math.floor(lines / 2), character: 0 } }],
    ] as const) {
      if (srv.exited) {
        requests.push(`${label}: ${method}\u0000not sent: the server ${srv.exited}`);
        continue;
      }
      const r = await srv.request<unknown>(method, params, 120_000);
      const size = Array.isArray(r.result) ? `${plural(r.result.length, 'item')}, ${int(JSON.stringify(r.result).length / 1000)} KB` : r.result === null ? 'null' : 'a result';
      requests.push(`${label}: ${method} (asked right after the first diagnostics)\u0000${r.error ? `ERROR after ${secs(r.ms)}: ${r.error}` : `ok in ${secs(r.ms)} (${size})`}`);
    }
    const whole = await wholeAt;
    row({ section, what: `${label}: didOpen → the whole file's diagnostics`, figure: Number.isNaN(whole) ? 'none' : `${secs(whole - t0)}, ${plural(srv.lastDiagnostics(uri).length, 'diagnostic')}` });
    for (const r of requests) {
      const [what, figure] = r.split('\u0000');
      row({ section, what, figure });
    }
    for (const [method, params] of [
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: Math.floor(lines / 3), character: 0 } }],
    ] as const) {
      if (srv.exited) break;
      const r = await srv.request<unknown>(method, params, 120_000);
      row({ section, what: `${label}: ${method} (again, analysed)`, figure: r.error ? `ERROR after ${secs(r.ms)}: ${r.error}` : `ok in ${secs(r.ms)}` });
    }
    const rss = srv.peakRssMB();
    row({ section, what: `${label}: server peak RSS (sampled every 200 ms)`, figure: `${int(rss)} MB${srv.exited ? ` (before it ${srv.exited})` : ''}` });
    if (srv.exited) note(`the language server ${srv.exited} on the ${label}: "${srv.deathCause()}"`);
    data.bigFile = { first, wholeMs: whole - t0, peakRssMB: rss, exited: srv.exited };
    await srv.stop();
  } finally {
    if (!srv.exited) srv.proc.kill('SIGKILL');
  }
}

// ---- the model in-process (seeds) --------------------------------------------------------------------------

function modelBench(): void {
  const section = 'Engine in-process (seed articles)';
  const dir = path.join(ROOT, 'seeds');
  const seeds = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const time = (fn: () => unknown) => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  };
  for (let i = 0; i < 10; i++) for (const s of seeds) analyze(s);
  const parse: number[] = [];
  const rules: number[] = [];
  const fix: number[] = [];
  for (let i = 0; i < (PLAN.mode === 'quick' ? 5 : 20); i++) {
    for (const s of seeds) {
      parse.push(time(() => parseArticle(s)));
      rules.push(time(() => analyze(s)));
    }
  }
  for (let i = 0; i < 3; i++) for (const s of seeds) fix.push(time(() => fixAll(s)));
  const kb = seeds.reduce((n, s) => n + Buffer.byteLength(s), 0) / seeds.length / 1024;
  row({ section, what: `parse one seed article (mean ${f1(kb)} KB), median`, figure: ms1(quantile(parse, 0.5)) });
  row({ section, what: 'parse + all file rules (analyze), median / p95', figure: `${ms1(quantile(rules, 0.5))} / ${ms1(quantile(rules, 0.95))}` });
  row({ section, what: 'fix-all one seed article (all passes), median', figure: ms1(quantile(fix, 0.5)) });
}

// ---- main -----------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(CLI) || !existsSync(SERVER)) throw new Error('dist/cli.js or dist/server.js is missing: run npm run build (npm run bench does)');
  const started = new Date();
  const load = os.loadavg();
  const commit = spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || '?';
  const dirty = spawnSync('git', ['-C', ROOT, 'status', '--porcelain', '--', 'server', 'client', 'scripts'], { encoding: 'utf8' }).stdout.trim() !== '';
  // the engine measured: the last commit that changed what dist/ is built from
  const engine = spawnSync('git', ['-C', ROOT, 'log', '-1', '--format=%h', '--', 'server', 'client', 'scripts', 'package.json', 'package-lock.json'], { encoding: 'utf8' }).stdout.trim() || '?';
  cliHelp = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).stdout ?? '';
  const machine = {
    date: started.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cpus: `${os.availableParallelism?.() ?? os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? '?'}`,
    memory: `${int(os.totalmem() / 1024 ** 3)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    load: load.map((l) => l.toFixed(2)).join(' '),
    commit: commit + (engine !== commit ? ` (engine as of ${engine})` : '') + (dirty ? ' with uncommitted engine changes' : ''),
    mode: PLAN.mode,
    time: TIME ? 'GNU time (/usr/bin/time)' : 'probe.cjs (resourceUsage of the Node child; install GNU time for children of children)',
    jobs: /--jobs\b/.test(cliHelp) ? `--jobs ${os.availableParallelism?.() ?? os.cpus().length}` : 'no --jobs option in `cli.js --help`: one process',
  };
  data.machine = machine;
  data.plan = PLAN;
  log(`mode ${PLAN.mode}; commit ${machine.commit}; load average ${machine.load}; CPU/RSS via ${machine.time}`);
  TMP = mkdtempSync(path.join(os.tmpdir(), 'cc-bench-'));
  try {
    await run();
  } finally {
    if (opt.keep) log(`kept ${TMP}`);
    else rmSync(TMP, { recursive: true, force: true });
  }
  const totalMs = Date.now() - started.getTime();
  (machine as Record<string, string>).duration = secs(totalMs);
  (machine as Record<string, string>).loadEnd = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const md = render(machine);
  if (opt.json) process.stdout.write(JSON.stringify({ machine, plan: PLAN, rows, notes, data }, null, 1) + '\n');
  else process.stdout.write(md + '\n');
  if (opt.write) {
    writeDoc(md);
    log(`wrote ${path.relative(ROOT, DOC)}`);
  }
}

async function run(): Promise<void> {
  if (on('model')) modelBench();

  const needArticles = on('cli') || on('peers') || on('index');
  const maxArticles = Math.max(...(on('cli') ? PLAN.growth : [PLAN.main]), PLAN.indexFiles);
  let corpus: WrittenCorpus | undefined;
  if (needArticles) {
    const t = performance.now();
    corpus = writeCorpus(path.join(TMP, 'articles'), maxArticles, 8, PER_FOLDER);
    row({ section: 'Corpora', what: `generated articles (seeded; ${PER_FOLDER} per folder)`, figure: `${int(corpus.files)} files, ${mb(corpus.bytes)} (mean ${f1(corpus.bytes / corpus.files / 1024)} KB) in ${secs(performance.now() - t)}` });
  }

  const label = (n: number, c: WrittenCorpus) => `${kfiles(n)} articles (${mb(subset(c, n, '').bytes)})`;
  const results = new Map<number, { s: Subset; f: Floors; r: CliResult }>();
  if (on('cli') && corpus) {
    const section = 'CLI on generated articles';
    for (const n of PLAN.growth) {
      const s = subset(corpus, n, label(n, corpus));
      log(`${s.label}: floors`);
      const f = await floors(s);
      floorRows(section, s, f);
      log(`${s.label}: CLI`);
      const r = await cliRun(s, 120_000 + 40 * n);
      cliRow(section, s, r, f);
      results.set(n, { s, f, r });
      data[`cli${n}`] = { files: s.files, bytes: s.bytes, cat: strip(f.cat), floor: strip(f.js), cli: strip(r.run), findings: r.out.findings, byCode: r.out.byCode, ok: r.out.ok };
    }
    growthRows(results);
  }

  if (on('peers') && corpus) {
    let main = results.get(PLAN.main);
    if (!main) {
      const s = subset(corpus, PLAN.main, label(PLAN.main, corpus));
      const f = await floors(s);
      main = { s, f, r: await cliRun(s, 120_000 + 40 * PLAN.main) };
    }
    log(`${main.s.label}: peers`);
    await peers(main.s, main.r, main.f);
  }

  if (on('stubs')) await stubsBench();

  if (on('index') && corpus) {
    const s = subset(corpus, PLAN.indexFiles, label(PLAN.indexFiles, corpus));
    log(`${s.label}: language server index`);
    await indexBench(s, await floors(s));
  }
  if (on('edit')) {
    log('language server: editing');
    await editBench();
  }
  if (on('big')) {
    log('language server: short lines');
    await bigBench();
  }
}

const strip = (r: Run) => ({ wallMs: r.wallMs, cpuMs: r.cpuMs, maxRssMB: r.maxRssMB, code: r.code, signal: r.signal, timedOut: r.timedOut });

function growthRows(results: Map<number, { s: Subset; f: Floors; r: CliResult }>): void {
  const section = 'Growth';
  const [a, b] = PLAN.growthPair;
  const ra = results.get(a);
  const rb = results.get(b);
  if (ra && rb) {
    const bytes = rb.s.bytes / ra.s.bytes;
    const cpu = rb.r.run.cpuMs / ra.r.run.cpuMs;
    const floor = rb.f.js.cpuMs / ra.f.js.cpuMs;
    const ok = !failed(rb.r.run) && !failed(ra.r.run);
    const tenfold = b === 10 * a;
    row({
      section,
      what: `CPU(${kfiles(b)}) / CPU(${kfiles(a)}), CLI, for ${times(bytes)} the bytes`,
      figure: ok ? `${times(cpu)} (wall ${times(rb.r.run.wallMs / ra.r.run.wallMs)})` : `${rb.r.run.timedOut ? '> ' : ''}${times(cpu)} (${how(rb.r.run)})`,
      vsFloor: `floor: ${times(floor)}`,
      target: tenfold ? '≤ 10.5×' : 'n/a (not 10× here)',
      verdict: tenfold ? (cpu <= 10.5 && ok ? 'met' : rb.r.run.timedOut || cpu > 10.5 ? 'missed' : 'unknown') : undefined,
    });
    row({
      section,
      what: `peak RSS of the CLI at ${kfiles(b)} articles`,
      figure: `${int(rb.r.run.maxRssMB)} MB (${kfiles(a)}: ${int(ra.r.run.maxRssMB)} MB)`,
      vsFloor: `floor: ${int(rb.f.js.maxRssMB)} MB`,
      target: b === 30000 ? '≤ 600 MB' : 'n/a (not 30k here)',
      verdict: b === 30000 ? (rb.r.run.maxRssMB <= 600 && ok ? 'met' : rb.r.run.maxRssMB > 600 ? 'missed' : 'unknown') : undefined,
    });
  }
  const series = [...results.values()];
  row({
    section,
    what: `CLI CPU per MB across the series (${series.map((x) => kfiles(x.s.files)).join(' / ')})`,
    figure: series.map((x) => `${secs(x.r.run.cpuMs / (x.s.bytes / 1048576))}`).join(' / '),
    vsFloor: `floor: ${series.map((x) => `${ms1(x.f.js.cpuMs / (x.s.bytes / 1048576))}`).join(' / ')}`,
  });
  row({
    section,
    what: 'CLI peak RSS across the series',
    figure: series.map((x) => `${int(x.r.run.maxRssMB)} MB`).join(' / '),
  });
}

async function stubsBench(): Promise<void> {
  const section = 'Templated stub pages';
  const max = Math.max(...PLAN.stubs);
  const t = performance.now();
  const c = writeStubs(path.join(TMP, 'stubs'), max, 11, PER_FOLDER);
  row({ section, what: 'generated stub pages (one CMS template, a few words differ)', figure: `${int(c.files)} files, ${mb(c.bytes)} in ${secs(performance.now() - t)}` });
  const res: Array<{ n: number; s: Subset; r: CliResult }> = [];
  for (const n of PLAN.stubs) {
    const s = subset(c, n, `${kfiles(n)} stub pages (${mb(subset(c, n, '').bytes)})`);
    const f = await floors(s);
    floorRows(section, s, f);
    // the target allows time to grow as pages^1.085 (4.5× for 4×): 20% past that on the first size's
    // wall time the answer (missed) is known, and the run is stopped there (its CPU so far is read)
    const first = res[0];
    const cap = first && !failed(first.r.run) ? 1.2 * first.r.run.wallMs * Math.pow(n / first.n, Math.log(4.5) / Math.log(4)) + 30_000 : 120_000 + 60 * n;
    log(`${s.label}: CLI (limit ${secs(cap)})`);
    const r = await cliRun(s, cap);
    cliRow(section, s, r, f, r.out.byCode['duplicate-article'] !== undefined ? `; duplicate-article: ${int(r.out.byCode['duplicate-article'])}` : '');
    res.push({ n, s, r });
    data[`stubs${n}`] = { files: s.files, bytes: s.bytes, floor: strip(f.js), cli: strip(r.run), findings: r.out.findings, byCode: r.out.byCode };
  }
  const a = res[0];
  const b = res[res.length - 1];
  if (a && b && a !== b) {
    const cpu = b.r.run.cpuMs / a.r.run.cpuMs;
    const stopped = failed(b.r.run);
    row({
      section,
      what: `time(${kfiles(b.n)}) / time(${kfiles(a.n)}) stub pages (${times(b.n / a.n)} the pages)`,
      figure: `CPU ${stopped ? '> ' : ''}${times(cpu)}, wall ${stopped ? '> ' : ''}${times(b.r.run.wallMs / a.r.run.wallMs)}${stopped ? ` (the ${kfiles(b.n)} run ${how(b.r.run)})` : ''}`,
      target: a.n === 5000 && b.n === 20000 ? '≤ 4.5×' : 'n/a (not 5k → 20k here)',
      verdict: a.n === 5000 && b.n === 20000 ? (!stopped && cpu <= 4.5 ? 'met' : cpu > 4.5 ? 'missed' : 'unknown') : undefined,
    });
  }
}

// ---- rendering -------------------------------------------------------------------------------------------

function render(machine: Record<string, string>): string {
  const out: string[] = [];
  out.push(`Measured ${machine.date} on commit ${machine.commit}, \`npm run bench${PLAN.mode === 'default' ? '' : ` -- --${PLAN.mode}`}\` (${machine.duration}).`);
  out.push(`Machine: ${machine.cpus}, ${machine.memory}, ${machine.os}, Node ${machine.node}; load average at start ${machine.load}, at the end ${machine.loadEnd}. CPU and peak RSS of children: ${machine.time}. CLI: ${machine.jobs}.`);
  out.push('');
  out.push('| what | figure | against the floor (same run) | target (#8) |');
  out.push('|---|---|---|---|');
  let section = '';
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      out.push(`| **${section}** | | | |`);
    }
    const target = r.target ? `${r.target}${r.verdict ? `: **${r.verdict}**` : ''}` : '';
    out.push(`| ${esc(r.what)} | ${esc(r.figure)} | ${esc(r.vsFloor ?? '')} | ${esc(target)} |`);
  }
  if (notes.length) {
    out.push('');
    out.push('Notes of this run:');
    out.push('');
    for (const n of notes) out.push(`- ${n}`);
  }
  return out.join('\n');
}

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const BEGIN = '<!-- bench:begin (npm run bench -- --write replaces this part) -->';
const END = '<!-- bench:end -->';
function writeDoc(md: string): void {
  const old = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n\n';
  const i = old.indexOf(BEGIN);
  const j = old.indexOf(END);
  const body = `${BEGIN}\n${md}\n${END}`;
  const next = i >= 0 && j > i ? old.slice(0, i) + body + old.slice(j + END.length) : `${old.trimEnd()}\n\n## Latest run\n\n${body}\n`;
  writeFileSync(DOC, next);
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error)?.stack ?? e}\n`);
  process.exitCode = 1;
});
