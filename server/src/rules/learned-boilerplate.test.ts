import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from '../model/article';
import { defaultKnowledge } from '../model/knowledge';
import { buildCorpusFromTexts, type CorpusIndex } from '../index/corpus';
import { GOLD_DIRS, editCopy, loadLabelled, makeArticle, onCleanBlock, paragraph, rng } from '../index/fixtures';
import { applyEdits } from '../engine/fix';
import { lineOf } from './ranges';
import { type Finding } from './types';
import { withSeverity } from './testkit';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from './registry';
import { rule } from './learned-boilerplate';

function check(corpus: CorpusIndex | undefined, file: string | undefined, text: string, options: RuleOptions = DEFAULT_RULE_OPTIONS): Finding[] {
  return withSeverity(rule, rule.check({ article: parseArticle(text), knowledge: defaultKnowledge, options, file, corpus }));
}

// a footer the recognizer does not know as chrome on its own (a sentence like the body's)
const FOOTER = 'Bản tin được Ban biên tập X cập nhật vào sáng thứ hai hằng tuần.';
const NOTICE = 'Mọi ý kiến đóng góp xin gửi về hộp thư của tòa soạn, chúng tôi trân trọng cảm ơn quý độc giả đã quan tâm theo dõi.';

/** n articles, the first `withFooter` ending with FOOTER; without a byline the footer is the body's last line. */
function corpus(n: number, withFooter: number, extra: (i: number) => string[] = () => [], byline = '') {
  return Array.from({ length: n }, (_, i) => ({
    file: `/corpus/${String(i).padStart(2, '0')}.txt`,
    text: makeArticle({ seed: 100 + i, words: 400, byline, footer: [...(i < withFooter ? [FOOTER] : []), ...extra(i)] }),
  }));
}

test('metadata', () => {
  assert.equal(rule.code, 'learned-boilerplate');
  assert.equal(rule.defaultSeverity, 'warning');
  assert.equal(rule.corpus, true);
});

test('a footer shared by 6 files is flagged in each, with a removal fix and other files as related', () => {
  const items = corpus(10, 6);
  const idx = buildCorpusFromTexts(items);
  for (const it of items.slice(0, 6)) {
    const found = check(idx, it.file, it.text);
    assert.equal(found.length, 1, it.file);
    const f = found[0];
    assert.equal(f.severity, 'warning');
    assert.equal(parseArticle(it.text).blocks.find((b) => b.text === FOOTER)?.kind, 'paragraph');
    assert.equal(f.message, `Line repeated in 6 of 10 files (60%, e.g. ${it.file === '/corpus/00.txt' ? '01' : '00'}.txt), likely site chrome: “${FOOTER.slice(0, 59)}…”`);
    assert.equal(f.related?.length, 3);
    assert.ok(f.related!.every((r) => r.file && r.file !== it.file && r.line === 0));
    // the fix removes exactly the flagged range: the footer line and its line break
    assert.deepEqual(f.fixes[0].edits, [{ start: f.start, end: f.end, newText: '' }]);
    const fixed = applyEdits(it.text, f.fixes[0].edits);
    assert.ok(!fixed.includes(FOOTER));
    // blank lines left at the very end go in the whitespace rule's pass
    assert.ok(fixed.endsWith('\n'));
  }
  for (const it of items.slice(6)) assert.deepEqual(check(idx, it.file, it.text), [], it.file);
});

test('where the parser already calls the footer a related teaser (under a teaser header), the finding is information beside the related warning', () => {
  const items = Array.from({ length: 10 }, (_, i) => ({
    file: `/corpus/${String(i).padStart(2, '0')}.txt`,
    text: makeArticle({ seed: 100 + i, words: 400, byline: 'LÊ TOÀN', footer: i < 6 ? ['Tin liên quan', FOOTER] : [] }),
  }));
  const idx = buildCorpusFromTexts(items);
  for (const it of items.slice(0, 6)) {
    const a = parseArticle(it.text);
    const block = a.blocks.find((b) => b.text.includes(FOOTER))!;
    assert.equal(block.kind, 'related');
    const found = check(idx, it.file, it.text).filter((f) => f.message.includes(FOOTER.slice(0, 40)));
    assert.equal(found.length, 1, it.file);
    assert.equal(found[0].severity, 'information');
    assert.match(found[0].message, /^Line repeated in 6 of 10 files/);
  }
});

