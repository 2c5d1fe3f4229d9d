// How far two labellers who worked blind agree: a second labeller labelled some real articles again
// from the text alone (test/fixtures/agreement: the second labels, and which article each is of),
// and each pair is scored as the team's scorer scores the tool (score.ts): the second labels read
// as if they were a report, against the first. That agreement is the ceiling a recogniser can be
// expected to reach against either labeller; the model's figures against both are printed beside it.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { emptyTally, scoreFile, type GoldFile, type ResultFile, type Tally } from './score';

export interface SecondLabel {
  /** The article's file name in its set (test/fixtures/real, or `real-dev:` + its name). */
  first: string;
  second: GoldFile;
}

/** The second labels kept in `dir` (manifest.json: which article each file labels). */
export function loadSecondLabels(dir: string): SecondLabel[] {
  const manifest = path.join(dir, 'manifest.json');
  if (!existsSync(manifest)) return [];
  const entries = JSON.parse(readFileSync(manifest, 'utf8')) as Array<{ second: string; first: string }>;
  return entries.map((e) => ({ first: e.first, second: JSON.parse(readFileSync(path.join(dir, e.second), 'utf8')) as GoldFile }));
}

/** Labels read as a report (blocks and the date), for scoreFile. */
export function asReport(g: GoldFile): ResultFile {
  return { file: g.file, article: { blocks: g.blocks, dateline: g.isoDate ? { iso: g.isoDate } : null }, diagnostics: [] };
}

export interface Agreement {
  /** The second labels against the first: lines and dates (defects and warnings are not compared). */
  labellers: Tally;
  /** The tool's report against the first labels, and against the second. */
  toolFirst: Tally;
  toolSecond: Tally;
}

/** Scores each pair, and the tool's report of each article against both (`report` null: not run). */
export function agreement(pairs: ReadonlyArray<{ first: GoldFile; second: GoldFile; text: string; report: ResultFile | undefined }>): Agreement {
  const out: Agreement = { labellers: emptyTally(), toolFirst: emptyTally(), toolSecond: emptyTally() };
  for (const p of pairs) {
    scoreFile(p.first, asReport(p.second), p.text, out.labellers);
    scoreFile(p.first, p.report, p.text, out.toolFirst);
    scoreFile(p.second, p.report, p.text, out.toolSecond);
  }
  return out;
}
