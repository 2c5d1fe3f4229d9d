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
import { trainFromSequences, trainingSequence } from '../../server/src/model/training';
import { parseArticle } from '../../server/src/model/article';
import { articleJson } from '../../server/src/engine/report';
import { emptyTally, addTally, scoreFile } from '../eval/score';

const FLOOR = 0.84;

test('held-out publishers: the lines of eight unseen publishers are mostly right', () => {
  const sets = loadSets({ root: process.cwd() }).filter((s) => s.train);
  const base = loadKnowledge();
  const seqs = sets.flatMap((s) => {
    const freq = lineCountsOf(s.docs.map((d) => d.text));
    return s.docs.map((d) => ({ d, freq, seq: trainingSequence({ text: d.text, blocks: d.gold.blocks, source: d.source, frequency: freq, weight: s.weight }, base) }));
  });
  const linesOf = new Map<string, number>();
  for (const x of seqs) if (x.d.set === 'real') linesOf.set(x.d.source, (linesOf.get(x.d.source) ?? 0) + x.seq.labels.length);
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
