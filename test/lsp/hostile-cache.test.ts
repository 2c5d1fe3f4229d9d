// The language server with a FIFO where its index cache goes (initializationOptions.storagePath):
// the cache is not read (a FIFO never answers), the problem is logged, the corpus is indexed from
// its files, `shutdown` is answered, and the FIFO is neither written nor replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startServer, SEEDS, type LspClient } from './client';
import { tempDir } from '../../server/src/testing/tempDir';

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]);
}

interface Summary {
  articles: unknown[];
  indexing: { done: number; total: number; phase?: string };
}

async function indexed(c: LspClient, count: number, ms: number): Promise<Summary> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = await within(c.request<Summary>('corpusCurator/corpusSummary', {}), ms, 'corpusSummary');
    if (s.articles.length === count && s.indexing.phase === 'done' && s.indexing.done >= s.indexing.total) return s;
    if (Date.now() > deadline) throw new Error(`indexing did not complete: ${JSON.stringify(s.indexing)}, ${s.articles.length} articles`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a FIFO at the index cache path: indexing completes from the files, the problem is logged, shutdown is answered', async () => {
  const root = tempDir('cc-lsp-fifo-cache-');
  cpSync(SEEDS, path.join(root, 'seeds'), { recursive: true });
  writeFileSync(path.join(root, 'notes.txt'), 'ghi chú\n');
  const storage = path.join(root, '.storage');
  mkdirSync(storage);
  const cache = path.join(storage, 'corpus-index.jsonl');
  execFileSync('mkfifo', [cache]);
  const c = await startServer({ rootPath: root, initializationOptions: { storagePath: storage } });
  try {
    await indexed(c, 5, 30_000);
    const logs = c.notifications.filter((n) => n.method === 'window/logMessage').map((n) => String(n.params.message));
    assert.ok(
      logs.some((m) => m.includes(`the index cache ${cache} is not used (not a regular file: it is a FIFO (named pipe))`)),
      logs.join('\n'),
    );
    // a fresh scan is answered too, and ends
    await within(c.request('corpusCurator/reindex', {}), 20_000, 'corpusCurator/reindex');
    await indexed(c, 5, 30_000);
    await within(c.request('shutdown', null), 10_000, 'shutdown');
    await c.notify('exit', null);
    assert.equal(await c.waitExit(10_000), 0);
    assert.ok(lstatSync(cache).isFIFO(), 'the FIFO is left as it was');
  } finally {
    c.kill();
    rmSync(root, { recursive: true, force: true });
  }
});
