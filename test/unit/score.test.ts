// The evaluation's scorer follows the team scorer's definitions: lines by kind, blank lines, dates
// (first 16 characters), required defects, and warnings the gold does not justify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyTally, figures, scoreFile, type GoldFile, type ResultFile } from '../eval/score';

const text = 'Tiêu đề\n2023-01-02 10:00\n\nĐoạn văn một.\n\u00a0\nChia sẻ\n';
const gold: GoldFile = {
  file: 'a.txt',
  isoDate: '2023-01-02T10:00',
  blocks: [
    { kind: 'headline', startLine: 1, endLine: 1 },
    { kind: 'dateline', startLine: 2, endLine: 2 },
    { kind: 'paragraph', startLine: 4, endLine: 4 },
    { kind: 'blank', startLine: 5, endLine: 5 },
    { kind: 'boilerplate', startLine: 6, endLine: 6 },
  ],
  defects: [
    { code: 'whitespace', lines: [5, 5] },
    { code: 'repeated-word', lines: [4, 4], optional: true },
  ],
};

test('a perfect report scores 100% with no alarm; blank lines may be left unlabelled', () => {
  const r: ResultFile = {
    file: 'a.txt',
    article: { blocks: gold.blocks.filter((b) => b.kind !== 'blank'), dateline: { iso: '2023-01-02T10:00:00' } },
    diagnostics: [{ code: 'whitespace', severity: 'warning', line: 5, endLine: 5 }, { code: 'boilerplate', severity: 'warning', line: 6, endLine: 6 }],
  };
  const t = scoreFile(gold, r, text);
  assert.deepEqual(figures(t), { lines: 1, defects: 1, unjustified: 0 });
  assert.equal(t.datesRight, 1);
});

test('wrong kinds, a wrong date, a missed defect and an unexplained warning all count', () => {
  const r: ResultFile = {
    file: 'a.txt',
    article: { blocks: [{ kind: 'paragraph', startLine: 1, endLine: 1 }, { kind: 'dateline', startLine: 2, endLine: 2 }, { kind: 'paragraph', startLine: 4, endLine: 4 }, { kind: 'related', startLine: 6, endLine: 6 }], dateline: { iso: '2023-02-01T10:00' } },
    diagnostics: [{ code: 'near-duplicate-paragraph', severity: 'warning', line: 1, endLine: 1 }, { code: 'repeated-word', severity: 'warning', line: 4, endLine: 4 }, { code: 'whitespace', severity: 'information', line: 5, endLine: 5 }],
  };
  const t = scoreFile(gold, r, text, emptyTally());
  assert.equal(t.lines, 5);
  assert.equal(t.hits, 3); // dateline, paragraph, blank (unlabelled is right for a blank line)
  assert.equal(t.datesRight, 0);
  assert.equal(t.found, 0); // the whitespace finding is information: it does not count
  assert.equal(t.warnings, 2);
  assert.equal(t.alarms, 1); // the optional repeated-word explains its warning; the near-duplicate is unexplained
});
