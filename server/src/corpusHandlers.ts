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
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CancellationToken, LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { analyze } from './engine/analyze';
import { readEditorSettings } from './engine/settings';
import { mergeConfig, parseProjectFile, PROJECT_FILE, readProjectText, relativeKey, type Config } from './engine/config';
import type { DocSummary } from './index/corpus';
import type { IndexProgressEvent, IndexService, IndexUpdateEvent } from './index/service';
import { readArticleFile } from './io/files';
import { fsPathOf } from './lsp/commands';
import { fileUri, PositionMapper } from './lsp/convert';
import { ProjectFiles, writableProjectRoot } from './lsp/project';
import { t } from './lsp/l10n';
import { WorkspaceTrust } from './lsp/workspace';
import { writeFileAtomic } from './io/files';
import {
  CorpusMethods,
  type ArticleProblem,
  type ArticleProblemsParams,
  type ArticleSummary,
  type CorpusSummary,
  type CorpusSummaryParams,
  type IndexProgress,
  type IndexUpdated,
  type MarkReviewedParams,
  type MarkReviewedResult,
} from './protocol';
import { yieldToEvents } from './io/events';

/**
 * What the handlers use from the rest of the server; every member is optional (the server's
 * CommandHost fits). Without them the handlers ask the client for the workspace folders and the
 * `corpusCurator` settings themselves, and read project files with their own ProjectFiles.
 */
export interface CorpusHandlerHost {
  /** Editor settings merged with the governing project file, for a file on disk. */
  configFor?(uri: string, file: string | undefined): Promise<{ config: Config; maxFileSize: number }>;
  /** The workspace folders (absolute paths). */
  workspaceFolders?(): string[];
  /** The workspace folder containing `file`. */
  workspaceFolderOf?(file: string): string | undefined;
  /** The server's project-file cache (shared, so that markReviewed's invalidation reaches it). */
  projects?: ProjectFiles;
  /** Called after markReviewed wrote a project file. */
  projectChanged?(): void;
  /** False in VS Code's Restricted Mode: markReviewed refuses (it writes the project file). Default true. */
  trusted?(): boolean;
  /** corpusCurator.useConfigAboveWorkspace for a file (default false). */
  configAbove?(file: string): Promise<boolean>;
  /** A fresh scan of the workspace (corpusCurator/reindex). */
  reindex?(): unknown;
  /** Items handled between two turns of the event loop while a summary is made (default 500; tests make it small). */
  summaryChunk?: number;
}

/** What the handlers did, for tests. */
export interface CorpusHandlerStats {
  /** corpusSummary requests received. */
  summaries: number;
  /** Chunks of summary work done (each after a turn of the event loop). */
  summaryChunks: number;
  /** corpusSummary requests that stopped because the client cancelled them. */
  summariesCancelled: number;
}

/** Progress notifications go out at most this often while a scan runs. */
const PROGRESS_INTERVAL_MS = 100;
/** indexUpdated notifications are coalesced over this window. */
const UPDATED_INTERVAL_MS = 200;
/** Listings kept for further pages. */
const MAX_LISTINGS = 3;


