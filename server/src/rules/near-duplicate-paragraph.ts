// near-duplicate-paragraph: a block whose text is already in another block: a truncated copy
// (a prefix of a paragraph), a pull quote repeating a paragraph, a caption restating a sentence of
// the body. The redundant block is flagged (never both sides of a pair, never every block of a
// chain), its fix removes it, and the message says which words, if any, would go with it.
//
// Two tests, both at `options.nearDuplicateThreshold` (τ):
//  - containment: at least τ of the block's word pairs (2-shingles) lie in the other block, and
//    nearly as many of its word triples (short shared phrases are common; shared sentences are not);
//  - restatement: a run of 1-3 sentences of the other block lies in this block (the mean of its word
//    and word-pair containment is at least τ) and makes up most of this block (MIN_RUN_SHARE of its
//    words are in the run).
// Blocks shorter than MIN_TOKENS words are never flagged: a heading or caption that quotes a
// phrase of the text is normal. Exact copies belong to duplicate-paragraph.
//
// A block's folded key and its unit's words and hashes are a pure function of its text: with a
// document's cache (RuleContext.cache) they are kept between analyses (table TEXT_TABLE), and only
// the pairing, the list template and the messages are worked out again after an edit.
import { type RuleFinding, defineRule } from './types';
import { t } from '../l10n';
import { kindNoun, linesWhere } from '../model/kindNames';
import { z } from 'zod';
import type { Article, Block, BlockKind } from '../model/types';
import { isLinesText, tokensAt, type LineTokens } from '../text/tokens';
import type { LineCache } from '../model/lineCache';
import { blockRemovalRange, linesRange } from './ranges';
import { foldKey, isWhiteSpace, withoutStrayTail, WordScanner } from '../text/normalize';
import { HASH32_EMPTY, hash32On, nearCopyPairs } from '../text/similarity';

const CODE = 'near-duplicate-paragraph';
const KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['paragraph', 'caption', 'heading', 'byline']);
/** A flagged block has at least this many words (a sentence, not a phrase). */
const MIN_TOKENS = 12;
/** The triple-shingle containment may fall this far below τ (one changed word breaks three triples). */
const TRIPLE_SLACK = 0.1;
/** A restated sentence run makes up at least this share of the flagged block (in words). */
const MIN_RUN_SHARE = 0.6;
const MAX_RUN_SENTENCES = 3;
/** Pairs sharing less than this share of the candidate's word pairs are not looked at further. */
const MIN_SHARED = 0.2;
/** Word pairs found in more blocks than this carry no signal for finding candidate pairs. */
const MAX_POSTINGS = 32;
/** Through word pairs too common to look up, a pair shares at least this share of the smaller block's (near copies). */
const COMMON_SHARED = 0.5;
/** Through common word pairs, a block is compared with at most this many earlier ones (its closest). */
const PER_BLOCK = 4;
/** Blocks longer than this many words are compared on their first MAX_TOKENS words. */
const MAX_TOKENS = 5000;
/** Token alignment (for the message) is skipped above this many cells. */
const MAX_ALIGN_CELLS = 4_000_000;
/**
 * Token alignments of one document take at most this many cells in all; past it, the words a
 * flagged block has beyond the other are found by set lookup (a file of thousands of long similar
 * blocks would otherwise spend seconds aligning them for the messages).
 */
const DOC_ALIGN_CELLS = 40_000_000;

/**
 * A word pair found in this many list items of the article is the list's template (the
 * `- Phường X có diện tích tự nhiên là …` of every item): it does not make two items the same
 * text, so between list items containment is measured on the other word pairs.
 */
const TEMPLATE_BLOCKS = 3;
/** A list item: it opens with a bullet, a dash or a number. */
const LIST_ITEM = /^\s*(?:[-–+•*●▪►]|\d{1,3}[.)/]|[a-zđ][.)])\s/u;
/** A block made mostly of template word pairs (a list item, a table row) is never flagged. */
const MIN_OWN_SHARE = 0.5;

/** The cache table of what a block's text alone gives (BlockText). */
const TEXT_TABLE = 'near-duplicate-paragraph/text';

