// A site's reporters and source credits recur across its articles, as its chrome does. The model
// learned from a labelled corpus of a few articles a publisher, where they seldom recur, that a line
// other articles hold is chrome: in a curator's corpus of one site, the bylines of its busiest
// reporters went to the junk (measured leave-one-source-out: 69.8% of the labelled byline lines
// read as bylines, 60.9% once each recurs in 3 other articles). Training on each article with a
// byline twice, as it is and with its byline lines recurring (training.ts trainingSequences), keeps
// them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSets } from '../eval/sets';
import { defaultKnowledge, loadKnowledge } from '../../server/src/model/knowledge';
import { lineCountsOf } from '../../server/src/model/frequency';
import { prepare, recognize } from '../../server/src/model/recognize';
import { BYLINE_RECURS, trainingSequence, trainingSequences, withRecurringBylines } from '../../server/src/model/training';

const TEXT = [
  'Khánh thành cầu mới bắc qua sông Vàm Cỏ Đông',
  'Sáng 12/3, UBND tỉnh tổ chức lễ khánh thành cầu mới bắc qua sông Vàm Cỏ Đông, nối hai huyện của tỉnh sau hai năm thi công.',
  'Cây cầu dài hơn 600 mét, rộng 12 mét, với tổng vốn đầu tư gần 500 tỷ đồng từ ngân sách tỉnh và trung ương.',
  'Hoàng Phạm',
].join('\n');
const BLOCKS = [
  { kind: 'headline', startLine: 1, endLine: 1 },
  { kind: 'paragraph', startLine: 2, endLine: 3 },
  { kind: 'byline', startLine: 4, endLine: 4 },
];

test('withRecurringBylines: the byline lines are held by N more articles, the other lines as the corpus says', () => {
  const corpus = lineCountsOf([TEXT, 'Hoàng Phạm\nmột dòng khác']);
  const again = withRecurringBylines(corpus, TEXT, BLOCKS, 3)!;
  assert.equal(corpus.count('hoàng phạm'), 2);
  assert.equal(again.count('hoàng phạm'), 5);
  assert.equal(again.count('khánh thành cầu mới bắc qua sông vàm cỏ đông'), corpus.count('khánh thành cầu mới bắc qua sông vàm cỏ đông'));
  assert.equal(again.size, corpus.size);
  assert.equal(withRecurringBylines(corpus, TEXT, BLOCKS.slice(0, 2), 3), undefined);
});

test('trainingSequences: an article with a byline is trained on twice at half weight, its copy with the byline recurring; without a byline, once', () => {
  const k = loadKnowledge();
  const corpus = lineCountsOf([TEXT, 'một bài khác']);
  const doc = { text: TEXT, blocks: BLOCKS, source: 'baolongan', frequency: corpus, weight: 2 };
  const seqs = trainingSequences(doc, k);
  assert.equal(seqs.length, 2);
  assert.deepEqual(seqs.map((s) => s.weight), [1, 1]);
  assert.deepEqual(seqs[0].features, trainingSequence(doc, k).features);
  const byline = seqs[0].labels.length - 1;
  assert.ok(!seqs[0].features[byline].some((f) => f.startsWith('df=') && f !== 'df=0'), seqs[0].features[byline].join(' '));
  assert.ok(seqs[1].features[byline].includes(BYLINE_RECURS <= 3 ? 'df=2-3' : 'df=4+'), seqs[1].features[byline].join(' '));
  assert.deepEqual(seqs[1].labels, seqs[0].labels);
  assert.equal(trainingSequences({ ...doc, blocks: BLOCKS.slice(0, 2) }, k).length, 1);
});

// (on the real articles no model is trained on: 127 byline lines the shipped model reads as bylines;
// trained as before, it kept 97 of them when each recurs in 3 other articles, 100 at 10; now 125 and 121)
test('the shipped model keeps the bylines it reads in articles it was not trained on when they recur in other articles of the corpus', () => {
  const sets = loadSets({ root: process.cwd() }).filter((s) => s.real && !s.train);
  let read = 0;
  const kept = new Map<number, number>([[3, 0], [10, 0]]);
  for (const d of sets.flatMap((s) => s.docs)) {
    const corpus = { size: 1000, count: () => 1 };
    const p0 = prepare(d.text, defaultKnowledge);
    const r0 = recognize(p0, defaultKnowledge.recognizer);
    const bylines = p0.content.flatMap((i, j) => (r0.kinds[j] === 'byline' && d.gold.blocks.some((b) => b.kind === 'byline' && b.startLine <= i + 1 && i + 1 <= b.endLine) ? [j] : []));
    if (bylines.length === 0) continue;
    read += bylines.length;
    for (const others of kept.keys()) {
      const p = prepare(d.text, defaultKnowledge, withRecurringBylines(corpus, d.text, d.gold.blocks, others));
      const r = recognize(p, defaultKnowledge.recognizer);
      kept.set(others, kept.get(others)! + bylines.filter((j) => r.kinds[j] === 'byline').length);
    }
  }
  assert.ok(read > 100, `${read} byline lines read`);
  assert.ok(kept.get(3)! >= 0.95 * read, `recurring in 3 other articles: ${kept.get(3)} of ${read}`);
  assert.ok(kept.get(10)! >= 0.9 * read, `recurring in 10 other articles: ${kept.get(10)} of ${read}`);
});
