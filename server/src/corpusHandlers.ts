// The custom LSP messages of protocol.ts, served from the corpus index (IndexService):
//   corpusCurator/corpusSummary   -> the explorer's data: one ArticleSummary per indexed file (all, or
//                                    a page), the duplicate clusters, the indexing state; made in
//                                    chunks between turns of the event loop, cancellable;
//   corpusCurator/articleProblems -> the findings of one file (the explorer, for a closed article);
//   corpusCurator/markReviewed    -> adds/removes files in `reviewed` of `.corpus-curator.json`;
//   corpusCurator/reindex         -> asks the host for a fresh scan;
//   corpusCurator/cancelIndexing  <- cancels the running scan;
//   corpusCurator/indexProgress   -> the service's progress, throttled (phase changes go out at once);
//   corpusCurator/indexUpdated    -> the service's updates, coalesced.
// The server calls registerCorpusHandlers(connection, service, host) once, before connection.listen().
import { CancellationToken, type Connection } from 'vscode-languageserver';
import type { IndexService } from './index/service';
import { CorpusMethods, type ArticleProblemsParams, type CorpusSummaryParams, type MarkReviewedParams } from './protocol';
import { createCorpusContext, type CorpusHandlerHost, type CorpusHandlerStats } from './lsp/corpus/context';
import { createCorpusSummary } from './lsp/corpus/summary';
import { createArticleProblems } from './lsp/corpus/problems';
import { createMarkReviewed } from './lsp/corpus/reviewed';
import { forwardIndexEvents } from './lsp/corpus/notifications';

export type { CorpusHandlerHost, CorpusHandlerStats } from './lsp/corpus/context';
export { updateReviewed, type ReviewedWrite } from './lsp/corpus/reviewed';

/** Builds each handler from its module (lsp/corpus/) with the shared context, and registers them. */
export function registerCorpusHandlers(
  connection: Connection,
  service: IndexService,
  host: CorpusHandlerHost = {},
): { dispose(): void; readonly stats: CorpusHandlerStats } {
  const ctx = createCorpusContext(connection, service, host);
  const events = forwardIndexEvents(ctx);
  const corpusSummary = createCorpusSummary(ctx, events.sawProgress);
  const articleProblems = createArticleProblems(ctx);
  const markReviewed = createMarkReviewed(ctx);
  const disposables = [
    connection.onRequest(CorpusMethods.corpusSummary, (p: CorpusSummaryParams | undefined, token: CancellationToken | undefined) => corpusSummary(p, token)),
    connection.onRequest(CorpusMethods.articleProblems, (p: ArticleProblemsParams) => articleProblems(p)),
    connection.onRequest(CorpusMethods.markReviewed, (p: MarkReviewedParams, token?: CancellationToken) => markReviewed(p, token)),
    connection.onRequest(CorpusMethods.reindex, async () => {
      if (host.reindex) await host.reindex();
      else await service.start(service.index.files());
      return null;
    }),
    connection.onNotification(CorpusMethods.cancelIndexing, () => service.cancel()),
  ];
  return {
    stats: ctx.stats,
    dispose() {
      events.dispose();
      for (const d of disposables) d.dispose();
    },
  };
}