function isUnder(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

export function registerCorpusHandlers(
  connection: Connection,
  service: IndexService,
  host: CorpusHandlerHost = {},
): { dispose(): void; readonly stats: CorpusHandlerStats } {
  const projects = host.projects ?? new ProjectFiles();
  const chunk = Math.max(1, Math.floor(host.summaryChunk ?? 500));
  const stats: CorpusHandlerStats = { summaries: 0, summaryChunks: 0, summariesCancelled: 0 };
  let sawProgress = false;

  // ---- workspace folders and configuration -----------------------------------------------------

  async function workspaceFolders(): Promise<string[]> {
    let folders: string[];
    if (host.workspaceFolders) folders = host.workspaceFolders();
    else {
      try {
        const list = await connection.workspace.getWorkspaceFolders();
        folders = (list ?? []).map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p);
      } catch {
        folders = [];
      }
    }
    // the handlers' own project-file cache searches within these folders (the server's is kept by the server)
    if (!host.projects) projects.setFolders(folders);
    return folders;
  }

  async function configAbove(file: string | undefined): Promise<boolean> {
    if (!file || !host.configAbove) return false;
    try {
      return await host.configAbove(file);
    } catch {
      return false;
    }
  }

  async function configFor(file: string): Promise<{ config: Config; maxFileSize: number }> {
    if (host.configFor) return host.configFor(fileUri(file), file);
    let raw: unknown;
    try {
      raw = await connection.workspace.getConfiguration({ scopeUri: fileUri(file), section: 'corpusCurator' });
    } catch {
      raw = undefined;
    }
    const editor = readEditorSettings(raw).values;
    const info = await projects.lookup(path.dirname(file), await configAbove(file)).catch(() => undefined);
    const { config } = mergeConfig(editor, info?.project, info?.root);
    return { config, maxFileSize: editor.maxFileSize };
  }

  /** The folder whose project file governs `file` (where `reviewed` is read): the nearest existing one, else the workspace folder. */
  function reviewRoot(file: string, folders: readonly string[], above: boolean): string {
    const dir = path.dirname(file);
    return projects.findRoot(dir, above)?.root ?? host.workspaceFolderOf?.(file) ?? [...folders].sort((a, b) => b.length - a.length).find((f) => isUnder(file, f)) ?? dir;
  }

  // ---- corpusCurator/corpusSummary --------------------------------------------------------------
  //
  // The listing (every article in relativePath order, its duplicate group, its reviewed state) is
  // made a chunk at a time with a turn of the event loop in between, so that hovers, diagnostics and
  // shutdown are answered meanwhile, and stops when the request is cancelled. A paged request cuts
  // its page from the listing its first page came from (the last few are kept).

  interface Listing {
    version: number;
    root: string | null;
    docs: DocSummary[];
    rel: string[];
    reviewed: Uint8Array;
    /** Index into `clusters`, or -1. */
    cluster: Int32Array;
    /** Files of each duplicate group (sorted). */
    clusters: string[][];
  }

  const listings: Listing[] = [];
  let nextListing = 1;

  /** Throws RequestCancelled when the client has cancelled the request. */
  const checkCancelled = (token: CancellationToken | undefined) => {
    if (token?.isCancellationRequested) {
      stats.summariesCancelled++;
      throw new ResponseError(LSPErrorCodes.RequestCancelled, 'corpus summary cancelled');
    }
  };

  /** A turn of the event loop every `chunk` items, then the cancellation check. */
  const pace = async (i: number, token: CancellationToken | undefined) => {
    if (i % chunk !== 0 || i === 0) return;
    await yieldToEvents();
    stats.summaryChunks++;
    checkCancelled(token);
  };

  function currentClusters(): string[][] {
    try {
      return service.index.clusters();
    } catch (e) {
      connection.console.error(`Corpus Curator: duplicate clusters failed: ${(e as Error)?.message ?? e}`);
      return [];
    }
  }

  function indexingState(): IndexProgress {
    const p = service.indexing;
    // Before the server's first scan has begun, say so: the client shows "looking for articles".
    if (!sawProgress && service.lastRun === undefined && service.index.size() === 0 && p.phase === 'done') {
      return { done: 0, total: 0, phase: 'scanning' };
    }
    return p.failed ? { done: p.done, total: p.total, phase: p.phase, failed: p.failed } : { done: p.done, total: p.total, phase: p.phase };
  }

  async function makeListing(token: CancellationToken | undefined): Promise<Listing> {
    const folders = await workspaceFolders();
    const above = await configAbove(folders[0] && path.join(folders[0], 'article.txt'));
    checkCancelled(token);
    const unsorted: DocSummary[] = service.index.all();
    // project roots and reviewed sets, per folder (a corpus has few folders and fewer project files)
    const rootOfDir = new Map<string, string>();
    const reviewedOf = new Map<string, Set<string>>();
    const reviewedSet = async (root: string): Promise<Set<string>> => {
      let s = reviewedOf.get(root);
      if (!s) {
        const info = await projects.lookup(root, above).catch(() => undefined);
        const list = info && info.root === root && Array.isArray(info.project?.reviewed) ? info.project.reviewed : [];
        s = new Set(list.filter((x): x is string => typeof x === 'string'));
        reviewedOf.set(root, s);
      }
      return s;
    };
    const n = unsorted.length;
    const relOf: string[] = new Array(n);
    const reviewedOfDoc = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      await pace(i, token);
      const d = unsorted[i];
      const dir = path.dirname(d.file);
      let root = rootOfDir.get(dir);
      if (root === undefined) {
        root = reviewRoot(d.file, folders, above);
        rootOfDir.set(dir, root);
      }
      const rel = relativeKey(root, d.file);
      relOf[i] = rel;
      const set = reviewedOf.get(root) ?? (await reviewedSet(root));
      reviewedOfDoc[i] = set.has(rel) ? 1 : 0;
    }
    await yieldToEvents();
    checkCancelled(token);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (relOf[a] < relOf[b] ? -1 : relOf[a] > relOf[b] ? 1 : 0));
    await yieldToEvents();
    checkCancelled(token);
    const docs: DocSummary[] = new Array(n);
    const rel: string[] = new Array(n);
    const reviewed = new Uint8Array(n);
    const position = new Map<string, number>();
    for (let k = 0; k < n; k++) {
      await pace(k, token);
      const i = order[k];
      docs[k] = unsorted[i];
      rel[k] = relOf[i];
      reviewed[k] = reviewedOfDoc[i];
      position.set(unsorted[i].file, k);
    }
    const cluster = new Int32Array(n).fill(-1);
    const clusters: string[][] = [];
    for (const g of currentClusters()) {
      const members = g.filter((f) => position.has(f));
      if (members.length < 2) continue;
      for (const f of members) cluster[position.get(f)!] = clusters.length;
      clusters.push(members);
    }
    const firstFolder = folders.length ? [...folders].sort((a, b) => a.length - b.length)[0] : undefined;
    const projectRoot = firstFolder ? projects.findRoot(firstFolder)?.root : undefined;
    const root = projectRoot && firstFolder && isUnder(firstFolder, projectRoot) ? firstFolder : projectRoot ?? firstFolder;
    const listing: Listing = { version: nextListing++, root: root ? fileUri(root) : null, docs, rel, reviewed, cluster, clusters };
    listings.push(listing);
    if (listings.length > MAX_LISTINGS) listings.shift();
    return listing;
  }

  function articleOf(l: Listing, k: number): ArticleSummary {
    const d = l.docs[k];
    const a: ArticleSummary = {
      uri: fileUri(d.file),
      relativePath: l.rel[k],
      headline: d.headline,
      kicker: d.kicker,
      date: d.date,
      byline: d.byline,
      source: d.source,
      stats: { ...d.stats },
      problems: { total: d.problems.total, byCode: { ...d.problems.byCode }, bySeverity: { ...d.problems.bySeverity } },
      reviewed: l.reviewed[k] === 1,
    };
    if (l.cluster[k] >= 0) a.cluster = l.cluster[k];
    return a;
  }

  async function corpusSummary(params: CorpusSummaryParams | undefined, token: CancellationToken | undefined): Promise<CorpusSummary> {
    stats.summaries++;
    checkCancelled(token);
    const p = params && typeof params === 'object' && !CancellationToken.is(params) ? params : {};
    const paged = typeof p.limit === 'number' && Number.isFinite(p.limit) && p.limit >= 0;
    const wanted = paged && typeof p.version === 'number' ? listings.find((l) => l.version === p.version) : undefined;
    const l = wanted ?? (await makeListing(token));
    const total = l.docs.length;
    const offset = paged ? Math.min(total, Math.max(0, Math.floor(typeof p.offset === 'number' && Number.isFinite(p.offset) ? p.offset : 0))) : 0;
    const end = paged ? Math.min(total, offset + Math.floor(p.limit!)) : total;
    const articles: ArticleSummary[] = [];
    for (let k = offset; k < end; k++) {
      await pace(k - offset, token);
      articles.push(articleOf(l, k));
    }
    checkCancelled(token);
    return {
      root: l.root,
      articles,
      clusters: paged ? [] : l.clusters.map((g) => g.map(fileUri)),
      indexing: indexingState(),
      total,
      offset,
      clusterCount: l.clusters.length,
      version: l.version,
    };
  }

  // ---- corpusCurator/articleProblems -------------------------------------------------------------

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
    return findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, range: map.range(f.start, f.end) }));
  }

  // ---- corpusCurator/markReviewed ----------------------------------------------------------------

  async function markReviewed(params: MarkReviewedParams, token?: CancellationToken): Promise<MarkReviewedResult> {
    if (host.trusted && !host.trusted()) return { ok: false, reason: WorkspaceTrust.refusal(t('Marking articles as reviewed')) };
    const files = (Array.isArray(params?.uris) ? params.uris : [])
      .map((u) => (typeof u === 'string' ? fsPathOf(u) : undefined))
      .filter((f): f is string => !!f);
    if (files.length === 0) return { ok: false, reason: 'no file: URI given' };
    const reviewed = params.reviewed !== false;
    await workspaceFolders();
    const above = await configAbove(files[0]);
    const byRoot = new Map<string, string[]>();
    const writable = new Map<string, Awaited<ReturnType<typeof writableProjectRoot>>>();
    // a whole group of a large corpus can be marked at once: a turn of the event loop now and then
    for (let i = 0; i < files.length; i++) {
      if (i > 0 && i % chunk === 0) {
        await yieldToEvents();
        if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      }
      const f = files[i];
      // written only inside the file's workspace folder (never above it, never through a link)
      const dir = path.dirname(f);
      let where = writable.get(dir);
      if (!where) writable.set(dir, (where = await writableProjectRoot(projects, f, above)));
      if (!where.ok) return { ok: false, reason: where.reason };
      const root = where.root;
      let l = byRoot.get(root);
      if (!l) byRoot.set(root, (l = []));
      l.push(relativeKey(root, f));
    }
    let changed = 0;
    let last = '';
    for (const [root, rels] of byRoot) {
      const res = await updateReviewed(root, rels, reviewed);
      if (!res.ok) return { ok: false, file: res.file, reason: res.reason };
      changed += res.changed;
      last = res.file;
    }
    if (changed > 0) {
      projects.invalidate();
      host.projectChanged?.();
      void connection.sendNotification(CorpusMethods.indexUpdated, { uris: files.map(fileUri), size: service.index.size() } satisfies IndexUpdated);
    }
    return { ok: true, file: last, changed };
  }

  // ---- notifications ----------------------------------------------------------------------------

  let progressTimer: NodeJS.Timeout | undefined;
  let lastProgressSent = 0;
  let lastPhase: IndexProgress['phase'] | undefined;
  let pendingProgress: IndexProgress | undefined;

  const sendProgress = (p: IndexProgress) => {
    lastProgressSent = Date.now();
    lastPhase = p.phase;
    pendingProgress = undefined;
    void connection.sendNotification(CorpusMethods.indexProgress, p);
  };

  const onProgress = (e: IndexProgressEvent) => {
    sawProgress = true;
    const p: IndexProgress = e.failed ? { done: e.done, total: e.total, phase: e.phase, failed: e.failed } : { done: e.done, total: e.total, phase: e.phase };
    const wait = PROGRESS_INTERVAL_MS - (Date.now() - lastProgressSent);
    if (p.phase !== lastPhase || wait <= 0) {
      if (progressTimer) clearTimeout(progressTimer);
      progressTimer = undefined;
      // the updates of a finished scan go out before its 'done'
      if (p.phase === 'done' || p.phase === 'cancelled') flushUpdated();
      sendProgress(p);
      return;
    }
    pendingProgress = p;
    progressTimer ??= setTimeout(() => {
      progressTimer = undefined;
      if (pendingProgress) sendProgress(pendingProgress);
    }, wait);
  };

  let updatedTimer: NodeJS.Timeout | undefined;
  const updatedFiles = new Set<string>();

  const flushUpdated = () => {
    if (updatedTimer) clearTimeout(updatedTimer);
    updatedTimer = undefined;
    if (updatedFiles.size === 0) return;
    const files = [...updatedFiles];
    updatedFiles.clear();
    // a long list is of no use to the client: it re-asks for the summary either way
    const msg: IndexUpdated = files.length <= 500 ? { uris: files.map(fileUri), size: service.index.size() } : { size: service.index.size() };
    void connection.sendNotification(CorpusMethods.indexUpdated, msg);
  };

  const onUpdated = (u: IndexUpdateEvent) => {
    for (const f of u.files) updatedFiles.add(f);
    for (const f of u.removed) updatedFiles.add(f);
    updatedTimer ??= setTimeout(flushUpdated, UPDATED_INTERVAL_MS);
  };

  service.on('progress', onProgress);
  service.on('updated', onUpdated);

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
    stats,
    dispose() {
      if (progressTimer) clearTimeout(progressTimer);
      if (updatedTimer) clearTimeout(updatedTimer);
      service.off('progress', onProgress);
      service.off('updated', onUpdated);
      for (const d of disposables) d.dispose();
    },
  };
}

