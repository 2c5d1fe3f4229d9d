// The custom corpus requests (protocol.ts) over a real JSON-RPC connection, served by
// registerCorpusHandlers from an IndexService running its worker over a copy of the seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { LSPErrorCodes } from 'vscode-languageserver';
import { createConnection } from 'vscode-languageserver/node';
import { DEFAULT_CONFIG } from './engine/config';
import { IndexService } from './index/service';
import { summarize } from './index/corpus';
import { registerCorpusHandlers, updateReviewed, type CorpusHandlerHost } from './corpusHandlers';
import { CorpusMethods, type ArticleProblem, type CorpusSummary, type IndexProgress, type MarkReviewedResult } from './protocol';
import { tempDir } from './testing/tempDir';

const WORKER = path.join(process.cwd(), 'dist', 'indexWorker.js');

function setup(hostOptions: Partial<CorpusHandlerHost> = {}) {
  const dir = tempDir('corpus-handlers-');
  const corpus = path.join(dir, 'seeds');
  cpSync(path.join(process.cwd(), 'seeds'), corpus, { recursive: true });
  const files = readdirSync(corpus).filter((f) => f.endsWith('.txt')).map((f) => path.join(corpus, f));
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const progress: IndexProgress[] = [];
  const updated: unknown[] = [];
  client.onNotification(CorpusMethods.indexProgress, (p: IndexProgress) => {
    progress.push(p);
  });
  client.onNotification(CorpusMethods.indexUpdated, (u: unknown) => {
    updated.push(u);
  });
  client.listen();
  const service = new IndexService({ workerPath: WORKER, config: DEFAULT_CONFIG });
  const handlers = registerCorpusHandlers(server, service, {
    workspaceFolders: () => [corpus],
    configFor: async () => ({ config: DEFAULT_CONFIG, maxFileSize: 5 * 1024 * 1024 }),
    ...hostOptions,
  });
  server.listen();
  const close = async () => {
    handlers.dispose();
    await service.dispose();
    client.dispose();
    server.dispose();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, corpus, files, client, service, handlers, progress, updated, close };
}

test('corpusSummary: every seed with headline, stats, problems; progress and updates are notified', async () => {
  const t = setup();
  try {
    const before = await t.client.sendRequest<CorpusSummary>(CorpusMethods.corpusSummary, {});
    assert.equal(before.indexing.phase, 'scanning', 'before the first scan the client is told indexing is about to start');
    await t.service.start(t.files);
    const s = await t.client.sendRequest<CorpusSummary>(CorpusMethods.corpusSummary, {});
    assert.equal(s.articles.length, t.files.length);
    assert.equal(s.root, pathToFileURL(t.corpus).href);
    assert.equal(s.indexing.phase, 'done');
    for (const a of s.articles) {
      assert.ok(a.uri.startsWith('file:'), a.uri);
      assert.match(a.relativePath, /^\d{3}_[0-9a-f]+\.txt$/);
      assert.equal(typeof a.stats.words, 'number');
      assert.equal(a.reviewed, false);
    }
    const a000 = s.articles.find((a) => a.relativePath.startsWith('000_'))!;
    assert.ok(a000.headline && a000.headline.length > 10, `headline of 000: ${a000.headline}`);
    assert.ok(a000.stats.junkShare > 0, 'seed 000 carries a PHP dump: some junk');
    assert.ok(a000.problems.total > 0, 'seed 000 has problems');
    for (const c of s.clusters) for (const u of c) assert.ok(s.articles.some((a) => a.uri === u));
    // notifications (give the throttles a moment)
    await new Promise((r) => setTimeout(r, 400));
    assert.ok(t.progress.some((p) => p.phase === 'indexing'), JSON.stringify(t.progress));
    assert.equal(t.progress.at(-1)?.phase, 'done');
    assert.ok(t.updated.length > 0);
  } finally {
    await t.close();
  }
});

test('articleProblems: findings with LSP ranges of a file on disk', async () => {
  const t = setup();
  try {
    await t.service.start(t.files);
    const f000 = t.files.find((f) => path.basename(f).startsWith('000_'))!;
    const list = await t.client.sendRequest<ArticleProblem[]>(CorpusMethods.articleProblems, { uri: pathToFileURL(f000).href });
    assert.ok(list.length > 0);
    const lines = readFileSync(f000, 'utf8').split('\n').length;
    for (const p of list) {
      assert.ok(['error', 'warning', 'information', 'hint'].includes(p.severity));
      assert.ok(p.range.start.line >= 0 && p.range.end.line < lines + 1);
      assert.ok(p.message.length > 0 && p.code.length > 0);
    }
    assert.ok(list.some((p) => p.code === 'php-dump'), list.map((p) => p.code).join(','));
    assert.deepEqual(await t.client.sendRequest(CorpusMethods.articleProblems, { uri: 'untitled:x' }), []);
  } finally {
    await t.close();
  }
});

