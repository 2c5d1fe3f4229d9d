// Analysis of big documents off the language server's main thread. Reading a 1 MB article takes
// seconds; done on the main thread, every request (a hover in another file, shutdown) would wait
// behind it. A worker thread parses the text and runs the per-file rules; the main thread adds the
// corpus rules (they read the corpus index, which lives there). One worker; per document only the
// latest version waits its turn: a version superseded before it started is never analysed.
import { Worker } from 'node:worker_threads';
import type { Config } from '../engine/config';
import type { Article, Block, LineInfo } from '../model/types';
import type { Finding } from '../rules/types';
import type { OutlineFold, OutlineNode } from '../model/outline';
import { splitLines } from '../model/recognize';
import { keepTexts } from '../model/lineCache';
import { unpackFindings, type PackedFindings } from './transfer';

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
  /** The language of the messages, hovers and outline (the main thread's). */
  locale?: string;
}

export interface OffThreadResult {
  article: Article;
  findings: Finding[];
  /**
   * What follows the reply, worked out after it so that diagnostics do not wait for it: the outline
   * and the folds (null if the worker could not make them: the main thread then does). Never rejects.
   */
  extras: Promise<{ outline: OutlineNode[]; folds: OutlineFold[] } | null>;
  /**
   * A block's hover reason (the model's words for it, from scores that stay in the worker), asked of
   * the worker when a hover needs it: working them out for every block of every version took a 1 MB
   * article's worker some 75 ms a keystroke, during which the next version waited. Undefined once
   * the worker has read a newer version of the document (or for a block without a reason). Never rejects.
   */
  reason(block: number, line: number): Promise<string | undefined>;
}

/**
 * An Article as the worker sends it: without its text, its lines, and its blocks' texts and
 * reasons. The main thread has the text (it sent it): the lines are split again there (splitLines,
 * the parser's own function) and the strings rebuilt, instead of copying the document three times
 * through postMessage (a 1 MB article made a 5.9 MB message; 5 MB of short lines, 2.4M line objects).
 */
export interface WireArticle extends Omit<Article, 'text' | 'lines' | 'blocks' | 'headline' | 'kicker' | 'dateline' | 'byline'> {
  blocks: Array<Omit<Block, 'text' | 'reason'>>;
  /** Indexes into blocks (-1: none). */
  headline: number;
  kicker: number;
  dateline: number;
  byline: number;
}

export type OffThreadReply =
  | { id: number; ok: true; article: WireArticle; findings: PackedFindings }
  | { id: number; ok: false; error: string }
  | { id: number; extras: { outline: OutlineNode[]; folds: OutlineFold[] } | null }
  /** The answer to a ReasonRequest; `kept` false when the worker no longer holds that analysis. */
  | { reasonOf: number; reason: string | undefined; kept: boolean };

/** A block's hover reason, of the analysis `id` of document `uri` (the worker keeps each document's last one). */
export interface ReasonRequest {
  reasonOf: number;
  uri: string;
  id: number;
  block: number;
  /** The hovered line (0-based): a run's lines have reasons of their own (reasonAtLine). */
  line: number;
}

/** What the main thread sends the worker. */
export type OffThreadMessage = OffThreadRequest | ReasonRequest | { forget: string };

/** The Article without its strings (the worker's side). Reads no block's reason (a lazy getter). */
export function toWire(a: Article): WireArticle {
  const index = new Map<Block, number>();
  const blocks = a.blocks.map((b, i) => {
    index.set(b, i);
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(b)) if (k !== 'text' && k !== 'reason') o[k] = (b as unknown as Record<string, unknown>)[k];
    return o as unknown as Omit<Block, 'text' | 'reason'>;
  });
  const at = (b: Block | null) => (b ? index.get(b) ?? -1 : -1);
  return {
    hadBom: a.hadBom,
    date: a.date,
    blocks,
    headline: at(a.headline),
    kicker: at(a.kicker),
    dateline: at(a.dateline),
    byline: at(a.byline),
  };
}

/** The Article again, its strings taken from the document text the worker read (the main thread's side). */
export function fromWire(w: WireArticle, documentText: string, previous?: readonly LineInfo[]): Article {
  const text = w.hadBom && documentText.charCodeAt(0) === 0xfeff ? documentText.slice(1) : documentText;
  const lines: LineInfo[] = splitLines(text);
  // the lines an edit did not touch keep the last version's strings: the new copies die young
  // instead of each version's 1 MB of lines surviving into the old generation (keepTexts)
  if (previous) keepTexts(lines, previous);
  const blocks: Block[] = w.blocks.map((b) => {
    let t = lines[b.startLine].text;
    for (let i = b.startLine + 1; i <= b.endLine; i++) t += '\n' + lines[i].text;
    return { ...b, text: t } as Block;
  });
  const at = (i: number) => (i >= 0 ? blocks[i] : null);
  return { text, hadBom: w.hadBom, lines, blocks, headline: at(w.headline), kicker: at(w.kicker), dateline: at(w.dateline), byline: at(w.byline), date: w.date };
}