export interface Unit extends UnitText {
  block: Block;
  /** Most of its word pairs are the article's template (a list item): never flagged. */
  templated?: boolean;
  /** Its words' and word triples' hashes: made when first needed (s1Of, s3Of), for the few blocks of a candidate pair. */
  s1?: Set<number>;
  s3?: Set<number>;
}

/** A unit's part that its block's text alone decides (kept between analyses: read it, do not change it). */
interface UnitText {
  /** The number of words: letters, marks and digits, inner `-'’./` kept (at most MAX_TOKENS). */
  n: number;
  /** The lower-cased NFC words are src[ws[i], we[i]) (made into strings only for a flagged block; the same arrays as starts and ends when src is the block's lower-cased text). */
  src: string;
  ws: number[];
  we: number[];
  words?: string[];
  /** Offsets of each word in block.text. */
  starts: number[];
  ends: number[];
  /** Token index where each sentence starts, plus n at the end. */
  sentences: number[];
  /**
   * hash32 of the word at i, and of the word pair starting at i (`word word`; 0 for the last). The
   * unit's hashes (these, its sets') are kept as signed 32-bit integers (`hash32(…) | 0`): small
   * integers to V8, which its Sets hold without allocating a number each.
   */
  h1: number[];
  h2: number[];
  s2: Set<number>;
}

/** The lower-cased words of a unit, as strings. */
function toks(u: Unit): string[] {
  return (u.words ??= u.ws.map((from, i) => u.src.slice(from, u.we[i])));
}

/** hash32 of (the text hashed to h) + ' '. */
function withSpace(h: number): number {
  return Math.imul(h ^ 0x20, 0x01000193) >>> 0;
}

/** The word and word-pair sets of tokens [from, to) of a unit. */
function runSets(u: Unit, from: number, to: number): { r1: Set<number>; r2: Set<number> } {
  const r1 = new Set<number>();
  const r2 = new Set<number>();
  for (let i = from; i < to; i++) {
    r1.add(u.h1[i]);
    if (i + 1 < to) r2.add(u.h2[i]);
  }
  if (to - from === 1) r2.add(u.h1[from]);
  return { r1, r2 };
}

