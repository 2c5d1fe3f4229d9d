#!/usr/bin/env node
// Corpus index benchmark: generates N articles of ~W words (default 10,000 x 1,500) into a
// temporary folder, indexes them through IndexService and the real worker bundle, and prints:
// cold indexing throughput (files/s), the main thread's event-loop delay meanwhile, the cache
// save/reload, a warm re-open (nothing read), and the index's queries over the whole corpus.
//
//   npm run build && node test/bench/corpus-bench.mjs [--files 10000] [--words 1500] [--workers N] [--keep]
//
// Generated data lives under the OS temp folder and is deleted at the end (unless --keep).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    words: { type: 'string', default: '1500' },
    workers: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(values.files);
const WORDS = Number(values.words);
const root = path.resolve(new URL('../..', import.meta.url).pathname);
const builtWorker = path.join(root, 'dist', 'indexWorker.js');
if (!existsSync(builtWorker)) {
  console.error(`corpus-bench: ${builtWorker} is missing; run npm run build first`);
  process.exit(2);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cc-corpus-bench-'));
// a private copy of the worker: a rebuild of dist/ meanwhile would change the engine stamp and void the cache
const worker = path.join(tmp, 'indexWorker.js');
copyFileSync(builtWorker, worker);

// the engine pieces, bundled from the TypeScript sources
const entry = path.join(tmp, 'entry.ts');
writeFileSync(entry, `
export { IndexService } from ${JSON.stringify(path.join(root, 'server/src/index/service'))};
export { makeArticle, editCopy } from ${JSON.stringify(path.join(root, 'server/src/index/fixtures'))};
export { lineKey } from ${JSON.stringify(path.join(root, 'server/src/index/keys'))};
`);
await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: path.join(tmp, 'bundle.cjs'), loader: { '.json': 'json' }, logLevel: 'warning' });
const { IndexService, makeArticle, editCopy, lineKey } = createRequire(import.meta.url)(path.join(tmp, 'bundle.cjs'));

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mb = (b) => `${fmt(b / 1048576, 1)} MB`;

// ---- generate ----------------------------------------------------------------------------------
const corpus = path.join(tmp, 'corpus');
const storage = path.join(tmp, 'storage');
const FOOTERS = ['Bản tin được cập nhật bởi Ban biên tập X', 'Mời quý độc giả theo dõi chúng tôi trên mạng xã hội Zalo'];
let t = performance.now();
const files = [];
let bytes = 0;
for (let i = 0; i < N; i++) {
  const dir = path.join(corpus, `d${Math.floor(i / 1000)}`);
  if (i % 1000 === 0) mkdirSync(dir, { recursive: true });
  const f = path.join(dir, `${String(i).padStart(5, '0')}.txt`);
  // 2% are edited copies of an earlier article; a third carry one of two site footers
  const text = i % 50 === 49
    ? editCopy(makeArticle({ seed: i - 7, words: WORDS }), 10, i)
    : makeArticle({ seed: i, words: WORDS, footer: i % 3 === 0 ? [FOOTERS[i % 2]] : [] });
  writeFileSync(f, text);
  bytes += Buffer.byteLength(text);
  files.push(f);
}
console.log(`generated ${fmt(N)} articles of ~${fmt(WORDS)} words (${mb(bytes)}) in ${fmt((performance.now() - t) / 1000, 1)} s`);

// ---- cold index ---------------------------------------------------------------------------------
const workers = values.workers ? Number(values.workers) : undefined;
const lag = monitorEventLoopDelay({ resolution: 10 });
const s1 = new IndexService({ storagePath: storage, workerPath: worker, workers, maxBytes: 64 * 1048576 });
let progressEvents = 0;
s1.on('progress', () => progressEvents++);
s1.on('error', (e) => console.error('error:', e.message));
lag.enable();
t = performance.now();
const cold = await s1.start(files);
const coldMs = performance.now() - t;
lag.disable();
console.log(`cold index: ${fmt(cold.read)} files read in ${fmt(coldMs / 1000, 1)} s = ${fmt(cold.read / (coldMs / 1000))} files/s ` +
  `(${fmt(bytes / 1048576 / (coldMs / 1000), 1)} MB/s; ${s1.opts?.workers ?? workers ?? 'default'} worker thread(s) on ${os.availableParallelism?.() ?? os.cpus().length} CPUs; ${progressEvents} progress events)`);
console.log(`  main thread event-loop delay while indexing: p50 ${fmt(lag.percentile(50) / 1e6, 1)} ms, p99 ${fmt(lag.percentile(99) / 1e6, 1)} ms, max ${fmt(lag.max / 1e6, 1)} ms`);
console.log(`  heap used after indexing: ${mb(process.memoryUsage().heapUsed)}`);

// ---- queries ------------------------------------------------------------------------------------
const idx = s1.index;
t = performance.now();
let dupFiles = 0;
for (const f of files) if (idx.duplicatesOf(f).length) dupFiles++;
const dupMs = performance.now() - t;
t = performance.now();
const clusters = idx.clusters();
const clMs = performance.now() - t;
const footer = idx.blockFrequency(lineKey(FOOTERS[0]));
console.log(`queries: duplicatesOf x ${fmt(N)} in ${fmt(dupMs)} ms (${fmt(dupFiles)} files have a duplicate; expected ${fmt(2 * Math.floor(N / 50))}), ` +
  `clusters() in ${fmt(clMs)} ms (${fmt(clusters.length)} groups), footer "${FOOTERS[0].slice(0, 20)}…" in ${fmt(footer.count)} files`);

// ---- cache save and warm re-open ----------------------------------------------------------------
t = performance.now();
await s1.dispose();
console.log(`cache save (dispose): ${fmt(performance.now() - t)} ms`);
const s2 = new IndexService({ storagePath: storage, workerPath: worker, workers });
lag.reset();
lag.enable();
t = performance.now();
const warm = await s2.start(files);
const warmMs = performance.now() - t;
lag.disable();
console.log(`warm re-open from cache: ${fmt(warm.reused)} reused, ${fmt(warm.read)} read, in ${fmt(warmMs)} ms (${fmt(N / (warmMs / 1000))} files/s); event-loop delay max ${fmt(lag.max / 1e6, 1)} ms`);

// ---- incremental -----------------------------------------------------------------------------------
writeFileSync(files[0], makeArticle({ seed: 999999, words: WORDS }));
t = performance.now();
await s2.update([{ file: files[0], type: 'changed' }]);
console.log(`one changed file (inline): ${fmt(performance.now() - t, 1)} ms`);
for (let i = 1; i <= 100; i++) writeFileSync(files[i], makeArticle({ seed: 1000000 + i, words: WORDS }));
t = performance.now();
await s2.update(files.slice(1, 101).map((file) => ({ file, type: 'changed' })));
console.log(`100 changed files (worker): ${fmt(performance.now() - t)} ms`);
await s2.dispose();

if (values.keep) console.log(`kept ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
