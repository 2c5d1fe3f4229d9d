// The custom LSP messages between the Corpus Curator client (the explorer, the status bar, the
// indexing progress) and the language server (the corpus index). Plain types and method names
// only: no vscode, no vscode-languageserver import, so that both sides can import this file.
//
// Requests (client -> server):
//   corpusCurator/corpusSummary   {offset?, limit?, version?}  -> CorpusSummary (all articles, or a page of them)
//   corpusCurator/articleProblems {uri}                       -> ArticleProblem[]
//   corpusCurator/markReviewed    {uris, reviewed}            -> MarkReviewedResult
//   corpusCurator/reindex         {}                          -> null (starts a fresh scan)
// Notifications:
//   corpusCurator/indexProgress   server -> client  IndexProgress (while indexing, and once with phase 'done')
//   corpusCurator/indexUpdated    server -> client  IndexUpdated  (summaries changed; the client re-asks, debounced)
//   corpusCurator/cancelIndexing  client -> server  {}            (the user cancelled the progress notification)
// Positions are LSP positions (0-based lines, UTF-16 columns) of the document as on disk.

export const CorpusMethods = {
  corpusSummary: 'corpusCurator/corpusSummary',
  articleProblems: 'corpusCurator/articleProblems',
  markReviewed: 'corpusCurator/markReviewed',
  reindex: 'corpusCurator/reindex',
  indexProgress: 'corpusCurator/indexProgress',
  indexUpdated: 'corpusCurator/indexUpdated',
  cancelIndexing: 'corpusCurator/cancelIndexing',
  /** Client → server notification { trusted: boolean }: VS Code's workspace trust changed (granted). */
  workspaceTrust: 'corpusCurator/workspaceTrust',
  /** Client → server notification { locale: string }: corpusCurator.locale changed ('en', 'vi', or VS Code's language for 'auto'). */
  locale: 'corpusCurator/locale',
} as const;

/** Commands the language server executes (workspace/executeCommand), with their arguments and results below. */
export const ServerCommands = {
  /** [uri] → FixAllResult: applies the document's fix-all through workspace/applyEdit. */
  fixAll: 'corpusCurator.fixAll',
  /** [IgnoreFindingArgs] → adds an ignore entry to the project file. */
  ignoreFinding: 'corpusCurator.ignoreFinding',
  /** [WriteSidecarArgs] → writes a dump's sidecar, then removes the dump. */
  writeSidecar: 'corpusCurator.writeSidecar',
  /** [uris] → CleanCorpusEditResult: the clean-up of many files as one edit (not applied). */
  cleanCorpusEdit: 'corpusCurator.cleanCorpusEdit',
  /** [] → IgnoredFinding[]: the ignore entries of the workspace's project files. */
  ignoredFindings: 'corpusCurator.ignoredFindings',
  /** [IgnoreFindingArgs] → { removed }: removes an ignore entry (the finding shows again). */
  unignoreFinding: 'corpusCurator.unignoreFinding',
} as const;

/** One ignored finding (corpusCurator.ignoredFindings). */
export interface IgnoredFinding {
  /** The project file holding the entry. */
  projectFile: string;
  /** The article (file: URI) and its path relative to the project file's folder. */
  uri: string;
  file: string;
  code: string;
  hash: string;
}

/** What corpusCurator.fixAll answers. */
export interface FixAllResult {
  applied: boolean;
  /** Fixes applied, by rule code. */
  fixes: Record<string, number>;
}

/** What corpusCurator.cleanCorpusEdit answers (E: the LSP WorkspaceEdit type of the side that reads it). */
export interface CleanCorpusEditResult<E = unknown> {
  edit: E;
  /** Files the edit changes. */
  files: number;
  /** Fixes in the edit, by rule code. */
  fixes: Record<string, number>;
  /** The same per file (by the URI the edit uses): what is applied when only some files are ticked. */
  perFile: Record<string, Record<string, number>>;
  skipped: Array<{ uri: string; reason: string }>;
}

/** The commands the extension contributes (package.json contributes.commands): registered by the client. */
export const ClientCommands = {
  treatAsNewsArticle: 'corpusCurator.treatAsNewsArticle',
  cleanCorpus: 'corpusCurator.cleanCorpus',
  reindex: 'corpusCurator.reindex',
  showOutput: 'corpusCurator.showOutput',
  refresh: 'corpusCurator.explorer.refresh',
  chooseGrouping: 'corpusCurator.explorer.chooseGrouping',
  groupByStatus: 'corpusCurator.explorer.groupByStatus',
  groupByDate: 'corpusCurator.explorer.groupByDate',
  groupBySource: 'corpusCurator.explorer.groupBySource',
  groupByDuplicates: 'corpusCurator.explorer.groupByDuplicates',
  sortByProblems: 'corpusCurator.explorer.sortByProblems',
  sortByDate: 'corpusCurator.explorer.sortByDate',
  sortByHeadline: 'corpusCurator.explorer.sortByHeadline',
  filter: 'corpusCurator.explorer.filter',
  filterByRule: 'corpusCurator.explorer.filterByRule',
  filterByText: 'corpusCurator.explorer.filterByText',
  clearFilter: 'corpusCurator.explorer.clearFilter',
  revealActive: 'corpusCurator.explorer.revealActive',
  open: 'corpusCurator.explorer.open',
  explorerFixAll: 'corpusCurator.explorer.fixAll',
  revealInExplorer: 'corpusCurator.explorer.revealInExplorer',
  markReviewed: 'corpusCurator.explorer.markReviewed',
  unmarkReviewed: 'corpusCurator.explorer.unmarkReviewed',
  cleanSelection: 'corpusCurator.explorer.cleanSelection',
  /** [code]: sets corpusCurator.rules[code] to off in the workspace settings (a quick fix). */
  disableRule: 'corpusCurator.disableRule',
  /** [code]: opens the rule's page (docs/rules/<code>.md, bundled) in the Markdown preview (a quick fix). */
  showRuleDocs: 'corpusCurator.showRuleDocs',
  /** Lists the ignored findings of the workspace's project files; the one chosen is no longer ignored. */
  showIgnored: 'corpusCurator.showIgnored',
} as const;

