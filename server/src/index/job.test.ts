import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../engine/config';
import { summarize } from './corpus';
import { makeArticle } from './fixtures';
import { runIndexJob, type BatchMessage, type WorkerMessage } from './job';
import { tempDir } from '../testing/tempDir';

test('a job reads, skips, reuses and reports in batches', async () => {
  const dir = tempDir('cc-job-');
  const files: string[] = [];
  for (let i = 0; i < 10; i++) {
    const f = path.join(dir, `${i}.txt`);
    writeFileSync(f, makeArticle({ seed: i }));
    files.push(f);
  }
  writeFileSync(path.join(dir, 'bin.txt'), Buffer.from([0, 1, 0, 2, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  writeFileSync(path.join(dir, 'big.txt'), 'x'.repeat(5000));
  const st = statSync(files[0]);
  const msgs: WorkerMessage[] = [];
  await runIndexJob(
    {
      type: 'index', id: 7, config: DEFAULT_CONFIG, maxBytes: 4000, batchSize: 4,
      files: [
        { file: files[0], mtimeMs: st.mtimeMs, size: st.size },
        ...files.slice(1).map((file) => ({ file })),
        { file: path.join(dir, 'bin.txt') }, { file: path.join(dir, 'big.txt') }, { file: path.join(dir, 'gone.txt') },
      ],
    },
    (m) => msgs.push(m),
    () => false,
  );
  const batches = msgs.filter((m): m is BatchMessage => m.type === 'batch');
  assert.ok(batches.length >= 3);
  assert.ok(batches.every((b) => b.id === 7 && b.total === 13));
  const done = msgs.at(-1)!;
  assert.deepEqual(done, { type: 'done', id: 7, done: 13, total: 13, read: 9, cancelled: false });
  assert.deepEqual(batches.flatMap((b) => b.unchanged), [files[0]]);
  assert.deepEqual(batches.flatMap((b) => b.missing), [path.join(dir, 'gone.txt')]);
  const skipped = batches.flatMap((b) => b.skipped);
  assert.deepEqual(skipped.map((s) => path.basename(s.file)), ['bin.txt', 'big.txt']);
  assert.match(skipped[0].reason, /binary/);
  assert.match(skipped[1].reason, /too large/);
  const sums = batches.flatMap((b) => b.summaries);
  assert.equal(sums.length, 9);
  const s1 = sums.find((s) => s.file === files[1])!;
  const st1 = statSync(files[1]);
  assert.deepEqual(s1, summarize(files[1], makeArticle({ seed: 1 }), DEFAULT_CONFIG, { mtimeMs: st1.mtimeMs, size: st1.size }));
});

test('a cancelled job stops between files and says so', async () => {
  const dir = tempDir('cc-job-');
  const files = Array.from({ length: 20 }, (_, i) => {
    const f = path.join(dir, `${i}.txt`);
    writeFileSync(f, makeArticle({ seed: i }));
    return { file: f };
  });
  const msgs: WorkerMessage[] = [];
  let n = 0;
  await runIndexJob({ type: 'index', id: 1, config: DEFAULT_CONFIG, maxBytes: 1e6, batchSize: 1, files }, (m) => msgs.push(m), () => ++n > 5);
  const done = msgs.at(-1)!;
  assert.equal(done.type, 'done');
  assert.ok(done.type === 'done' && done.cancelled && done.done < 20 && done.done >= 4, JSON.stringify(done));
});

test('a warm job: known, unchanged files are reported unchanged without a read, and a cancel still stops a long run of them', async () => {
  const dir = tempDir('cc-job-');
  const files = Array.from({ length: 2000 }, (_, i) => {
    const f = path.join(dir, `${i}.txt`);
    writeFileSync(f, `Bài ${i}\n\nNội dung ngắn của bài số ${i}.\n`);
    const st = statSync(f);
    return { file: f, mtimeMs: st.mtimeMs, size: st.size };
  });
  // one changed on disk since the index saw it: read again
  writeFileSync(files[1500].file, 'Bài đã sửa\n\nNội dung mới, dài hơn trước một chút.\n');
  const msgs: WorkerMessage[] = [];
  await runIndexJob({ type: 'index', id: 3, config: DEFAULT_CONFIG, maxBytes: 1e6, files }, (m) => msgs.push(m), () => false);
  const batches = msgs.filter((m): m is BatchMessage => m.type === 'batch');
  assert.equal(batches.flatMap((b) => b.unchanged).length, 1999);
  assert.deepEqual(batches.flatMap((b) => b.summaries).map((s) => s.file), [files[1500].file]);
  assert.deepEqual(msgs.at(-1), { type: 'done', id: 3, done: 2000, total: 2000, read: 1, cancelled: false });
  // cancelled after 100 files: the rest of the run is not gone through
  const cancelled: WorkerMessage[] = [];
  let n = 0;
  await runIndexJob({ type: 'index', id: 4, config: DEFAULT_CONFIG, maxBytes: 1e6, files }, (m) => cancelled.push(m), () => ++n > 100);
  const done = cancelled.at(-1)!;
  assert.ok(done.type === 'done' && done.cancelled && done.done === 100, JSON.stringify(done));
});
