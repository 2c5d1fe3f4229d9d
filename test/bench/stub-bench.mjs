#!/usr/bin/env node
// Templated-stub benchmark for the corpus index's duplicate work: N near-identical CMS pages (a few
// sites, each page its site's template text with a short headline and a time stamp of its own, some
// pages exact copies) put into a CorpusIndex, then clusters() and duplicatesOf() for every file.
// Such pages share most MinHash bands, so LSH buckets hold thousands of them: the case where
// comparing every pair in a bucket is quadratic.
//
//   npm run build && node test/bench/stub-bench.mjs [--stubs 5000,10000,20000] [--sites 4] [--summarize] [--limit K] [--reference] [--summary]
//
// By default a stub's summary is made directly (MinHash of its words, hash of its lines: what
// summarize() computes for the index) so that the figures are the index's own; --summarize runs the
// whole engine on each stub first (slower, not timed). --reference also computes the exact answer by
// brute force (every pair: quadratic) and tells how much of it the index found. --summary also
// serves corpusCurator/corpusSummary over the stubs (registerCorpusHandlers on an in-memory
// connection): the whole answer and the answer in pages, how long a request sent meanwhile waits,
// and the longest the event loop was held. Prints, for each size: set() of all stubs,
// clusters(), duplicatesOf() of every file, and the index's comparison count when it keeps one.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    stubs: { type: 'string', default: '5000,10000,20000' },
    sites: { type: 'string', default: '4' },
    summarize: { type: 'boolean', default: false },
    limit: { type: 'string' },
    reference: { type: 'boolean', default: false },
    summary: { type: 'boolean', default: false },
  },
});
const SIZES = values.stubs.split(',').map(Number).filter((n) => n > 0);
const SITES = Number(values.sites);
const root = path.resolve(new URL('../..', import.meta.url).pathname);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cc-stub-bench-'));
const entry = path.join(tmp, 'entry.ts');
writeFileSync(entry, `
export { CorpusIndex, summarize } from ${JSON.stringify(path.join(root, 'server/src/index/corpus'))};
export { templatedStub } from ${JSON.stringify(path.join(root, 'server/src/index/fixtures'))};
export { hash64 } from ${JSON.stringify(path.join(root, 'server/src/index/keys'))};
export { minhash, bandKeys, estimateJaccard } from ${JSON.stringify(path.join(root, 'server/src/index/minhash'))};
export { IndexService } from ${JSON.stringify(path.join(root, 'server/src/index/service'))};
export { registerCorpusHandlers } from ${JSON.stringify(path.join(root, 'server/src/corpusHandlers'))};
export { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
export { createConnection } from 'vscode-languageserver/node';
`);
await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: path.join(tmp, 'bundle.cjs'), loader: { '.json': 'json' }, logLevel: 'warning', nodePaths: [path.join(root, 'node_modules')] });
const lib = createRequire(import.meta.url)(path.join(tmp, 'bundle.cjs'));
const { CorpusIndex, summarize, templatedStub, hash64, minhash, bandKeys, estimateJaccard } = lib;
rmSync(tmp, { recursive: true, force: true });

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

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

console.log(`templated stubs (fixtures.ts templatedStub): ${SITES} sites, template ~40 words + headline 3-10 words + time stamp; every 20th page an exact copy`);
const rows = [];
for (const n of SIZES) {
  const summaries = [];
  for (let i = 0; i < n; i++) summaries.push(summaryOf(`/stubs/s${String(i).padStart(6, '0')}.txt`, templatedStub(i, SITES)));
  const idx = new CorpusIndex(values.limit ? { bucketLimit: Number(values.limit) } : {});
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
  if (values.reference) {
    // the relation by definition: the same content hash, or a shared LSH band and agreement >= 0.8
    t = performance.now();
    const parent = summaries.map((_, i) => i);
    const find = (x) => (parent[x] === x ? x : (parent[x] = find(parent[x])));
    const bands = summaries.map((s) => new Set(s.signature ? bandKeys(s.signature) : []));
    let refPairs = 0;
    const refFiles = new Set();
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = summaries[i], b = summaries[j];
        let dup = a.contentHash !== null && a.contentHash === b.contentHash;
        if (!dup && a.signature && b.signature && estimateJaccard(a.signature, b.signature) >= 0.8) for (const k of bands[j]) if (bands[i].has(k)) { dup = true; break; }
        if (!dup) continue;
        refPairs += 2;
        refFiles.add(i).add(j);
        parent[find(i)] = find(j);
      }
    }
    const comps = new Map();
    for (const i of refFiles) comps.set(find(i), (comps.get(find(i)) ?? 0) + 1);
    console.log(`  brute force (${fmt((performance.now() - t) / 1000, 1)} s): ${fmt(comps.size)} groups, ${fmt(refFiles.size)} files, largest ${fmt(Math.max(0, ...comps.values()))}, ${fmt(refPairs)} duplicates to list; ` +
      `the index clustered ${fmt((100 * inClusters) / Math.max(1, refFiles.size), 1)}% of those files and listed ${fmt((100 * pairs) / Math.max(1, refPairs), 1)}% of the duplicates`);
  }
}

// ---- corpusCurator/corpusSummary over the stubs ----------------------------------------------------
if (values.summary) {
  for (const n of SIZES) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = lib.createConnection(new lib.StreamMessageReader(toServer), new lib.StreamMessageWriter(toClient));
    const client = lib.createMessageConnection(new lib.StreamMessageReader(toClient), new lib.StreamMessageWriter(toServer));
    client.listen();
    const service = new lib.IndexService({});
    for (let i = 0; i < n; i++) service.index.set(summaryOf(`/stubs/d${Math.floor(i / 1000)}/s${String(i).padStart(6, '0')}.txt`, templatedStub(i, SITES)));
    server.onRequest('bench/ping', () => 'pong');
    const handlers = lib.registerCorpusHandlers(server, service, { workspaceFolders: () => ['/stubs'], configFor: async () => ({}) });
    server.listen();
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    let t = performance.now();
    const whole = client.sendRequest('corpusCurator/corpusSummary', {}).then((s) => ({ s, ms: performance.now() - t }));
    await new Promise((r) => setTimeout(r, 20));
    const tp = performance.now();
    await client.sendRequest('bench/ping');
    const pingMs = performance.now() - tp;
    const { s, ms } = await whole;
    lag.disable();
    console.log(`corpusSummary over ${fmt(n)} stubs: whole answer ${fmt(ms)} ms (${fmt(s.articles.length)} articles, ${fmt(s.clusters.length)} groups); ` +
      `a request sent 20 ms in waited ${fmt(pingMs)} ms; event loop held ${fmt(lag.max / 1e6)} ms at most`);
    if (s.total !== undefined) {
      lag.reset();
      lag.enable();
      t = performance.now();
      let got = 0;
      let pages = 0;
      let version;
      for (;;) {
        const p = await client.sendRequest('corpusCurator/corpusSummary', { offset: got, limit: 2000, version });
        version ??= p.version;
        got += p.articles.length;
        pages++;
        if (p.articles.length === 0 || got >= p.total) break;
      }
      lag.disable();
      console.log(`  in ${pages} pages of 2,000: ${fmt(performance.now() - t)} ms; event loop held ${fmt(lag.max / 1e6)} ms at most`);
    }
    handlers.dispose?.();
    client.dispose();
    server.dispose();
  }
}
