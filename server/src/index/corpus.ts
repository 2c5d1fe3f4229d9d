// The corpus index: one small summary per article (what the explorer shows and what the corpus-wide
// rules ask about), and the structures that answer "which files are the same article?" (exact
// content hash, MinHash + LSH) and "in how many files does this line occur?" (block frequency).
// Pure engine code: no vscode, no I/O. Updates are incremental: set() and delete() keep every
// structure right without a rebuild.
import data from '../../data/corpus.vi.json';
import { analyze, type Analysis } from '../engine/analyze';
import { DEFAULT_CONFIG, type Config } from '../engine/config';
import type { Article, Block, BlockKind } from '../model/types';
import type { CorpusView, Severity } from '../rules/types';
import type { LineFrequency } from '../model/features';
import { fold, foldKey, isBlank, words } from '../text/normalize';
import { CANDIDATE_KINDS, MAX_KEYED_CHARS, hash64, keyOfFolded, lineKey } from './keys';
import { bandKeys, estimateJaccard, isSignature, shingleHashesOf, signatureOf } from './minhash';

export interface DocStats {
  /** Number of lines of the file. */
  lines: number;
  /** Paragraph blocks. */
  paragraphs: number;
  /** Words of the article's content (headline, headings, paragraphs, captions). */
  words: number;
  /** Non-blank lines of site chrome, related teasers and PHP dumps. */
  junkLines: number;
  /** junkLines / non-blank lines (0 for an empty file). */
  junkShare: number;
}

export interface DocProblems {
  total: number;
  byCode: Record<string, number>;
  bySeverity: Record<Severity, number>;
}

/** What the index keeps about one article. Plain JSON: it crosses worker threads and lives in the cache file. */
export interface DocSummary {
  file: string;
  headline: string | null;
  kicker: string | null;
  /** ISO date from the dateline. */
  date: string | null;
  /** The dateline line as written. */
  dateline: string | null;
  byline: string | null;
  /** The site the article comes from, when the text says: `Theo Báo Long An`, `(GLO)-`, `BDO sẽ biên tập…`. */
  source: string | null;
  stats: DocStats;
  /** Findings of the per-file rules (corpus rules are not run while summarizing). */
  problems: DocProblems;
  /** Hash of the folded content (headline, headings, paragraphs); null when there is too little content to compare. */
  contentHash: string | null;
  /** MinHash (64 x 32-bit) of the content's word 3-grams, diacritics kept; null when too little content. */
  signature: number[] | null;
  /** Keys (keys.ts lineKey) of the lines of candidate-boilerplate blocks, each once. */
  blockKeys: string[];
  mtimeMs?: number;
  size?: number;
}

/** Content shorter than this (in words) is not compared for duplicates: stubs are not "the same article". */
export const MIN_DUPLICATE_WORDS = 8;
/** Estimated Jaccard at or above which two articles are near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

const CONTENT_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['headline', 'heading', 'paragraph', 'caption']);
const EXACT_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['headline', 'heading', 'paragraph']);
const JUNK_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['boilerplate', 'related', 'php-dump']);

interface SiteMention {
  flags: string;
  pattern: string;
}
const CREDIT_PREFIXES = [...data.creditPrefixes].sort((a, b) => b.length - a.length).map((p) => p.toLocaleLowerCase('vi'));
const SITE_MENTIONS: RegExp[] = (data.siteMentions as SiteMention[]).map((m) => new RegExp(m.pattern, m.flags));

function clean(s: string, max = 300): string {
  const f = fold(s);
  return f.length <= max ? f : f.slice(0, max - 1) + '…';
}

function blockText(a: Article, b: Block | null): string | null {
  return b ? clean(a.lines.slice(b.startLine, b.endLine + 1).map((l) => l.text).join(' ')) : null;
}

/** `Theo Báo Long An` -> `Báo Long An`; null when the line is not a credit. */
export function creditSource(line: string): string | null {
  let t = fold(line).replace(/^[(\[\-–—\s]+|[)\]\s.]+$/gu, '');
  const low = t.toLocaleLowerCase('vi');
  for (const p of CREDIT_PREFIXES) {
    if (!low.startsWith(p)) continue;
    const rest = t.slice(p.length);
    if (rest !== '' && !/^[\s:]/u.test(rest)) continue; // "Theodore", "Nguồnxyz"
    t = rest.replace(/^[\s:\-–—]+/u, '').trim();
    if (t === '' || words(t).length > data.creditMaxWords || !/^[\p{Lu}\p{N}]/u.test(t)) return null;
    return t;
  }
  return null;
}

