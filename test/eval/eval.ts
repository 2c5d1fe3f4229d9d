// npm run eval: recognition figures per labelled set, with the definitions of the team's scorer.
//
//   node out/eval/eval.js [--real-dev DIR] [--by-source] [--misses SET] [--json FILE]
//
// Every article is analysed by the engine as `lint <folder>` would, and scored against its gold.
import * as path from 'node:path';
import { existsSync, writeFileSync } from 'node:fs';
import { loadSets, type LabelledDoc } from './sets';
import { addTally, emptyTally, figures, kindTable, pct, scoreFile, summaryLine, type Tally } from './score';
import { runSet } from './pipeline';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = process.cwd();
const realDev = opt('--real-dev') ?? path.resolve(root, '../shared/real-dev');
const sets = loadSets({ root, realDev: existsSync(realDev) ? realDev : undefined });

const report: Record<string, unknown> = {};
const overall = emptyTally();
for (const set of sets) {
  const results = runSet(set.docs, () => undefined);
  const t = emptyTally();
  const bySource = new Map<string, Tally>();
  for (const d of set.docs) {
    const one = scoreFile(d.gold, results.get(d.path), d.text);
    addTally(t, one);
    addTally(bySource.get(d.source) ?? bySource.set(d.source, emptyTally()).get(d.source)!, one);
  }
  addTally(overall, t);
  console.log(`\n## ${set.name} (${set.docs.length} articles, ${bySource.size} sources${set.real ? ', real' : ', synthetic'})`);
  console.log(kindTable(t));
  console.log(summaryLine(t));
  if (args.includes('--by-source')) {
    for (const [s, st] of [...bySource].sort()) console.log(`  ${s.padEnd(22)} ${summaryLine(st)}`);
  }
  if (opt('--misses') === set.name) for (const m of t.misses) console.log('  ' + m);
  report[set.name] = { articles: set.docs.length, sources: bySource.size, ...figures(t), dates: `${t.datesRight}/${t.dates}` };
}
console.log(`\n## all sets`);
console.log(summaryLine(overall));
const json = opt('--json');
if (json) writeFileSync(json, JSON.stringify(report, null, 1) + '\n');
void pct;
void (null as unknown as LabelledDoc);