function intersection(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

/** |a ∩ b| / |a| */
function containment(a: Set<number>, b: Set<number>): number {
  if (a.size === 0) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / a.size;
}

/**
 * The unit of a block: its words (a doubled syllable once), sentences, and the hashes of its words,
 * word pairs and triples, carried on from word to word (hash32On) with no string per word or pair.
 */
export function makeUnit(block: Block): Unit & { s1: Set<number>; s3: Set<number> } {
  const u: Unit = { ...unitTextSlow(block.text), block };
  return { ...u, s1: s1Of(u), s3: s3Of(u) };
}

/** { ...t, block }, made field by field (an object spread of a cached unit copies it more slowly). */
function unitOf(t: UnitText, block: Block): Unit {
  const u: Unit = { n: t.n, src: t.src, ws: t.ws, we: t.we, starts: t.starts, ends: t.ends, sentences: t.sentences, h1: t.h1, h2: t.h2, s2: t.s2, block };
  if (t.words !== undefined) u.words = t.words;
  return u;
}

/** The hashes of the unit's words. */
function s1Of(u: Unit): Set<number> {
  return (u.s1 ??= new Set(u.h1));
}

/** The hashes of the unit's word triples (a text shorter than that: one of all its words). */
function s3Of(u: Unit): Set<number> {
  if (u.s3) return u.s3;
  const { n, h1, h2, src, ws, we } = u;
  const s3 = new Set<number>();
  if (n === 1) s3.add(h1[0]);
  else if (n === 2) s3.add(h2[0]);
  for (let i = 0; i + 2 < n; i++) s3.add(hash32On(withSpace(h2[i]), src, ws[i + 2], we[i + 2]) | 0);
  return (u.s3 = s3);
}

/**
 * The tokens of a block's lines (text/tokens.ts; no word reaches across a line break), when each
 * line's lower case is read in place (LineTokens.direct) and the lines joined are the block's text;
 * else null (unitText then scans the text itself). `nfc`: every line is known to be NFC.
 */
export interface BlockTokens {
  lines: LineTokens[];
  /** Where each line starts in the block's text. */
  bases: number[];
  nfc: boolean;
}

export function blockTokens(a: Article, b: Block, cache?: LineCache): BlockTokens | null {
  if (!isLinesText(a, b.startLine, b.endLine, b.text)) return null;
  const lines: LineTokens[] = [];
  const bases: number[] = [];
  let nfc = true;
  let base = 0;
  for (let i = b.startLine; i <= b.endLine; i++) {
    const t = tokensAt(a, i, cache);
    if (!t.direct) return null;
    if (!t.nfc) nfc = false;
    lines.push(t);
    bases.push(base);
    base += a.lines[i].text.length + 1;
  }
  return { lines, bases, nfc };
}

/**
 * The unit of a block's text: with its words read from its lines' tokens (blockTokens) when the
 * text needs no NFC, else scanned here (unitTextSlow, the reference).
 */
export function unitText(blockText: string, bt: BlockTokens | null): UnitText {
  if (bt === null || (!bt.nfc && blockText.normalize('NFC') !== blockText)) return unitTextSlow(blockText);
  const starts: number[] = [];
  const ends: number[] = [];
  const sentences: number[] = [0];
  // a stray fragment after the final punctuation is not part of the text (stray-token removes it):
  // the words that end before the cut (none spans it: the cut follows punctuation and white space)
  const text = withoutStrayTail(blockText);
  const cut = text.length;
  // every line's lower case is read in place (LineTokens.direct): so is the block's
  const lower = text.toLowerCase();
  const h1: number[] = [];
  let n = 0;
  lines: for (let l = 0; l < bt.lines.length; l++) {
    const t = bt.lines[l], base = bt.bases[l];
    const { se, lower: lh } = t;
    for (let k = 0; k < t.n; k++) {
      if (n >= MAX_TOKENS) break lines;
      const a = base + se[2 * k], b = base + se[2 * k + 1];
      if (b > cut) break lines;
      const gapFrom = n > 0 ? ends[n - 1] : 0;
      if (n > 0 && hasSentenceEnd(text, gapFrom, a)) sentences.push(n);
      // an accidentally doubled syllable (repeated-word's job) does not make two texts differ
      const h = lh[k] | 0;
      if (n > 0 && h === h1[n - 1] && sameSpan(lower, starts[n - 1], ends[n - 1], a, b) && onlySpace(text, gapFrom, a)) continue;
      starts.push(a);
      ends.push(b);
      h1.push(h);
      n++;
    }
  }
  sentences.push(n);
  const h2: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) h2[i] = i + 1 < n ? hash32On(withSpace(h1[i]), lower, starts[i + 1], ends[i + 1]) | 0 : 0;
  const s2 = new Set<number>();
  if (n === 1) s2.add(h1[0]);
  for (let i = 0; i + 1 < n; i++) s2.add(h2[i]);
  return { n, src: lower, ws: starts, we: ends, starts, ends, sentences, h1, h2, s2 };
}

