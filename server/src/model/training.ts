// Training the line recognizer from labelled articles (gold files: block kinds on 1-based line
// ranges). Used by `npm run train` (which writes server/data/recognizer.vi.json) and by
// `npm run eval` (which trains one model per held-out source). Deterministic.
import { train, type CrfModel, type TrainOptions, type TrainingSequence } from './crf';
import type { LineFrequency } from './features';
import type { Knowledge } from './knowledge';
import { prepare, RECOGNIZED_KINDS } from './recognize';

export interface LabelledText {
  text: string;
  blocks: ReadonlyArray<{ kind: string; startLine: number; endLine: number }>;
  /** The publisher: features seen in too few sources are not learned. */
  source: string;
  frequency?: LineFrequency;
  weight?: number;
}

export const DEFAULT_TRAIN_OPTIONS: Required<TrainOptions> = { epochs: 25, l2: 2, rate: 0.2, minGroups: 2, seed: 7 };

/** The content lines of a labelled text with their features and gold kinds. */
export function trainingSequence(doc: LabelledText, knowledge: Knowledge): TrainingSequence {
  const text = doc.text.charCodeAt(0) === 0xfeff ? doc.text.slice(1) : doc.text;
  const gold = new Map<number, string>();
  for (const b of doc.blocks) for (let l = b.startLine; l <= b.endLine; l++) gold.set(l - 1, b.kind);
  // dumps are the parser's job, not the CRF's: gold dump lines are set aside as the parser's are
  const dumpLines = new Set([...gold].filter(([, k]) => k === 'php-dump').map(([l]) => l));
  const p = prepare(text, knowledge, doc.frequency, dumpLines);
  const labels = p.content.map((i) => {
    const g = gold.get(i);
    // a content line the gold calls blank (odd whitespace) or leaves out: site chrome
    const y = RECOGNIZED_KINDS.indexOf((g ?? 'boilerplate') as (typeof RECOGNIZED_KINDS)[number]);
    return y < 0 ? RECOGNIZED_KINDS.indexOf('boilerplate') : y;
  });
  return { features: p.content.map((_, j) => p.featuresOf(j)), labels, group: doc.source, weight: doc.weight };
}

export function trainRecognizer(docs: readonly LabelledText[], knowledge: Knowledge, opts: TrainOptions = {}): CrfModel {
  const seqs = docs.map((d) => trainingSequence(d, knowledge));
  return trainFromSequences(seqs, opts);
}

export function trainFromSequences(seqs: readonly TrainingSequence[], opts: TrainOptions = {}): CrfModel {
  return train(RECOGNIZED_KINDS, seqs, { ...DEFAULT_TRAIN_OPTIONS, ...opts });
}
