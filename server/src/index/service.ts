// IndexService: the corpus index for the language server. Owns a CorpusIndex, fills it from the
// cache and from index workers (worker_threads running dist/indexWorker.js), follows file changes,
// reports progress, and saves the cache (debounced). The server's main thread never reads or
// summarizes a whole corpus: full scans and multi-file changes go to workers; only a single changed
// file is summarized inline.
//
// Usage (language server):
//   const service = new IndexService({ storagePath, config });
//   service.on('progress', (p: IndexProgressEvent) => …);   // {done, total, phase}
//   service.on('updated', (u: IndexUpdateEvent) => …);      // {files, removed, size}: re-check open docs
//   service.on('error', (e: Error) => …);
//   await service.start(files);                             // absolute paths of the corpus's .txt files
//   service.update([{ file, type: 'changed' }]);            // from workspace/didChangeWatchedFiles
//   rule context: { corpus: service.index }
//   await service.dispose();                                // on shutdown: stops workers, saves the cache
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_CONFIG, relativeKey, type Config } from '../engine/config';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/settings';
import { CorpusIndex, type DocSummary } from './corpus';
import { CACHE_FILE, configKey, engineStamp, loadCache, saveCache, type CacheIdentity } from './cache';
import { runIndexJob, type IndexRequest, type JobFile, type WorkerMessage } from './job';
import { yieldToEvents } from '../io/events';

export type FileChangeType = 'created' | 'changed' | 'deleted';

export interface FileChange {
  /** Absolute path. */
  file: string;
  type: FileChangeType;
}

export interface IndexServiceOptions {
  /** Folder for the cache file (the client's `initializationOptions.storagePath`); no cache when absent. */
  storagePath?: string;
  /** The worker bundle; default `path.join(__dirname, 'indexWorker.js')` (server.js and indexWorker.js are both in dist/). */
  workerPath?: string;
  /** Engine configuration summaries are made with (rules, options, project boilerplate, ignores). */
  config?: Config;
  /** Files larger than this are not indexed (default 5 MiB, as `corpusCurator.maxFileSize`). */
  maxBytes?: number;
  /** Worker threads for a scan (default: one per CPU, at most 4; they run at a lower priority than the server's thread). */
  workers?: number;
  /** Summaries per progress batch (default 64). */
  batchSize?: number;
  /** Delay before the cache is saved after a change (default 3000 ms). */
  saveDelayMs?: number;
  /** Up to this many created/changed files (of up to 512 KB) are summarized inline; more go to a worker (default 1). */
  inlineMax?: number;
  /**
   * A worker that sends no message for this long while it has files is taken as stuck: it is
   * terminated and replaced, and its files are tried again (default 30000 ms).
   */
  workerTimeoutMs?: number;
  /** A file a worker fails on (stuck, exits, throws) this many times, alone, is skipped (default 2). */
  workerRetries?: number;
  /**
   * A scan of at least this many files with a cache or an index to compare with has stat threads
   * check every file while the cache loads; a smaller one leaves it to the index workers (default 256).
   */
  statMinFiles?: number;
}

export interface IndexProgressEvent {
  /** Files handled (indexed, unchanged, skipped as not articles, gone); not those a worker failed on. */
  done: number;
  total: number;
  phase: 'scanning' | 'indexing' | 'done' | 'cancelled';
  /** Files skipped because an index worker failed on them every time (absent when none). */
  failed?: number;
  /**
   * When a pass ends ('done', 'cancelled'): the files it read and summarized; the others were
   * unchanged since the index or its cache last saw them (a corpus opened again reads none).
   */
  read?: number;
}

export interface IndexUpdateEvent {
  /** Files added or re-summarized. */
  files: string[];
  /** Files taken out of the index. */
  removed: string[];
  /** Files in the index now. */
  size: number;
}

export interface IndexRunStats {
  /** Files asked for. */
  total: number;
  /** Taken from the cache or the index without reading (mtime and size unchanged). */
  reused: number;
  /** Read and summarized. */
  read: number;
  /** Not articles (too large, binary…), see IndexService.skipped. */
  skipped: number;
  /** Taken out of the index (gone, or not in the file list any more). */
  removed: number;
  cancelled: boolean;
  ms: number;
  /** Worker threads the files were shared among (0: none was needed). */
  workers: number;
}

