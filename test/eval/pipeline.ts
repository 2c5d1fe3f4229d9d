// Runs the engine over a labelled set the way `corpus-curator lint <folder> --format json` does
// (each file analysed once, the corpus index built from the whole set, the corpus rules on top),
// but in process and with a chosen Knowledge per file, so that each file can be analysed by a
// model that was not trained on its source.
import { analyze, withCorpusFindings, type Analysis } from '../../server/src/engine/analyze';
import { DEFAULT_CONFIG, type Config } from '../../server/src/engine/config';
import { articleJson, diagnosticJson } from '../../server/src/engine/report';
import { buildCorpusFromTexts } from '../../server/src/index/corpus';
import type { Knowledge } from '../../server/src/model/knowledge';
import type { LineFrequency } from '../../server/src/model/features';
import type { LabelledDoc } from './sets';
import type { ResultFile } from './score';

export function runSet(docs: readonly LabelledDoc[], knowledgeOf: (d: LabelledDoc) => Knowledge | undefined, config: Config = DEFAULT_CONFIG, frequency?: LineFrequency): Map<string, ResultFile> {
  const base = new Map<LabelledDoc, Analysis>();
  for (const d of docs) {
    base.set(d, analyze(d.text, { file: d.path, config, knowledge: knowledgeOf(d), frequency }));
  }
  const corpus = docs.length > 1
    ? buildCorpusFromTexts(docs.map((d) => ({ file: d.path, text: d.text, analysis: base.get(d) })), config)
    : undefined;
  const out = new Map<string, ResultFile>();
  for (const d of docs) {
    const a0 = base.get(d)!;
    const a = corpus ? withCorpusFindings(a0, { file: d.path, config, corpus, knowledge: knowledgeOf(d) }) : a0;
    out.set(d.path, {
      file: d.file,
      article: articleJson(a.article),
      diagnostics: a.findings.map((f) => diagnosticJson(a.article, f)),
    });
  }
  return out;
}
