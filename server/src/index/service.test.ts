// IndexService through the real worker bundle (dist/indexWorker.js; run `npm run build` first):
// a folder of ~200 generated articles, the cache reload, incremental updates, cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONFIG, mergeConfig } from '../engine/config';
import { CACHE_FILE } from './cache';
import { summarize } from './corpus';
import { editCopy, makeArticle } from './fixtures';
import { absolute, IndexService, type IndexProgressEvent, type IndexUpdateEvent } from './service';
import fc from 'fast-check';
import { tempDir } from '../testing/tempDir';

const WORKER = path.resolve('dist/indexWorker.js');
const FOOTER = 'Bản tin được cập nhật bởi Ban biên tập X';
const N = 200;

function makeCorpus(): { dir: string; files: string[]; storage: string } {
  const root = tempDir('cc-service-');
  const dir = path.join(root, 'corpus');
  const storage = path.join(root, 'storage');
  const files: string[] = [];
  for (let i = 0; i < N; i++) {
    const sub = path.join(dir, `d${i % 4}`);
    if (i < 4) mkdirSync(sub, { recursive: true });
    const f = path.join(sub, `${String(i).padStart(3, '0')}.txt`);
    // every 10th file shares a footer; files 1 and 2 are copies of file 0
    const text = i === 1 ? makeArticle({ seed: 0 }) : i === 2 ? editCopy(makeArticle({ seed: 0 }), 3) : makeArticle({ seed: i, footer: i % 10 === 0 ? [FOOTER] : [] });
    writeFileSync(f, text);
    files.push(f);
  }
  return { dir, files, storage };
}

function record(service: IndexService) {
  const progress: IndexProgressEvent[] = [];
  const updates: IndexUpdateEvent[] = [];
  const errors: Error[] = [];
  service.on('progress', (p) => progress.push(p));
  service.on('updated', (u) => updates.push(u));
  service.on('error', (e) => errors.push(e));
  return { progress, updates, errors };
}

test('the worker bundle exists (npm run build)', () => {
  assert.ok(existsSync(WORKER), `${WORKER} is missing: run npm run build`);
});