export type ReviewedWrite = { ok: true; file: string; changed: number } | { ok: false; file: string; reason: string };

/**
 * Adds (or removes) paths in `reviewed` of `<root>/.corpus-curator.json`, creating the file when
 * needed, keeping its other keys and their order, written atomically. A file that is not a JSON
 * object is left untouched.
 */
export async function updateReviewed(root: string, rels: readonly string[], reviewed: boolean): Promise<ReviewedWrite> {
  const file = path.join(root, PROJECT_FILE);
  // only a regular file is read (a FIFO there would hang the request), and never written over
  const { text, problem } = await readProjectText(file);
  if (problem !== undefined) return { ok: false, file, reason: problem };
  let obj: Record<string, unknown> = {};
  if (text !== undefined && text.trim() !== '') {
    const parsed = parseProjectFile(text.replace(/^\uFEFF/, ''));
    if (!parsed.project) return { ok: false, file, reason: parsed.problem ?? 'not a JSON object' };
    obj = parsed.project as Record<string, unknown>;
  }
  const list = Array.isArray(obj.reviewed) ? obj.reviewed.filter((x): x is string => typeof x === 'string') : [];
  const set = new Set(list);
  let changed = 0;
  for (const rel of rels) {
    if (!rel || rel.startsWith('../')) continue;
    if (reviewed && !set.has(rel)) {
      set.add(rel);
      list.push(rel);
      changed++;
    } else if (!reviewed && set.delete(rel)) changed++;
  }
  if (changed === 0) return { ok: true, file, changed };
  obj.reviewed = list.filter((x) => set.has(x));
  const eol = text && /\r\n/.test(text) ? '\r\n' : '\n';
  try {
    await fs.mkdir(root, { recursive: true });
    await writeFileAtomic(file, JSON.stringify(obj, null, 2).replace(/\n/g, eol) + eol);
  } catch (e) {
    return { ok: false, file, reason: (e as Error).message };
  }
  return { ok: true, file, changed };
}
