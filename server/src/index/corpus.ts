// The corpus index: one small summary per article (what the explorer shows and what the corpus-wide
// rules ask about), and the structures that answer "which files are the same article?" (exact
// content hash, MinHash + LSH) and "in how many files does this line occur?" (block frequency).
// Pure engine code: no vscode, no I/O. Updates are incremental: set() and delete() keep every
// structure right without a rebuild (a deletion that may split a duplicate group has that group
// alone rebuilt when clusters are next asked for). Duplicate work is linear in the corpus: each LSH
// bucket compares a newcomer with a bounded number of signatures (see "duplicate structure").
import data from '../../data/corpus.vi.json';
import { analyze, type Analysis } from '../engine/analyze';
import { DEFAULT_CONFIG, type Config } from '../engine/config';
import type { Article, Block, BlockKind } from '../model/types';
import type { CorpusView, DuplicateSummary, Severity } from '../rules/types';
import type { LineFrequency } from '../model/features';
import { fold, foldKey, isBlank, wordHashes, words } from '../text/normalize';
import { isLinesText, tokensAt } from '../text/tokens';
import type { LineCache } from '../model/lineCache';
import { lineFactsOf } from '../model/lines';
import { CANDIDATE_KINDS, MAX_KEYED_CHARS, hash64, keyOfFolded, lineKey } from './keys';
import { bandKeys, estimateJaccard, fmix32, isSignature, shingleHashesOfHashes, signatureOf, type Signature } from './minhash';

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
  signature: Signature | null;
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
  const exact: string[] = [];
  const keys = new Set<string>();
  const content: Block[] = [];
  const facts = lineFactsOf(a);
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
    if (isContent) content.push(b);
    for (let i = b.startLine; i <= b.endLine && i < a.lines.length; i++) {
      const line = a.lines[i].text;
      const fact = facts?.[i];
      if (fact ? fact.blank : isBlank(line)) continue;
      nonBlank++;
      if (isJunk) junk++;
      if (!isExact && !isCandidate) continue;
      if (line.length <= MAX_KEYED_CHARS) {
        // one fold serves the exact-content hash and the block key (keys.ts lineKey); the parse's
        // key of the line is that fold (lines.ts lineFacts: foldKey of its first 20,000 characters)
        const folded = fact ? fact.key : foldKey(line);
        if (isExact && folded) exact.push(folded);
        if (isCandidate && folded) keys.add(keyOfFolded(folded));
      } else {
        if (isExact) exact.push(foldKey(line));
        if (isCandidate) keys.add(lineKey(line));
      }
    }
  }
  const contentWords = contentWordHashes(a, content);
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
    signature: comparable ? signatureOf(shingleHashesOfHashes(contentWords)) : null,
    blockKeys: [...keys],
  };
  if (opts.mtimeMs !== undefined) summary.mtimeMs = opts.mtimeMs;
  if (opts.size !== undefined) summary.size = opts.size;
  return summary;
}

/**
 * The hashes of the content blocks' lower-cased words, as wordHashes(their texts joined with '\n',
 * lower-cased) gives them: read from each line's tokens (text/tokens.ts; no line break lies inside
 * a word, lower case and NFC do not reach across one). When a line's lower case needs NFC (the
 * whole text would then be normalized, other lines' rarer forms too) or a block's text is not its
 * lines joined, the reference way.
 */
export function contentWordHashes(a: Article, content: readonly Block[], cache?: LineCache): number[] {
  const out: number[] = [];
  for (const b of content) {
    if (!isLinesText(a, b.startLine, b.endLine, b.text)) return contentWordHashesSlow(content);
    for (let i = b.startLine; i <= b.endLine; i++) {
      const t = tokensAt(a, i, cache);
      if (!t.lowerQuick) return contentWordHashesSlow(content);
      for (let k = 0; k < t.lower.length; k++) out.push(t.lower[k]);
    }
  }
  return out;
}

