// npm run train: trains the line recognizer on the training sets and writes
// server/data/recognizer.vi.json. Deterministic: the same sets give the same file.
//
//   node out/eval/train.js [--real-dev DIR] [--train-also real-dev] [--check]
//
// --check trains and compares with the committed file instead of writing it (exit 1 when they
// differ), so a change to features or data that was not followed by a retrain is caught.
import * as path from 'node:path';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadSets } from './sets';
import { loadKnowledge } from '../../server/src/model/knowledge';
import { lineCountsOf } from '../../server/src/model/frequency';
import { trainFromSequences, trainingSequences } from '../../server/src/model/training';
import { modelToJson } from '../../server/src/model/crf';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = process.cwd();
const realDev = opt('--real-dev') ?? path.resolve(root, '../shared/real-dev');
const sets = loadSets({ root, realDev: existsSync(realDev) ? realDev : undefined });
const trainAlso = new Set((opt('--train-also') ?? '').split(',').filter(Boolean));
const base = loadKnowledge();
const seqs = [];
let articles = 0;
const used: string[] = [];
for (const s of sets) {
  if (!s.train && !trainAlso.has(s.name)) continue;
  const freq = lineCountsOf(s.docs.map((d) => d.text));
  for (const d of s.docs) seqs.push(...trainingSequences({ text: d.text, blocks: d.gold.blocks, source: d.source, frequency: freq, weight: s.weight }, base));
  articles += s.docs.length;
  used.push(`${s.name} (${s.docs.length})`);
}
const started = Date.now();
const model = trainFromSequences(seqs);
const json = JSON.stringify(modelToJson(model)) + '\n';
const out = path.join(root, 'server/data/recognizer.vi.json');
console.log(`trained on ${used.join(', ')}: ${articles} articles (${seqs.length} sequences: an article with a byline twice), ${seqs.reduce((a, s) => a + s.labels.length, 0)} lines, ${model.index.size} features, ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (args.includes('--check')) {
  const same = existsSync(out) && readFileSync(out, 'utf8') === json;
  console.log(same ? 'server/data/recognizer.vi.json is up to date' : 'server/data/recognizer.vi.json differs from a fresh training: run npm run train');
  process.exit(same ? 0 : 1);
}
writeFileSync(out, json);
console.log(`wrote ${path.relative(root, out)} (${(json.length / 1024).toFixed(0)} KB)`);