/** The unit of a block's text, its words scanned in it: the first way, kept as the reference unitText must agree with. */
export function unitTextSlow(blockText: string): UnitText {
  const starts: number[] = [];
  const ends: number[] = [];
  const sentences: number[] = [0];
  // a stray fragment after the final punctuation is not part of the text (stray-token removes it)
  const text = withoutStrayTail(blockText);
  // the words are read in the lower-cased text itself when that keeps offsets (NFC text, no
  // length-changing case), else each is normalized on its own and they are joined into src
  const lower = text.toLowerCase();
  const direct = lower.length === text.length && text.normalize('NFC') === text;
  const ws: number[] = direct ? starts : [];
  const we: number[] = direct ? ends : [];
  const own: string[] = [];
  let n = 0;
  const scan = new WordScanner(text);
  while (n < MAX_TOKENS && scan.next()) {
    const a = scan.start, b = scan.end;
    const gapFrom = n > 0 ? ends[n - 1] : 0;
    if (n > 0 && hasSentenceEnd(text, gapFrom, a)) sentences.push(n);
    let from = a, to = b;
    if (!direct) {
      const tok = text.slice(a, b).normalize('NFC').toLowerCase();
      // an accidentally doubled syllable (repeated-word's job) does not make two texts differ
      if (n > 0 && tok === own[n - 1] && onlySpace(text, gapFrom, a)) continue;
      from = n > 0 ? we[n - 1] + 1 : 0;
      to = from + tok.length;
      own.push(tok);
    } else if (n > 0 && sameSpan(lower, ws[n - 1], we[n - 1], a, b) && onlySpace(text, gapFrom, a)) continue;
    if (!direct) {
      ws.push(from);
      we.push(to);
    }
    starts.push(a);
    ends.push(b);
    n++;
  }
  sentences.push(n);
  const src = direct ? lower : own.join(' ');
  const h1: number[] = new Array<number>(n);
  const h2: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) h1[i] = hash32On(HASH32_EMPTY, src, ws[i], we[i]) | 0;
  for (let i = 0; i < n; i++) h2[i] = i + 1 < n ? hash32On(withSpace(h1[i]), src, ws[i + 1], we[i + 1]) | 0 : 0;
  const s2 = new Set<number>();
  // a text shorter than the n-gram gives one shingle of all its words
  if (n === 1) s2.add(h1[0]);
  for (let i = 0; i + 1 < n; i++) s2.add(h2[i]);
  return { n, src, ws, we, starts, ends, sentences, h1, h2, s2, ...(direct ? {} : { words: own }) };
}

/** Is there a sentence end (`.`, `!`, `?`, `…`) in text[from, to)? */
function hasSentenceEnd(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026) return true;
  }
  return false;
}

/** Is text[from, to) white space only, and not empty? */
function onlySpace(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (!isWhiteSpace(text.charCodeAt(i))) return false;
  return true;
}

/** s[a, b) === s[c, d) */
function sameSpan(s: string, a: number, b: number, c: number, d: number): boolean {
  if (b - a !== d - c) return false;
  for (let i = 0; i < b - a; i++) if (s.charCodeAt(a + i) !== s.charCodeAt(c + i)) return false;
  return true;
}

interface Match {
  mode: 'contained' | 'restates';
  score: number;
  /** For 'restates': the token range of the other block's sentence run. */
  from?: number;
  to?: number;
}

/** Drops the list's template word pairs and triples (see TEMPLATE_BLOCKS) from the list items' sets. */
function withoutTemplate(units: Unit[]): void {
  const items = units.filter((u) => LIST_ITEM.test(u.block.text));
  if (items.length < TEMPLATE_BLOCKS) return;
  const df2 = new Map<number, number>();
  const df3 = new Map<number, number>();
  for (const u of items) {
    for (const h of u.s2) df2.set(h, (df2.get(h) ?? 0) + 1);
    for (const h of s3Of(u)) df3.set(h, (df3.get(h) ?? 0) + 1);
  }
  for (const u of items) {
    const before = u.s2.size;
    // new sets (the unit's own may be shared with the cache), in the same order
    u.s2 = new Set([...u.s2].filter((h) => (df2.get(h) ?? 0) < TEMPLATE_BLOCKS));
    u.s3 = new Set([...s3Of(u)].filter((h) => (df3.get(h) ?? 0) < TEMPLATE_BLOCKS));
    u.templated = before > 0 && u.s2.size < MIN_OWN_SHARE * before;
  }
}

