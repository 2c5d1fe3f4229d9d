// The recognizer's quality where it matters: on publishers it was not trained on. For the eight
// publishers of the real corpus with the most lines, a model is trained without that publisher
// and scored on its articles (leave-one-source-out, as npm run eval does for every publisher).
// The floor sits a few points under what was measured when it was set; a change that loses
// generalization fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSets } from '../eval/sets';
import { loadKnowledge } from '../../server/src/model/knowledge';
import { lineCountsOf } from '../../server/src/model/frequency';
import { trainFromSequences, trainingSequences } from '../../server/src/model/training';
import { parseArticle } from '../../server/src/model/article';
import { articleJson } from '../../server/src/engine/report';
import { emptyTally, addTally, scoreFile } from '../eval/score';

const FLOOR = 0.84;

test('held-out publishers: the lines of eight unseen publishers are mostly right', () => {
  const sets = loadSets({ root: process.cwd() }).filter((s) => s.train);
  const base = loadKnowledge();
  const seqs = sets.flatMap((s) => {
    const freq = lineCountsOf(s.docs.map((d) => d.text));
    return s.docs.flatMap((d) => trainingSequences({ text: d.text, blocks: d.gold.blocks, source: d.source, frequency: freq, weight: s.weight }, base).map((seq, copy) => ({ d, freq, seq, copy })));
  });
  const linesOf = new Map<string, number>();
  for (const x of seqs) if (x.d.set === 'real' && x.copy === 0) linesOf.set(x.d.source, (linesOf.get(x.d.source) ?? 0) + x.seq.labels.length);
  const heldOut = [...linesOf].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 8).map(([s]) => s);
  const total = emptyTally();
  for (const source of heldOut) {
    const model = trainFromSequences(seqs.filter((x) => x.d.source !== source).map((x) => x.seq), { epochs: 15 });
    const k = loadKnowledge({ recognizer: model });
    for (const x of seqs.filter((y) => y.d.source === source)) {
      const a = parseArticle(x.d.text, k, { frequency: x.freq });
      addTally(total, scoreFile(x.d.gold, { file: x.d.file, article: articleJson(a), diagnostics: [] }, x.d.text));
    }
  }
  const acc = total.hits / total.lines;
  assert.ok(acc >= FLOOR, `line accuracy on held-out publishers ${(100 * acc).toFixed(1)}% < ${100 * FLOOR}% (${heldOut.join(', ')})`);
});

// Pages saved hard-wrapped (test/fixtures/real b*: paragraphs broken into lines of 60-90
// characters) read as runs of teasers by a CRF that reads them line by line; the lines that go on
// from one to the next are joined into one unit before it reads them (model/wrap.ts). First
// contact: 11.9% of their paragraph lines right; 79% with a rule written after seeing these pages
// (since replaced). With the units, the figure moves with each retraining of the shipped model
// (80.7%, 76.0%, 69.3%, now 77.2%: 40 training epochs, the g articles in training); without the
// units, 0.2%. The floor guards the units, not one model's figure.
test('hard-wrapped pages: their wrapped paragraphs are read as paragraphs (over 60% of the gold paragraph lines; 77.2% now, 0.2% without the units)', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const path = await import('node:path');
  const dir = 'test/fixtures/real';
  const k = loadKnowledge();
  let gold = 0;
  let right = 0;
  for (const g of readdirSync(dir).filter((f) => /^b\d+_.*\.gold\.json$/.test(f))) {
    const labels = JSON.parse(readFileSync(path.join(dir, g), 'utf8')) as { blocks: Array<{ kind: string; startLine: number; endLine: number }> };
    const a = parseArticle(readFileSync(path.join(dir, g.replace('.gold.json', '.txt')), 'utf8'), k);
    const kindAt = new Map<number, string>();
    for (const b of a.blocks) for (let l = b.startLine; l <= b.endLine; l++) kindAt.set(l, b.kind);
    for (const b of labels.blocks) {
      if (b.kind !== 'paragraph') continue;
      for (let l = b.startLine; l <= b.endLine; l++) {
        gold++;
        if (kindAt.get(l - 1) === 'paragraph') right++;
      }
    }
  }
  assert.ok(gold > 1000, `gold paragraph lines: ${gold}`);
  assert.ok(right > 0.6 * gold, `${right} of ${gold} paragraph lines read as paragraphs`);
});
