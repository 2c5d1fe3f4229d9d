// The workspace's corpus: which files are articles (corpusCurator.include, compiled once per
// setting), the first scan, configuration changes, file events (and the files a watcher missed in
// a new folder), handed to the index service (worker threads).
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver';
import { Minimatch } from 'minimatch';
import type { Config } from '../engine/config';
import type { IndexService } from '../index/service';
import { listTxtFiles } from '../io/files';
import { yieldToEvents } from '../io/events';
import { fsPathOf } from './commands';

export interface WorkspaceCorpusDeps {
  service: IndexService;
  /** The workspace folders (absolute paths, longest first). */
  workspaceFolders(): readonly string[];
  /** Where the index caches its summaries, if the client gave a storage folder. */
  storagePath(): string | undefined;
  /** Settings and config of the first workspace folder: what the index summarizes with. */
  folderSettings(): Promise<{ include: string[]; config: Config; maxFileSize: number }>;
  /** Called by dispose, before the service stops. */
  onDispose?(): void;
}

export class WorkspaceCorpus {
  private matcherKey: string | undefined;
  private matchers: IncludeMatcher[] = [];
  // A file watcher can miss files: those written into a new folder before the watcher has reached
  // it (a folder of articles copied in, a crawler writing its output). A second after the last
  // creation reported in a folder, the folder is listed and what the index lacks is added.
  private readonly touchedDirs = new Set<string>();
  private reconcileTimer: NodeJS.Timeout | undefined;
  /** The settings reads that hand the service its configuration, one after another (see withSettings). */
  private settingsQueue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: WorkspaceCorpusDeps) {}

  private folderSettings() {
    return this.deps.folderSettings();
  }

  /**
   * Reads the folder's settings once every read started before has been applied, then applies this
   * one. Concurrent reads could end out of order (one looks for the project file on disk, the next
   * finds it known): a rule turned off and straight back on would leave the index with "off", the
   * answer of whichever read ended last, while the editor shows "on".
   */
  private withSettings<T>(apply: (s: { include: string[]; config: Config; maxFileSize: number }) => T): Promise<T> {
    const p = this.settingsQueue.then(async () => apply(await this.folderSettings()));
    this.settingsQueue = p.then(
      () => undefined,
      () => undefined,
    );
    return p;
  }

  /** Is this file a corpus article (a .txt file matching corpusCurator.include)? */
  isArticle(file: string, include: string[]): boolean {
    const f = path.sep === '/' ? file : file.split(path.sep).join('/');
    if (f.length < 4 || f.slice(-4).toLowerCase() !== '.txt') return false;
    // the globs compiled once per setting (compiling them per file cost 0.5 s of the main thread for 100k files)
    const key = include.join('\u0000');
    if (this.matcherKey !== key) {
      this.matchers = include.map(compileInclude);
      this.matcherKey = key;
    }
    return this.matchers.some((m) => m.match(f));
  }

  /** Lists the workspace's articles and (re)starts the index over them. */
  async scan(): Promise<void> {
    const folders = this.deps.workspaceFolders();
    if (folders.length === 0) return;
    const { include } = await this.withSettings((s) => {
      this.deps.service.configure({ storagePath: this.deps.storagePath(), config: s.config, maxBytes: s.maxFileSize });
      return s;
    });
    // the cache is read while the folders are listed
    void this.deps.service.preloadCache();
    const files = (await Promise.all(folders.map((f) => listTxtFiles(f).catch(() => [] as string[])))).flat();
    // (a few thousand at a time: matching 100k paths in one go held the main thread over a second)
    const articles: string[] = [];
    let k = 0;
    for (const f of new Set(files)) {
      if (this.isArticle(f, include)) articles.push(f);
      if (++k % 2000 === 0) await yieldToEvents();
    }
    await this.deps.service.start(articles);
  }

  /** The settings or a project file changed: the index re-summarizes with the new config. */
  async configChanged(): Promise<void> {
    if (this.deps.workspaceFolders().length === 0) return;
    // (the re-read that setConfig queues is waited for outside the queue of reads)
    const { done } = await this.withSettings((s) => ({ done: this.deps.service.setConfig(s.config) }));
    await done;
  }

  /** workspace/didChangeWatchedFiles: articles created, changed or deleted (and deleted folders). */
  async filesChanged(changes: ReadonlyArray<{ uri: string; type: number }>): Promise<void> {
    const service = this.deps.service;
    const updates: Array<{ file: string; type: 'created' | 'changed' | 'deleted' }> = [];
    let include: string[] | undefined;
    for (const c of changes) {
      const file = fsPathOf(c.uri);
      if (!file) continue;
      if (c.type === FileChangeType.Deleted && !file.toLowerCase().endsWith('.txt')) {
        // a deleted folder: every indexed article under it goes
        const prefix = file.endsWith(path.sep) ? file : file + path.sep;
        for (const f of service.index.files()) if (f.startsWith(prefix)) updates.push({ file: f, type: 'deleted' });
        continue;
      }
      include ??= (await this.folderSettings()).include;
      if (!this.isArticle(file, include)) continue;
      updates.push({ file, type: c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Changed ? 'changed' : 'deleted' });
      if (c.type === FileChangeType.Created) this.reconcileLater(path.dirname(file));
    }
    if (updates.length) await service.update(updates);
  }

  private reconcileLater(dir: string): void {
    this.touchedDirs.add(dir);
    if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
    this.reconcileTimer = setTimeout(() => void this.reconcile(), 1000);
  }

  private async reconcile(): Promise<void> {
    const service = this.deps.service;
    this.reconcileTimer = undefined;
    const dirs = [...this.touchedDirs];
    this.touchedDirs.clear();
    // (after what the index is already doing: the files reported are in it by then)
    await service.whenIdle();
    const { include } = await this.folderSettings();
    const missing: Array<{ file: string; type: 'created' }> = [];
    for (const dir of dirs) {
      // (the folder's own files: each folder a creation was reported in is listed, not the tree under it)
      const files = await listTxtFiles(dir, { deep: false }).catch(() => [] as string[]);
      for (const f of files) if (this.isArticle(f, include) && !service.index.has(f)) missing.push({ file: f, type: 'created' });
    }
    if (missing.length) await service.update(missing);
  }

  async dispose(): Promise<void> {
    if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
    this.deps.onDispose?.();
    await this.deps.service.dispose();
  }
}