/** The reference for contentWordHashes: one scan of the joined, lower-cased texts. */
export function contentWordHashesSlow(content: readonly Block[]): number[] {
  return wordHashes(content.map((b) => b.text).join('\n').toLowerCase()).hashes;
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

function memAdd(cur: Members | undefined, file: string): Members {
  if (cur === undefined) return file;
  if (typeof cur === 'string') return cur === file ? cur : new Set([cur, file]);
  cur.add(file);
  return cur;
}

function memDelete(cur: Members | undefined, file: string): Members | undefined {
  if (cur === undefined || cur === file) return undefined;
  if (typeof cur === 'string') return cur;
  cur.delete(file);
  return cur.size === 1 ? (cur.values().next().value as string) : cur.size === 0 ? undefined : cur;
}

export interface Duplicate {
  file: string;
  /** 1 for an exact copy, else the estimated Jaccard similarity of the 3-gram shingles. */
  similarity: number;
  exact: boolean;
}

export type { DuplicateSummary } from '../rules/types';

/** duplicatesOf's order: the most similar first, then by file name. */
function byDuplicateOrder(a: Duplicate, b: Duplicate): number {
  return b.similarity - a.similarity || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

export interface CorpusIndexOptions {
  /** Estimated Jaccard at or above which two articles are near-duplicates (default 0.8). */
  nearThreshold?: number;
  /** How many example files blockFrequency lists (default 8). */
  exampleFiles?: number;
  /**
   * How many distinct signatures of one LSH bucket a signature is compared with at most (default
   * BUCKET_COMPARE_LIMIT, at least 2). Buckets up to this size are compared in full (the duplicate
   * relation is then exact); larger ones, which only templated pages make, keep this many representatives.
   */
  bucketLimit?: number;
}

/** What the index did to find duplicates, for tests and benchmarks. */
export interface CorpusIndexStats {
  /** Signature comparisons (estimateJaccard) made so far by set(), delete(), clusters() and duplicatesOf(). */
  comparisons: number;
  /** Signatures whose component was rebuilt after a deletion split it (or may have). */
  rebuilt: number;
  /** Distinct signatures in the index. */
  signatures: number;
  /** LSH buckets holding more than bucketLimit distinct signatures (compared through representatives). */
  largeBuckets: number;
}

/** Distinct signatures one LSH bucket compares in full; beyond that, through this many representatives. */
export const BUCKET_COMPARE_LIMIT = 16;

// ---- duplicate structure ------------------------------------------------------------------------
//
// Files with the very same MinHash signature share one node (a thousand identical stubs are one
// node, compared once). Nodes are joined in a union-find when their files share a content hash, or
// when their signatures share an LSH band and agree at or above the threshold. A newcomer is compared
// with at most `bucketLimit` nodes per bucket, and not with nodes already in its component: on normal
// corpora buckets hold a handful of signatures and the relation is exact; a bucket of templated pages
// costs `bucketLimit` comparisons per newcomer at most, and one once the bucket is one component.
// Deleting a file may split its component: the component is marked dirty and rebuilt, alone, when
// clusters are next asked for.

interface Component {
  /** The component's nodes (dead ones too, until the component is rebuilt). */
  nodes: DupNode[];
  /** Files in the component's live nodes. */
  files: number;
  /** A deletion may have split it. */
  dirty: boolean;
  /** Its files, sorted (cached until a file comes or goes). */
  group: string[] | undefined;
}

class DupNode {
  parent: DupNode = this;
  /** The component, on roots. */
  comp: Component | undefined;
  files: Members | undefined = undefined;
  count = 0;
  dead = false;
  /** Marks the nodes of a component being rebuilt. */
  epoch = 0;
  /** A few nodes this one was found to agree with (duplicatesOf looks at them first). */
  near: DupNode[] | undefined;
  constructor(
    readonly key: number,
    readonly sig: Signature | null,
    readonly bands: readonly number[],
  ) {
    this.comp = { nodes: [this], files: 0, dirty: false, group: undefined };
  }
}

/** A bucket of more than bucketLimit nodes: all of them, and the representatives newcomers are compared with. */
class LargeBucket {
  /** Where offerRep looks first for a representative to replace. */
  next = 0;
  constructor(
    readonly nodes: Set<DupNode>,
    readonly reps: DupNode[],
  ) {}
}

interface RepList {
  reps: DupNode[];
  next: number;
}

/** One node, up to bucketLimit nodes, or a large bucket. */
type Bucket = DupNode | DupNode[] | LargeBucket;

/**
 * The LSH buckets, by band key (minhash.ts bandKeys: the band number times 2^32 plus a 32-bit
 * hash). Per band, an open-addressing table of int32 keys (linear probing, deletion by backward
 * shift) pointing into one array of buckets: a warm start of 100k articles inserts 1.6 million
 * keys, most of them once, and Maps (heap-number keys, then a Map per band) spent a second on it
 * and gave the garbage collector millions of entries to trace.
 */
export class BandBuckets {
  private keys: Int32Array[] = [];
  /** 1 + the bucket's place in `vals`; 0: an empty slot. */
  private slots: Int32Array[] = [];
  private counts: number[] = [];
  private readonly vals: Array<Bucket | undefined> = [];
  private readonly free: number[] = [];

  private table(band: number): number {
    while (this.keys.length <= band) {
      this.keys.push(new Int32Array(INITIAL_BAND_SLOTS));
      this.slots.push(new Int32Array(INITIAL_BAND_SLOTS));
      this.counts.push(0);
    }
    return band;
  }

  /** The slot of `k` in band `b`'s table, or of the empty place where it would go. */
  private find(b: number, k: number): number {
    const keys = this.keys[b];
    const slots = this.slots[b];
    const mask = keys.length - 1;
    let i = bandSlot(k, mask);
    while (slots[i] !== 0 && keys[i] !== k) i = (i + 1) & mask;
    return i;
  }

  get(key: number): Bucket | undefined {
    const b = Math.floor(key / 0x100000000);
    if (b >= this.keys.length) return undefined;
    const v = this.slots[b][this.find(b, key | 0)];
    return v === 0 ? undefined : this.vals[v - 1];
  }

  set(key: number, bucket: Bucket): void {
    const b = this.table(Math.floor(key / 0x100000000));
    const k = key | 0;
    let i = this.find(b, k);
    const cur = this.slots[b][i];
    if (cur !== 0) {
      this.vals[cur - 1] = bucket;
      return;
    }
    if (2 * (this.counts[b] + 1) > this.keys[b].length) {
      this.grow(b);
      i = this.find(b, k);
    }
    let v = this.free.pop();
    if (v === undefined) {
      this.vals.push(bucket);
      v = this.vals.length;
    } else this.vals[v - 1] = bucket;
    this.keys[b][i] = k;
    this.slots[b][i] = v;
    this.counts[b]++;
  }

  delete(key: number): void {
    const b = Math.floor(key / 0x100000000);
    if (b >= this.keys.length) return;
    const keys = this.keys[b];
    const slots = this.slots[b];
    const mask = keys.length - 1;
    let i = this.find(b, key | 0);
    if (slots[i] === 0) return;
    this.vals[slots[i] - 1] = undefined;
    this.free.push(slots[i]);
    this.counts[b]--;
    // backward shift: the entries after the hole that probed past it move into it
    for (let j = (i + 1) & mask; slots[j] !== 0; j = (j + 1) & mask) {
      const home = bandSlot(keys[j], mask);
      if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
        keys[i] = keys[j];
        slots[i] = slots[j];
        i = j;
      }
    }
    slots[i] = 0;
    keys[i] = 0;
  }

  private grow(b: number): void {
    const oldKeys = this.keys[b];
    const oldSlots = this.slots[b];
    const size = oldKeys.length * 2;
    const keys = new Int32Array(size);
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      if (oldSlots[j] === 0) continue;
      let i = bandSlot(oldKeys[j], mask);
      while (slots[i] !== 0) i = (i + 1) & mask;
      keys[i] = oldKeys[j];
      slots[i] = oldSlots[j];
    }
    this.keys[b] = keys;
    this.slots[b] = slots;
  }

  clear(): void {
    this.keys = [];
    this.slots = [];
    this.counts = [];
    this.vals.length = 0;
    this.free.length = 0;
  }

  *values(): Iterable<Bucket> {
    for (const v of this.vals) if (v !== undefined) yield v;
  }
}

