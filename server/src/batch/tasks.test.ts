// Pass 3 of the CLI's batch work runs only the corpus rules and merges their findings into pass 2's
// report: the merged report must be the one the whole analysis with the corpus gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { compareFindings } from '../engine/analyze';
import type { JsonDiagnostic } from '../engine/report';
import type { Finding } from '../rules/types';
import { editCopy, makeArticle } from '../index/fixtures';
import { CorpusIndex } from '../index/corpus';
import { analyzed, snapshotView, unpackReport, withCorpusReport, Worker, type CorpusSnapshot, type FileReport } from './tasks';
import { tempDir } from '../testing/tempDir';

const CODES = ['boilerplate', 'duplicate-article', 'learned-boilerplate', 'related', 'unicode', 'whitespace'];

function diag(f: Finding, i: number): JsonDiagnostic {
  return { code: f.code, severity: 'warning', message: `#${i}`, line: 1, column: 1, endLine: 1, endColumn: 1, fixable: false };
}

test('withCorpusReport: the diagnostics in the order of the findings sorted together (compareFindings, stable)', () => {
  const finding = fc.record({ start: fc.nat(30), len: fc.nat(5), code: fc.constantFrom(...CODES) })
    .map(({ start, len, code }) => ({ code, severity: 'warning', message: '', start, end: start + len, fixes: [] }) as Finding);
  fc.assert(fc.property(fc.array(finding, { maxLength: 25 }), fc.array(finding, { maxLength: 8 }), (b, e) => {
    const base = [...b].sort(compareFindings);
    const extra = [...e].sort(compareFindings);
    const all = [...base, ...extra];
    const dOf = new Map(all.map((f, i) => [f, diag(f, i)]));
    const report = (fs: Finding[], corpusOnly?: boolean): FileReport => ({
      file: 'a.txt', diagnostics: fs.map((f) => dOf.get(f)!), order: fs.flatMap((f) => [f.start, f.end]), corpusOnly,
    });
    const merged = withCorpusReport(report(base), report(extra, true));
    assert.deepEqual(merged.diagnostics, [...all].sort(compareFindings).map((f) => dOf.get(f)!));
  }), { numRuns: 500 });
});

test('corpusFile: a file that changed since pass 2 is analysed whole again; one that did not gets the corpus findings alone', async () => {
  const dir = tempDir('cc-tasks-');
  const a = path.join(dir, 'a.txt');
  const b = path.join(dir, 'b.txt');
  const text = makeArticle({ seed: 5, words: 300 });
  writeFileSync(a, text);
  writeFileSync(b, text);
  const w = new Worker({ counts: null, summaryConfigFile: a, maxBytes: 1 << 24 });
  const pass2 = await w.analyzeFile(a);
  assert.ok(pass2.textHash !== undefined && pass2.order!.length === 2 * pass2.diagnostics!.length);
  const view: CorpusSnapshot = {
    size: 2, duplicates: { top: [{ file: path.resolve(b), similarity: 1, exact: true }], total: 1, allExact: true }, copies: [], blocks: new Map(),
  };
  const whole = await w.corpusFile(a, view);
  const only = await w.corpusFile(a, view, pass2.textHash);
  assert.equal(only.corpusOnly, true);
  assert.deepEqual(only.diagnostics!.map((d) => d.code), ['duplicate-article']);
  assert.deepEqual(withCorpusReport(pass2, only), { file: a, article: whole.article, diagnostics: whole.diagnostics });
  // changed meanwhile: the whole analysis of what the file holds now
  writeFileSync(a, `${text}\n\nMột đoạn mới được thêm vào sau khi bài viết đã được đọc lần đầu tiên.\n`);
  const changed = await w.corpusFile(a, view, pass2.textHash);
  assert.equal(changed.corpusOnly, undefined);
  assert.deepEqual(withCorpusReport(pass2, changed), await w.corpusFile(a, view));
});

