// Analysis of big documents off the language server's main thread. Reading a 1 MB article takes
// seconds; done on the main thread, every request (a hover in another file, shutdown) would wait
// behind it. A worker thread parses the text and runs the per-file rules; the main thread adds the
// corpus rules (they read the corpus index, which lives there). One worker; per document only the
// latest version waits its turn: a version superseded before it started is never analysed.
import { Worker } from 'node:worker_threads';
import type { Config } from '../engine/config';
import type { Article } from '../model/types';
import type { Finding } from '../rules/types';
import type { OutlineFold, OutlineNode } from '../model/outline';
import { unpackFindings, withLines, type PackedFindings } from './transfer';

/** Documents at least this long (UTF-16 units) are analysed off the main thread. */
export const OFF_THREAD_CHARS = 150_000;

export interface OffThreadRequest {
  id: number;
  /** The document: the worker keeps what its lines' own text gave between its analyses. */
  uri: string;
  text: string;
  config: Config;
  file?: string;
  /** The corpus' line counts for this document's lines (key -> files), and the corpus' size. */
  frequency?: { size: number; counts: Array<[string, number]> };
}

export interface OffThreadResult {
  article: Article;
  findings: Finding[];
  outline: OutlineNode[];
  folds: OutlineFold[];
}

/** What the worker sends: the article without its lines, the findings packed (transfer.ts). */
export type OffThreadReply = { id: number; ok: true; article: Article; findings: PackedFindings; outline: OutlineNode[]; folds: OutlineFold[] } | { id: number; ok: false; error: string };

interface Job {
  uri: string;
  version: number;
  request: Omit<OffThreadRequest, 'id' | 'uri'>;
  resolve: (r: OffThreadResult | null) => void;
  reject: (e: Error) => void;
}

export class OffThreadAnalyzer {
  private worker: Worker | undefined;
  private running: (Job & { id: number }) | undefined;
  private readonly waiting = new Map<string, Job>();
  private nextId = 1;

  constructor(private readonly script: string) {}

  /**
   * The analysis of one version of a document. Resolves null when a newer version of the same
   * document was asked for before this one started (its answer would be stale).
   */
  analyze(uri: string, version: number, request: Omit<OffThreadRequest, 'id' | 'uri'>): Promise<OffThreadResult | null> {
    return new Promise((resolve, reject) => {
      const old = this.waiting.get(uri);
      if (old) old.resolve(null);
      this.waiting.set(uri, { uri, version, request, resolve, reject });
      this.pump();
    });
  }

  /** Is an analysis of this document waiting or under way? */
  busyWith(uri: string): boolean {
    return this.waiting.has(uri) || this.running?.uri === uri;
  }

  /** The document closed: the worker drops what it kept about its lines. */
  forget(uri: string): void {
    const old = this.waiting.get(uri);
    if (old) old.resolve(null);
    this.waiting.delete(uri);
    this.worker?.postMessage({ forget: uri });
  }

  dispose(): void {
    for (const j of this.waiting.values()) j.resolve(null);
    this.waiting.clear();
    this.running?.resolve(null);
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    const w = new Worker(this.script);
    w.on('message', (m: OffThreadReply) => {
      const job = this.running;
      if (!job || job.id !== m.id) return;
      this.running = undefined;
      if (m.ok) {
        let r: OffThreadResult;
        try {
          r = { article: withLines(m.article), findings: unpackFindings(m.findings), outline: m.outline, folds: m.folds };
        } catch (e) {
          job.reject(e as Error);
          this.pump();
          return;
        }
        job.resolve(r);
      } else job.reject(new Error(m.error));
      this.pump();
    });
    w.on('error', (e) => this.failed(e));
    w.on('exit', (code) => {
      if (this.worker === w) this.worker = undefined;
      if (code !== 0) this.failed(new Error(`the analysis worker stopped (exit code ${code})`));
    });
    return w;
  }

  private failed(e: Error): void {
    const job = this.running;
    this.running = undefined;
    this.worker = undefined;
    job?.reject(e);
    this.pump();
  }

  private pump(): void {
    if (this.running) return;
    const next = this.waiting.values().next();
    if (next.done) return;
    const job = next.value;
    this.waiting.delete(job.uri);
    const id = this.nextId++;
    this.running = { ...job, id };
    this.worker ??= this.start();
    this.worker.postMessage({ id, uri: job.uri, ...job.request } satisfies OffThreadRequest);
  }
}
