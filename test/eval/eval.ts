// npm run eval: recognition figures per labelled set, with the definitions of the team's scorer
// (../shared/tools/score.mjs).
//
//   node out/eval/eval.js [--real-dev DIR] [--train-also real-dev] [--by-source] [--misses SET|all|agreement]
//                         [--in-sample] [--json FILE] [--save-models DIR | --load-models DIR]
//                         [--lines FILE]
//
// The line recognizer is learned from the training sets (the seeds and the real corpus in
// test/fixtures/real), so every article is scored LEAVE-ONE-SOURCE-OUT: by a model trained
// without any article of its publisher. Sets not used for training (the synthetic fixtures,
// ../shared/real-dev) are scored by the model trained on every source but their own. --in-sample
// also prints the figures of the shipped model (trained on everything), which are not a result.
import * as path from 'node:path';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadSets, type LabelledDoc, type LabelledSet } from './sets';
import { addTally, emptyTally, figures, kindTable, pct, scoreFile, summaryLine, type ResultFile, type Tally } from './score';
import { agreement, loadSecondLabels } from './agreement';
import { runSet } from './pipeline';
import { analyze } from '../../server/src/engine/analyze';
import { reasonAtLine } from '../../server/src/model/article';
import { positionAt } from '../../server/src/rules/ranges';
import { loadKnowledge, type Knowledge } from '../../server/src/model/knowledge';
import { lineCountsOf } from '../../server/src/model/frequency';
import { BYLINE_RECURS, trainFromSequences, trainingSequences, withRecurringBylines } from '../../server/src/model/training';
import { modelFromJson, modelToJson, type CrfJson, type TrainingSequence, type TrainOptions } from '../../server/src/model/crf';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

// a worker trains the models of the folds it is given and sends them back
if (!isMainThread) {
  const { seqs, folds, options } = workerData as { seqs: Array<{ source: string; seq: TrainingSequence }>; folds: string[]; options: TrainOptions };
  for (const key of folds) {
    const model = trainFromSequences(seqs.filter((x) => key === '*' || x.source !== key).map((x) => x.seq), options);
    parentPort!.postMessage({ key, json: modelToJson(model) });
  }
  process.exit(0);
}

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
// experiments: --train-options '{"l2":4}', '{"optimizer":"lbfgs","l2":4}' (converged training)
const trainOptions = JSON.parse(opt('--train-options') ?? '{}') as TrainOptions;
const started = Date.now();

// features of every training article, once (they do not depend on the model)
const frequencyOf = new Map(sets.map((s) => [s.name, lineCountsOf(s.docs.map((d) => d.text))]));
const seqs: Array<{ doc: LabelledDoc; seq: TrainingSequence }> = [];
for (const s of sets) if (s.train) {
  for (const d of s.docs) for (const seq of trainingSequences({ text: d.text, blocks: d.gold.blocks, source: d.source, frequency: frequencyOf.get(s.name), weight: s.weight }, base)) seqs.push({ doc: d, seq });
}
const trainingSources = new Set(seqs.map((x) => x.doc.source));

// one model per held-out source (and one without holding anything out), trained on every core
const models = new Map<string, Knowledge>();
async function trainAll(): Promise<void> {
  const keys = ['*', ...[...trainingSources].sort()];
  const n = Math.max(1, Math.min(availableParallelism(), keys.length));
  const shared = seqs.map((x) => ({ source: x.doc.source, seq: x.seq }));
  await Promise.all(Array.from({ length: n }, (_, w) => new Promise<void>((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { seqs: shared, folds: keys.filter((_, i) => i % n === w), options: trainOptions } });
    worker.on('message', (m: { key: string; json: CrfJson }) => {
      models.set(m.key, loadKnowledge({ recognizer: modelFromJson(m.json) }));
      const save = opt('--save-models');
      if (save) { mkdirSync(save, { recursive: true }); writeFileSync(path.join(save, encodeURIComponent(m.key) + '.json'), JSON.stringify(m.json)); }
    });
    worker.on('error', reject);
    worker.on('exit', () => resolve());
  })));
}
function knowledgeWithout(source: string | null): Knowledge {
  const key = source !== null && trainingSources.has(source) ? source : '*';
  return models.get(key)!;
}

