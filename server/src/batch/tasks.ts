// The CLI's batch work, file by file, as plain functions over plain data: the same functions run in
// the CLI's process (--jobs 1) and in its worker threads. Three passes over the files, so that no
// text or Article outlives its file:
//   1. templateKeys: the hashes of a file's short lines (the corpus counts them: a site's template);
//   2. analyzeFile: the file read with the corpus' line counts: its report, and its summary for the
//      corpus index;
//   3. corpusFile: for the few files the corpus rules can speak about (a copy elsewhere, a line that
//      recurs in enough files), the file read again with a snapshot of what the index says about it.
// Each pass reads the file from disk again: reading is cheap next to analysing, and memory stays
// bounded by the files in flight, not by the corpus.
import * as path from 'node:path';
import { analyze, analyzeArticle, CORPUS_RULE_CODES, knowledgeFor, withCorpusFindings, type Analysis } from '../engine/analyze';
import { parseArticle } from '../model/article';
import { hash32 } from '../text/similarity';
import type { Finding } from '../rules/types';
import { linesLookedAt } from '../rules/learned-boilerplate';
import { articleJson, diagnosticJson, type JsonDiagnostic } from '../engine/report';
import { findProjectRoot, loadProjectFile, mergeConfig, type Config } from '../engine/config';
import { readArticleFileSync } from '../io/files';
import { summarize, type DocProblems, type DocStats, type DocSummary } from '../index/corpus';
import { HashedLineCounts, keyHash, templateKeys } from '../model/frequency';
import type { CorpusView } from '../rules/types';

export type ArticleJson = ReturnType<typeof articleJson>;

/** A file that could not be analysed: unreadable (error) or not an article (skipped). */
export interface Unread {
  file: string;
  skipped?: string;
  error?: string;
}

export function readProblem(file: string, e: unknown): Unread {
  const code = (e as NodeJS.ErrnoException).code;
  return { file, error: `cannot read ${file}: ${code === 'EACCES' ? 'permission denied' : (e as Error).message}` };
}

/** A file's text (read with blocking calls: a thread reads one file after another here). */
function read(file: string, maxBytes: number): { text: string } | Unread {
  try {
    const r = readArticleFileSync(file, maxBytes);
    return r.text !== undefined ? { text: r.text } : { file, skipped: r.skipped };
  } catch (e) {
    return readProblem(file, e);
  }
}

// ---- configuration, cached per folder -----------------------------------------------------------

/**
 * The configuration of files: the defaults merged with the nearest `.corpus-curator.json`. The
 * project root is looked up once per folder (and a folder's answer serves its sub-folders' walk),
 * the project file read once per root.
 */
export class ConfigCache {
  private readonly rootOfDir = new Map<string, string>();
  private readonly configs = new Map<string, Promise<Config>>();

  constructor(private readonly report?: (message: string) => void) {}

  root(dir: string): string {
    const d = path.resolve(dir);
    let r = this.rootOfDir.get(d);
    if (r === undefined) {
      r = findProjectRoot(d) ?? '';
      this.rootOfDir.set(d, r);
    }
    return r;
  }

  configFor(file: string): Promise<Config> {
    const root = this.root(path.dirname(path.resolve(file)));
    let c = this.configs.get(root);
    if (!c) {
      c = (async () => {
        if (!root) return mergeConfig(undefined, undefined).config;
        const { project, problem } = await loadProjectFile(root);
        if (problem) this.report?.(`${path.join(root, '.corpus-curator.json')}: ${problem}; its settings are not used`);
        const { config, problems } = mergeConfig(undefined, project, root);
        for (const p of problems) this.report?.(p);
        return config;
      })();
      this.configs.set(root, c);
    }
    return c;
  }
}

// ---- pass 1 -------------------------------------------------------------------------------------

export interface KeysResult {
  file: string;
  unread?: Unread;
  /** keyHash of each distinct short line. */
  hashes?: Float64Array;
}

export async function keysTask(file: string, maxBytes: number): Promise<KeysResult> {
  const r = read(file, maxBytes);
  if (!('text' in r)) return { file, unread: r };
  const text = r.text.charCodeAt(0) === 0xfeff ? r.text.slice(1) : r.text;
  const keys = templateKeys(text);
  const hashes = new Float64Array(keys.size);
  let i = 0;
  for (const k of keys) hashes[i++] = keyHash(k);
  return { file, hashes };
}

// ---- pass 2 -------------------------------------------------------------------------------------

/** What every worker shares for passes 2 and 3. */
export interface Shared {
  /** Line counts of two files or more, by key hash (null when the corpus is a single file). */
  counts: { hashes: Float64Array; counts: Uint32Array; size: number } | null;
  /** The file whose configuration the corpus summaries use (the CLI's first readable file). */
  summaryConfigFile: string | null;
  maxBytes: number;
}

