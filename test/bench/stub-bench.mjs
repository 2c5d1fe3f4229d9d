#!/usr/bin/env node
// Templated-stub benchmark for the corpus index's duplicate work: N near-identical CMS pages (a few
// sites, each page its site's template text with a short headline and a time stamp of its own, some
// pages exact copies) put into a CorpusIndex, then clusters() and duplicatesOf() for every file.
// Such pages share most MinHash bands, so LSH buckets hold thousands of them: the case where
// comparing every pair in a bucket is quadratic.
//
//   npm run build && node test/bench/stub-bench.mjs [--stubs 5000,10000,20000] [--sites 4] [--summarize]
//
// By default a stub's summary is made directly (MinHash of its words, hash of its lines: what
// summarize() computes for the index) so that the figures are the index's own; --summarize runs the
// whole engine on each stub first (slower, not timed). Prints, for each size: set() of all stubs,
// clusters(), duplicatesOf() of every file, and the index's comparison count when it keeps one.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    stubs: { type: 'string', default: '5000,10000,20000' },
    sites: { type: 'string', default: '4' },
    summarize: { type: 'boolean', default: false },
  },
});
const SIZES = values.stubs.split(',').map(Number).filter((n) => n > 0);
const SITES = Number(values.sites);
const root = path.resolve(new URL('../..', import.meta.url).pathname);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cc-stub-bench-'));
const entry = path.join(tmp, 'entry.ts');
writeFileSync(entry, `
export { CorpusIndex, summarize } from ${JSON.stringify(path.join(root, 'server/src/index/corpus'))};
export { rng, sentence } from ${JSON.stringify(path.join(root, 'server/src/index/fixtures'))};
export { hash64 } from ${JSON.stringify(path.join(root, 'server/src/index/keys'))};
export { minhash } from ${JSON.stringify(path.join(root, 'server/src/index/minhash'))};
`);
await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: path.join(tmp, 'bundle.cjs'), loader: { '.json': 'json' }, logLevel: 'warning' });
const { CorpusIndex, summarize, rng, sentence, hash64, minhash } = createRequire(import.meta.url)(path.join(tmp, 'bundle.cjs'));
rmSync(tmp, { recursive: true, force: true });

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** The i-th stub page: its site's template, a headline of 3 to 10 words, a time stamp; every 20th is a copy of the one before. */
function stubText(i, templates) {
  const k = i % 20 === 19 ? i - 1 : i;
  const r = rng(1000 + k);
  const site = k % templates.length;
  const headline = sentence(r, 3, 10).replace(/\.$/, '');
  const hh = String(Math.floor(r() * 24)).padStart(2, '0');
  const mm = String(Math.floor(r() * 60)).padStart(2, '0');
  return `${headline}\n\n${templates[site]}\n\nCập nhật lúc ${hh}:${mm} ngày ${1 + (k % 28)}/${1 + (k % 12)}/2023\n`;
}

function summaryOf(file, text) {
  if (values.summarize) return summarize(file, text);
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return {
    file, headline: lines[0], kicker: null, date: null, dateline: null, byline: null, source: null,
    stats: { lines: lines.length, paragraphs: lines.length - 1, words: text.split(/\s+/).length, junkLines: 0, junkShare: 0 },
    problems: { total: 0, byCode: {}, bySeverity: { error: 0, warning: 0, information: 0, hint: 0 } },
    contentHash: hash64(lines.map((l) => l.toLowerCase()).join('\n')),
    signature: minhash(text),
    blockKeys: [],
  };
}

const tr = rng(7);
const templates = Array.from({ length: SITES }, () => [sentence(tr, 12, 16), sentence(tr, 10, 14), 'Mời quý độc giả xem thêm các tin khác trong chuyên mục.'].join(' '));
console.log(`templated stubs: ${SITES} sites, template ~${templates[0].split(' ').length} words + headline 3-10 words + time stamp; every 20th page an exact copy`);
const rows = [];
for (const n of SIZES) {
  const summaries = [];
  for (let i = 0; i < n; i++) summaries.push(summaryOf(`/stubs/s${String(i).padStart(6, '0')}.txt`, stubText(i, templates)));
  const idx = new CorpusIndex();
  let t = performance.now();
  for (const s of summaries) idx.set(s);
  const setMs = performance.now() - t;
  const c0 = idx.stats?.().comparisons;
  t = performance.now();
  const clusters = idx.clusters();
  const clMs = performance.now() - t;
  const c1 = idx.stats?.().comparisons;
  t = performance.now();
  let withDup = 0;
  let pairs = 0;
  for (const s of summaries) {
    const d = idx.duplicatesOf(s.file);
    if (d.length) withDup++;
    pairs += d.length;
  }
  const dupMs = performance.now() - t;
  const c2 = idx.stats?.().comparisons;
  const inClusters = clusters.reduce((a, g) => a + g.length, 0);
  const cmp = c0 === undefined ? '' : `; comparisons: set ${fmt(c0)}, clusters ${fmt(c1 - c0)}, duplicatesOf ${fmt(c2 - c1)}`;
  console.log(`${fmt(n)} stubs: set ${fmt(setMs)} ms, clusters() ${fmt(clMs)} ms (${fmt(clusters.length)} groups, ${fmt(inClusters)} files, largest ${fmt(Math.max(0, ...clusters.map((g) => g.length)))}), ` +
    `duplicatesOf x ${fmt(n)} ${fmt(dupMs)} ms (${fmt(withDup)} files with a duplicate, ${fmt(pairs)} listed); total ${fmt((setMs + clMs + dupMs) / 1000, 2)} s${cmp}`);
  rows.push({ n, setMs, clMs, dupMs });
}