/** A site named in a chrome line (`BDO sẽ biên tập…`, `Bản quyền thuộc về Báo X`, `baolongan.vn`), or null. */
export function mentionedSite(line: string): string | null {
  const t = fold(line.length > 2000 ? line.slice(0, 2000) : line);
  for (const re of SITE_MENTIONS) {
    const m = re.exec(t);
    const site = m?.groups?.site?.trim();
    if (site) return site;
  }
  return null;
}

function inferSource(a: Article): string | null {
  for (const b of a.blocks) {
    if (b.kind !== 'byline') continue;
    for (let i = b.startLine; i <= b.endLine; i++) {
      const s = creditSource(a.lines[i].text);
      if (s) return s;
    }
  }
  for (const b of a.blocks) {
    if (b.sourcePrefix) {
      const m = /\(\s*([^)]+?)\s*\)/u.exec(b.sourcePrefix);
      if (m) return m[1];
    }
  }
  for (const b of a.blocks) {
    if (b.kind !== 'boilerplate' && b.kind !== 'related') continue;
    for (let i = b.startLine; i <= b.endLine; i++) {
      const s = mentionedSite(a.lines[i].text);
      if (s) return s;
    }
  }
  return null;
}

export interface SummarizeOptions {
  mtimeMs?: number;
  size?: number;
  /** The file's analysis without the corpus, when the caller already has it (the CLI). */
  analysis?: Analysis;
}

/** Summarizes one article for the index. Never throws on odd text. */
export function summarize(file: string, text: string, config: Config = DEFAULT_CONFIG, opts: SummarizeOptions = {}): DocSummary {
  const { article: a, findings } = opts.analysis ?? analyze(text, { file, config });
  const content: string[] = [];
  const exact: string[] = [];
  const keys = new Set<string>();
  let paragraphs = 0;
  let nonBlank = 0;
  let junk = 0;
  for (const b of a.blocks) {
    if (b.kind === 'blank') continue;
    if (b.kind === 'paragraph') paragraphs++;
    const isContent = CONTENT_KINDS.has(b.kind);
    const isExact = EXACT_KINDS.has(b.kind);
    const isCandidate = CANDIDATE_KINDS.has(b.kind);
    const isJunk = JUNK_KINDS.has(b.kind);
    if (isContent) content.push(b.text);
    for (let i = b.startLine; i <= b.endLine && i < a.lines.length; i++) {
      const line = a.lines[i].text;
      if (isBlank(line)) continue;
      nonBlank++;
      if (isJunk) junk++;
      if (!isExact && !isCandidate) continue;
      if (line.length <= MAX_KEYED_CHARS) {
        // one fold serves the exact-content hash and the block key (keys.ts lineKey)
        const folded = foldKey(line);
        if (isExact && folded) exact.push(folded);
        if (isCandidate && folded) keys.add(keyOfFolded(folded));
      } else {
        if (isExact) exact.push(foldKey(line));
        if (isCandidate) keys.add(lineKey(line));
      }
    }
  }
  const contentWords = words(content.join('\n').toLowerCase());
  const nWords = contentWords.length;
  const comparable = nWords >= MIN_DUPLICATE_WORDS;
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  const byCode: Record<string, number> = {};
  for (const f of findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  }
  // a kicker line ends with a colon (`Đảng bộ Khối …:`); the inline one (`Long An: …`) does not include it
  const kicker = a.kicker ? blockText(a, a.kicker)!.replace(/\s*:$/u, '') : a.headline?.inlineKicker ? clean(a.headline.inlineKicker.text) : null;
  const summary: DocSummary = {
    file,
    headline: blockText(a, a.headline),
    kicker,
    date: a.date?.iso ?? null,
    dateline: blockText(a, a.dateline),
    byline: blockText(a, a.byline),
    source: inferSource(a),
    stats: {
      lines: a.lines.length,
      paragraphs,
      words: nWords,
      junkLines: junk,
      junkShare: nonBlank === 0 ? 0 : junk / nonBlank,
    },
    problems: { total: findings.length, byCode, bySeverity },
    contentHash: comparable ? hash64(exact.join('\n')) : null,
    signature: comparable ? signatureOf(shingleHashesOf(contentWords)) : null,
    blockKeys: [...keys],
  };
  if (opts.mtimeMs !== undefined) summary.mtimeMs = opts.mtimeMs;
  if (opts.size !== undefined) summary.size = opts.size;
  return summary;
}