test('markReviewed: writes reviewed paths into .corpus-curator.json, keeps other keys, and the summary shows it', async () => {
  const t = setup();
  try {
    const project = path.join(t.corpus, '.corpus-curator.json');
    writeFileSync(project, JSON.stringify({ rules: { whitespace: 'hint' }, reviewed: ['old.txt'] }, null, 2) + '\n');
    await t.service.start(t.files);
    const uri = pathToFileURL(t.files[1]).href;
    const r = await t.client.sendRequest<MarkReviewedResult>(CorpusMethods.markReviewed, { uris: [uri], reviewed: true });
    assert.deepEqual(r, { ok: true, file: project, changed: 1 });
    const json = JSON.parse(readFileSync(project, 'utf8'));
    assert.deepEqual(json.rules, { whitespace: 'hint' });
    assert.deepEqual(json.reviewed, ['old.txt', path.basename(t.files[1])]);
    const s = await t.client.sendRequest<CorpusSummary>(CorpusMethods.corpusSummary, {});
    assert.equal(s.articles.find((a) => a.uri === uri)?.reviewed, true);
    assert.equal(s.articles.filter((a) => a.reviewed).length, 1);
    // again: nothing changes; then unmark
    assert.deepEqual(await t.client.sendRequest(CorpusMethods.markReviewed, { uris: [uri], reviewed: true }), { ok: true, file: project, changed: 0 });
    assert.deepEqual(await t.client.sendRequest(CorpusMethods.markReviewed, { uris: [uri], reviewed: false }), { ok: true, file: project, changed: 1 });
    assert.deepEqual(JSON.parse(readFileSync(project, 'utf8')).reviewed, ['old.txt']);
    const s2 = await t.client.sendRequest<CorpusSummary>(CorpusMethods.corpusSummary, {});
    assert.equal(s2.articles.filter((a) => a.reviewed).length, 0);
  } finally {
    await t.close();
  }
});