export declare interface IndexService {
  on(event: 'progress', listener: (p: IndexProgressEvent) => void): this;
  on(event: 'updated', listener: (u: IndexUpdateEvent) => void): this;
  on(event: 'error', listener: (e: Error) => void): this;
  emit(event: 'progress', p: IndexProgressEvent): boolean;
  emit(event: 'updated', u: IndexUpdateEvent): boolean;
  emit(event: 'error', e: Error): boolean;
}

interface RunningJob {
  /** The job's worker slots: the worker thread each runs now (replaced when one fails), its request id. */
  workers: Array<{ worker: Worker | undefined; id: number }>;
  cancelled: boolean;
}

export class IndexService extends EventEmitter {
  /** The index the corpus rules read (RuleContext.corpus). */
  readonly index = new CorpusIndex();
  /** Files that are not indexed, with the reason. */
  readonly skipped = new Map<string, string>();
  /** Statistics of the last scan or multi-file update. */
  lastRun: IndexRunStats | undefined;

  private config: Config;
  private opts: Required<Omit<IndexServiceOptions, 'storagePath' | 'config'>> & { storagePath?: string };
  private identity: CacheIdentity | undefined;
  /** The cache being read by preloadCache(), for the next scan. */
  private preloaded: Promise<{ storage: string; id: CacheIdentity; summaries: Map<string, DocSummary> }> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Scans queued or running, and worker jobs: what cancel() stops. */
  private readonly jobs = new Set<RunningJob>();
  private progress: IndexProgressEvent = { done: 0, total: 0, phase: 'done' };
  private pending = new Map<string, FileChangeType>();
  private pendingScheduled = false;
  private saveTimer: NodeJS.Timeout | undefined;
  private dirty = false;
  private saving: Promise<void> = Promise.resolve();
  private disposed = false;
  private nextJobId = 1;
  private blocksTimer: NodeJS.Immediate | undefined;

  constructor(opts: IndexServiceOptions = {}) {
    super();
    this.config = opts.config ?? DEFAULT_CONFIG;
    this.opts = {
      storagePath: opts.storagePath,
      workerPath: opts.workerPath ?? path.join(__dirname, 'indexWorker.js'),
      maxBytes: opts.maxBytes ?? DEFAULT_MAX_FILE_SIZE,
      workers: Math.max(1, Math.floor(opts.workers ?? Math.min(MAX_WORKERS, availableCpus()))),
      batchSize: opts.batchSize ?? 64,
      saveDelayMs: opts.saveDelayMs ?? 3000,
      inlineMax: opts.inlineMax ?? 1,
      workerTimeoutMs: opts.workerTimeoutMs ?? 30_000,
      workerRetries: Math.max(1, opts.workerRetries ?? 2),
      statMinFiles: opts.statMinFiles ?? STAT_MIN_FILES,
    };
    // an EventEmitter without an 'error' listener throws on emit; errors here are reported, not fatal
    this.on('error', () => undefined);
  }

  /** The current indexing state (for a status bar or a corpus summary request). */
  get indexing(): IndexProgressEvent {
    return { ...this.progress };
  }

  /**
   * Makes the index hold exactly these files: loads the cache (first call), reuses every summary
   * whose file has the same mtime and size, has workers read the rest, drops files not listed.
   * A scan already running is cancelled. Resolves when this scan ends (or is cancelled).
   */
  start(files: readonly string[]): Promise<IndexRunStats> {
    this.cancel();
    const list = [...new Set(files.map(absolute))];
    const job: RunningJob = { workers: [], cancelled: false };
    this.jobs.add(job);
    return this.enqueue(() => this.scan(list, job), emptyStats(list.length)).finally(() => this.jobs.delete(job));
  }

  /**
   * Settings known only after construction (the language server learns its storage folder at
   * initialize): the cache folder, the size limit and the configuration used by the next scan.
   */
  configure(opts: { storagePath?: string; maxBytes?: number; config?: Config }): void {
    if (opts.storagePath !== undefined) this.opts.storagePath = opts.storagePath;
    if (opts.maxBytes !== undefined && opts.maxBytes >= 0) this.opts.maxBytes = opts.maxBytes;
    if (opts.config) {
      // the whole configuration, also when only its root or ignored findings differ: a setConfig
      // with the same configuration right after (a language client's first settings push) must find
      // nothing changed, not re-read every file of a warm start because the root went from none to
      // the folder
      if (configKey(opts.config) !== configKey(this.config)) this.identity = undefined;
      this.config = opts.config;
    }
  }

