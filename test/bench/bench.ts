// npm run bench: prints performance figures (not asserted by timers; see docs/benchmarks.md).
//   1. the model and the rules per article (seeds)
//   2. a 20 MB article through the model and the rules
//   3. a generated corpus of N articles through the CLI's pipeline (read, analyze) and the index
//   4. the language server over stdio: time to first diagnostics, edit -> diagnostics, outline
import { readFileSync, readdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { parseArticle } from '../../server/src/model/article';
import { analyze } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fix';
import { buildCorpusFromTexts } from '../../server/src/index/corpus';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const N = Number(process.env.BENCH_ARTICLES ?? 10000);
const seedDir = path.resolve('seeds');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(seedDir, f), 'utf8'));

function time<T>(fn: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t) / 1e6];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);
const rows: Array<[string, string]> = [];
const row = (k: string, v: string) => {
  rows.push([k, v]);
  console.log(`${k.padEnd(58)} ${v}`);
};

// 1. per article
{
  for (let i = 0; i < 20; i++) for (const s of seeds) analyze(s); // warm up
  const parse: number[] = [], rules: number[] = [], fix: number[] = [];
  for (let i = 0; i < 40; i++) {
    for (const s of seeds) {
      parse.push(time(() => parseArticle(s))[1]);
      rules.push(time(() => analyze(s))[1]);
    }
  }
  for (let i = 0; i < 5; i++) for (const s of seeds) fix.push(time(() => fixAll(s))[1]);
  const kb = seeds.reduce((n, s) => n + Buffer.byteLength(s), 0) / seeds.length / 1024;
  row(`model: parse one seed article (mean ${kb.toFixed(1)} KB), median`, fmt(median(parse)));
  row('model + all file rules (analyze), median / p95', `${fmt(median(rules))} / ${fmt(p95(rules))}`);
  row('fix-all one seed article (all passes), median', fmt(median(fix)));
}

// 2. a 20 MB article
{
  const big = seeds[0].repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(seeds[0])));
  const [, tp] = time(() => parseArticle(big));
  row(`20 MB article (${(Buffer.byteLength(big) / 1048576).toFixed(1)} MB): parse`, fmt(tp));
  const [res, ta] = time(() => analyze(big));
  row(`20 MB article: parse + all file rules (${res.findings.length} findings)`, fmt(ta));
}

// 3. a generated corpus
function generate(n: number): Array<{ file: string; text: string }> {
  // articles made of the seeds' paragraphs in shuffled order, with varied headlines and dates:
  // realistic line lengths and junk, different content per file
  const paras = seeds.flatMap((s) => s.split(/\n\s*\n/)).filter((p) => p.length > 80 && !p.startsWith('Array'));
  let x = 42;
  const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: Array<{ file: string; text: string }> = [];
  for (let i = 0; i < n; i++) {
    const body = Array.from({ length: 8 + Math.floor(rnd() * 10) }, () => paras[Math.floor(rnd() * paras.length)]);
    const d = `${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}/${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}/202${Math.floor(rnd() * 4)}`;
    const text = [`Bài viết số ${i}: tin tức tổng hợp về hoạt động của địa phương trong tuần`, '', `${d} - 08:${String(i % 60).padStart(2, '0')}`, '', ...body.flatMap((p) => [p, '']), 'PHÓNG VIÊN', '', 'Chia sẻ bài viết', ''].join('\n');
    out.push({ file: `/corpus/${String(i).padStart(5, '0')}.txt`, text });
  }
  return out;
}
{
  const corpus = generate(N);
  const mb = corpus.reduce((s, c) => s + Buffer.byteLength(c.text), 0) / 1048576;
  const [, ta] = time(() => {
    for (const c of corpus) analyze(c.text, { file: c.file });
  });
  row(`corpus of ${N} generated articles (${mb.toFixed(0)} MB): analyze all, one thread`, `${fmt(ta)} (${(N / (ta / 1000)).toFixed(0)} articles/s)`);
  const [index, ti] = time(() => buildCorpusFromTexts(corpus));
  row(`corpus of ${N}: build the index (summaries, MinHash, block counts)`, `${fmt(ti)} (${(N / (ti / 1000)).toFixed(0)} articles/s)`);
  const [, tq] = time(() => {
    for (const c of corpus.slice(0, 1000)) index.duplicatesOf(c.file);
  });
  row('corpus index: duplicatesOf() query, mean', fmt(tq / 1000));

  // the CLI end to end on 1,000 files written to disk
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-bench-'));
  for (const c of corpus.slice(0, 1000)) writeFileSync(path.join(dir, path.basename(c.file)), c.text);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['dist/cli.js', 'lint', dir, '--format', 'json'], { maxBuffer: 1 << 30 });
  row(`CLI: lint 1,000 files from disk (json), wall clock, exit ${r.status}`, fmt(Date.now() - t0));
  rmSync(dir, { recursive: true, force: true });
}

// 4. the language server
async function lsp(): Promise<void> {
  const proc = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiters: Array<{ uri: string; version?: number; resolve: () => void }> = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
    for (const w of waiters.splice(0)) {
      if (w.uri === p.uri) w.resolve();
      else waiters.push(w);
    }
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } } });
  conn.sendNotification('initialized', {});
  const uri = 'file:///bench/000.txt';
  const text = seeds[0];
  const next = () => new Promise<void>((resolve) => waiters.push({ uri, resolve }));
  let t = Date.now();
  let p = next();
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news-article', version: 1, text } });
  await p;
  row('LSP: didOpen -> first publishDiagnostics (seed 000)', fmt(Date.now() - t));
  const lat: number[] = [];
  for (let v = 2; v < 32; v++) {
    t = Date.now();
    p = next();
    conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'x' }],
    });
    await p;
    lat.push(Date.now() - t);
  }
  row('LSP: didChange -> publishDiagnostics, median (includes debounce)', fmt(median(lat)));
  const sym: number[] = [];
  for (let i = 0; i < 30; i++) {
    t = Date.now();
    await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    sym.push(Date.now() - t);
  }
  row('LSP: documentSymbol round trip, median', fmt(median(sym)));
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  conn.dispose();
  proc.kill();
}
lsp().then(() => {
  if (process.env.BENCH_MARKDOWN) writeFileSync(process.env.BENCH_MARKDOWN, rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n') + '\n');
});