test('updateReviewed: creates the file; refuses a file that is not a JSON object', async () => {
  const dir = tempDir('corpus-reviewed-');
  try {
    const r = await updateReviewed(dir, ['a/b.txt'], true);
    assert.equal(r.ok, true);
    assert.deepEqual(JSON.parse(readFileSync(path.join(dir, '.corpus-curator.json'), 'utf8')), { reviewed: ['a/b.txt'] });
    writeFileSync(path.join(dir, '.corpus-curator.json'), '[1, 2]');
    const bad = await updateReviewed(dir, ['c.txt'], true);
    assert.equal(bad.ok, false);
    assert.equal(readFileSync(path.join(dir, '.corpus-curator.json'), 'utf8'), '[1, 2]');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cancelIndexing cancels the running scan', async () => {
  const t = setup();
  try {
    // many files (copies) so that the scan is still running when the cancel arrives
    const many: string[] = [];
    for (let i = 0; i < 400; i++) {
      const f = path.join(t.corpus, `copy_${i}.txt`);
      writeFileSync(f, readFileSync(t.files[i % t.files.length]));
      many.push(f);
    }
    const run = t.service.start(many);
    await new Promise((r) => setTimeout(r, 30));
    await t.client.sendNotification(CorpusMethods.cancelIndexing, {});
    const stats = await run;
    await new Promise((r) => setTimeout(r, 300));
    if (stats.cancelled) assert.equal(t.progress.at(-1)?.phase, 'cancelled');
    else assert.equal(t.progress.at(-1)?.phase, 'done'); // a fast machine may finish first
  } finally {
    await t.close();
  }
});

/** Fills the index with `n` summaries (a seed's, under other names) without reading anything. */
function fillIndex(t: ReturnType<typeof setup>, n: number): void {
  const base = summarize(t.files[0], readFileSync(t.files[0], 'utf8'));
  for (let i = 0; i < n; i++) {
    const file = path.join(t.corpus, `gen${Math.floor(i / 1000)}`, `${String(i).padStart(6, '0')}.txt`);
    // every 100th pair are copies of each other; the rest have no content to compare
    t.service.index.set({ ...base, file, contentHash: i % 100 < 2 ? `copy${Math.floor(i / 100)}` : null, signature: null });
  }
}

test('corpusSummary in pages: the pages make the listing of the whole answer, groups included', async () => {
  const t = setup({ summaryChunk: 7 });
  try {
    await t.service.start(t.files);
    fillIndex(t, 450);
    const all = await t.client.sendRequest<CorpusSummary>(CorpusMethods.corpusSummary, {});
    assert.equal(all.articles.length, t.files.length + 450);
    assert.equal(all.total, all.articles.length);
    assert.equal(all.clusters.length, 5);
    assert.equal(all.clusterCount, 5);
    const pages: CorpusSummary[] = [];
    let version: number | undefined;
    for (let offset = 0; offset < all.total!; offset += 100) {
      const p = await t.client.sendRequest<CorpusSummary>(CorpusMethods.corpusSummary, { offset, limit: 100, version });
      version ??= p.version;
      assert.equal(p.version, version, 'every page from the same listing');
      assert.equal(p.offset, offset);
      assert.equal(p.total, all.total);
      assert.deepEqual(p.clusters, []);
      pages.push(p);
    }
    const articles = pages.flatMap((p) => p.articles);
    assert.deepEqual(articles, all.articles);
    // the groups, gathered from the pages' articles, are the whole answer's
    const gathered: string[][] = Array.from({ length: pages[0].clusterCount! }, () => []);
    for (const a of articles) if (a.cluster !== undefined) gathered[a.cluster].push(a.uri);
    assert.deepEqual(gathered.map((g) => g.sort()), all.clusters.map((g) => [...g].sort()));
    // a page of a listing the server no longer holds comes from a new one
    const stale = await t.client.sendRequest<CorpusSummary>(CorpusMethods.corpusSummary, { offset: 100, limit: 100, version: -1 });
    assert.notEqual(stale.version, version);
    assert.equal(stale.articles.length, 100);
    // beyond the end: an empty page
    const past = await t.client.sendRequest<CorpusSummary>(CorpusMethods.corpusSummary, { offset: 10_000, limit: 100, version });
    assert.deepEqual(past.articles, []);
    assert.equal(past.total, all.total);
  } finally {
    await t.close();
  }
});

test('a big corpusSummary lets other requests through, and cancelling it stops it', async () => {
  const t = setup({ summaryChunk: 50 });
  try {
    fillIndex(t, 30_000);
    const seed = pathToFileURL(t.files.find((f) => path.basename(f).startsWith('000_'))!).href;

    // another request is answered while the summary is being made
    let summaryDone = false;
    const big = t.client.sendRequest<CorpusSummary>(CorpusMethods.corpusSummary, {}).then((s) => {
      summaryDone = true;
      return s;
    });
    const problems = await t.client.sendRequest<ArticleProblem[]>(CorpusMethods.articleProblems, { uri: seed });
    assert.ok(problems.length > 0);
    assert.equal(summaryDone, false, 'articleProblems waited for the whole summary');
    assert.ok(t.handlers.stats.summaryChunks > 0);
    const s = await big;
    const fullChunks = t.handlers.stats.summaryChunks;
    assert.equal(s.articles.length, 30_000);
    assert.equal(s.clusters.length, 300);

    // cancelled: the client gets RequestCancelled and the work stops
    const cts = new CancellationTokenSource();
    const cancelled = t.client.sendRequest<CorpusSummary>(CorpusMethods.corpusSummary, {}, cts.token);
    await t.client.sendRequest(CorpusMethods.articleProblems, { uri: seed }); // the summary is under way
    const chunksAtCancel = t.handlers.stats.summaryChunks;
    cts.cancel();
    await assert.rejects(cancelled, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    assert.equal(t.handlers.stats.summariesCancelled, 1);
    const chunksAfter = t.handlers.stats.summaryChunks;
    // the cancellation travels through the message queue: a few more chunks at most, not the rest
    assert.ok(chunksAfter - chunksAtCancel <= 10, `${chunksAfter - chunksAtCancel} chunks after the cancellation`);
    assert.ok(chunksAfter - fullChunks < fullChunks / 2, `the cancelled summary did ${chunksAfter - fullChunks} of ${fullChunks} chunks`);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(t.handlers.stats.summaryChunks, chunksAfter, 'no work after the cancellation');
  } finally {
    await t.close();
  }
});
