import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from '../model/article';
import { defaultKnowledge } from '../model/knowledge';
import { buildCorpusFromTexts, type CorpusIndex } from '../index/corpus';
import { GOLD_DIRS, editCopy, loadLabelled, makeArticle, onCleanBlock } from '../index/fixtures';
import { lineOf } from './ranges';
import { type Finding } from './types';
import { withSeverity } from './testkit';
import { DEFAULT_RULE_OPTIONS } from './registry';
import { rule } from './duplicate-article';

function check(corpus: CorpusIndex | undefined, file: string | undefined, text: string): Finding[] {
  return withSeverity(rule, rule.check({ article: parseArticle(text), knowledge: defaultKnowledge, options: DEFAULT_RULE_OPTIONS, file, corpus }));
}

const A = makeArticle({ seed: 21, words: 600 });
const corpusTexts = [
  { file: '/corpus/a.txt', text: A },
  { file: '/corpus/sub/a-copy.txt', text: editCopy(A, 5, 9) },
  { file: '/corpus/b.txt', text: makeArticle({ seed: 22, words: 600 }) },
  { file: '/corpus/c.txt', text: makeArticle({ seed: 23, words: 600 }) },
];

test('metadata', () => {
  assert.equal(rule.code, 'duplicate-article');
  assert.equal(rule.defaultSeverity, 'warning');
  assert.equal(rule.corpus, true);
});

test('an article copied with small edits is flagged in both files, each naming the other', () => {
  const idx = buildCorpusFromTexts(corpusTexts);
  const fa = check(idx, '/corpus/a.txt', A);
  assert.equal(fa.length, 1);
  assert.match(fa[0].message, /^Near-duplicate article: the same article is in sub\/a-copy\.txt \(\d+% similar\)/);
  assert.deepEqual(fa[0].related?.map((r) => [r.file, r.line]), [['/corpus/sub/a-copy.txt', 0]]);
  assert.deepEqual(fa[0].fixes, []);
  // the range is the headline line
  const a = parseArticle(A);
  assert.equal(lineOf(a, fa[0].start), a.headline!.startLine);
  assert.equal(fa[0].end, a.lines[a.headline!.startLine].end);

  const fb = check(idx, '/corpus/sub/a-copy.txt', corpusTexts[1].text);
  assert.equal(fb.length, 1);
  assert.match(fb[0].message, /\.\.\/a\.txt \(\d+% similar\)/);
});

test('an exact copy says so; three copies name each other', () => {
  const idx = buildCorpusFromTexts([
    ...corpusTexts,
    { file: '/corpus/a2.txt', text: A.replace(/\n/g, '\r\n') },
    { file: '/corpus/a3.txt', text: 'Chia sẻ\n\n' + A },
  ]);
  const f = check(idx, '/corpus/a2.txt', A.replace(/\n/g, '\r\n'));
  assert.equal(f.length, 1);
  assert.match(f[0].message, /a\.txt \(identical content\), a3\.txt \(identical content\), sub\/a-copy\.txt \(\d+% similar\)/);
  assert.equal(f[0].related?.length, 3);
  const exactOnly = buildCorpusFromTexts([{ file: '/x/1.txt', text: A }, { file: '/x/2.txt', text: A }]);
  assert.match(check(exactOnly, '/x/1.txt', A)[0].message, /^Duplicate article: the same article is in 2\.txt \(identical content\); keep one copy$/);
});

test('different articles, no corpus, no file, or an empty file: nothing', () => {
  const idx = buildCorpusFromTexts(corpusTexts);
  assert.deepEqual(check(idx, '/corpus/b.txt', corpusTexts[2].text), []);
  assert.deepEqual(check(undefined, '/corpus/a.txt', A), []);
  assert.deepEqual(check(idx, undefined, A), []);
  assert.deepEqual(check(idx, '/corpus/unknown.txt', A), []);
  const empty = buildCorpusFromTexts([{ file: '/e/1.txt', text: '' }, { file: '/e/2.txt', text: '' }, { file: '/e/3.txt', text: '\n\n' }]);
  assert.deepEqual(check(empty, '/e/1.txt', ''), []);
  // stubs with too little content are not "the same article"
  const stubs = buildCorpusFromTexts([{ file: '/s/1.txt', text: 'Đang cập nhật\n' }, { file: '/s/2.txt', text: 'Đang cập nhật\n' }]);
  assert.deepEqual(check(stubs, '/s/1.txt', 'Đang cập nhật\n'), []);
});

test('without a headline the first content line is flagged', () => {
  const body = makeArticle({ seed: 5, words: 300 }).split('\n').slice(4).join('\n'); // drop headline and dateline
  const text = '\n\n' + body;
  const idx = buildCorpusFromTexts([{ file: '/h/1.txt', text }, { file: '/h/2.txt', text }]);
  const f = check(idx, '/h/1.txt', text);
  assert.equal(f.length, 1);
  const a = parseArticle(text);
  assert.ok(f[0].start >= a.lines[2].start && f[0].end <= a.text.length && f[0].start < f[0].end);
});

test('the seeds (and held-out articles) are different articles: no finding at all', () => {
  const items = [...loadLabelled('seeds', GOLD_DIRS), ...loadLabelled('test/fixtures/heldout', GOLD_DIRS)];
  assert.ok(items.length >= 5);
  const idx = buildCorpusFromTexts(items);
  for (const it of items) {
    const found = check(idx, it.file, it.text);
    for (const f of found) {
      const a = parseArticle(it.text);
      assert.ok(!it.gold || !onCleanBlock(it.gold, lineOf(a, f.start), lineOf(a, Math.max(f.start, f.end - 1))), `${it.file}: ${f.message}`);
    }
    assert.deepEqual(found.map((f) => f.message), [], it.file);
  }
});