  /**
   * Starts reading the cache while the caller lists the workspace's files (a warm start of 100k
   * articles spent half a second listing them, then a second and a half parsing the cache): the next
   * scan takes these summaries if the storage folder and the cache identity are still the same. Only
   * for an empty index, whose first scan reads the cache anyway. Resolves when the cache is read
   * (callers need not wait).
   */
  preloadCache(): Promise<void> {
    const storage = this.opts.storagePath;
    if (!storage || this.index.size() > 0 || this.disposed) return Promise.resolve();
    const loaded = this.cacheIdentity().then(async (id) => ({ storage, id, summaries: await this.readCache(storage, id) }));
    this.preloaded = loaded;
    // (a failure here is the scan's to report: it reads the cache again)
    return loaded.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Cancels scans and worker jobs, queued or running (summaries already received stay in the index). */
  cancel(): void {
    for (const job of this.jobs) {
      if (job.cancelled) continue;
      job.cancelled = true;
      for (const w of job.workers) w.worker?.postMessage({ type: 'cancel', id: w.id });
      // a worker stuck in a loop never reads the message: whatever still runs after a grace period ends
      setTimeout(() => {
        for (const w of job.workers) void w.worker?.terminate();
      }, CANCEL_GRACE_MS).unref();
    }
  }

  /**
   * File-change events (e.g. workspace/didChangeWatchedFiles). Deleted files leave the index;
   * created/changed ones are re-summarized: inline for a single file, in a worker for more.
   * Changes arriving while a scan runs are applied after it, coalesced.
   */
  update(changes: readonly FileChange[]): Promise<void> {
    for (const c of changes) this.pending.set(path.resolve(c.file), c.type);
    if (this.pendingScheduled) return this.queue.then(() => undefined);
    this.pendingScheduled = true;
    return this.enqueue(async () => {
      this.pendingScheduled = false;
      const batch = this.pending;
      this.pending = new Map();
      await this.applyChanges(batch);
    }, undefined);
  }

  /**
   * A new configuration. When it changes what summaries hold (rules, options, boilerplate phrases),
   * every indexed file is summarized again; when only ignored findings changed, just the files concerned.
   */
  setConfig(config: Config): Promise<void> {
    const before = this.config;
    this.config = config;
    if (configKey(before) !== configKey(config)) {
      this.identity = undefined;
      // after whatever is queued (a scan still uses the old configuration): every file is read again
      return this.enqueue(async () => {
        const files = [...new Set([...this.index.files(), ...this.skipped.keys()])];
        this.lastRun = await this.runJob(files.map((file) => ({ file })), true);
        // saved at once, as a finished scan is: until then the cache on disk carries the previous
        // configuration, and a server that ends first (a window closed, a crash) leaves every file
        // to be read again at the next start
        if (!this.lastRun.cancelled) void this.flush();
      }, undefined);
    }
    const key = (i: { file: string; code: string; hash: string }) => `${i.file}\u0000${i.code}\u0000${i.hash}`;
    const was = new Set(before.ignore.map(key));
    const now = new Set(config.ignore.map(key));
    const touched = new Set<string>();
    for (const i of before.ignore) if (!now.has(key(i))) touched.add(i.file);
    for (const i of config.ignore) if (!was.has(key(i))) touched.add(i.file);
    if (touched.size === 0 && before.root === config.root) return Promise.resolve();
    return this.enqueue(async () => {
      const files = this.index.files().filter((f) => touched.has(relativeKey(config.root, f)) || before.root !== config.root);
      this.lastRun = await this.runJob(files.map((file) => ({ file })), true);
    }, undefined);
  }

  /** Saves the cache now (if anything changed since the last save). */
  flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    // saves run one after another, each writing the index as it is when it starts: an older save can
    // never land after a newer one
    this.saving = this.saving.then(async () => {
      const dir = this.opts.storagePath;
      if (!this.dirty || !dir) return;
      this.dirty = false;
      try {
        await saveCache(dir, await this.cacheIdentity(), this.index.all());
      } catch (e) {
        this.emit('error', new Error(`cannot save the index cache: ${(e as Error).message}`));
      }
    });
    return this.saving;
  }

