// corpusCurator/articleProblems: the findings of one file on disk (the explorer, for a closed article).
import { analyze } from '../../engine/analyze';
import { readArticleFile } from '../../io/files';
import { fsPathOf } from '../commands';
import { PositionMapper } from '../convert';
import type { ArticleProblem, ArticleProblemsParams } from '../../protocol';
import type { CorpusContext } from './context';

export function createArticleProblems(ctx: CorpusContext) {
  const { service, configFor } = ctx;
  async function articleProblems(params: ArticleProblemsParams): Promise<ArticleProblem[]> {
    const file = typeof params?.uri === 'string' ? fsPathOf(params.uri) : undefined;
    if (!file) return [];
    const { config, maxFileSize } = await configFor(file);
    const r = await readArticleFile(file, maxFileSize).catch(() => undefined);
    if (r?.text === undefined) return [];
    const text = r.text;
    const { article, findings } = analyze(text, { file, config, corpus: service.index });
    const bomShift = article.hadBom && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const map = new PositionMapper(article, bomShift);
    return findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, range: map.drawnRange(f) }));
  }

  return articleProblems;
}