test('thresholds: minimum files, minimum share, at least 3 files in the corpus', () => {
  // 2 files of 10 share the footer: under the 3-file minimum
  let items = corpus(10, 2);
  let idx = buildCorpusFromTexts(items);
  assert.deepEqual(check(idx, items[0].file, items[0].text), []);
  // 4 of 100 files: 3 files is enough by count but 4% is under the 5% share
  items = corpus(100, 4);
  idx = buildCorpusFromTexts(items);
  assert.deepEqual(check(idx, items[0].file, items[0].text), []);
  items = corpus(100, 5);
  idx = buildCorpusFromTexts(items);
  assert.equal(check(idx, items[0].file, items[0].text).length, 1);
  // options from the project file
  assert.deepEqual(check(idx, items[0].file, items[0].text, { ...DEFAULT_RULE_OPTIONS, learnedBoilerplateMinFiles: 6 }), []);
  assert.equal(check(buildCorpusFromTexts(corpus(10, 2)), '/corpus/00.txt', corpus(10, 2)[0].text, { ...DEFAULT_RULE_OPTIONS, learnedBoilerplateMinFiles: 2 }).length, 1);
  // a corpus of two files teaches nothing
  items = corpus(2, 2);
  assert.deepEqual(check(buildCorpusFromTexts(items), items[0].file, items[0].text, { ...DEFAULT_RULE_OPTIONS, learnedBoilerplateMinFiles: 1, learnedBoilerplateMinShare: 0 }), []);
  // no corpus
  assert.deepEqual(check(undefined, items[0].file, items[0].text), []);
});

test('lines the parser calls boilerplate are left to the boilerplate rule', () => {
  const items = corpus(6, 0, () => ['Chia sẻ bài viết', 'Quay lên trên']);
  const idx = buildCorpusFromTexts(items);
  for (const it of items) assert.deepEqual(check(idx, it.file, it.text), [], it.file);
});

test('the cells of a table (row numbers, repeated values) recur across the corpus\'s tables and are not chrome', () => {
  const table = (i: number) => ['', 'STT', 'Đơn vị', 'Số tiền', '', '1', `Đơn vị ${i} A`, '1.200', '', '2', `Đơn vị ${i} B`, '900', '', '3', `Đơn vị ${i} C`, '450', ''];
  const items = Array.from({ length: 8 }, (_, i) => ({
    file: `/corpus/t${i}.txt`,
    text: makeArticle({ seed: 300 + i, words: 300, footer: table(i) }),
  }));
  const idx = buildCorpusFromTexts(items);
  for (const it of items) {
    const a = parseArticle(it.text);
    const cellLines = new Set(a.blocks.filter((b) => b.tableCell).map((b) => b.startLine));
    assert.ok(cellLines.size >= 12, `${it.file}: ${cellLines.size} table cells`);
    const found = check(idx, it.file, it.text);
    for (const f of found) assert.ok(!cellLines.has(lineOf(a, f.start)), `${it.file}: ${f.message}`);
  }
});

test('copies of the same article do not make its paragraphs chrome', () => {
  const a = makeArticle({ seed: 7, words: 400 });
  const items = [
    { file: '/d/a.txt', text: a },
    { file: '/d/a-copy.txt', text: a },
    { file: '/d/a-edit.txt', text: editCopy(a, 2, 1) },
    ...corpus(4, 0),
  ];
  const idx = buildCorpusFromTexts(items);
  for (const it of items.slice(0, 3)) assert.deepEqual(check(idx, it.file, it.text).map((f) => f.message), [], it.file);
});

test('a long prose passage shared mid-body (syndicated text) is not chrome; a long notice at the end is', () => {
  const shared = paragraph(rng(5), 60);
  const items = Array.from({ length: 5 }, (_, i) => {
    const own = makeArticle({ seed: 300 + i, words: 500, byline: '', footer: [NOTICE] }).split('\n\n');
    own.splice(4, 0, shared); // after the headline, dateline and a paragraph or two
    return { file: `/p/${i}.txt`, text: own.join('\n\n') };
  });
  const idx = buildCorpusFromTexts(items);
  for (const it of items) {
    const found = check(idx, it.file, it.text);
    assert.deepEqual(found.map((f) => f.message.replace(/ \(.*\)/, '')), [`Line repeated in 5 of 5 files, likely site chrome: “${NOTICE.slice(0, 59)}…”`], it.file);
  }
});

test('the seeds and held-out articles: no finding on a block the gold marks clean', () => {
  const seeds = loadLabelled('seeds', GOLD_DIRS);
  const all = [...seeds, ...loadLabelled('test/fixtures/heldout', GOLD_DIRS)];
  for (const items of [seeds, all]) {
    const idx = buildCorpusFromTexts(items);
    for (const it of items) {
      const a = parseArticle(it.text);
      for (const f of check(idx, it.file, it.text)) {
        assert.ok(it.gold, `${it.file}: ${f.message}`);
        assert.ok(!onCleanBlock(it.gold!, lineOf(a, f.start), lineOf(a, Math.max(f.start, f.end - 1))), `${it.file}: ${f.message}`);
      }
    }
  }
});

test('odd input never throws', () => {
  const items = corpus(5, 5);
  const idx = buildCorpusFromTexts(items);
  for (const t of ['', '\u0000', `${FOOTER}`, `\ufeff${FOOTER}\r\n`, `\r${FOOTER}\r`, '\ud800']) {
    for (const f of check(idx, '/odd.txt', t)) {
      assert.ok(f.start >= 0 && f.end <= parseArticle(t).text.length && f.start <= f.end);
    }
  }
});