/** Is x (the candidate to flag) redundant given y? `shared` = |x.s2 ∩ y.s2|. */
function redundantIn(x: Unit, y: Unit, shared: number, tau: number): Match | null {
  if (x.n < MIN_TOKENS || x.templated || x.s2.size === 0) return null;
  // cheap bound: a block sharing under a fifth of its word pairs neither is contained nor restates
  if (shared < MIN_SHARED * x.s2.size) return null;
  const c2 = shared / x.s2.size;
  if (c2 >= tau && containment(s3Of(x), s3Of(y)) >= tau - TRIPLE_SLACK) return { mode: 'contained', score: c2 };
  // a run of sentences of y restated by x
  let best: Match | null = null;
  const ys = y.sentences;
  for (let k = 0; k + 1 < ys.length; k++) {
    for (let r = 1; r <= MAX_RUN_SENTENCES && k + r < ys.length; r++) {
      const from = ys[k], to = ys[k + r];
      const len = to - from;
      if (len < MIN_RUN_SHARE * x.n) continue;
      if (len * tau > x.n) break; // longer runs cannot fit inside x
      const { r1, r2 } = runSets(y, from, to);
      const score = (containment(r1, s1Of(x)) + containment(r2, x.s2)) / 2;
      if (score < tau || (best && score <= best.score)) continue;
      // and the run is most of x: x is the sentence restated, not a paragraph that merely has it
      if (containment(s1Of(x), r1) >= MIN_RUN_SHARE) best = { mode: 'restates', score, from, to };
    }
  }
  return best;
}

/** Which tokens of a are not part of a longest common subsequence with b[from, to). */
function unmatched(a: Unit, b: Unit, from: number, to: number, budget: { cells: number }): boolean[] | null {
  const n = a.n, m = to - from;
  const at = toks(a), bt = toks(b);
  if (n === 0) return [];
  const cells = (n + 1) * (m + 1);
  if (cells > MAX_ALIGN_CELLS || cells > budget.cells) return null;
  budget.cells -= cells;
  const w = m + 1;
  const dp = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = at[i] === bt[from + j] ? dp[(i + 1) * w + j + 1] + 1 : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
    }
  }
  const extra = new Array<boolean>(n).fill(true);
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (at[i] === bt[from + j]) {
      extra[i] = false;
      i++;
      j++;
    } else if (dp[(i + 1) * w + j] >= dp[i * w + j + 1]) i++;
    else j++;
  }
  return extra;
}

function quote(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1).trimEnd() + '…';
}

/** The words the flagged block has beyond the other block, as quoted spans of its text. */
function extraWords(x: Unit, y: Unit, match: Match, budget: { cells: number }): { spans: string[]; count: number; allInOther: boolean } {
  const from = match.mode === 'restates' ? Math.max(0, (match.from ?? 0) - 5) : 0;
  const to = match.mode === 'restates' ? Math.min(y.n, (match.to ?? y.n) + 5) : y.n;
  let extra = unmatched(x, y, from, to, budget);
  if (!extra) extra = x.h1.map((h) => !s1Of(y).has(h));
  const spans: string[] = [];
  let count = 0;
  let allInOther = true;
  for (let i = 0; i < extra.length; i++) {
    if (!extra[i]) continue;
    let j = i;
    while (j + 1 < extra.length && extra[j + 1]) j++;
    count += j - i + 1;
    for (let k = i; k <= j; k++) if (!s1Of(y).has(x.h1[k])) allInOther = false;
    spans.push(x.block.text.slice(x.starts[i], x.ends[j]));
    i = j;
  }
  return { spans, count, allInOther };
}

/** What a block's text alone gives: its folded key and (made when first asked) its unit's words and hashes. */
interface BlockText {
  key: string;
  unit?: UnitText;
}

function blockText(text: string): BlockText {
  return { key: foldKey(text.length > 100000 ? text.slice(0, 100000) : text) };
}

/** blockText(text), from the document's cache when there is one. */
function blockTextIn(cache: LineCache | undefined, text: string): BlockText {
  return cache ? cache.memo(TEXT_TABLE, text, blockText) : blockText(text);
}

/**
 * Pairs [i, j] (i < j) worth a closer look: of their word pairs that are not too common (in at most
 * MAX_POSTINGS blocks), they share at least MIN_SHARED of the smaller block's; or, through the
 * common ones too, COMMON_SHARED of all of them (near copies among many similar blocks).
 * Near-linear: each word pair is looked up in a posting list of at most MAX_POSTINGS blocks.
 */
function candidates(units: readonly Unit[], cache: LineCache | undefined): Array<[number, number]> {
  return nearCopyPairs(units.map((u) => u.s2), MAX_POSTINGS, MIN_SHARED, COMMON_SHARED, PER_BLOCK, cache?.interner(CODE));
}