// --lines FILE: one JSON line per labelled line (set, file, line, gold kind, kind read, the hover's
// reason), for studying the misses; the kinds are those of the scored run
const linesOut: string[] = [];
function keepLines(set: LabelledSet, d: LabelledDoc, knowledge: Knowledge, blocks: ReadonlyArray<{ kind: string; startLine: number; endLine: number }> | undefined): void {
  const gold = new Map<number, string>();
  for (const b of d.gold.blocks) for (let l = b.startLine; l <= b.endLine; l++) gold.set(l, b.kind);
  const { article: a, findings } = analyze(d.text, { file: d.path, knowledge, frequency: frequencyOf.get(set.name) });
  const reason = new Map<number, string>();
  for (const b of a.blocks) for (let l = b.startLine; l <= b.endLine; l++) reason.set(l + 1, reasonAtLine(b, l) ?? '');
  // how the removal of a junk line is offered: a warning, or a suggestion and why (Finding.demoted)
  const removal = new Map<number, string>();
  for (const f of findings) {
    if (f.code !== 'boilerplate' && f.code !== 'related') continue;
    const first = positionAt(a, f.start).line, last = positionAt(a, Math.max(f.start, f.end - 1)).line;
    for (let l = first; l <= last; l++) removal.set(l + 1, f.demoted ?? f.severity);
  }
  for (const b of blocks ?? []) for (let l = b.startLine; l <= b.endLine; l++) {
    if (!gold.has(l)) continue;
    linesOut.push(JSON.stringify({ set: set.name, file: d.file, source: d.source, line: l, gold: gold.get(l), got: b.kind, text: a.lines[l - 1]?.text ?? '', reason: reason.get(l) ?? '', removal: removal.get(l) ?? '' }));
  }
}

/** The leave-one-source-out report of every real article scored, by set and file (for the labellers' agreement). */
const reportsOf = new Map<string, { doc: LabelledDoc; report: ResultFile | undefined }>();
/** A real article's key in reportsOf: its file name, `real-dev:` before real-dev's (as the agreement's manifest names them). */
const reportKey = (set: LabelledSet, d: LabelledDoc): string => `${set.name === 'real-dev' ? 'real-dev:' : ''}${d.file}`;

function scoreSet(set: LabelledSet, knowledgeOf: (d: LabelledDoc) => Knowledge, keep = false): { total: Tally; bySource: Map<string, Tally> } {
  const results = runSet(set.docs, knowledgeOf, undefined, frequencyOf.get(set.name));
  if (keep) for (const d of set.docs) reportsOf.set(reportKey(set, d), { doc: d, report: results.get(d.path) });
  if (opt('--lines')) for (const d of set.docs) keepLines(set, d, knowledgeOf(d), results.get(d.path)?.article?.blocks);
  const total = emptyTally();
  const bySource = new Map<string, Tally>();
  for (const d of set.docs) {
    const one = scoreFile(d.gold, results.get(d.path), d.text);
    if (args.includes('--by-file')) console.log(`  file ${set.name}/${d.file.padEnd(28)} ${String(one.lines).padStart(4)} lines ${pct(one.hits, one.lines).padStart(6)}  defects ${one.found}/${one.defects}  alarms ${one.alarms}/${one.warnings}`);
    addTally(total, one);
    addTally(bySource.get(d.source) ?? bySource.set(d.source, emptyTally()).get(d.source)!, one);
  }
  return { total, bySource };
}

// --save-models DIR keeps the trained models; --load-models DIR reads them instead of training,
// for experiments that change only decoding or scoring (the features must be the same)
function loadOrTrain(): Promise<void> {
  const load = opt('--load-models');
  if (load) {
    const keys = ['*', ...trainingSources];
    const missing = keys.filter((k) => !existsSync(path.join(load, encodeURIComponent(k) + '.json')));
    if (missing.length > 0) {
      console.error(`--load-models ${load}: no saved model for ${missing.length} of ${keys.length} folds (${missing.slice(0, 3).join(', ')}…); save them with --save-models on the same training sets`);
      process.exit(2);
    }
    for (const k of keys) {
      models.set(k, loadKnowledge({ recognizer: modelFromJson(JSON.parse(readFileSync(path.join(load, encodeURIComponent(k) + '.json'), 'utf8')) as CrfJson) }));
    }
    return Promise.resolve();
  }
  return trainAll();
}