const INITIAL_BAND_SLOTS = 1024;

/** A key's first slot in a table of mask + 1 (a power of two) slots: Fibonacci hashing. */
function bandSlot(k: number, mask: number): number {
  return (Math.imul(k, 0x9e3779b1) >>> 7) & mask;
}

/** Nodes a node keeps in its `near` list at most. */
const NEAR_KEPT = 8;

function addNear(x: DupNode, y: DupNode): void {
  if (!x.near) x.near = [y];
  else if (x.near.length < NEAR_KEPT) x.near.push(y);
}

function find(x: DupNode): DupNode {
  while (x.parent !== x) {
    x.parent = x.parent.parent; // path halving
    x = x.parent;
  }
  return x;
}

/** A 53-bit hash of a signature (equal signatures are then compared value by value). */
function sigKey(sig: Signature): number {
  let a = 0x9e3779b9;
  let b = 0x7f4a7c15;
  for (let i = 0; i < sig.length; i++) {
    a = Math.imul(a ^ sig[i], 0x01000193);
    b = Math.imul((b ^ sig[i]) + i, 0x5bd1e995) ^ (b >>> 15);
  }
  return (fmix32(a) & 0x1fffff) * 0x100000000 + fmix32(b ^ sig.length);
}

function sameSignature(a: Signature, b: Signature): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class CorpusIndex implements CorpusView {
  private readonly docs = new Map<string, DocSummary>();
  private readonly exact = new Map<string, Members>();
  private readonly blocks = new Map<string, Members>();
  /** ready: `blocks` holds every summary's keys; deferred: none yet; building: those in `keyed`. */
  private blocksState: 'ready' | 'deferred' | 'building' = 'ready';
  private keyed = new WeakSet<DocSummary>();
  private blockCursor: Iterator<DocSummary> | undefined;
  private readonly nearThreshold: number;
  private readonly exampleFiles: number;
  private readonly bucketLimit: number;
  // duplicate structure
  private readonly nodeOf = new Map<string, DupNode>();
  /** By the low 32 bits of sigKey (a small integer to V8, not a heap number); equal keys are told apart by value. */
  private readonly sigNodes = new Map<number, DupNode | DupNode[]>();
  private readonly buckets = new BandBuckets();
  /** Components of two or more files (live roots' components). */
  private readonly multi = new Set<Component>();
  private readonly dirty = new Set<Component>();
  private version = 0;
  private epoch = 0;
  private clusterCache: { version: number; groups: string[][] } | undefined;
  private counters = { comparisons: 0, rebuilt: 0, signatures: 0 };
  private readonly sortedCache = new WeakMap<DupNode, { version: number; files: string[] }>();
  private readonly exactCache = new Map<string, { version: number; sorted: string[]; set: ReadonlySet<string>; byNode: ReadonlyMap<DupNode, number> }>();

  constructor(opts: CorpusIndexOptions = {}) {
    this.nearThreshold = opts.nearThreshold ?? NEAR_DUPLICATE_THRESHOLD;
    this.exampleFiles = opts.exampleFiles ?? 8;
    this.bucketLimit = Math.max(2, Math.floor(opts.bucketLimit ?? BUCKET_COMPARE_LIMIT));
  }

  // ---- block keys: kept at once, or built later ------------------------------------------------
  //
  // The block-key multimap is the index's largest structure (a dozen keys an article, most of them
  // found once). A warm start that loads 100k summaries from the cache can leave it to be built
  // afterwards, in slices, while the main thread has nothing better to do (deferBlocks(), then
  // buildBlocks()): until it is complete, set() and delete() keep it right for the summaries it
  // holds (`keyed`), and any question about block keys completes it first.

  /** Leaves the block keys of the summaries set from now on to buildBlocks() (an empty or ready index only). */
  deferBlocks(): void {
    if (this.blocksState === 'ready' && this.blocks.size === 0) this.blocksState = 'deferred';
  }

  /**
   * Builds the block keys of summaries set while they were deferred, for up to `budgetMs` (all of
   * them when undefined) and `maxDocs` summaries; true when the multimap is complete.
   */
  buildBlocks(budgetMs?: number, maxDocs = Infinity): boolean {
    if (this.blocksState === 'ready') return true;
    this.blocksState = 'building';
    const until = budgetMs === undefined ? Infinity : Date.now() + budgetMs;
    this.blockCursor ??= this.docs.values();
    let k = 0;
    for (;;) {
      if (k >= maxDocs) return false;
      const r = this.blockCursor.next();
      if (r.done) break;
      if (!this.keyed.has(r.value)) this.keyBlocks(r.value);
      if (++k % 256 === 0 && Date.now() >= until) return false;
    }
    // (a summary set after the cursor went past its place was keyed by set() itself)
    this.blockCursor = undefined;
    this.blocksState = 'ready';
    this.keyed = new WeakSet();
    return true;
  }

  /** Are the block keys complete (no buildBlocks() pending)? */
  blocksReady(): boolean {
    return this.blocksState === 'ready';
  }

  private finishBlocks(): void {
    if (this.blocksState !== 'ready') this.buildBlocks();
  }

  private keyBlocks(s: DocSummary): void {
    if (this.blocksState === 'deferred') return;
    for (const k of s.blockKeys) mmAdd(this.blocks, k, s.file);
    if (this.blocksState === 'building') this.keyed.add(s);
  }

  private unkeyBlocks(s: DocSummary): void {
    if (this.blocksState === 'deferred' || (this.blocksState === 'building' && !this.keyed.has(s))) return;
    for (const k of s.blockKeys) mmDelete(this.blocks, k, s.file);
  }

  /** Adds or replaces a file's summary. */
  set(s: DocSummary): void {
    const old = this.docs.get(s.file);
    if (old && old.contentHash === s.contentHash && (old.signature === s.signature || (!!old.signature && !!s.signature && sameSignature(old.signature, s.signature)))) {
      // the same content: the duplicate structure stays as it is
      this.docs.set(s.file, s);
      this.unkeyBlocks(old);
      this.keyBlocks(s);
      this.version++;
      return;
    }
    this.delete(s.file);
    this.docs.set(s.file, s);
    if (s.contentHash) mmAdd(this.exact, s.contentHash, s.file);
    this.keyBlocks(s);
    if (s.signature || s.contentHash) this.attach(s);
    this.version++;
  }

  /** Removes a file; true if it was there. */
  delete(file: string): boolean {
    const s = this.docs.get(file);
    if (!s) return false;
    this.docs.delete(file);
    if (s.contentHash) mmDelete(this.exact, s.contentHash, file);
    this.unkeyBlocks(s);
    this.detach(s);
    this.version++;
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
    this.blocks.clear();
    this.blocksState = 'ready';
    this.keyed = new WeakSet();
    this.blockCursor = undefined;
    this.nodeOf.clear();
    this.sigNodes.clear();
    this.buckets.clear();
    this.multi.clear();
    this.dirty.clear();
    this.clusterCache = undefined;
    this.counters.signatures = 0;
    this.version++;
  }

  stats(): CorpusIndexStats {
    let largeBuckets = 0;
    for (const b of this.buckets.values()) if (b instanceof LargeBucket) largeBuckets++;
    return { comparisons: this.counters.comparisons, rebuilt: this.counters.rebuilt, signatures: this.counters.signatures, largeBuckets };
  }

  /**
   * The other files whose article is this one's: the same content hash, the same signature, or LSH
   * candidates whose signatures agree enough. Each bucket offers at most bucketLimit distinct
   * signatures (all of them on normal corpora; representatives in a bucket of templated pages).
   */
  duplicatesOf(file: string): Duplicate[] {
    const s = this.docs.get(file);
    if (!s) return [];
    const found = new Map<string, Duplicate>();
    if (s.contentHash) {
      for (const f of mmEach(this.exact.get(s.contentHash))) if (f !== file) found.set(f, { file: f, similarity: 1, exact: true });
    }
    const around = this.nearOf(file);
    if (around) {
      for (const f of mmEach(around.node.files)) if (f !== file && !found.has(f)) found.set(f, { file: f, similarity: 1, exact: false });
      for (const { node: o, j } of around.near) for (const f of mmEach(o.files)) if (!found.has(f)) found.set(f, { file: f, similarity: j, exact: false });
    }
    return [...found.values()].sort(byDuplicateOrder);
  }

  /**
   * What duplicatesOf says, without listing every copy: its first `limit` entries, how many there
   * are, whether all are exact, and a test for any file. Costs the same whatever the number of
   * copies (a template's stub pages can have thousands each).
   */
  duplicateSummary(file: string, limit: number): DuplicateSummary {
    const s = this.docs.get(file);
    const none: DuplicateSummary = { top: [], total: 0, allExact: true, has: () => false };
    if (!s) return none;
    const around = this.nearOf(file);
    if (!around) {
      // no signature: copies are the files of the same content hash only
      const list = this.duplicatesOf(file);
      const set = new Set(list.map((d) => d.file));
      return { top: list.slice(0, limit), total: list.length, allExact: list.every((d) => d.exact), has: (f) => set.has(f) };
    }
    const { node, near } = around;
    // the files of the same content hash come first (similarity 1, exact), then this signature's
    // files (similarity 1), then the agreeing nodes' files (their similarity), each file once
    const ex = s.contentHash ? this.exactMembers(s.contentHash) : undefined;
    const inExact = (f: string) => !!ex && ex.set.has(f);
    const exactIn = (o: DupNode) => ex?.byNode.get(o) ?? 0;
    const cands: Duplicate[] = [];
    const seen = new Set<string>([file]);
    const add = (f: string, similarity: number, exact: boolean) => {
      if (seen.has(f)) return;
      seen.add(f);
      cands.push({ file: f, similarity, exact });
    };
    if (ex) for (const f of ex.sorted.slice(0, limit + 1)) add(f, 1, true);
    for (const f of this.sortedFiles(node, limit + 1 + exactIn(node))) add(f, 1, inExact(f));
    let total = (ex ? ex.sorted.length : 0) + node.count - exactIn(node) - 1;
    let allExact = node.count === exactIn(node);
    for (const { node: o, j } of near) {
      total += o.count - exactIn(o);
      if (o.count !== exactIn(o)) allExact = false;
      for (const f of this.sortedFiles(o, limit + exactIn(o))) if (!inExact(f)) add(f, j, false);
    }
    const nearSet = new Set(near.map((x) => x.node));
    return {
      top: cands.sort(byDuplicateOrder).slice(0, limit),
      total,
      allExact: total === 0 || allExact,
      has: (f) => {
        if (f === file) return false;
        if (inExact(f)) return true;
        const n = this.nodeOf.get(f);
        return !!n && (n === node || nearSet.has(n));
      },
    };
  }

  /** The files of one content hash, in name order, and how many of them each node holds (kept until the index changes). */
  private exactMembers(hash: string): { sorted: string[]; set: ReadonlySet<string>; byNode: ReadonlyMap<DupNode, number> } {
    let c = this.exactCache.get(hash);
    if (!c || c.version !== this.version) {
      const sorted = [...mmEach(this.exact.get(hash))].sort();
      const byNode = new Map<DupNode, number>();
      for (const f of sorted) {
        const n = this.nodeOf.get(f);
        if (n) byNode.set(n, (byNode.get(n) ?? 0) + 1);
      }
      c = { version: this.version, sorted, set: new Set(sorted), byNode };
      this.exactCache.set(hash, c);
      if (this.exactCache.size > 4096) this.exactCache.clear();
    }
    return c;
  }

  /** A node's files in name order, the first `n` (kept per node until the index changes). */
  private sortedFiles(node: DupNode, n: number): string[] {
    if (node.count <= 64) return [...mmEach(node.files)].sort().slice(0, n);
    let c = this.sortedCache.get(node);
    if (!c || c.version !== this.version) {
      c = { version: this.version, files: [...mmEach(node.files)].sort() };
      this.sortedCache.set(node, c);
    }
    return c.files.slice(0, n);
  }

  /**
   * The file's node (the files with its very signature) and the nodes found to agree with it
   * (bounded comparisons: its known neighbours, each band's candidates, a part of its group).
   */
  private nearOf(file: string): { node: DupNode; near: Array<{ node: DupNode; j: number }> } | null {
    const node = this.nodeOf.get(file);
    if (!node?.sig) return null;
    const near: Array<{ node: DupNode; j: number }> = [];
    const seen = new Set<DupNode>([node]);
    const sig = node.sig;
    const consider = (o: DupNode) => {
      seen.add(o);
      this.counters.comparisons++;
      const j = estimateJaccard(sig, o.sig!);
      if (j < this.nearThreshold) return;
      near.push({ node: o, j });
      // a pair the bounded comparisons of set() missed (a large bucket's representatives have
      // changed since): its groups are one, as the explorer should show
      if (find(o) !== find(node)) {
        this.union(node, o);
        addNear(node, o);
        addNear(o, node);
      }
    };
    for (const o of node.near ?? []) if (!o.dead && !seen.has(o)) consider(o);
    let large = false;
    for (const b of node.bands) {
      const bucket = this.buckets.get(b);
      if (bucket instanceof LargeBucket) large = true;
      for (const o of this.candidates(bucket)) if (!seen.has(o)) consider(o);
    }
    // a large bucket offered only its representatives: members of this file's component that
    // share a band with it are the likeliest of the others (a bounded number, from a place of its own)
    const nodes = find(node).comp!.nodes;
    if (large && nodes.length > 1) {
      const bands = new Set(node.bands);
      const budget = 2 * this.bucketLimit;
      const start = node.key % nodes.length;
      for (let k = 0, tried = 0; k < nodes.length && k < 8 * budget && tried < budget; k++) {
        const o = nodes[(start + k) % nodes.length];
        if (o.dead || !o.sig || seen.has(o) || !o.bands.some((x) => bands.has(x))) continue;
        tried++;
        consider(o);
      }
    }
    return { node, near };
  }

  /**
   * The index as the recognizer's line frequencies: in how many files each line of a candidate
   * block occurs (menus, footers, teasers recur across a site's pages). Keys are folded lower-case lines.
   */
  lineFrequency(): LineFrequency {
    return {
      size: this.size(),
      count: (key: string) => {
        this.finishBlocks();
        return mmCount(this.blocks.get(keyOfFolded(key)));
      },
    };
  }

  /** How many files hold a line with this key (keys.ts lineKey), and a few of them. */
  blockFrequency(key: string): { count: number; files: string[] } {
    this.finishBlocks();
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
    this.finishBlocks();
    return [...mmEach(this.blocks.get(key))];
  }

  /**
   * Groups of files sharing content: the connected components (of two or more files) of the
   * duplicate relation. Each group is sorted; groups are sorted by their first file. Kept up to date
   * by set() and delete(); a call rebuilds only components a deletion may have split, and returns
   * the last answer when nothing changed.
   */
  clusters(): string[][] {
    this.settle();
    if (!this.clusterCache || this.clusterCache.version !== this.version) {
      const groups: string[][] = [];
      for (const c of this.multi) {
        if (!c.group) {
          const g: string[] = [];
          for (const n of c.nodes) if (!n.dead) for (const f of mmEach(n.files)) g.push(f);
          c.group = g.sort();
        }
        if (c.group.length >= 2) groups.push(c.group);
      }
      groups.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.clusterCache = { version: this.version, groups };
    }
    return this.clusterCache.groups.map((g) => g.slice());
  }

  // ---- duplicate structure internals ----------------------------------------------------------

  private candidates(b: Bucket | undefined): readonly DupNode[] {
    if (b === undefined) return [];
    if (b instanceof DupNode) return [b];
    return Array.isArray(b) ? b : b.reps;
  }

  private attach(s: DocSummary): void {
    let node: DupNode | undefined;
    if (s.signature) {
      const key = sigKey(s.signature);
      const cur = this.sigNodes.get(key | 0);
      if (cur instanceof DupNode) node = sameSignature(cur.sig!, s.signature) ? cur : undefined;
      else if (cur) node = cur.find((n) => sameSignature(n.sig!, s.signature!));
      if (!node) {
        node = new DupNode(key, s.signature, bandKeys(s.signature));
        this.sigNodes.set(key | 0, cur === undefined ? node : cur instanceof DupNode ? [cur, node] : [...cur, node]);
        this.counters.signatures++;
        this.insertBands(node);
      }
    } else {
      node = new DupNode(NaN, null, []);
    }
    node.files = memAdd(node.files, s.file);
    node.count++;
    this.nodeOf.set(s.file, node);
    const c = find(node).comp!;
    c.files++;
    c.group = undefined;
    if (c.files >= 2) this.multi.add(c);
    // an exact copy elsewhere: one file of the hash stands for all (they are one component already)
    if (s.contentHash) {
      for (const f of mmEach(this.exact.get(s.contentHash))) {
        if (f === s.file) continue;
        const m = this.nodeOf.get(f);
        if (m && m !== node) this.union(node, m);
        break;
      }
    }
  }

  private detach(s: DocSummary): void {
    const node = this.nodeOf.get(s.file);
    if (!node) return;
    this.nodeOf.delete(s.file);
    node.files = memDelete(node.files, s.file);
    node.count--;
    const c = find(node).comp!;
    c.files--;
    c.group = undefined;
    if (node.count === 0) {
      node.dead = true;
      if (node.sig) {
        const cur = this.sigNodes.get(node.key | 0);
        if (cur === node) this.sigNodes.delete(node.key | 0);
        else if (Array.isArray(cur)) {
          const rest = cur.filter((n) => n !== node);
          this.sigNodes.set(node.key | 0, rest.length === 1 ? rest[0] : rest);
        }
        this.counters.signatures--;
        this.removeBands(node);
      }
      if (c.nodes.length > 1) this.markDirty(c);
      else this.dirty.delete(c);
    } else if (s.contentHash && this.exact.has(s.contentHash) && !this.nodeHasHash(node, s.contentHash)) {
      // the node may have been joined to other nodes through this file's content hash only
      this.markDirty(c);
    }
    if (c.files < 2) this.multi.delete(c);
  }

  private nodeHasHash(node: DupNode, hash: string): boolean {
    for (const f of mmEach(node.files)) if (this.docs.get(f)?.contentHash === hash) return true;
    return false;
  }

  private markDirty(c: Component): void {
    c.dirty = true;
    this.dirty.add(c);
  }

  private union(a: DupNode, b: DupNode): DupNode {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return ra;
    let ca = ra.comp!;
    let cb = rb.comp!;
    if (ca.nodes.length < cb.nodes.length) {
      [ra, rb] = [rb, ra];
      [ca, cb] = [cb, ca];
    }
    rb.parent = ra;
    rb.comp = undefined;
    for (const n of cb.nodes) ca.nodes.push(n);
    ca.files += cb.files;
    ca.group = undefined;
    if (cb.dirty) {
      this.dirty.delete(cb);
      this.markDirty(ca);
    }
    this.multi.delete(cb);
    if (ca.files >= 2) this.multi.add(ca);
    this.version++;
    return ra;
  }

  /** Compares x with the candidates not in its component yet, joining those that agree enough. */
  private link(x: DupNode, cands: readonly DupNode[]): void {
    let rx = find(x);
    for (const y of cands) {
      if (y === x || find(y) === rx) continue;
      this.counters.comparisons++;
      if (estimateJaccard(x.sig!, y.sig!) >= this.nearThreshold) {
        rx = this.union(x, y);
        addNear(x, y);
        addNear(y, x);
      }
    }
  }

  /**
   * A full bucket takes x as a representative when x's component has fewer than a quarter of the
   * places: in place of a representative of a component that has more, else of the oldest one that
   * stands for a lone signature. Components keep a few representatives (a newcomer like one of
   * their members but not another still meets them), and lone signatures take turns.
   */
  private offerRep(b: RepList, x: DupNode): void {
    const reps = b.reps;
    const share = Math.max(1, reps.length >> 2);
    const rx = find(x);
    const roots = reps.map(find);
    const countOf = (r: DupNode) => {
      let n = 0;
      for (const q of roots) if (q === r) n++;
      return n;
    };
    if (countOf(rx) >= share) return;
    let replace = roots.findIndex((r) => countOf(r) > share);
    if (replace < 0) {
      for (let k = 0; k < reps.length; k++) {
        const i = (b.next + k) % reps.length;
        if (roots[i].comp!.nodes.length === 1) {
          replace = i;
          b.next = (i + 1) % reps.length;
          break;
        }
      }
    }
    if (replace >= 0) reps[replace] = x;
  }

  private insertBands(x: DupNode): void {
    for (const b of x.bands) {
      const cur = this.buckets.get(b);
      if (cur === undefined) {
        this.buckets.set(b, x);
      } else if (cur instanceof DupNode) {
        this.link(x, [cur]);
        this.buckets.set(b, [cur, x]);
      } else if (Array.isArray(cur)) {
        this.link(x, cur);
        if (cur.length < this.bucketLimit) cur.push(x);
        else {
          const large = new LargeBucket(new Set(cur), cur.slice());
          large.nodes.add(x);
          this.offerRep(large, x);
          this.buckets.set(b, large);
        }
      } else {
        this.link(x, cur.reps);
        cur.nodes.add(x);
        this.offerRep(cur, x);
      }
    }
  }

  private removeBands(x: DupNode): void {
    for (const b of x.bands) {
      const cur = this.buckets.get(b);
      if (cur === undefined) continue;
      if (cur instanceof DupNode) {
        if (cur === x) this.buckets.delete(b);
      } else if (Array.isArray(cur)) {
        const i = cur.indexOf(x);
        if (i >= 0) cur.splice(i, 1);
        if (cur.length === 1) this.buckets.set(b, cur[0]);
      } else if (cur.nodes.delete(x)) {
        if (cur.nodes.size <= this.bucketLimit) {
          // small again: compared in full
          this.buckets.set(b, [...cur.nodes]);
          continue;
        }
        const i = cur.reps.indexOf(x);
        if (i < 0) continue;
        for (const n of cur.nodes) {
          if (!cur.reps.includes(n)) {
            cur.reps[i] = n;
            break;
          }
        }
      }
    }
  }

  /** Rebuilds the components a deletion may have split. */
  private settle(): void {
    if (this.dirty.size === 0) return;
    const list = [...this.dirty];
    this.dirty.clear();
    for (const c of list) if (c.dirty) this.rebuild(c);
  }

  /** Splits a component into what its live nodes make afresh: their content hashes, then their bands. */
  private rebuild(c: Component): void {
    this.multi.delete(c);
    c.dirty = false;
    const epoch = ++this.epoch;
    const live: DupNode[] = [];
    for (const n of c.nodes) {
      if (n.dead) continue;
      n.parent = n;
      n.epoch = epoch;
      n.near = undefined;
      n.comp = { nodes: [n], files: n.count, dirty: false, group: undefined };
      if (n.count >= 2) this.multi.add(n.comp);
      live.push(n);
    }
    this.counters.rebuilt += live.length;
    for (const n of live) {
      for (const f of mmEach(n.files)) {
        const h = this.docs.get(f)?.contentHash;
        if (!h) continue;
        for (const g of mmEach(this.exact.get(h))) {
          const m = this.nodeOf.get(g);
          if (m && m !== n && m.epoch === epoch) this.union(n, m);
          break;
        }
      }
    }
    // the live nodes' bands, as if they were indexed afresh: the same bounded comparisons
    const temp = new Map<number, RepList>();
    for (const n of live) {
      if (!n.sig) continue;
      for (const b of n.bands) {
        const t = temp.get(b);
        if (!t) {
          temp.set(b, { reps: [n], next: 0 });
          continue;
        }
        this.link(n, t.reps);
        if (t.reps.length < this.bucketLimit) t.reps.push(n);
        else this.offerRep(t, n);
      }
    }
    this.version++;
  }
}

/** Builds an index from texts in memory (the CLI reads every file first). */
export function buildCorpusFromTexts(items: ReadonlyArray<{ file: string; text: string; analysis?: Analysis }>, config: Config = DEFAULT_CONFIG, opts: CorpusIndexOptions = {}): CorpusIndex {
  const index = new CorpusIndex(opts);
  for (const it of items) index.set(summarize(it.file, it.text, config, { analysis: it.analysis }));
  return index;
}