export interface FileReport {
  file: string;
  unread?: Unread;
  article?: ArticleJson;
  diagnostics?: JsonDiagnostic[];
  /** The corpus index's summary (pass 2 only, when the corpus has two files or more). */
  summary?: DocSummary;
  /** The keys the learned-boilerplate rule will ask the index about (pass 2, with the summary). */
  askedKeys?: string[];
  /**
   * Pass 2, with the summary: each diagnostic's finding as [start, end] offsets (flat, in the
   * diagnostics' order) and a hash of the text read, so that pass 3 runs only the corpus rules and
   * merges their findings in (withCorpusReport).
   */
  order?: number[];
  textHash?: number;
  /** Pass 3: only the corpus rules' diagnostics (`order` gives their offsets), to merge into pass 2's report. */
  corpusOnly?: boolean;
}

/**
 * Pass 2's answer to the main thread: the file's summary for the corpus index, and its report packed
 * (packReport). The main thread keeps every file's report from pass 2 until it writes it in pass 3:
 * kept as objects (a few hundred thousand blocks and diagnostics, every string a copy of its own
 * after crossing threads), 30,000 articles' reports took about 140 MB of its heap, and the heap's
 * room to grow on top of that; packed, about 2 KB per article outside the heap (86 MB at 30,000),
 * and since then in a temporary file (spill.ts ReportStore), read back one at a time.
 */
export interface AnalyzedFile {
  file: string;
  unread?: Unread;
  summary?: DocSummary;
  /** packReport of the report (with unread, none). */
  report?: Uint8Array;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * A report as UTF-8 JSON, in a buffer of its own (a Buffer from the shared pool would carry its whole
 * pool to the other thread). JSON keeps what a report holds exactly: numbers are integers, strings
 * come back the same (lone surrogates are written as escapes), keys keep their order.
 */
export function packReport(r: FileReport): Uint8Array {
  const { article, diagnostics, askedKeys, order, textHash } = r;
  return utf8Encoder.encode(JSON.stringify({ article, diagnostics, askedKeys, order, textHash }));
}

/** The report packReport packed, of `file`. */
export function unpackReport(file: string, packed: Uint8Array): FileReport {
  return { file, ...(JSON.parse(utf8Decoder.decode(packed)) as Omit<FileReport, 'file'>) };
}

/** What pass 2 sends to the main thread of a report (threads: the other end of batch/pool.ts). */
export function analyzed(r: FileReport): AnalyzedFile {
  if (r.unread) return { file: r.file, unread: r.unread };
  return { file: r.file, summary: r.summary && forIndex(r.summary), report: packReport(r) };
}

const NO_STATS: DocStats = Object.freeze({ lines: 0, paragraphs: 0, words: 0, junkLines: 0, junkShare: 0 });
const NO_PROBLEMS: DocProblems = Object.freeze({ total: 0, byCode: Object.freeze({}), bySeverity: Object.freeze({ error: 0, warning: 0, information: 0, hint: 0 }) });

/**
 * A summary with only what the CLI's corpus index reads: the file, its content hash, signature and
 * block keys (duplicateSummary, blockFrequency and size ask for nothing else); the headline, the
 * dateline, the statistics and the problems, which the language server's index shows, are left
 * out (the main thread keeps one summary per file until the end).
 */
export function forIndex(s: DocSummary): DocSummary {
  return {
    file: s.file, headline: null, kicker: null, date: null, dateline: null, byline: null, source: null,
    stats: NO_STATS, problems: NO_PROBLEMS, contentHash: s.contentHash, signature: s.signature, blockKeys: s.blockKeys,
  };
}

/** The findings' offsets, flat: [start0, end0, start1, end1, …]. */
function orderOf(findings: readonly Finding[]): number[] {
  const out = new Array<number>(2 * findings.length);
  findings.forEach((f, i) => { out[2 * i] = f.start; out[2 * i + 1] = f.end; });
  return out;
}

/**
 * Pass 2's report with pass 3's corpus findings added: the same diagnostics, in the same order, as
 * withCorpusFindings gives on the whole analysis (document order: by start, the wider first, then
 * by code; a stable sort of both lists, so a merge of the two sorted lists, pass 2's first on ties).
 */
export function withCorpusReport(base: FileReport, extra: FileReport): FileReport {
  if (!extra.corpusOnly) return extra;
  const a = base.diagnostics!, b = extra.diagnostics!;
  if (b.length === 0) return base;
  const oa = base.order!, ob = extra.order!;
  const out: JsonDiagnostic[] = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    let takeA: boolean;
    if (j >= b.length) takeA = true;
    else if (i >= a.length) takeA = false;
    else {
      const c = oa[2 * i] - ob[2 * j] || ob[2 * j + 1] - oa[2 * i + 1] || a[i].code.localeCompare(b[j].code);
      takeA = c <= 0;
    }
    out.push(takeA ? a[i++] : b[j++]);
  }
  return { file: base.file, article: base.article, diagnostics: out };
}