export const rule = defineRule({
  code: CODE,
  defaultSeverity: 'warning',
  description:
    'A paragraph, caption or heading whose text is already in another block (a truncated copy, a pull quote, a caption restating the body); the redundant one can go. A line that opens with the whole of a paragraph a few lines above it (a crawler\'s description, then a body starting with it again) loses that opening. Two cells of tables are not compared with each other.',
  tags: ['duplicates'],
  flags: 'a truncated copy, pull quote or caption whose text is already in another block',
  fix: { availability: 'always', unsafe: 'Removing a copy that holds words found nowhere else in the article (a paraphrasing pull quote): the message names the words it drops.' },
  removable: true,
  demoted: 'A paragraph placed before the block that holds it and more (a sapo or description the body restates) is information: an editorial choice more than damage. A pull quote or caption above its paragraph stays a warning.',
  options: {
    nearDuplicateThreshold: {
      setting: 'nearDuplicateThreshold',
      schema: z.number().min(0.5).max(1),
      default: 0.8,
      description: 'Similarity (0.5–1, shingle Jaccard or containment) at or above which `near-duplicate-paragraph` and `duplicate-article` report two texts as the same.',
    },
  },
  check(ctx) {
    const a = ctx.article;
    const tau = Math.min(1, Math.max(0.5, ctx.options.nearDuplicateThreshold || 0.8));
    // units: one per text block; a later exact copy of a block is left to duplicate-paragraph
    const seen = new Set<string>();
    const units: Unit[] = [];
    for (const b of a.blocks) {
      if (!KINDS.has(b.kind)) continue;
      const t = blockTextIn(ctx.cache, b.text);
      const key = t.key;
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      units.push(unitOf(t.unit ??= unitText(b.text, blockTokens(a, b, ctx.cache)), b));
    }
    withoutTemplate(units);
    const hits: Array<{ x: number; y: number; match: Match }> = [];
    for (const [i, j] of candidates(units, ctx.cache)) {
      // (two cells of tables, a formula's terms, repeat each other by nature; a paragraph repeating
      // a cell, or the other way round, is still compared)
      if (units[i].block.tableCell && units[j].block.tableCell) continue;
      const shared = intersection(units[i].s2, units[j].s2);
      // prefer flagging the later block (j) when both are redundant
      const later = redundantIn(units[j], units[i], shared, tau);
      if (later) {
        hits.push({ x: j, y: i, match: later });
        continue;
      }
      const earlier = redundantIn(units[i], units[j], shared, tau);
      if (earlier) hits.push({ x: i, y: j, match: earlier });
    }
    hits.sort((p, q) => p.x - q.x || q.match.score - p.match.score || p.y - q.y);
    const flagged = new Set<number>();
    const kept = new Set<number>();
    const out: RuleFinding[] = [];
    const budget = { cells: DOC_ALIGN_CELLS };
    for (const h of hits) {
      // never both sides of a pair, never a block another flagged block relies on
      if (flagged.has(h.x) || flagged.has(h.y) || kept.has(h.x)) continue;
      flagged.add(h.x);
      kept.add(h.y);
      const x = units[h.x], y = units[h.y];
      const where = linesWhere(y.block.startLine + 1, y.block.startLine + 1);
      const pct = Math.round(h.match.score * 100);
      const kind = kindNoun(y.block.kind);
      let message = h.match.mode === 'restates'
        ? t('Restates a sentence of the {0} at {1}', kind, where)
        : x.n < 0.8 * y.n
          ? t('Repeats part of the {0} at {1} ({2}% of its text is there)', kind, where, pct)
          : t('Repeats the {0} at {1} ({2}% of its text is there)', kind, where, pct);
      const extra = extraWords(x, y, h.match, budget);
      if (extra.count > 0) {
        const shown = extra.spans.slice(0, 3).map((s) => `“${quote(s)}”`).join(', ') + (extra.spans.length > 3 ? ', …' : '');
        message += extra.count === 1 ? t('; removing it also drops 1 word: {0}', shown) : t('; removing it also drops {0} words: {1}', extra.count, shown);
        if (extra.allInOther) message += extra.count === 1 ? t(' ({0} has it too)', where) : t(' ({0} has them too)', where);
      }
      // a line that opens with the whole of a paragraph just above it (a crawler's description,
      // then a body that starts with it again) has the copy: its opening goes, the paragraph stays
      const opening = x.block.kind === 'paragraph' && y.block.kind === 'paragraph' && x.block.endLine < y.block.startLine
        && y.block.startLine - x.block.endLine <= OPENING_GAP ? openingCopy(x.block.text, a, y.block.startLine) : null;
      if (opening) {
        const lines = linesRange(a, x.block.startLine, x.block.endLine);
        out.push({
          code: CODE,
          message: t('Opens with the paragraph at {0} again', linesWhere(x.block.startLine + 1, x.block.endLine + 1)),
          start: opening.start,
          end: opening.end,
          related: [{ message: t('the paragraph it repeats'), start: lines.start, end: lines.end }],
          fixes: [{ title: t('Remove the repeated opening'), edits: [{ start: opening.start, end: opening.end, newText: '' }] }],
        });
        continue;
      }
      const range = blockRemovalRange(a, x.block.startLine, x.block.endLine);
      const other = linesRange(a, y.block.startLine, y.block.endLine);
      // a paragraph placed before a block that holds it and more (a sapo or a description the body
      // goes on to restate) is the same words, but an editorial choice more than damage: information
      // (the fix still removes it). A pull quote or a caption above its paragraph stays a warning.
      const summary = x.block.kind === 'paragraph' && x.block.startLine < y.block.startLine && (h.match.mode === 'restates' || x.n < 0.8 * y.n);
      out.push({
        code: CODE,
        message,
        ...(summary ? { demoted: 'style' as const } : {}),
        start: range.start,
        end: range.end,
        related: [{ message: t('the {0} it repeats', kind), start: other.start, end: other.end }],
        // text found nowhere else is never removed by fix-all; the quick fix says what it drops
        fixes: [{
          title: t('Remove the repeated text'),
          edits: [{ start: range.start, end: range.end, newText: '' }],
          ...(losesText(extra, x.n) ? { applicability: 'unsafe' as const } : {}),
        }],
      });
    }
    return out.sort((p, q) => p.start - q.start);
  },
});

