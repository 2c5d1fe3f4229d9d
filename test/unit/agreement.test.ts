// The labellers' agreement (test/eval/agreement.ts) is the team's scorer applied to two sets of
// labels: identical labels agree on every line and date, one line labelled otherwise costs that line,
// and a date read otherwise costs the date; the tool is scored against both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreement, asReport } from '../eval/agreement';
import type { GoldFile } from '../eval/score';

const text = 'Tiêu đề\n\nĐoạn một dài.\nTin liên quan\nMột tin khác\n';
const first: GoldFile = {
  file: 'a.txt', isoDate: '2024-01-02T03:04:00', defects: [],
  blocks: [{ kind: 'headline', startLine: 1, endLine: 1 }, { kind: 'paragraph', startLine: 3, endLine: 3 }, { kind: 'related', startLine: 4, endLine: 5 }],
};

test('identical labels agree on every line and on the date', () => {
  const a = agreement([{ first, second: structuredClone(first), text, report: asReport(first) }]);
  assert.equal(a.labellers.lines, 4);
  assert.equal(a.labellers.hits, 4);
  assert.equal(a.labellers.datesRight, 1);
});

test('a line labelled otherwise, and a date read otherwise, count against the agreement; the tool is scored against both', () => {
  const second: GoldFile = { ...structuredClone(first), isoDate: '2024-01-02T05:00:00', blocks: [{ kind: 'headline', startLine: 1, endLine: 1 }, { kind: 'paragraph', startLine: 3, endLine: 3 }, { kind: 'boilerplate', startLine: 4, endLine: 4 }, { kind: 'related', startLine: 5, endLine: 5 }] };
  const a = agreement([{ first, second, text, report: asReport(second) }]);
  assert.equal(a.labellers.hits, 3);
  assert.equal(a.labellers.lines, 4);
  assert.equal(a.labellers.datesRight, 0);
  assert.equal(a.toolFirst.hits, 3);
  assert.equal(a.toolSecond.hits, 4);
  assert.equal(a.toolSecond.lines, 4);
});
