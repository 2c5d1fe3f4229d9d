// npm run eval: recognition figures per labelled set, with the definitions of the team's scorer
// (../shared/tools/score.mjs).
//
//   node out/eval/eval.js [--real-dev DIR] [--train-also real-dev] [--by-source] [--misses SET]
//                         [--in-sample] [--json FILE]
//
// The line recognizer is learned from the training sets (the seeds and the real corpus in
// test/fixtures/real), so every article is scored LEAVE-ONE-SOURCE-OUT: by a model trained
// without any article of its publisher. Sets not used for training (the synthetic fixtures,
// ../shared/real-dev) are scored by the model trained on every source but their own. --in-sample
// also prints the figures of the shipped model (trained on everything), which are not a result.
import * as path from 'node:path';
import { existsSync, writeFileSync } from 'node:fs';
import { loadSets, type LabelledDoc, type LabelledSet } from './sets';
import { addTally, emptyTally, figures, kindTable, pct, scoreFile, summaryLine, type Tally } from './score';
import { runSet } from './pipeline';
import { loadKnowledge, type Knowledge } from '../../server/src/model/knowledge';
import { lineCountsOf } from '../../server/src/model/frequency';
import { trainFromSequences, trainingSequence } from '../../server/src/model/training';
import type { TrainingSequence } from '../../server/src/model/crf';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = process.cwd();
const realDev = opt('--real-dev') ?? path.resolve(root, '../shared/real-dev');
const sets = loadSets({ root, realDev: existsSync(realDev) ? realDev : undefined });
const trainAlso = new Set((opt('--train-also') ?? '').split(',').filter(Boolean));
for (const s of sets) if (trainAlso.has(s.name)) s.train = true;

const base = loadKnowledge();
const started = Date.now();

// features of every training article, once (they do not depend on the model)
const frequencyOf = new Map(sets.map((s) => [s.name, lineCountsOf(s.docs.map((d) => d.text))]));
const seqs: Array<{ doc: LabelledDoc; seq: TrainingSequence }> = [];
for (const s of sets) if (s.train) {
  for (const d of s.docs) seqs.push({ doc: d, seq: trainingSequence({ text: d.text, blocks: d.gold.blocks, source: d.source, frequency: frequencyOf.get(s.name) }, base) });
}
const trainingSources = new Set(seqs.map((x) => x.doc.source));

// one model per held-out source (and one without holding anything out)
const models = new Map<string, Knowledge>();
function knowledgeWithout(source: string | null): Knowledge {
  const key = source !== null && trainingSources.has(source) ? source : '*';
  let k = models.get(key);
  if (!k) {
    const model = trainFromSequences(seqs.filter((x) => key === '*' || x.doc.source !== key).map((x) => x.seq));
    k = loadKnowledge({ recognizer: model });
    models.set(key, k);
  }
  return k;
}

function scoreSet(set: LabelledSet, knowledgeOf: (d: LabelledDoc) => Knowledge): { total: Tally; bySource: Map<string, Tally> } {
  const results = runSet(set.docs, knowledgeOf, undefined, frequencyOf.get(set.name));
  const total = emptyTally();
  const bySource = new Map<string, Tally>();
  for (const d of set.docs) {
    const one = scoreFile(d.gold, results.get(d.path), d.text);
    addTally(total, one);
    addTally(bySource.get(d.source) ?? bySource.set(d.source, emptyTally()).get(d.source)!, one);
  }
  return { total, bySource };
}

const report: Record<string, unknown> = {};
const overall = emptyTally();
const realLoso = emptyTally();
console.log(`Training sets: ${sets.filter((s) => s.train).map((s) => s.name).join(', ')} (${seqs.length} articles, ${trainingSources.size} sources)`);
for (const set of sets) {
  const { total: t, bySource } = scoreSet(set, (d) => knowledgeWithout(d.source));
  addTally(overall, t);
  if (set.real) addTally(realLoso, t);
  const how = set.train ? 'leave-one-source-out' : 'held out (model trained on every other source)';
  console.log(`\n## ${set.name}: ${set.docs.length} articles, ${bySource.size} sources, ${set.real ? 'real' : 'synthetic'}; ${how}`);
  console.log(kindTable(t));
  console.log(summaryLine(t));
  if (args.includes('--by-source')) {
    for (const [s, st] of [...bySource].sort()) console.log(`  ${s.padEnd(22)} ${summaryLine(st)}`);
  }
  if (opt('--misses') === set.name || opt('--misses') === 'all') for (const m of t.misses) console.log('  ' + m);
  const entry: Record<string, unknown> = { articles: set.docs.length, sources: bySource.size, real: set.real, trained: set.train, ...figures(t), dates: `${t.datesRight}/${t.dates}` };
  if (args.includes('--in-sample')) {
    const { total: ti } = scoreSet(set, () => knowledgeWithout(null));
    console.log(`in-sample (shipped-style model, not a result): ${summaryLine(ti)}`);
    entry.inSample = figures(ti);
  }
  report[set.name] = entry;
}
console.log(`\n## real sets together (leave-one-source-out)`);
console.log(summaryLine(realLoso));
console.log(`\n## all sets`);
console.log(summaryLine(overall));
console.log(`\n${models.size} models trained in ${((Date.now() - started) / 1000).toFixed(1)} s`);
report.realTogether = figures(realLoso);
const json = opt('--json');
if (json) writeFileSync(json, JSON.stringify(report, null, 1) + '\n');
void pct;