// The main thread keeps every file's pass-2 answer until pass 3 writes its report (30,000 articles:
// the CLI's peak memory). What it keeps must be the report packed, not its objects.
test('pass 2 answers the main thread with the report packed in a buffer of its own, unpacked to the same report', async () => {
  const dir = tempDir('cc-tasks-');
  const files = [0, 1, 2].map((i) => path.join(dir, `${i}.txt`));
  const footer = ['Tin liên quan', 'Đọc nhiều', '© Bản quyền thuộc về Báo Điện tử'];
  writeFileSync(files[0], makeArticle({ seed: 9, words: 400, footer }));
  writeFileSync(files[1], `\u00a0\n${makeArticle({ seed: 10, words: 200, footer })}là là  \u200b\n`);
  writeFileSync(files[2], makeArticle({ seed: 9, words: 400, footer }));
  const w = new Worker({ counts: null, summaryConfigFile: files[0], maxBytes: 1 << 24 });
  for (const f of files) {
    const report = await w.analyzeFile(f);
    assert.ok(report.diagnostics!.length > 0 && report.article!.blocks.length > 0);
    const answer = analyzed(report);
    // nothing of the report as objects: its bytes, whose buffer is theirs alone (a pooled Buffer's
    // slice would carry its whole pool to the other thread)
    assert.deepEqual(Object.keys(answer).sort(), ['file', 'report', 'summary']);
    assert.ok(answer.report instanceof Uint8Array);
    assert.equal(answer.report.buffer.byteLength, answer.report.byteLength);
    const back = unpackReport(f, structuredClone(answer.report));
    const { summary: _summary, ...rest } = report;
    assert.deepEqual(back, rest);
  }
  // strings come back as they were, lone surrogates included
  const odd: FileReport = {
    file: 'x.txt', article: { headline: null, kicker: null, dateline: null, byline: null, blocks: [] },
    diagnostics: [{ code: 'unicode', severity: 'warning', message: 'a \ud800 b “Đọc” \u0000 \u2028', line: 1, column: 1, endLine: 1, endColumn: 2, fixable: true }],
    askedKeys: ['k'], order: [0, 1], textHash: 4294967295,
  };
  assert.deepEqual(unpackReport('x.txt', analyzed(odd).report!), odd);
  assert.deepEqual(analyzed({ file: 'gone.txt', unread: { file: 'gone.txt', error: 'cannot read' } }), { file: 'gone.txt', unread: { file: 'gone.txt', error: 'cannot read' } });
});

test('the summaries the main thread indexes (forIndex, through a structured clone) give the corpus rules the same answers as whole ones', () => {
  const footer = ['Tin liên quan', 'Đọc nhiều', 'Mời quý độc giả xem thêm các tin khác trong chuyên mục'];
  const texts = new Map<string, string>();
  for (let i = 0; i < 12; i++) texts.set(`/c/${i}.txt`, makeArticle({ seed: 100 + i, words: 250, footer: i % 2 ? footer : [] }));
  texts.set('/c/copy.txt', texts.get('/c/3.txt')!);
  texts.set('/c/near.txt', editCopy(texts.get('/c/5.txt')!, 3));
  const dir = tempDir('cc-tasks-');
  const whole = new CorpusIndex();
  const lean = new CorpusIndex();
  const worker = new Worker({ counts: null, summaryConfigFile: path.join(dir, 'a.txt'), maxBytes: 1 << 24 });
  return (async () => {
    const keys = new Set<string>();
    for (const [name, text] of texts) {
      const f = path.join(dir, path.basename(name));
      writeFileSync(f, text);
      const r = await worker.analyzeFile(f);
      whole.set(r.summary!);
      const kept = structuredClone(analyzed(r).summary!);
      assert.equal(kept.headline, null);
      assert.ok(kept.signature === null || kept.signature instanceof Uint32Array);
      lean.set(kept);
      for (const k of r.summary!.blockKeys) keys.add(k);
    }
    assert.equal(lean.size(), whole.size());
    let dups = 0;
    for (const name of texts.keys()) {
      const f = path.join(dir, path.basename(name));
      const a = whole.duplicateSummary(f, 32), b = lean.duplicateSummary(f, 32);
      assert.deepEqual({ ...b, has: undefined }, { ...a, has: undefined });
      dups += a.total;
    }
    assert.ok(dups >= 4, 'the copies are found');
    for (const k of keys) assert.deepEqual(lean.blockFrequency(k), whole.blockFrequency(k));
  })();
});

test('a corpus snapshot crosses threads and answers blockFrequency (its blocks a Map, not an object keyed by line hashes)', () => {
  const view: CorpusSnapshot = {
    size: 3, duplicates: { top: [], total: 0, allExact: true }, copies: [],
    blocks: new Map([['9f86d081884c7d65', { count: 3, files: ['/a', '/b', '/c'] }]]),
  };
  const v = snapshotView(structuredClone(view));
  assert.deepEqual(v.blockFrequency('9f86d081884c7d65'), { count: 3, files: ['/a', '/b', '/c'] });
  assert.deepEqual(v.blockFrequency('0000000000000000'), { count: 0, files: [] });
  assert.deepEqual(v.blockFrequency('constructor'), { count: 0, files: [] });
});
