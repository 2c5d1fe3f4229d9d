// corpusCurator/corpusSummary: the explorer's data, made a chunk at a time, cancellable, paged.
import * as path from 'node:path';
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { relativeKey } from '../../engine/config';
import type { DocSummary } from '../../index/corpus';
import { yieldToEvents } from '../../io/events';
import { fileUri } from '../convert';
import type { ArticleSummary, CorpusSummary, CorpusSummaryParams, IndexProgress } from '../../protocol';
import { isUnder, type CorpusContext } from './context';
import { progressMessage } from './notifications';

/** Listings kept for further pages. */
const MAX_LISTINGS = 3;

/** The corpusSummary handler; `sawProgress` says whether the index has reported progress yet. */
export function createCorpusSummary(ctx: CorpusContext, sawProgress: () => boolean) {
  const { connection, service, projects, chunk, stats, workspaceFolders, configAbove, reviewRoot } = ctx;
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
    if (!sawProgress() && service.lastRun === undefined && service.index.size() === 0 && p.phase === 'done') {
      return { done: 0, total: 0, phase: 'scanning' };
    }
    return progressMessage(p);
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

  return corpusSummary;
}