/** Is this value a summary the index can take (e.g. read from a cache file)? */
export function isDocSummary(v: unknown): v is DocSummary {
  if (!v || typeof v !== 'object') return false;
  const s = v as Partial<DocSummary>;
  return typeof s.file === 'string' && s.file !== '' &&
    (s.contentHash === null || typeof s.contentHash === 'string') &&
    (s.signature === null || isSignature(s.signature)) &&
    Array.isArray(s.blockKeys) && s.blockKeys.every((k) => typeof k === 'string') &&
    !!s.stats && typeof s.stats === 'object' && typeof s.stats.words === 'number' &&
    !!s.problems && typeof s.problems === 'object' && typeof s.problems.total === 'number' &&
    (s.mtimeMs === undefined || typeof s.mtimeMs === 'number') &&
    (s.size === undefined || typeof s.size === 'number');
}

// ---- multimaps whose common case (one member) costs no Set --------------------------------------

type Members = string | Set<string>;

function mmAdd<K>(m: Map<K, Members>, key: K, file: string): void {
  const cur = m.get(key);
  if (cur === undefined) m.set(key, file);
  else if (typeof cur === 'string') {
    if (cur !== file) m.set(key, new Set([cur, file]));
  } else cur.add(file);
}

function mmDelete<K>(m: Map<K, Members>, key: K, file: string): void {
  const cur = m.get(key);
  if (cur === undefined) return;
  if (typeof cur === 'string') {
    if (cur === file) m.delete(key);
    return;
  }
  cur.delete(file);
  if (cur.size === 1) m.set(key, cur.values().next().value as string);
  else if (cur.size === 0) m.delete(key);
}

function mmCount(cur: Members | undefined): number {
  return cur === undefined ? 0 : typeof cur === 'string' ? 1 : cur.size;
}

function* mmEach(cur: Members | undefined): Iterable<string> {
  if (cur === undefined) return;
  if (typeof cur === 'string') yield cur;
  else yield* cur;
}

export interface Duplicate {
  file: string;
  /** 1 for an exact copy, else the estimated Jaccard similarity of the 3-gram shingles. */
  similarity: number;
  exact: boolean;
}

export interface CorpusIndexOptions {
  /** Estimated Jaccard at or above which two articles are near-duplicates (default 0.8). */
  nearThreshold?: number;
  /** How many example files blockFrequency lists (default 8). */
  exampleFiles?: number;
}

export class CorpusIndex implements CorpusView {
  private readonly docs = new Map<string, DocSummary>();
  private readonly exact = new Map<string, Members>();
  private readonly buckets = new Map<number, Members>();
  private readonly blocks = new Map<string, Members>();
  private readonly nearThreshold: number;
  private readonly exampleFiles: number;

  constructor(opts: CorpusIndexOptions = {}) {
    this.nearThreshold = opts.nearThreshold ?? NEAR_DUPLICATE_THRESHOLD;
    this.exampleFiles = opts.exampleFiles ?? 8;
  }

  /** Adds or replaces a file's summary. */
  set(s: DocSummary): void {
    this.delete(s.file);
    this.docs.set(s.file, s);
    if (s.contentHash) mmAdd(this.exact, s.contentHash, s.file);
    if (s.signature) for (const k of bandKeys(s.signature)) mmAdd(this.buckets, k, s.file);
    for (const k of s.blockKeys) mmAdd(this.blocks, k, s.file);
  }

  /** Removes a file; true if it was there. */
  delete(file: string): boolean {
    const s = this.docs.get(file);
    if (!s) return false;
    this.docs.delete(file);
    if (s.contentHash) mmDelete(this.exact, s.contentHash, file);
    if (s.signature) for (const k of bandKeys(s.signature)) mmDelete(this.buckets, k, file);
    for (const k of s.blockKeys) mmDelete(this.blocks, k, file);
    return true;
  }

  get(file: string): DocSummary | undefined {
    return this.docs.get(file);
  }

  has(file: string): boolean {
    return this.docs.has(file);
  }

  all(): DocSummary[] {
    return [...this.docs.values()];
  }

  files(): string[] {
    return [...this.docs.keys()];
  }

  size(): number {
    return this.docs.size;
  }