  /** Stops workers, waits for queued work to settle, saves the cache. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.cancel();
    // a worker stuck in a loop would never see the cancel message: end them all now
    for (const job of this.jobs) for (const w of job.workers) void w.worker?.terminate();
    await this.queue.catch(() => undefined);
    await this.flush();
    this.removeAllListeners();
    this.on('error', () => undefined);
  }

  // ---- internals --------------------------------------------------------------------------------

  /** Resolves once every operation queued so far has run. */
  whenIdle(): Promise<void> {
    return this.queue.then(() => undefined, () => undefined);
  }

  /**
   * Runs operations one after another. A failing operation is reported as an 'error' event and its
   * promise resolves to `fallback`: callers may ignore the promises without unhandled rejections.
   */
  private enqueue<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    const p = this.queue.then(() => (this.disposed ? fallback : op())).catch((e: unknown) => {
      this.emit('error', e instanceof Error ? e : new Error(String(e)));
      return fallback;
    });
    this.queue = p;
    return p;
  }

  /** The cache's summaries: those preloadCache() read if it read this storage with this identity, else read now. */
  private async cachedSummaries(storage: string): Promise<Map<string, DocSummary>> {
    const pre = this.preloaded;
    this.preloaded = undefined;
    const id = await this.cacheIdentity();
    const got = pre && (await pre.catch(() => undefined));
    if (got && got.storage === storage && got.id.engine === id.engine && got.id.config === id.config) return got.summaries;
    return this.readCache(storage, id);
  }

  /** The cache's summaries as loadCache() reads them, its problems reported as the service's errors. */
  private readCache(storage: string, id: CacheIdentity): Promise<Map<string, DocSummary>> {
    return loadCache(storage, id, (problem) => this.emit('error', new Error(problem)));
  }

  private async cacheIdentity(): Promise<CacheIdentity> {
    if (!this.identity) this.identity = { engine: await engineStamp(this.opts.workerPath), config: configKey(this.config) };
    return this.identity;
  }

  private setProgress(p: IndexProgressEvent): void {
    this.progress = p;
    this.emit('progress', { ...p });
  }

  private scheduleSave(): void {
    this.dirty = true;
    if (!this.opts.storagePath || this.disposed) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flush(), this.opts.saveDelayMs);
    this.saveTimer.unref?.();
  }

  private async scan(files: string[], job: RunningJob): Promise<IndexRunStats> {
    const t0 = Date.now();
    if (job.cancelled) {
      this.setProgress({ done: 0, total: files.length, phase: 'cancelled' });
      return { ...emptyStats(files.length), cancelled: true };
    }
    this.setProgress({ done: 0, total: 0, phase: 'scanning' });
    const wanted = new Set(files);
    // files in the index but not in the list any more
    const removed: string[] = [];
    for (const f of this.index.files()) if (!wanted.has(f) && this.index.delete(f)) removed.push(f);
    for (const f of [...this.skipped.keys()]) if (!wanted.has(f)) this.skipped.delete(f);
    // Every file's mtime and size, from threads of their own while the cache loads and the index
    // takes its summaries (a warm start used to load, then have the index workers stat each file,
    // one after the other): only files that changed go to the index workers. Not on a first scan
    // (no cache, an empty index): every file is read then.
    const storage = this.opts.storagePath;
    const useCache = !!storage && files.some((f) => !this.index.has(f));
    if (!useCache) this.preloaded = undefined;
    let onDisk: Promise<FileStats | undefined> | undefined;
    if (files.length >= this.opts.statMinFiles && (this.index.size() > 0 || (!!storage && useCache && (await cacheExists(storage))))) {
      onDisk = statFiles(files, this.opts.workers, job).catch(() => undefined);
    }
    // what the cache knows, for files the index does not hold yet
    if (storage && useCache) {
      // the block keys of the summaries from the cache are built after, a slice at a time (see buildBlocksLater)
      if (this.index.size() === 0) this.index.deferBlocks();
      const cached = await this.cachedSummaries(storage);
      const fromCache: string[] = [];
      for (const f of files) {
        const s = cached.get(f);
        if (s && !this.index.has(f)) {
          this.index.set(s);
          // a few hundred at a time: ten thousand summaries in one go would hold the thread ~0.3 s
          if (fromCache.push(f) % 200 === 0) await yieldToEvents();
        }
      }
      // usable at once; the workers then check each file's mtime and size and re-read what changed
      if (fromCache.length) this.emit('updated', { files: fromCache, removed: [], size: this.index.size() });
      this.buildBlocksLater();
    }
    if (removed.length) {
      this.scheduleSave();
      this.emit('updated', { files: [], removed, size: this.index.size() });
    }
    let items: JobFile[] | undefined;
    let unchanged = 0;
    const disk = onDisk && (await onDisk);
    if (disk && !job.cancelled) {
      // a file whose mtime and size are what the index holds is not read; the others (changed, gone,
      // no longer a regular file) go to the index workers, which say what became of them
      items = [];
      for (let i = 0; i < files.length; i++) {
        const s = this.index.get(files[i]);
        if (disk.kinds[i] === STAT_FILE && s && s.mtimeMs === disk.mtimes[i] && s.size === disk.sizes[i]) unchanged++;
        else items.push(known(files[i], s));
      }
    }
    const stats = await this.runJob(items ?? files.map((file) => known(file, this.index.get(file))), false, job, unchanged);
    // a finished scan is saved at once, not a few seconds later: an editor that closes soon after
    // gives shutdown two seconds, less than saving 100k summaries takes, and the next start would
    // read every file again
    if (!stats.cancelled) void this.flush();
    stats.removed += removed.length;
    stats.ms = Date.now() - t0;
    this.lastRun = stats;
    return stats;
  }

  /**
   * Completes the index's block keys in slices of a few milliseconds, each in a turn of the event
   * loop of its own (requests and worker messages go between them); a question about block keys
   * meanwhile completes them at once.
   */
  private buildBlocksLater(): void {
    if (this.blocksTimer || this.index.blocksReady()) return;
    const step = () => {
      this.blocksTimer = undefined;
      if (this.disposed || this.index.buildBlocks(BLOCKS_SLICE_MS)) return;
      this.blocksTimer = setImmediate(step);
    };
    this.blocksTimer = setImmediate(step);
  }

  private async applyChanges(changes: Map<string, FileChangeType>): Promise<void> {
    const removed: string[] = [];
    const toRead: JobFile[] = [];
    for (const [file, type] of changes) {
      if (type === 'deleted') {
        this.skipped.delete(file);
        if (this.index.delete(file)) removed.push(file);
      } else {
        // a 'created' file may be one the index knows (an editor's save-by-rename); mtime and size decide
        toRead.push(known(file, this.index.get(file)));
      }
    }
    if (removed.length) {
      this.scheduleSave();
      this.emit('updated', { files: [], removed, size: this.index.size() });
    }
    if (toRead.length === 0) return;
    if (toRead.length <= this.opts.inlineMax && (await smallFiles(toRead))) {
      await this.inline(toRead);
      return;
    }
    this.lastRun = await this.runJob(toRead, false);
  }

  /** One or two files, summarized on this thread (a single article takes milliseconds). */
  private async inline(files: JobFile[]): Promise<void> {
    const id = this.nextJobId++;
    const changed: string[] = [];
    const removed: string[] = [];
    await runIndexJob(
      { type: 'index', id, files, config: this.config, maxBytes: this.opts.maxBytes },
      (m) => {
        if (m.type === 'batch') this.applyBatch(m.summaries, m.skipped, m.missing, changed, removed);
      },
      () => false,
    );
    if (changed.length || removed.length) this.emit('updated', { files: changed, removed, size: this.index.size() });
  }

  private applyBatch(
    summaries: DocSummary[],
    skipped: Array<{ file: string; reason: string }>,
    missing: string[],
    changed: string[],
    removed: string[],
  ): void {
    for (const s of summaries) {
      this.index.set(s);
      this.skipped.delete(s.file);
      changed.push(s.file);
    }
    for (const s of skipped) {
      this.skipped.set(s.file, s.reason);
      if (this.index.delete(s.file)) removed.push(s.file);
    }
    for (const f of missing) {
      this.skipped.delete(f);
      if (this.index.delete(f)) removed.push(f);
    }
    if (summaries.length || skipped.length || missing.length) this.scheduleSave();
  }

  /**
   * Runs files through workers (up to `workers` threads, each given a chunk of files at a time),
   * applying batches as they come. `forceRead` ignores known mtimes.
   */
  private runJob(files: JobFile[], forceRead: boolean, job: RunningJob = { workers: [], cancelled: false }, unchanged = 0): Promise<IndexRunStats> {
    const t0 = Date.now();
    const stats = emptyStats(files.length + unchanged);
    // (`unchanged`: files of this pass already found unchanged, counted as done and reused)
    stats.reused = unchanged;
    const items = forceRead ? files.map((f) => ({ file: f.file })) : files;
    if (items.length === 0 || job.cancelled) {
      stats.cancelled = job.cancelled;
      this.setProgress({ done: unchanged, total: items.length + unchanged, phase: job.cancelled ? 'cancelled' : 'done', read: 0 });
      return Promise.resolve(stats);
    }
    const n = Math.max(1, Math.min(this.opts.workers, Math.ceil(items.length / 32)));
    // the files go out a chunk at a time to whichever worker is free: the workers end together
    // however the files' sizes fall, and no worker holds the whole list
    const chunkSize = Math.max(16, Math.min(256, Math.ceil(items.length / (n * 4))));
    let next = 0;
    /** Files of a chunk a worker failed on, not yet reported: tried again one at a time. */
    const retry: JobFile[] = [];
    /** How often a worker failed while handling a file alone. */
    const failures = new Map<string, number>();
    let failed = 0;
    /** Files skipped one after another with nothing handled in between: past a few, the workers are broken. */
    let streak = 0;
    let giveUp: Error | undefined;
    this.jobs.add(job);
    let done = unchanged;
    const total = items.length + unchanged;
    stats.workers = n;
    const progress = (phase: IndexProgressEvent['phase']) => {
      const p: IndexProgressEvent = failed ? { done, total, phase, failed } : { done, total, phase };
      if (phase === 'done' || phase === 'cancelled') p.read = stats.read;
      this.setProgress(p);
    };
    this.setProgress({ done, total, phase: 'indexing' });
    // A slot is one worker thread at a time: a worker that stops answering (no message for
    // workerTimeoutMs while it has files), exits or throws is terminated and replaced; the files it
    // had not reported go to the retry list, each then alone, and a file a worker fails on
    // `workerRetries` times alone is skipped (reported in `skipped` and in the progress's `failed`).
    const runSlot = () =>
      new Promise<void>((resolve, reject) => {
        const slot: { worker: Worker | undefined; id: number } = { worker: undefined, id: 0 };
        job.workers.push(slot);
        let finished = false;
        let timer: NodeJS.Timeout | undefined;
        let pending: { files: JobFile[]; alone: boolean; reported: Set<string> } | undefined;
        const finish = (err?: Error) => {
          if (finished) return;
          finished = true;
          if (timer) clearTimeout(timer);
          if (slot.worker) void slot.worker.terminate();
          slot.worker = undefined;
          if (err) reject(err);
          else resolve();
        };
        const arm = () => {
          if (timer) clearTimeout(timer);
          timer = undefined;
          if (!pending || finished) return;
          const w = slot.worker;
          timer = setTimeout(() => {
            if (w && w === slot.worker) failed_(w, `no answer for ${(this.opts.workerTimeoutMs / 1000).toFixed(1)} s`);
          }, this.opts.workerTimeoutMs);
          timer.unref?.();
        };
        const dispatch = () => {
          if (finished) return;
          pending = undefined;
          if (job.cancelled) return finish();
          if (giveUp) return finish(giveUp);
          let files: JobFile[];
          let alone = false;
          if (retry.length) {
            files = [retry.shift()!];
            alone = true;
          } else if (next < items.length) {
            files = items.slice(next, next + chunkSize);
            next += files.length;
          } else {
            return finish();
          }
          slot.id = this.nextJobId++;
          pending = { files, alone, reported: new Set() };
          const req: IndexRequest = { type: 'index', id: slot.id, files, config: this.config, maxBytes: this.opts.maxBytes, batchSize: alone ? 1 : this.opts.batchSize };
          slot.worker!.postMessage(req);
          arm();
        };
        /** The worker `w` failed: replace it and put back the files it had not reported. */
        const failed_ = (w: Worker, reason: string, ready = true) => {
          if (finished || w !== slot.worker) return;
          slot.worker = undefined;
          if (timer) clearTimeout(timer);
          void w.terminate();
          if (job.cancelled) return finish();
          // a worker that fails before it is ready is no use to retry with (a missing or broken bundle)
          if (!ready) return finish(new Error(`index worker: ${reason}`));
          const p = pending;
          pending = undefined;
          const rest = p ? p.files.filter((f) => !p.reported.has(f.file)) : [];
          if (p?.alone && rest.length) {
            const f = rest[0];
            const count = (failures.get(f.file) ?? 0) + 1;
            failures.set(f.file, count);
            if (count >= this.opts.workerRetries) {
              const changed: string[] = [];
              const removed: string[] = [];
              this.applyBatch([], [{ file: f.file, reason: `the index worker failed on this file ${count} times (${reason})` }], [], changed, removed);
              stats.skipped++;
              stats.removed += removed.length;
              failed++;
              if (removed.length) this.emit('updated', { files: [], removed, size: this.index.size() });
              this.emit('error', new Error(`index worker failed on ${f.file} ${count} times (${reason}); the file is skipped`));
              if (++streak >= MAX_FAILED_STREAK) giveUp ??= new Error(`index workers failed on ${streak} files in a row (${reason}); indexing stopped`);
            } else {
              retry.push(f);
            }
          } else if (rest.length) {
            retry.push(...rest);
            this.emit('error', new Error(`index worker: ${reason}; retrying ${rest.length} file(s) in a new worker`));
          }
          if (!job.cancelled) progress('indexing');
          if (giveUp) return finish(giveUp);
          start();
        };
        const start = () => {
          if (finished) return;
          let worker: Worker;
          try {
            worker = new Worker(this.opts.workerPath);
          } catch (e) {
            finish(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          slot.worker = worker;
          let ready = false;
          worker.on('message', (m: WorkerMessage) => {
            if (worker !== slot.worker || finished) return;
            if (m.type === 'ready') {
              ready = true;
              dispatch();
              return;
            }
            if (m.id !== slot.id || !pending) return;
            arm();
            if (m.type === 'batch') {
              const changed: string[] = [];
              const removed: string[] = [];
              this.applyBatch(m.summaries, m.skipped, m.missing, changed, removed);
              for (const s of m.summaries) pending.reported.add(s.file);
              for (const f of m.unchanged) pending.reported.add(f);
              for (const s of m.skipped) pending.reported.add(s.file);
              for (const f of m.missing) pending.reported.add(f);
              // (counted from batches: a worker that fails sends no 'done' for the files it did report)
              stats.read += m.summaries.length;
              stats.reused += m.unchanged.length;
              stats.skipped += m.skipped.length;
              stats.removed += removed.length;
              const handled = m.summaries.length + m.unchanged.length + m.skipped.length + m.missing.length;
              done += handled;
              if (handled) streak = 0;
              if (changed.length || removed.length) this.emit('updated', { files: changed, removed, size: this.index.size() });
              if (!job.cancelled) progress('indexing');
            } else if (m.type === 'done') {
              if (m.cancelled) stats.cancelled = true;
              dispatch();
            } else if (m.type === 'error') {
              failed_(worker, m.message.split('\n')[0], ready);
            }
          });
          worker.on('error', (e) => failed_(worker, e.message, ready));
          worker.on('exit', (code) => failed_(worker, `exited with code ${code}`, ready));
        };
        start();
      });
    const all = Promise.allSettled(Array.from({ length: n }, runSlot)).then((results) => {
      this.jobs.delete(job);
      if (job.cancelled) stats.cancelled = true;
      stats.ms = Date.now() - t0;
      progress(stats.cancelled ? 'cancelled' : 'done');
      const failedSlot = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failedSlot) throw failedSlot.reason instanceof Error ? failedSlot.reason : new Error(String(failedSlot.reason));
      return stats;
    });
    return all;
  }
}