test('indexes a folder through the worker, reloads from the cache, follows changes', { skip: !existsSync(WORKER) }, async () => {
  const { files, storage, dir } = makeCorpus();
  try {
    // ---- first run: everything is read --------------------------------------------------------
    const s1 = new IndexService({ storagePath: storage, workerPath: WORKER, saveDelayMs: 50, workers: 2 });
    const ev1 = record(s1);
    const st1 = await s1.start(files);
    assert.deepEqual(ev1.errors, []);
    assert.equal(st1.total, N);
    assert.equal(st1.read, N);
    assert.equal(st1.reused, 0);
    assert.equal(s1.index.size(), N);
    assert.equal(ev1.progress[0].phase, 'scanning');
    assert.deepEqual(ev1.progress.at(-1), { done: N, total: N, phase: 'done', read: N });
    assert.ok(ev1.progress.filter((p) => p.phase === 'indexing').length >= 3, 'progress in batches');
    assert.equal(new Set(ev1.updates.flatMap((u) => u.files)).size, N);
    // the summaries are what summarize() makes, with the file's mtime and size
    for (const f of [files[0], files[17], files[N - 1]]) {
      const st = statSync(f);
      const text = readFileSync(f, 'utf8');
      assert.deepEqual(s1.index.get(f), summarize(f, text, DEFAULT_CONFIG, { mtimeMs: st.mtimeMs, size: st.size }));
    }
    // the corpus view answers
    assert.deepEqual(s1.index.duplicatesOf(files[0]).map((d) => d.file).sort(), [files[1], files[2]].sort());
    assert.deepEqual(s1.index.clusters(), [[files[0], files[1], files[2]].sort()]);
    const before = s1.index.all().sort((a, b) => a.file.localeCompare(b.file));
    await s1.dispose();
    assert.ok(existsSync(path.join(storage, CACHE_FILE)), 'cache saved on dispose');

    // ---- second run: from the cache, nothing is read ------------------------------------------
    const s2 = new IndexService({ storagePath: storage, workerPath: WORKER, saveDelayMs: 50 });
    const ev2 = record(s2);
    const st2 = await s2.start(files);
    assert.deepEqual(ev2.errors, []);
    assert.equal(st2.read, 0, 'no unchanged file is read');
    assert.equal(st2.reused, N);
    // what the client is told at the end of the pass: every article, none read again
    assert.deepEqual(ev2.progress.at(-1), { done: N, total: N, phase: 'done', read: 0 });
    assert.deepEqual(s2.index.all().sort((a, b) => a.file.localeCompare(b.file)), before);

    // ---- incremental: one file changed (inline), one created, one deleted ----------------------
    const changed = files[5];
    writeFileSync(changed, 'Tiêu đề hoàn toàn mới của bài viết\n\n' + makeArticle({ seed: 5000 }));
    await s2.update([{ file: changed, type: 'changed' }]);
    assert.equal(s2.index.get(changed)!.headline, 'Tiêu đề hoàn toàn mới của bài viết');
    assert.deepEqual(ev2.updates.at(-1), { files: [changed], removed: [], size: N });

    const created = path.join(dir, 'd0', 'new.txt');
    writeFileSync(created, makeArticle({ seed: 0 })); // a fourth copy of file 0
    const gone = files[7];
    unlinkSync(gone);
    await s2.update([{ file: created, type: 'created' }, { file: gone, type: 'deleted' }]);
    assert.ok(s2.index.has(created));
    assert.ok(!s2.index.has(gone));
    assert.equal(s2.index.size(), N);
    assert.ok(s2.index.duplicatesOf(created).some((d) => d.file === files[0] && d.exact));

    // several changes at once go to a worker; a spurious event (nothing changed) reads nothing
    for (const i of [11, 12, 13]) writeFileSync(files[i], makeArticle({ seed: 7000 + i }));
    await s2.update([11, 12, 13, 14].map((i) => ({ file: files[i], type: 'changed' as const })));
    assert.equal(s2.lastRun?.read, 3);
    assert.equal(s2.lastRun?.reused, 1);
    for (const i of [11, 12, 13]) assert.deepEqual(s2.index.get(files[i])!.signature, summarize('x', makeArticle({ seed: 7000 + i })).signature);

    // a file that stops being an article leaves the index, with the reason
    writeFileSync(files[20], Buffer.alloc(64, 0));
    await s2.update([{ file: files[20], type: 'changed' }]);
    assert.ok(!s2.index.has(files[20]));
    assert.match(s2.skipped.get(files[20]) ?? '', /binary/);

    // a rescan with the file list gives the same index as a fresh build
    await s2.dispose();
    const s3 = new IndexService({ storagePath: storage, workerPath: WORKER });
    const list = [...files.filter((f) => f !== gone), created];
    const st3 = await s3.start(list);
    assert.equal(st3.read, 0, 'nothing is summarized again');
    assert.equal(st3.skipped, 1, 'the binary file (not cached) is looked at again and skipped');
    const fresh = new IndexService({ workerPath: WORKER });
    await fresh.start(list);
    const strip = (xs: ReturnType<typeof fresh.index.all>) => xs.sort((a, b) => a.file.localeCompare(b.file));
    assert.deepEqual(strip(s3.index.all()), strip(fresh.index.all()));
    assert.deepEqual(s3.index.clusters(), fresh.index.clusters());
    // files dropped from the list leave the index
    const st4 = await s3.start(list.slice(0, 50));
    assert.equal(s3.index.size(), 49, 'the first 50 files but the binary one');
    assert.equal(st4.removed, list.length - 50);
    assert.equal(st4.read, 0);
    await s3.dispose();
    await fresh.dispose();
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test('cancel stops a scan; a corrupt cache is ignored; a config change re-reads everything', { skip: !existsSync(WORKER) }, async () => {
  const { files, storage, dir } = makeCorpus();
  try {
    mkdirSync(storage, { recursive: true });
    writeFileSync(path.join(storage, CACHE_FILE), '{"format": "corpus-curator-index", "version": 1, "entr');
    const s = new IndexService({ storagePath: storage, workerPath: WORKER, batchSize: 4, workers: 1 });
    const ev = record(s);
    const p = s.start(files);
    setTimeout(() => s.cancel(), 30);
    const st = await p;
    assert.equal(st.cancelled, true);
    assert.ok(st.read < N, `read ${st.read}`);
    assert.equal(ev.progress.at(-1)!.phase, 'cancelled');
    assert.equal(s.indexing.phase, 'cancelled');
    // the next scan picks up where it stopped
    const st2 = await s.start(files);
    assert.equal(st2.cancelled, false);
    assert.equal(s.index.size(), N);
    assert.ok(st2.reused >= st.read - 4, `${st2.reused} reused after ${st.read} read`);
    // a configuration that changes summaries: every file is read again
    await s.setConfig(mergeConfig(undefined, { rules: { 'php-dump': 'off' } }).config);
    assert.equal(s.lastRun?.read, N);
    assert.deepEqual(ev.errors, []);
    await s.dispose();
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test('a missing worker bundle is an error event, not a crash', async () => {
  const dir = tempDir('cc-service-');
  const files = Array.from({ length: 40 }, (_, i) => {
    const f = path.join(dir, `${i}.txt`);
    writeFileSync(f, makeArticle({ seed: i }));
    return f;
  });
  const s = new IndexService({ workerPath: path.join(dir, 'no-such-worker.js') });
  const ev = record(s);
  const st = await s.start(files);
  assert.equal(st.read, 0);
  assert.equal(ev.errors.length, 1);
  // a single changed file is still summarized inline
  await s.update([{ file: files[0], type: 'changed' }]);
  assert.ok(s.index.has(files[0]));
  await s.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test('two workers index the same summaries and groups as one', { skip: !existsSync(WORKER) }, async () => {
  const { files, dir } = makeCorpus();
  try {
    const one = new IndexService({ workerPath: WORKER, workers: 1, batchSize: 8 });
    const two = new IndexService({ workerPath: WORKER, workers: 2, batchSize: 8 });
    const ev = record(two);
    const st1 = await one.start(files);
    const st2 = await two.start(files);
    assert.equal(st1.workers, 1);
    assert.equal(st2.workers, 2);
    assert.equal(st2.read, N);
    assert.deepEqual(ev.errors, []);
    assert.deepEqual(ev.progress.at(-1), { done: N, total: N, phase: 'done', read: N });
    const sorted = (s: IndexService) => s.index.all().sort((a, b) => a.file.localeCompare(b.file));
    assert.deepEqual(sorted(two), sorted(one));
    assert.deepEqual(two.index.clusters(), one.index.clusters());
    for (const f of files.slice(0, 5)) assert.deepEqual(two.index.duplicatesOf(f), one.index.duplicatesOf(f));
    await one.dispose();
    await two.dispose();
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test('by default there is a worker per CPU (at most 4)', { skip: !existsSync(WORKER) }, async () => {
  const { files, dir } = makeCorpus();
  try {
    const s = new IndexService({ workerPath: WORKER });
    const st = await s.start(files);
    assert.equal(st.workers, Math.min(4, os.availableParallelism(), Math.ceil(N / 32)));
    assert.equal(s.index.size(), N);
    await s.dispose();
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test('a finished scan saves the cache at once, not after the save delay (an editor closing soon after gives shutdown 2 s)', { skip: !existsSync(WORKER) }, async () => {
  const { dir, files, storage } = makeCorpus();
  try {
    const s = new IndexService({ workerPath: WORKER, storagePath: storage, saveDelayMs: 600_000 });
    await s.start(files);
    const cache = path.join(storage, CACHE_FILE);
    for (let i = 0; i < 100 && !existsSync(cache); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(existsSync(cache), 'no cache 5 s after the scan finished');
    assert.equal(readFileSync(cache, 'utf8').trim().split('\n').length, files.length + 1, 'a header and one line per article');
    // a new service on the same storage reads nothing again
    await s.dispose();
    const again = new IndexService({ workerPath: WORKER, storagePath: storage });
    const st = await again.start(files);
    assert.equal(st.read, 0);
    assert.equal(again.index.size(), files.length);
    await again.dispose();
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test('a configuration change re-reads every file and saves the cache at once: a server that ends before the save delay leaves a cache the next start can use', { skip: !existsSync(WORKER) }, async () => {
  const { dir, files, storage } = makeCorpus();
  try {
    const changed = mergeConfig(undefined, { rules: { 'php-dump': 'off' } }).config;
    const s = new IndexService({ workerPath: WORKER, storagePath: storage, saveDelayMs: 600_000 });
    await s.start(files);
    const cache = path.join(storage, CACHE_FILE);
    for (let i = 0; i < 100 && !existsSync(cache); i++) await new Promise((r) => setTimeout(r, 50));
    const first = readFileSync(cache, 'utf8');
    await s.setConfig(changed);
    assert.equal(s.lastRun?.read, N);
    for (let i = 0; i < 100 && readFileSync(cache, 'utf8') === first; i++) await new Promise((r) => setTimeout(r, 50));
    // (the first server is not disposed: a killed one saves nothing more; what is on disk is what the next start gets)
    const written = readFileSync(cache, 'utf8');
    assert.notEqual(written, first, 'the cache was not rewritten within 5 s of the re-read (the save delay is 10 minutes)');
    const again = new IndexService({ workerPath: WORKER, storagePath: storage, config: changed });
    const st = await again.start(files);
    assert.equal(st.read, 0, 'the next start with the new configuration reads nothing again');
    assert.equal(again.index.size(), files.length);
    await again.dispose();
    await s.dispose();
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test('a window opening on a corpus: the configuration given before the scan, then the same one pushed again, reads no file of a warm start', { skip: !existsSync(WORKER) }, async () => {
  const { dir, files, storage } = makeCorpus();
  try {
    // the configuration of a workspace folder: its root (and project) known, no rule changed
    const config = mergeConfig(undefined, {}, dir).config;
    const s1 = new IndexService({ workerPath: WORKER, storagePath: storage });
    s1.configure({ config });
    await s1.start(files);
    await s1.dispose();
    const s2 = new IndexService({ workerPath: WORKER, storagePath: storage });
    const ev = record(s2);
    s2.configure({ config });
    const scan = s2.start(files);
    // the client's first settings push, while the scan runs
    const pushed = s2.setConfig(mergeConfig(undefined, {}, dir).config);
    assert.equal((await scan).read, 0);
    await pushed;
    await s2.whenIdle();
    const reads = ev.progress.filter((p) => p.phase === 'done').map((p) => p.read);
    assert.deepEqual(reads, [0], 'one pass, nothing read');
    await s2.dispose();
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test('a warm start: stat threads check every file while the cache loads; only changed, new, gone and odd files go to the index workers', { skip: !existsSync(WORKER) }, async () => {
  const { files, storage, dir } = makeCorpus();
  try {
    const s1 = new IndexService({ storagePath: storage, workerPath: WORKER, workers: 2 });
    await s1.start(files);
    await s1.dispose();

    // nothing changed: every file is checked by mtime and size, none is read, no index worker starts
    const s2 = new IndexService({ storagePath: storage, workerPath: WORKER, workers: 2, statMinFiles: 0 });
    const ev2 = record(s2);
    const st2 = await s2.start(files);
    assert.deepEqual(ev2.errors, []);
    assert.equal(st2.reused, N);
    assert.equal(st2.read, 0);
    assert.equal(st2.workers, 0, 'no index worker was needed');
    assert.deepEqual(ev2.progress.at(-1), { done: N, total: N, phase: 'done', read: 0 });
    await s2.dispose();

    // changed (another size), touched (same size, another mtime), gone, a folder in a file's place, a new file
    writeFileSync(files[3], makeArticle({ seed: 9003, words: 500 }));
    const t = statSync(files[4]).mtime;
    utimesSync(files[4], t, new Date(t.getTime() + 5000));
    unlinkSync(files[5]);
    unlinkSync(files[6]);
    mkdirSync(files[6]);
    const created = path.join(dir, 'd1', 'new.txt');
    writeFileSync(created, makeArticle({ seed: 9100 }));
    const list = [...files, created];
    const s3 = new IndexService({ storagePath: storage, workerPath: WORKER, workers: 2, statMinFiles: 0 });
    const ev3 = record(s3);
    const st3 = await s3.start(list);
    assert.equal(st3.read, 3, 'the changed, the touched and the new file');
    assert.equal(st3.reused, N - 4);
    assert.equal(st3.skipped, 1);
    assert.match(s3.skipped.get(files[6]) ?? '', /not a regular file/);
    assert.ok(!s3.index.has(files[5]) && !s3.index.has(files[6]));
    assert.deepEqual(ev3.progress.at(-1), { done: N + 1, total: N + 1, phase: 'done', read: 3 });
    const fresh = new IndexService({ workerPath: WORKER });
    await fresh.start(list);
    const sorted = (xs: ReturnType<typeof fresh.index.all>) => xs.sort((a, b) => a.file.localeCompare(b.file));
    assert.deepEqual(sorted(s3.index.all()), sorted(fresh.index.all()));
    assert.deepEqual(s3.index.clusters(), fresh.index.clusters());
    const footerKey = s3.index.get(files[10])!.blockKeys;
    for (const k of footerKey) assert.deepEqual(s3.index.filesWithBlock(k).sort(), fresh.index.filesWithBlock(k).sort());
    await s3.dispose();
    await fresh.dispose();
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test('the cache read while the folders are listed (preloadCache) serves the scan: nothing is read again', { skip: !existsSync(WORKER) }, async () => {
  const { dir, files, storage } = makeCorpus();
  try {
    const s1 = new IndexService({ workerPath: WORKER, storagePath: storage });
    await s1.start(files);
    await s1.dispose();
    const s2 = new IndexService({ workerPath: WORKER, storagePath: storage });
    const ev = record(s2);
    s2.preloadCache();
    const st = await s2.start(files);
    assert.deepEqual(ev.errors, []);
    assert.equal(st.read, 0);
    assert.equal(s2.index.size(), N);
    await s2.dispose();
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test('a cache preloaded under one configuration is not used by a scan under another: every file is read with the new rules', { skip: !existsSync(WORKER) }, async () => {
  const { dir, files, storage } = makeCorpus();
  try {
    const s1 = new IndexService({ workerPath: WORKER, storagePath: storage });
    await s1.start(files);
    const count = (x: IndexService, code: string) => x.index.all().reduce((n, d) => n + (d.problems.byCode[code] ?? 0), 0);
    // the rule with the most findings in this corpus
    const codes = [...new Set(s1.index.all().flatMap((d) => Object.keys(d.problems.byCode)))];
    const code = codes.sort((a, b) => count(s1, b) - count(s1, a))[0];
    assert.ok(code && count(s1, code) > 0, 'the corpus has findings');
    await s1.dispose();
    const s2 = new IndexService({ workerPath: WORKER, storagePath: storage });
    await s2.preloadCache();
    // the settings arrive after the cache was read for the scan: that rule is off
    s2.configure({ config: mergeConfig(undefined, { rules: { [code]: 'off' } }).config });
    const st = await s2.start(files);
    assert.equal(st.read, N, `summaries made with ${code} on are not reused`);
    assert.equal(count(s2, code), 0, `no ${code} finding with the rule off`);
    await s2.dispose();
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test('absolute(f) is path.resolve(f), also for relative, dotted, doubled and trailing-slash paths (property)', () => {
  const part = fc.constantFrom('', '.', '..', '...', 'a', 'b c', 'x.txt', '.hidden', 'đường');
  const arb = fc.tuple(fc.constantFrom('', '/', '//'), fc.array(part, { maxLength: 6 }), fc.constantFrom('', '/')).map(([head, parts, tail]) => head + parts.join('/') + tail);
  fc.assert(fc.property(arb, (f) => absolute(f) === path.resolve(f)), { numRuns: 2000 });
  assert.equal(absolute('/work/news/corpus/d000/000001_baolongan.txt'), '/work/news/corpus/d000/000001_baolongan.txt');
});