  clear(): void {
    this.docs.clear();
    this.exact.clear();
    this.buckets.clear();
    this.blocks.clear();
  }

  /** The other files whose article is this one's: the same content hash, or LSH candidates whose signatures agree enough. */
  duplicatesOf(file: string): Duplicate[] {
    const s = this.docs.get(file);
    if (!s) return [];
    const found = new Map<string, Duplicate>();
    if (s.contentHash) {
      for (const f of mmEach(this.exact.get(s.contentHash))) if (f !== file) found.set(f, { file: f, similarity: 1, exact: true });
    }
    if (s.signature) {
      const seen = new Set<string>();
      for (const k of bandKeys(s.signature)) {
        for (const f of mmEach(this.buckets.get(k))) {
          if (f === file || found.has(f) || seen.has(f)) continue;
          seen.add(f);
          const o = this.docs.get(f);
          if (!o?.signature) continue;
          const j = estimateJaccard(s.signature, o.signature);
          if (j >= this.nearThreshold) found.set(f, { file: f, similarity: j, exact: false });
        }
      }
    }
    return [...found.values()].sort((a, b) => b.similarity - a.similarity || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  /** How many files hold a line with this key (keys.ts lineKey), and a few of them. */
  /**
   * The index as the recognizer's line frequencies: in how many files each line of a candidate
   * block occurs (menus, footers, teasers recur across a site's pages). Keys are folded lower-case lines.
   */
  lineFrequency(): LineFrequency {
    return { size: this.size(), count: (key: string) => mmCount(this.blocks.get(keyOfFolded(key))) };
  }

  blockFrequency(key: string): { count: number; files: string[] } {
    const cur = this.blocks.get(key);
    const files: string[] = [];
    for (const f of mmEach(cur)) {
      if (files.length >= this.exampleFiles) break;
      files.push(f);
    }
    return { count: mmCount(cur), files };
  }

  /** Files containing a line with this key (all of them). */
  filesWithBlock(key: string): string[] {
    return [...mmEach(this.blocks.get(key))];
  }

  /**
   * Groups of files sharing content: the connected components (of two or more files) of the
   * duplicate relation. Each group is sorted; groups are sorted by their first file.
   */
  clusters(): string[][] {
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let r = x;
      for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
      // path compression
      let c = x;
      while (c !== r) {
        const p = parent.get(c)!;
        parent.set(c, r);
        c = p;
      }
      return r;
    };
    const union = (a: string, b: string) => {
      const ra = find(a), rb = find(b);
      if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
    };
    const touch = (f: string) => {
      if (!parent.has(f)) parent.set(f, f);
    };
    for (const m of this.exact.values()) {
      if (typeof m === 'string') continue;
      let first: string | undefined;
      for (const f of m) {
        touch(f);
        if (first === undefined) first = f;
        else union(first, f);
      }
    }
    for (const m of this.buckets.values()) {
      if (typeof m === 'string') continue;
      // members with the very same signature are one representative (a thousand identical stubs
      // would otherwise cost a million comparisons per bucket)
      const reps = new Map<string, { file: string; sig: number[] }>();
      for (const f of m) {
        const sig = this.docs.get(f)?.signature;
        if (!sig) continue;
        touch(f);
        const k = sig.join(',');
        const r = reps.get(k);
        if (r) union(r.file, f);
        else reps.set(k, { file: f, sig });
      }
      const list = [...reps.values()];
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          if (find(list[i].file) === find(list[j].file)) continue;
          if (estimateJaccard(list[i].sig, list[j].sig) >= this.nearThreshold) union(list[i].file, list[j].file);
        }
      }
    }
    const groups = new Map<string, string[]>();
    for (const f of parent.keys()) {
      const r = find(f);
      let g = groups.get(r);
      if (!g) groups.set(r, (g = []));
      g.push(f);
    }
    return [...groups.values()]
      .filter((g) => g.length >= 2)
      .map((g) => g.sort())
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
}

/** Builds an index from texts in memory (the CLI reads every file first). */
export function buildCorpusFromTexts(items: ReadonlyArray<{ file: string; text: string; analysis?: Analysis }>, config: Config = DEFAULT_CONFIG, opts: CorpusIndexOptions = {}): CorpusIndex {
  const index = new CorpusIndex(opts);
  for (const it of items) index.set(summarize(it.file, it.text, config, { analysis: it.analysis }));
  return index;
}
