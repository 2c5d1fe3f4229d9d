// Pass 3 of the CLI's batch work runs only the corpus rules and merges their findings into pass 2's
// report: the merged report must be the one the whole analysis with the corpus gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { compareFindings } from '../engine/analyze';
import type { JsonDiagnostic } from '../engine/report';
import type { Finding } from '../rules/types';
import { makeArticle } from '../index/fixtures';
import { withCorpusReport, Worker, type CorpusSnapshot, type FileReport } from './tasks';

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
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-tasks-'));
  const a = path.join(dir, 'a.txt');
  const b = path.join(dir, 'b.txt');
  const text = makeArticle({ seed: 5, words: 300 });
  writeFileSync(a, text);
  writeFileSync(b, text);
  const w = new Worker({ counts: null, summaryConfigFile: a, maxBytes: 1 << 24 });
  const pass2 = await w.analyzeFile(a);
  assert.ok(pass2.textHash !== undefined && pass2.order!.length === 2 * pass2.diagnostics!.length);
  const view: CorpusSnapshot = {
    size: 2, duplicates: { top: [{ file: path.resolve(b), similarity: 1, exact: true }], total: 1, allExact: true }, copies: [], blocks: {},
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