/** One include glob, compiled. */
export interface IncludeMatcher {
  match(file: string): boolean;
}

/** Folders whose answer a split glob keeps (a corpus has a few hundred; past this, the memo starts again). */
const FOLDER_MEMO_MAX = 10_000;

/**
 * An include glob as minimatch reads it (dot: false, nocase). A glob `FOLDERS/LAST` whose last part
 * names files within one folder (no `**`, no braces, not negated) is matched as two globs, the
 * folder's answer kept per folder: a file matches when its folder matches FOLDERS and its name LAST
 * (minimatch matches a path part by part; LAST can only be the last part). Matching 100k paths
 * whole cost 0.35-0.45 s of the server's thread at each start; most share a few hundred folders.
 */
export function compileInclude(glob: string): IncludeMatcher {
  const opts = { dot: false, nocase: true };
  const whole = new Minimatch(glob, opts);
  const cut = glob.lastIndexOf('/');
  const last = glob.slice(cut + 1);
  const folders = glob.slice(0, cut);
  if (cut <= 0 || /[{}\\]/.test(glob) || /^[!#]/.test(glob) || last.includes('**') || last === '' || folders === '' || whole.negate || whole.comment) return whole;
  // (`FOLDERS/**` also matches FOLDERS itself in the whole glob: `**` may match no part at all)
  const dirGlobs = [new Minimatch(folders, opts)];
  if (folders.endsWith('/**') && folders.length > 3) dirGlobs.push(new Minimatch(folders.slice(0, -3), opts));
  else if (folders === '**') return whole;
  const nameGlob = new Minimatch(last, opts);
  // (a file name is one part of the path: minimatch's own regular expression for it answers as
  // match() does, without match()'s split and walk per file, a fifth of a warm start's listing of 100k)
  const nameRe = nameGlob.makeRe();
  const memo = new Map<string, boolean>();
  return {
    match(file: string): boolean {
      const slash = file.lastIndexOf('/');
      if (slash <= 0) return whole.match(file);
      const dir = file.slice(0, slash);
      let ok = memo.get(dir);
      if (ok === undefined) {
        if (memo.size >= FOLDER_MEMO_MAX) memo.clear();
        ok = dirGlobs.some((g) => g.match(dir));
        memo.set(dir, ok);
      }
      return ok && (nameRe ? nameRe.test(file.slice(slash + 1)) : nameGlob.match(file.slice(slash + 1)));
    },
  };
}