async function main(): Promise<void> {
await loadOrTrain();
const report: Record<string, unknown> = {};
const overall = emptyTally();
const realLoso = emptyTally();
console.log(`Training sets: ${sets.filter((s) => s.train).map((s) => s.name).join(', ')} (${new Set(seqs.map((x) => x.doc)).size} articles, ${trainingSources.size} sources)`);
for (const set of sets) {
  const { total: t, bySource } = scoreSet(set, (d) => knowledgeWithout(d.source), set.real);
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
// bylines in a curator's corpus: a site's reporters recur across its articles. Every real article
// with a byline is read again (leave-one-source-out) as if each of its byline lines were held by
// BYLINE_RECURS other articles of the corpus: how many byline lines are still read as bylines
{
  let lines = 0, kept = 0, keptPlain = 0;
  for (const set of sets) {
    if (!set.real) continue;
    const frequency = frequencyOf.get(set.name)!;
    for (const d of set.docs) {
      const again = withRecurringBylines(frequency, d.text, d.gold.blocks, BYLINE_RECURS);
      if (!again) continue;
      const knowledge = knowledgeWithout(d.source);
      const text = d.text.split(/\r\n|\r|\n/);
      const gold = new Set<number>();
      for (const b of d.gold.blocks) if (b.kind === 'byline') for (let l = b.startLine; l <= b.endLine; l++) if ((text[l - 1] ?? '').trim() !== '') gold.add(l);
      // (as the corpus is: the scored run's reading, kept in reportsOf; 1-based lines)
      const before = new Map<number, string>();
      for (const b of reportsOf.get(reportKey(set, d))?.report?.article?.blocks ?? []) for (let l = b.startLine; l <= b.endLine; l++) before.set(l, b.kind);
      const after = new Map<number, string>();
      for (const b of analyze(d.text, { file: d.path, knowledge, frequency: again }).article.blocks) for (let l = b.startLine; l <= b.endLine; l++) after.set(l + 1, b.kind);
      for (const l of gold) {
        lines++;
        if (before.get(l) === 'byline') keptPlain++;
        if (after.get(l) === 'byline') kept++;
      }
    }
  }
  console.log(`\n## bylines that recur (every real article with a byline read again as if each byline line were in ${BYLINE_RECURS} other articles of the corpus)`);
  console.log(`byline lines read as bylines: ${keptPlain} of ${lines} (${pct(keptPlain, lines)}) as the corpus is; ${kept} of ${lines} (${pct(kept, lines)}) when they recur`);
  report.recurringBylines = { lines, asIs: keptPlain, recurring: kept };
}

// a second labeller's blind labels of some real articles: how far two labellers agree, and the tool against each
const pairs = loadSecondLabels(path.join(root, 'test/fixtures/agreement')).flatMap((p) => {
  const r = reportsOf.get(p.first);
  return r ? [{ first: r.doc.gold, second: p.second, text: r.doc.text, report: r.report }] : [];
});
if (pairs.length > 0) {
  const a = agreement(pairs);
  console.log(`\n## two labellers (a second blind labelling of ${pairs.length} real articles, ${a.labellers.lines} lines)`);
  console.log(`labellers agree: lines ${pct(a.labellers.hits, a.labellers.lines)} · dates ${a.labellers.datesRight}/${a.labellers.dates}`);
  console.log(`the tool (leave-one-source-out) against the first labels: lines ${pct(a.toolFirst.hits, a.toolFirst.lines)}; against the second: lines ${pct(a.toolSecond.hits, a.toolSecond.lines)}`);
  if (opt('--misses') === 'agreement') for (const m of a.labellers.misses) console.log('  ' + m);
  report.agreement = { articles: pairs.length, lines: a.labellers.lines, labellers: figures(a.labellers).lines, toolFirst: figures(a.toolFirst).lines, toolSecond: figures(a.toolSecond).lines };
}
console.log(`\n${models.size} models ${opt('--load-models') ? 'loaded' : 'trained'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
report.realTogether = figures(realLoso);
const json = opt('--json');
if (json) writeFileSync(json, JSON.stringify(report, null, 1) + '\n');
const lines = opt('--lines');
if (lines) writeFileSync(lines, linesOut.map((l) => l + '\n').join(''));
}
void main();