export class Worker {
  private readonly frequency: HashedLineCounts | undefined;
  private readonly configs = new ConfigCache();

  constructor(private readonly shared: Shared) {
    this.frequency = shared.counts ? HashedLineCounts.fromEntries(shared.counts.hashes, shared.counts.counts, shared.counts.size) : undefined;
  }

  private async analysis(file: string): Promise<{ abs: string; text: string; config: Config; base: Analysis } | Unread> {
    const r = read(file, this.shared.maxBytes);
    if (!('text' in r)) return r;
    const abs = path.resolve(file);
    const config = await this.configs.configFor(abs);
    return { abs, text: r.text, config, base: analyze(r.text, { file: abs, config, frequency: this.frequency }) };
  }

  async analyzeFile(file: string): Promise<FileReport> {
    const a = await this.analysis(file);
    if (!('base' in a)) return { file, unread: a };
    const report: FileReport = {
      file,
      article: articleJson(a.base.article),
      diagnostics: a.base.findings.map((f) => diagnosticJson(a.base.article, f)),
    };
    if (this.shared.summaryConfigFile !== null) {
      const config = await this.configs.configFor(this.shared.summaryConfigFile);
      report.summary = summarize(a.abs, a.text, config, { analysis: a.base });
      report.askedKeys = [...new Set(linesLookedAt(a.base.article, knowledgeFor(a.config)).map((l) => l.key))];
      report.order = orderOf(a.base.findings);
      report.textHash = hash32(a.text);
    }
    return report;
  }

  /**
   * Pass 3. With the hash of the text pass 2 read (`textHash`): when the file still reads the same,
   * only the corpus rules run on it (pass 2 ran the others on the same article), and the report
   * holds their diagnostics alone, for withCorpusReport; otherwise the whole analysis.
   */
  async corpusFile(file: string, view: CorpusSnapshot, textHash?: number): Promise<FileReport> {
    if (textHash !== undefined) {
      const r = read(file, this.shared.maxBytes);
      if (!('text' in r)) return { file, unread: r };
      if (hash32(r.text) === textHash) {
        const abs = path.resolve(file);
        const config = await this.configs.configFor(abs);
        const article = parseArticle(r.text, knowledgeFor(config), { frequency: this.frequency });
        const extra = analyzeArticle(article, { file: abs, config, corpus: snapshotView(view), only: CORPUS_RULE_CODES });
        return { file, corpusOnly: true, diagnostics: extra.findings.map((f) => diagnosticJson(article, f)), order: orderOf(extra.findings) };
      }
    }
    const a = await this.analysis(file);
    if (!('base' in a)) return { file, unread: a };
    const { article, findings } = withCorpusFindings(a.base, { file: a.abs, config: a.config, corpus: snapshotView(view) });
    return { file, article: articleJson(article), diagnostics: findings.map((f) => diagnosticJson(article, f)) };
  }
}

// ---- pass 3 -------------------------------------------------------------------------------------

/** How many of a file's copies a snapshot names (the rules name at most 20). */
export const SNAPSHOT_DUPLICATES = 32;

/** What the corpus index says about one file: all the corpus rules ask of it. */
export interface CorpusSnapshot {
  size: number;
  /** The index's duplicateSummary: its first SNAPSHOT_DUPLICATES entries and their number. */
  duplicates: { top: Array<{ file: string; similarity: number; exact: boolean }>; total: number; allExact: boolean };
  /** Which of the files named in `blocks` are copies of this one. */
  copies: string[];
  /**
   * blockFrequency of each key the file's learned-boilerplate check asks about. A Map: as an
   * object's property names, line hashes would each make a new hidden class (in both threads, for
   * every file), garbage that piles up in the old generation between collections.
   */
  blocks: Map<string, { count: number; files: string[] }>;
}

export function snapshotView(s: CorpusSnapshot): CorpusView {
  const copies = new Set(s.copies);
  const { top, total, allExact } = s.duplicates;
  return {
    size: () => s.size,
    duplicatesOf: () => {
      if (total > top.length) throw new Error('a corpus snapshot names only the first copies; ask duplicateSummary');
      return top;
    },
    duplicateSummary: (_file, limit) => {
      if (limit > top.length && total > top.length) throw new Error(`a corpus snapshot names only ${top.length} copies`);
      return { top: top.slice(0, limit), total, allExact, has: (f) => copies.has(f) };
    },
    blockFrequency: (key) => s.blocks.get(key) ?? { count: 0, files: [] },
  };
}
