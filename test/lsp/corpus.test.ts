// The corpus index through the real language server: it indexes the workspace's corpus files in
// worker threads, serves the explorer's summary, feeds the corpus rules of open documents, caches
// summaries in the storage folder, and follows file events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, SEEDS, type LspClient } from './client';
import { tempDir } from '../../server/src/testing/tempDir';

interface Summary {
  articles: Array<{ uri: string; headline: string | null; date: string | null; problems: { byCode: Record<string, number> } }>;
  clusters: string[][];
  indexing: { done: number; total: number; phase?: string };
}

async function summaryWhenIndexed(c: LspClient, count: number): Promise<Summary> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const s = await c.request<Summary>('corpusCurator/corpusSummary', {});
    if (s.articles.length === count && s.indexing.done >= s.indexing.total) return s;
    if (Date.now() > deadline) throw new Error(`index has ${s.articles.length} articles, expected ${count}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function workspace(): { root: string; corpus: string } {
  const root = tempDir('cc-lsp-corpus-');
  const corpus = path.join(root, 'seeds');
  cpSync(SEEDS, corpus, { recursive: true });
  // not a corpus file: outside the include globs
  writeFileSync(path.join(root, 'notes.txt'), 'ghi chú\n');
  return { root, corpus };
}

test('the server indexes the workspace corpus and the explorer summary lists every article', async () => {
  const { root, corpus } = workspace();
  const storage = path.join(root, '.storage');
  mkdirSync(storage);
  const c = await startServer({ rootPath: root, initializationOptions: { storagePath: storage } });
  try {
    const s = await summaryWhenIndexed(c, 5);
    const byName = new Map(s.articles.map((a) => [path.basename(new URL(a.uri).pathname), a]));
    assert.deepEqual([...byName.keys()].sort(), readdirSync(corpus).sort());
    const a0 = byName.get('000_f4915662ab95302d.txt')!;
    assert.match(a0.headline ?? '', /^Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh/);
    assert.equal(a0.date?.slice(0, 19), '2021-12-03T09:02:04');
    assert.equal(a0.problems.byCode['php-dump'], 2);
  } finally {
    await c.stop();
  }
  // the cache was written in the storage folder
  assert.ok(readdirSync(storage).length > 0, 'no index cache written');
  rmSync(root, { recursive: true, force: true });
});

test('a copied article gets duplicate-article diagnostics pointing at the other file; deleting it updates the index', async () => {
  const { root, corpus } = workspace();
  const copy = path.join(corpus, 'copy-of-000.txt');
  writeFileSync(copy, readFileSync(path.join(corpus, '000_f4915662ab95302d.txt'), 'utf8').replace('Những năm qua', 'Những năm gần đây'));
  const c = await startServer({ rootPath: root });
  try {
    const s = await summaryWhenIndexed(c, 6);
    assert.ok(s.clusters.some((cl) => cl.length === 2), 'the copy and its original form a cluster');
    const uri = pathToFileURL(copy).href;
    await c.open(uri, readFileSync(copy, 'utf8'));
    const published = await c.waitForDiagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'duplicate-article'), 10_000);
    const dup = published.diagnostics.find((x) => x.code === 'duplicate-article')!;
    assert.equal(dup.source, 'corpus-curator');
    assert.ok(dup.relatedInformation?.some((r) => r.location.uri.endsWith('000_f4915662ab95302d.txt')));
    // the user deletes the copy: the watcher reports it, the index drops it
    rmSync(copy);
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await summaryWhenIndexed(c, 5);
  } finally {
    await c.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a folder of articles copied in: files the watcher did not report are indexed all the same', async () => {
  const { root, corpus } = workspace();
  const c = await startServer({ rootPath: root });
  try {
    await summaryWhenIndexed(c, 5);
    // three articles written into a new folder; the watcher reports only the last (inotify had not
    // reached the new folder when the first two were written)
    const batch = path.join(corpus, 'batch');
    mkdirSync(batch);
    const seed = readFileSync(path.join(corpus, readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort()[1]), 'utf8').split('\n');
    const files = [0, 1, 2].map((i) => {
      const f = path.join(batch, `b${i}.txt`);
      writeFileSync(f, [`Bài số ${i}: ${seed[0]}`, ...seed.slice(1).filter((_, k) => (k + i) % 4 !== 0)].join('\n'));
      return f;
    });
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(files[2]).href, type: 1 }] });
    const s = await summaryWhenIndexed(c, 8);
    const names = s.articles.map((a) => path.basename(new URL(a.uri).pathname));
    for (const f of files) assert.ok(names.includes(path.basename(f)), `${path.basename(f)} indexed`);
  } finally {
    await c.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