interface Job {
  uri: string;
  version: number;
  request: Omit<OffThreadRequest, 'id' | 'uri'>;
  resolve: (r: OffThreadResult | null) => void;
  reject: (e: Error) => void;
}

interface Running extends Job {
  id: number;
  /** Set once the reply came: who waits for the extras. */
  extrasArrived?: (x: { outline: OutlineNode[]; folds: OutlineFold[] } | null) => void;
}

export class OffThreadAnalyzer {
  private worker: Worker | undefined;
  private running: Running | undefined;
  private readonly waiting = new Map<string, Job>();
  private nextId = 1;
  /** Hover reasons asked of the worker, by request number. */
  private readonly reasonsAsked = new Map<number, (reason: string | undefined) => void>();
  /** Per document: the lines of its last analysis read back (fromWire's `previous`). */
  private readonly lastLines = new Map<string, readonly LineInfo[]>();
  private nextReason = 1;

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

  /** A block's hover reason in the analysis `id` of `uri` (OffThreadResult.reason). */
  private reasonOf(uri: string, id: number, block: number, line: number): Promise<string | undefined> {
    const w = this.worker;
    if (!w) return Promise.resolve(undefined); // the worker that made the analysis is gone
    return new Promise((resolve) => {
      const reasonOf = this.nextReason++;
      this.reasonsAsked.set(reasonOf, resolve);
      w.postMessage({ reasonOf, uri, id, block, line } satisfies ReasonRequest);
    });
  }

  private dropReasonsAsked(): void {
    for (const resolve of this.reasonsAsked.values()) resolve(undefined);
    this.reasonsAsked.clear();
  }

  /** The document closed: the worker drops what it kept about its lines. */
  forget(uri: string): void {
    this.lastLines.delete(uri);
    const old = this.waiting.get(uri);
    if (old) old.resolve(null);
    this.waiting.delete(uri);
    this.worker?.postMessage({ forget: uri });
  }

  dispose(): void {
    for (const j of this.waiting.values()) j.resolve(null);
    this.waiting.clear();
    this.running?.extrasArrived?.(null);
    this.running?.resolve(null);
    this.running = undefined;
    this.dropReasonsAsked();
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    const w = new Worker(this.script);
    w.on('message', (m: OffThreadReply) => {
      if ('reasonOf' in m) {
        const resolve = this.reasonsAsked.get(m.reasonOf);
        this.reasonsAsked.delete(m.reasonOf);
        resolve?.(m.kept ? m.reason : undefined);
        return;
      }
      const job = this.running;
      if (!job || job.id !== m.id) return;
      if ('extras' in m) {
        // the second message of a reply: the outline and the folds; the worker is free again
        this.running = undefined;
        job.extrasArrived?.(m.extras && { outline: m.extras.outline, folds: m.extras.folds });
        this.pump();
        return;
      }
      if (m.ok) {
        let article: Article, findings: Finding[];
        try {
          article = fromWire(m.article, job.request.text, this.lastLines.get(job.uri));
          this.lastLines.set(job.uri, article.lines);
          findings = unpackFindings(m.findings);
        } catch (e) {
          this.running = undefined;
          job.reject(e as Error);
          this.pump();
          return;
        }
        const extras = new Promise<{ outline: OutlineNode[]; folds: OutlineFold[] } | null>((resolve) => { job.extrasArrived = resolve; });
        job.resolve({ article, findings, extras, reason: (block, line) => this.reasonOf(job.uri, job.id, block, line) });
        return;
      }
      this.running = undefined;
      job.extrasArrived?.(null);
      job.reject(new Error(m.error));
      this.pump();
    });
    w.on('error', (e) => this.failed(e));
    w.on('exit', (code) => {
      if (this.worker === w) {
        this.worker = undefined;
        this.dropReasonsAsked();
      }
      if (code !== 0) this.failed(new Error(`the analysis worker stopped (exit code ${code})`));
    });
    return w;
  }

  private failed(e: Error): void {
    const job = this.running;
    this.running = undefined;
    this.worker = undefined;
    this.dropReasonsAsked();
    job?.extrasArrived?.(null); // the extras will not come: the main thread makes the outline itself
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
