// The client's copy of the corpus index: the summary the language server answers to
// corpusCurator/corpusSummary, refreshed (debounced) on corpusCurator/indexUpdated, combined with
// the live diagnostics of open articles (which are newer than the index while the user edits).
// The explorer, the file decorations, the badge and the status bar all read from here.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  CorpusMethods,
  type ArticleProblem,
  type ArticleProblemCounts,
  type ArticleSummary,
  type CorpusSummary,
  type CorpusSummaryParams,
  type IndexProgress,
  type IndexUpdated,
  type ProblemSeverity,
} from '../../server/src/protocol';

export const DIAGNOSTIC_SOURCE = 'corpus-curator';
export const LANGUAGE_ID = 'news-article';

export type StoreState = 'starting' | 'loading' | 'ready' | 'unavailable';

/** Articles per corpusCurator/corpusSummary page. */
const SUMMARY_PAGE = 2000;

const SEVERITY_NAMES: Record<vscode.DiagnosticSeverity, ProblemSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export function severityName(s: vscode.DiagnosticSeverity): ProblemSeverity {
  return SEVERITY_NAMES[s] ?? 'warning';
}

export function diagnosticCode(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '?';
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** The canonical string of a URI (the server's pathToFileURL and VS Code may encode differently). */
export function uriKey(uri: string | vscode.Uri): string {
  try {
    return (typeof uri === 'string' ? vscode.Uri.parse(uri) : uri).toString();
  } catch {
    return String(uri);
  }
}

function emptyCounts(): ArticleProblemCounts {
  return { total: 0, byCode: {}, bySeverity: { error: 0, warning: 0, information: 0, hint: 0 } };
}

export function countDiagnostics(diags: readonly vscode.Diagnostic[]): ArticleProblemCounts {
  const c = emptyCounts();
  for (const d of diags) {
    c.total++;
    const code = diagnosticCode(d);
    c.byCode[code] = (c.byCode[code] ?? 0) + 1;
    c.bySeverity[severityName(d.severity)]++;
  }
  return c;
}

/** Errors and warnings: what makes an article "need work" (information and hints do not). */
export function actionable(c: ArticleProblemCounts): number {
  return (c.bySeverity.error ?? 0) + (c.bySeverity.warning ?? 0);
}

export class CorpusStore implements vscode.Disposable {
  private summary: CorpusSummary | undefined;
  private byUri = new Map<string, ArticleSummary>();
  private live: Map<string, vscode.Diagnostic[]> | undefined;
  private readonly openArticles = new Set<string>();
  private readonly problemCache = new Map<string, Promise<ArticleProblem[] | undefined>>();
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly progressEmitter = new vscode.EventEmitter<IndexProgress>();
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  private changeTimer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private again = false;
  private progress: IndexProgress = { done: 0, total: 0, phase: 'done' };
  private lastError: string | undefined;
  private projectWatcher: vscode.FileSystemWatcher | undefined;
  state: StoreState = 'starting';

  /** Fires (debounced) when the summary, the live diagnostics or the open documents change. */
  readonly onDidChange = this.emitter.event;
  /** Fires on every corpusCurator/indexProgress notification. */
  readonly onDidProgress = this.progressEmitter.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly output: vscode.LogOutputChannel,
  ) {
    for (const d of vscode.workspace.textDocuments) this.trackOpen(d);
    this.disposables.push(
      this.emitter,
      this.progressEmitter,
      client.onNotification(CorpusMethods.indexUpdated, (p: IndexUpdated) => {
        for (const u of p?.uris ?? []) this.problemCache.delete(uriKey(u));
        if (!p?.uris) this.problemCache.clear();
        // While a scan runs, updates come several times a second and each summary of a large corpus
        // is megabytes: refresh at most every couple of seconds then (and once more at the end).
        if (this.isIndexing) this.throttleRefresh(2_000);
        else this.scheduleRefresh(250);
      }),
      client.onNotification(CorpusMethods.indexProgress, (p: IndexProgress) => {
        if (!p || typeof p.done !== 'number') return;
        this.progress = p;
        if (this.summary) this.summary.indexing = p;
        this.progressEmitter.fire(p);
        if (p.phase === 'done' || p.phase === 'cancelled') this.scheduleRefresh(50);
        else this.changed();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        this.live = undefined;
        if (e.uris.some((u) => this.byUri.has(uriKey(u)) || this.openArticles.has(uriKey(u)))) this.changed();
      }),
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (this.trackOpen(d)) this.changed();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.openArticles.delete(uriKey(d.uri))) this.changed();
      }),
      // `reviewed` lives in the project file, which the user may also edit by hand
      (this.projectWatcher = vscode.workspace.createFileSystemWatcher('**/.corpus-curator.json')),
      this.projectWatcher.onDidChange(() => this.scheduleRefresh(300)),
      this.projectWatcher.onDidCreate(() => this.scheduleRefresh(300)),
      this.projectWatcher.onDidDelete(() => this.scheduleRefresh(300)),
      // a restarted server (after a crash, or a settings change that restarts it) has a new index
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.scheduleRefresh(500);
        else if (e.newState === State.Stopped) {
          this.state = 'unavailable';
          this.emitter.fire();
        }
      }),
    );
  }

  private trackOpen(d: vscode.TextDocument): boolean {
    const key = uriKey(d.uri);
    if (d.languageId === LANGUAGE_ID) {
      if (this.openArticles.has(key)) return false;
      this.openArticles.add(key);
      return true;
    }
    return this.openArticles.delete(key);
  }

  /** Fires onDidChange soon, once for a burst of changes. */
  private changed(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.emitter.fire();
    }, 150);
  }

  /** Refreshes in `ms` unless a refresh is already scheduled (which then stays as it is). */
  private throttleRefresh(ms: number): void {
    if (!this.refreshTimer) this.scheduleRefresh(ms);
  }

  /** Refreshes in `ms`, replacing any scheduled refresh (debounce). */
  scheduleRefresh(ms = 250): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refresh();
    }, ms);
  }

  /** Asks the server for the corpus summary now (one request at a time; a call during one queues another). */
  refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    if (this.state === 'starting') this.state = 'loading';
    this.inFlight = (async () => {
      do {
        this.again = false;
        try {
          const s = await this.fetchSummary();
          this.setSummary(s);
          this.state = 'ready';
          this.lastError = undefined;
        } catch (e) {
          const msg = (e as Error)?.message ?? String(e);
          if (msg !== this.lastError) this.output.warn(`corpus summary: ${msg}`);
          this.lastError = msg;
          this.state = 'unavailable';
        }
      } while (this.again);
    })().finally(() => {
      this.inFlight = undefined;
      this.emitter.fire();
    });
    return this.inFlight;
  }

  /**
   * The whole summary, asked for a page at a time (a large corpus' summary is megabytes: in pages
   * the server answers other requests in between, and no message is huge). Every page comes from
   * the listing of the first; when the server no longer holds it (the index changed a lot), the
   * pages are asked for again, twice at most, then all at once.
   */
  private async fetchSummary(): Promise<CorpusSummary> {
    const ask = (params: CorpusSummaryParams) => this.client.sendRequest<CorpusSummary>(CorpusMethods.corpusSummary, params);
    for (let attempt = 0; attempt < 3; attempt++) {
      const first = await ask({ offset: 0, limit: SUMMARY_PAGE });
      // a server without paging answers everything at once
      if (typeof first?.total !== 'number' || typeof first.version !== 'number' || !Array.isArray(first.articles)) return first;
      const articles: ArticleSummary[] = first.articles.slice();
      let last = first;
      let same = true;
      while (articles.length < first.total) {
        const page = await ask({ offset: articles.length, limit: SUMMARY_PAGE, version: first.version });
        if (page?.version !== first.version) {
          same = false;
          break;
        }
        if (!Array.isArray(page.articles) || page.articles.length === 0) break;
        for (const a of page.articles) articles.push(a);
        last = page;
      }
      if (!same) continue;
      // the groups, from each article's group number
      const clusters: string[][] = Array.from({ length: Math.max(0, first.clusterCount ?? 0) }, () => []);
      for (const a of articles) if (typeof a.cluster === 'number' && clusters[a.cluster]) clusters[a.cluster].push(a.uri);
      return { root: first.root, articles, clusters, indexing: last.indexing, total: articles.length, offset: 0, clusterCount: clusters.length, version: first.version };
    }
    return ask({});
  }

  private setSummary(s: CorpusSummary | null | undefined): void {
    const articles = Array.isArray(s?.articles) ? s.articles : [];
    this.summary = {
      root: s?.root ?? null,
      articles,
      clusters: Array.isArray(s?.clusters) ? s.clusters : [],
      indexing: s?.indexing ?? this.progress,
    };
    this.progress = this.summary.indexing;
    this.byUri = new Map(articles.map((a) => [uriKey(a.uri), a]));
  }

  get root(): vscode.Uri | undefined {
    const r = this.summary?.root;
    if (r) return vscode.Uri.parse(r);
    return vscode.workspace.workspaceFolders?.[0]?.uri;
  }

  get articles(): readonly ArticleSummary[] {
    return this.summary?.articles ?? [];
  }

  get clusters(): readonly string[][] {
    return this.summary?.clusters ?? [];
  }

  get indexing(): IndexProgress {
    return this.progress;
  }

  get isIndexing(): boolean {
    return this.progress.phase === 'scanning' || this.progress.phase === 'indexing';
  }

  article(uri: string | vscode.Uri): ArticleSummary | undefined {
    return this.byUri.get(uriKey(uri));
  }

  /** Our diagnostics of every document VS Code holds diagnostics for (cached until they change). */
  private liveMap(): Map<string, vscode.Diagnostic[]> {
    if (!this.live) {
      const m = new Map<string, vscode.Diagnostic[]>();
      for (const [uri, diags] of vscode.languages.getDiagnostics()) {
        const ours = diags.filter((d) => d.source === DIAGNOSTIC_SOURCE);
        if (ours.length > 0) m.set(uriKey(uri), ours);
      }
      this.live = m;
    }
    return this.live;
  }

  /**
   * The language server's current diagnostics for an article, when they are authoritative: the
   * document is open as a news article (then none means clean), or the server published some.
   */
  liveDiagnostics(uri: string | vscode.Uri): vscode.Diagnostic[] | undefined {
    const key = uriKey(uri);
    const diags = this.liveMap().get(key);
    if (diags) return diags;
    return this.openArticles.has(key) ? [] : undefined;
  }

  /** Problem counts: live diagnostics when there are, else the index summary's. */
  problemsOf(a: ArticleSummary): ArticleProblemCounts {
    const live = this.liveDiagnostics(a.uri);
    return live ? countDiagnostics(live) : a.problems ?? emptyCounts();
  }

  needsWork(a: ArticleSummary): boolean {
    return !a.reviewed && actionable(this.problemsOf(a)) > 0;
  }

  counts(): { articles: number; needWork: number; reviewed: number } {
    let needWork = 0;
    let reviewed = 0;
    for (const a of this.articles) {
      if (this.needsWork(a)) needWork++;
      if (a.reviewed) reviewed++;
    }
    return { articles: this.articles.length, needWork, reviewed };
  }

  /** The findings of a closed article, computed by the server (cached until the index updates it). */
  problemList(uri: string): Promise<ArticleProblem[] | undefined> {
    const key = uriKey(uri);
    let p = this.problemCache.get(key);
    if (!p) {
      p = this.client.sendRequest<ArticleProblem[]>(CorpusMethods.articleProblems, { uri }).then(
        (list) => (Array.isArray(list) ? list : undefined),
        (e) => {
          this.output.warn(`article problems of ${uri}: ${(e as Error)?.message ?? e}`);
          this.problemCache.delete(key);
          return undefined;
        },
      );
      this.problemCache.set(key, p);
    }
    return p;
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.changeTimer) clearTimeout(this.changeTimer);
    for (const d of this.disposables) d.dispose();
  }
}