export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface ArticleStats {
  /** Lines of the file. */
  lines: number;
  /** Paragraph blocks. */
  paragraphs: number;
  /** Words of the article's content (headline, headings, paragraphs, captions). */
  words: number;
  /** Non-blank lines of site chrome, related teasers and PHP dumps. */
  junkLines: number;
  /** junkLines / non-blank lines, 0..1. */
  junkShare: number;
}

export interface ArticleProblemCounts {
  total: number;
  byCode: Record<string, number>;
  bySeverity: Record<ProblemSeverity, number>;
}

/** What the explorer shows about one article (the index summary without its comparison keys). */
export interface ArticleSummary {
  /** file: URI of the article. */
  uri: string;
  /** Path relative to the corpus root, '/'-separated (the key `reviewed` uses). */
  relativePath: string;
  headline: string | null;
  kicker: string | null;
  /** ISO date (YYYY-MM-DD, maybe with a time) from the dateline. */
  date: string | null;
  byline: string | null;
  /** The site, inferred from the byline, a credit or the boilerplate. */
  source: string | null;
  stats: ArticleStats;
  /** Findings of the per-file rules when the file was indexed. */
  problems: ArticleProblemCounts;
  /** Listed in `reviewed` of the governing `.corpus-curator.json`. */
  reviewed: boolean;
  /** Index into CorpusSummary.clusters when the article shares its content with other files. */
  cluster?: number;
}

export interface IndexProgress {
  /** Files summarized so far in this pass. */
  done: number;
  /** Files to summarize in this pass (0 while still listing). */
  total: number;
  phase: 'scanning' | 'indexing' | 'done' | 'cancelled';
  /** Files not indexed because the index worker failed on them every time it tried (absent when none). */
  failed?: number;
  /** At the end of a pass: the files it read; the others were unchanged since the index or its cache saw them. */
  read?: number;
}

export interface CorpusSummary {
  /** file: URI of the corpus root (the first workspace folder, or the project file's folder); null without a workspace. */
  root: string | null;
  /** The articles (sorted by relativePath): all of them, or the page asked for. */
  articles: ArticleSummary[];
  /**
   * Groups of article URIs sharing content (exact or near duplicates), each of two or more. Empty in
   * a paged answer (one with `limit`): there each article's `cluster` numbers its group among
   * `clusterCount`, and the client gathers the groups from the pages.
   */
  clusters: string[][];
  indexing: IndexProgress;
  /** Articles in the whole listing (servers before paging leave it out: then articles.length). */
  total?: number;
  /** Index of the first of `articles` in the listing. */
  offset?: number;
  /** Number of duplicate groups of the listing (the length `clusters` has when not paged). */
  clusterCount?: number;
  /**
   * Identifies the listing the answer was cut from. A request for a further page passes it back: the
   * server then cuts the page from the same listing while it still holds it, or answers with another
   * version (the index changed: the client starts again from offset 0).
   */
  version?: number;
}

/** All optional: without `limit` the answer lists every article (as before paging). */
export interface CorpusSummaryParams {
  /** First article of the page, in relativePath order (default 0). */
  offset?: number;
  /** At most this many articles (default: all). */
  limit?: number;
  /** The `version` of the answer the earlier pages came from. */
  version?: number;
}

export interface ArticleProblemsParams {
  uri: string;
}

/** One finding of an article, for the explorer when the file is not open (open files use their diagnostics). */
export interface ArticleProblem {
  code: string;
  severity: ProblemSeverity;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface MarkReviewedParams {
  /** file: URIs of articles. */
  uris: string[];
  /** true to add them to `reviewed`, false to remove them. */
  reviewed: boolean;
}

export type MarkReviewedResult =
  | { ok: true; /** The project file written. */ file: string; /** Entries added or removed. */ changed: number }
  | { ok: false; file?: string; reason: string };

export interface IndexUpdated {
  /** Articles whose summaries changed (absent: possibly all). */
  uris?: string[];
  /** Articles in the index now. */
  size: number;
}

export type CancelIndexingParams = Record<string, never>;