/** A slice of the block keys' build after a warm start (buildBlocksLater). */
const BLOCKS_SLICE_MS = 8;

/** A scan of fewer files has the index workers stat them (one thread start fewer). */
const STAT_MIN_FILES = 256;

/** statFiles' kinds: a regular file, gone (or unreadable), something else. */
const STAT_FILE = 0;

interface FileStats {
  mtimes: Float64Array;
  sizes: Float64Array;
  kinds: Uint8Array;
}

// A stat thread: the files' mtimes, sizes and kinds as typed arrays (moved, not copied, to the main
// thread). Its own small script, not the index worker's bundle: it starts in milliseconds.
const STAT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const files = workerData.files;
const n = files.length;
const mtimes = new Float64Array(n), sizes = new Float64Array(n), kinds = new Uint8Array(n);
for (let i = 0; i < n; i++) {
  let st;
  try { st = statSync(files[i], { throwIfNoEntry: false }); } catch { st = undefined; }
  if (!st) kinds[i] = 1;
  else if (!st.isFile()) kinds[i] = 2;
  else { mtimes[i] = st.mtimeMs; sizes[i] = st.size; }
}
parentPort.postMessage({ mtimes, sizes, kinds }, [mtimes.buffer, sizes.buffer, kinds.buffer]);
`;

/**
 * Stats `files` in up to `threads` worker threads (the job's cancel or dispose ends them); rejects
 * when a thread fails (the caller then leaves the checks to the index workers).
 */
async function statFiles(files: readonly string[], threads: number, job: RunningJob): Promise<FileStats> {
  const n = Math.max(1, Math.min(threads, Math.ceil(files.length / 4096)));
  const per = Math.ceil(files.length / n);
  const out: FileStats = { mtimes: new Float64Array(files.length), sizes: new Float64Array(files.length), kinds: new Uint8Array(files.length) };
  await Promise.all(
    Array.from({ length: n }, (_, k) => {
      const from = k * per;
      const part = files.slice(from, from + per);
      return new Promise<void>((resolve, reject) => {
        if (job.cancelled) return reject(new Error('cancelled'));
        const worker = new Worker(STAT_WORKER, { eval: true, workerData: { files: part } });
        const slot = { worker: worker as Worker | undefined, id: 0 };
        job.workers.push(slot);
        let got = false;
        worker.once('message', (m: FileStats) => {
          got = true;
          out.mtimes.set(m.mtimes, from);
          out.sizes.set(m.sizes, from);
          out.kinds.set(m.kinds, from);
          resolve();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          slot.worker = undefined;
          if (!got) reject(new Error(`stat thread exited with code ${code}`));
        });
      });
    }),
  );
  return out;
}

async function cacheExists(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(path.join(dir, CACHE_FILE))).isFile();
  } catch {
    return false;
  }
}

/** How long a cancelled job's workers may take to stop before they are terminated. */
const CANCEL_GRACE_MS = 2000;

/** After this many files skipped in a row because workers failed on them, a job stops (the worker itself is broken). */
const MAX_FAILED_STREAK = 8;

/** Worker threads at most, whatever the number of CPUs (each holds the engine and a few files). */
const MAX_WORKERS = 4;

/** A file up to this size is summarized inline (tens of milliseconds); a bigger one goes to a worker. */
const INLINE_MAX_BYTES = 512 * 1024;

async function smallFiles(files: JobFile[]): Promise<boolean> {
  for (const f of files) {
    try {
      if ((await fs.stat(f.file)).size > INLINE_MAX_BYTES) return false;
    } catch {
      /* gone: the job reports it missing */
    }
  }
  return true;
}

function emptyStats(total: number): IndexRunStats {
  return { total, reused: 0, read: 0, skipped: 0, removed: 0, cancelled: false, ms: 0, workers: 0 };
}

function known(file: string, s: DocSummary | undefined): JobFile {
  return s && s.mtimeMs !== undefined && s.size !== undefined ? { file, mtimeMs: s.mtimeMs, size: s.size } : { file };
}

function availableCpus(): number {
  const f = (os as { availableParallelism?: () => number }).availableParallelism;
  return typeof f === 'function' ? f() : os.cpus().length;
}

/**
 * path.resolve(f), without its work for a path that is already absolute and normal (every path a
 * POSIX folder listing gives): resolving 100k such paths held a warm start's main thread a quarter second.
 */
export function absolute(f: string): string {
  return path.sep === '/' && f.charCodeAt(0) === 47 && !NOT_NORMAL.test(f) ? f : path.resolve(f);
}
/** A part `.` or `..`, a doubled separator, a trailing separator. */
const NOT_NORMAL = /(^|\/)\.\.?(\/|$)|\/\/|\/$/;
