// The last analysis moved past an edit (shift.ts): what is kept flags and fixes the very characters
// it did, on lines the edit did not touch; what the edit touched is left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze } from '../engine/analyze';
import { editSpan, shiftFindings } from './shift';
import type { Finding } from '../rules/types';
import { applyEdit, editArb as randomEdit } from '../model/randomEdits';

const DIR = 'test/fixtures/real';
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort().slice(0, 40).map((f) => readFileSync(path.join(DIR, f), 'utf8').replace(/^\uFEFF/, ''));

/** A random edit: characters or lines inserted or deleted, a paragraph pasted, a line duplicated. */
const editArb = randomEdit(['a', ' ', '  ', 'ừ', '.', 'x y', '\n', '&amp;', 'tiêu tiêu'], 40);

test('shifted findings flag and fix the same characters, on lines the edit did not touch', () => {
  fc.assert(
    fc.property(fc.nat(FIXTURES.length - 1), fc.nat(FIXTURES.length - 1), editArb, (i, j, e) => {
      const old = FIXTURES[i];
      const paste = FIXTURES[j].split('\n').find((l) => l.length > 80) ?? 'Một đoạn văn.';
      const text = applyEdit(old, e, paste);
      const before = analyze(old).findings;
      const span = editSpan(old, text);
      const kept = shiftFindings(span, before);
      const touchedFrom = span.lines[span.firstLine].start;
      const touchedTo = span.lines[Math.max(span.firstLine, span.lastOldLine + span.lineDelta)]?.end ?? text.length;
      const byHash = new Map<string, Finding[]>();
      for (const f of before) byHash.set(`${f.code}|${f.hash}|${f.message}`, [...(byHash.get(`${f.code}|${f.hash}|${f.message}`) ?? []), f]);
      for (const f of kept) {
        // the same characters as one of the old findings of that code and message
        const same = byHash.get(`${f.code}|${f.hash}|${f.message}`) ?? [];
        const orig = same.find((o) => old.slice(o.start, o.end) === text.slice(f.start, f.end) && o.end - o.start === f.end - f.start && o.fixes.length === f.fixes.length
          && o.fixes.every((fx, k) => fx.edits.every((ed, m) => {
            const moved = f.fixes[k].edits[m];
            return old.slice(ed.start, ed.end) === text.slice(moved.start, moved.end) && ed.newText === moved.newText && (ed.start - o.start) === (moved.start - f.start);
          })));
        assert.ok(orig, `kept finding ${f.code} [${f.start}, ${f.end}) matches an old one`);
        // wholly outside the edited lines
        assert.ok(f.end < touchedFrom || f.start > touchedTo, `${f.code} [${f.start}, ${f.end}) outside the edited lines [${touchedFrom}, ${touchedTo}]`);
        for (const fx of f.fixes) for (const ed of fx.edits) assert.ok(ed.end < touchedFrom || ed.start > touchedTo);
      }
      // nothing else is dropped: every old finding wholly before the edited lines is kept as it was
      const firstStart = span.oldLines[span.firstLine].start;
      for (const f of before) {
        const local = f.end < firstStart - 1 && f.end <= span.prefix && (f.related ?? []).every((r) => r.file !== undefined || r.end < firstStart - 1)
          && f.fixes.every((fx) => fx.edits.every((ed) => ed.end < firstStart - 1));
        if (local) assert.ok(kept.includes(f), `${f.code} [${f.start}, ${f.end}) before the edit is kept`);
      }
    }),
    { numRuns: 150, seed: 20240611 },
  );
});

test('a finding on the edited line is left out; one below moves by the characters added (2)', () => {
  const old = 'Tiêu đề bài báo\n\nDòng  một có hai dấu cách.\n\nDòng thứ hai  cũng vậy.\n';
  const before = analyze(old).findings.filter((f) => f.code === 'whitespace');
  assert.equal(before.length, 2, JSON.stringify(before));
  const text = old.replace('một', 'một ừ');
  const kept = shiftFindings(editSpan(old, text), before);
  assert.equal(kept.length, 1);
  assert.equal(kept[0].start, before[1].start + text.length - old.length);
  assert.equal(text.slice(kept[0].start, kept[0].end), old.slice(before[1].start, before[1].end));
  assert.equal(kept[0].fixes[0].edits[0].start, before[1].fixes[0].edits[0].start + text.length - old.length);
});

test('the edit span is the longest common prefix and suffix, on long texts too (compared a chunk at a time)', () => {
  const naive = (a: string, b: string) => {
    const max = Math.min(a.length, b.length);
    let p = 0;
    while (p < max && a[p] === b[p]) p++;
    let q = 0;
    while (q < max - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
    return [p, q];
  };
  // long texts of few letters, so that common runs cross the chunk boundaries in every way
  const long = fc.array(fc.constantFrom('a', 'b', '\n', 'ừ'), { minLength: 0, maxLength: 9000 }).map((x) => x.join(''));
  fc.assert(
    fc.property(long, fc.nat(), fc.nat(), fc.array(fc.constantFrom('a', 'b', '\n', 'ừ'), { maxLength: 5000 }).map((x) => x.join('')), (text, i, j, insert) => {
      const s = Math.min(i, j) % (text.length + 1), e = Math.max(i, j) % (text.length + 1);
      const next = text.slice(0, Math.min(s, e)) + insert + text.slice(Math.max(s, e));
      const span = editSpan(text, next);
      assert.deepEqual([span.prefix, span.suffix], naive(text, next));
    }),
    { numRuns: 300 },
  );
});