/** How far below a paragraph a line opening with it again may start (lines). */
const OPENING_GAP = 4;

/**
 * Where line `line` of the article opens with `text` again (spaces of any kind and their number
 * aside, a trailing stray space of `text` too): what removing the copy takes, the copy and the
 * spaces after it. Null when the line does not open with the whole of `text`, or
 * nothing but spaces follows it (the line is then a copy, another finding's).
 */
function openingCopy(text: string, a: Article, line: number): { start: number; end: number } | null {
  const src = text.trim();
  const { start, end } = a.lines[line];
  const t = a.text;
  let i = start;
  while (i < end && isWhiteSpace(t.charCodeAt(i))) i++;
  const from = i;
  let k = 0;
  while (k < src.length) {
    const ws = isWhiteSpace(src.charCodeAt(k));
    if (ws) {
      if (i >= end || !isWhiteSpace(t.charCodeAt(i))) return null;
      while (k < src.length && isWhiteSpace(src.charCodeAt(k))) k++;
      while (i < end && isWhiteSpace(t.charCodeAt(i))) i++;
      continue;
    }
    if (i >= end || t.charCodeAt(i) !== src.charCodeAt(k)) return null;
    i++;
    k++;
  }
  const copyEnd = i;
  while (i < end && isWhiteSpace(t.charCodeAt(i))) i++;
  if (i >= end) return null;
  // the copy ends where a word ends: `Đà Nẵng` is no opening of `Đà Nẵngmới`
  if (!isWhiteSpace(t.charCodeAt(copyEnd)) && /[\p{L}\p{N}]/u.test(t[copyEnd - 1]) && /[\p{L}\p{N}]/u.test(t[copyEnd])) return null;
  return { start: from, end: i };
}

/** Would removing the block lose words that the other block does not have (beyond a stray few)? */
function losesText(extra: { count: number; allInOther: boolean }, words: number): boolean {
  return extra.count > 0 && !extra.allInOther && extra.count > Math.max(3, words * 0.1);
}
