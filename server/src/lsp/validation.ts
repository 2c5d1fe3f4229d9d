// The validation scheduler: diagnostics are pushed after open (right away), after changes (debounced
// per document), and for every open document after a settings or project-file change. A newer
// request for the same document makes an older one stale: it is dropped before publishing.
//
// The wait after a change lets a burst of keystrokes cost one analysis. What a wasted analysis
// costs is what the document's last one took, so the wait is twice that, between 50 and 200 ms: an
// ordinary article (an analysis of ~10 ms, on the main thread) is re-checked 50 ms after the last
// keystroke.
// A big document (read by the analysis worker) is not waited for: its analysis starts at once when
// the worker is free, and while the worker reads one version, only the newest later version waits
// its turn (offThread.ts). A burst of keystrokes then costs at most one analysis under way and one
// waiting, the main thread stays free, and the diagnostics come one analysis after the last
// keystroke instead of a debounce plus an analysis.
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export const CHANGE_DEBOUNCE_MS = 200;
export const MIN_DEBOUNCE_MS = 50;

export interface ValidationDeps<A> {
  /** The open document of this URI (undefined once closed). */
  document(uri: string): TextDocument | undefined;
  /** Documents that are not waited for (big ones, read by the analysis worker). */
  noDebounce(doc: TextDocument): boolean;
  /** Before the analysis of a validation (`seq`): a huge document's first look. */
  before?(uri: string, seq: number): Promise<void>;
  /** The analysis of the document's current version. */
  analysisOf(uri: string): Promise<{ doc: TextDocument; analysis: A } | null>;
  /** Its diagnostics. */
  diagnosticsOf(doc: TextDocument, analysis: A): Diagnostic[];
  send(params: PublishDiagnosticsParams): Promise<void>;
  error(message: string): void;
}

export class ValidationScheduler<A> {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly seqs = new Map<string, number>();
  private readonly published = new Set<string>();
  /** What was last published per document (version and diagnostics), to skip identical re-sends. */
  private readonly lastPublished = new Map<string, string>();
  private readonly lastAnalysisMs = new Map<string, number>();

  constructor(private readonly deps: ValidationDeps<A>) {}

  private debounceFor(doc: TextDocument): number {
    if (this.deps.noDebounce(doc)) return 0;
    const last = this.lastAnalysisMs.get(doc.uri);
    return last === undefined ? CHANGE_DEBOUNCE_MS : Math.min(CHANGE_DEBOUNCE_MS, Math.max(MIN_DEBOUNCE_MS, Math.round(2 * last)));
  }

  /** Schedules a validation: after `delay` ms, else right away for a document never published, else debounced. */
  validate(doc: TextDocument, delay?: number): void {
    const uri = doc.uri;
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    const seq = (this.seqs.get(uri) ?? 0) + 1;
    this.seqs.set(uri, seq);
    const wait = delay ?? (this.published.has(uri) ? this.debounceFor(doc) : 0);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri, seq);
      }, wait),
    );
  }

  /** Is validation `seq` still the latest of the document? */
  isCurrent(uri: string, seq: number): boolean {
    return this.seqs.get(uri) === seq;
  }

  hasPublished(uri: string): boolean {
    return this.published.has(uri);
  }

  /** The stamp of what was last published (`<version>|…`, or `first|<version>` for a first look). */
  lastStamp(uri: string): string | undefined {
    return this.lastPublished.get(uri);
  }

  /** Publishes diagnostics made outside a validation (a huge document's first look). */
  publishOther(uri: string, version: number, diagnostics: Diagnostic[], stamp: string): void {
    this.published.add(uri);
    this.lastPublished.set(uri, stamp);
    void this.deps.send({ uri, version, diagnostics });
  }

  private async run(uri: string, seq: number): Promise<void> {
    try {
      const started = performance.now();
      await this.deps.before?.(uri, seq);
      const r = await this.deps.analysisOf(uri);
      if (!r || !this.isCurrent(uri, seq)) return;
      const diagnostics = this.deps.diagnosticsOf(r.doc, r.analysis);
      this.lastAnalysisMs.set(uri, performance.now() - started);
      // stale: the document changed or closed meanwhile (a newer validation is scheduled)
      if (!this.isCurrent(uri, seq) || this.deps.document(uri)?.version !== r.doc.version) return;
      // a re-check (e.g. after the corpus index changed) that finds the same thing publishes nothing
      const stamp = `${r.doc.version}|${JSON.stringify(diagnostics)}`;
      if (this.lastPublished.get(uri) === stamp) return;
      this.lastPublished.set(uri, stamp);
      this.published.add(uri);
      await this.deps.send({ uri, version: r.doc.version, diagnostics });
    } catch (err) {
      this.deps.error(`Corpus Curator: validation of ${uri} failed: ${(err as Error)?.stack ?? err}`);
    }
  }

  /** A document closed: its validation under way is dropped, and its diagnostics cleared. */
  close(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    this.seqs.set(uri, (this.seqs.get(uri) ?? 0) + 1); // cancels a validation under way
    this.lastAnalysisMs.delete(uri);
    this.lastPublished.delete(uri);
    if (this.published.delete(uri)) void this.deps.send({ uri, diagnostics: [] });
    this.seqs.delete(uri);
  }

  /** Shutdown: no validation runs any more. */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
