// One word pass per line, shared by the rules and the corpus index (issue #8, items 1 and 2).
// A line's words are found once (the spans of normalize.ts's WORD pattern, WordScanner) and hashed
// where they lie, with no string per word: the FNV-1a hash (similarity.ts hash32) of each word's
// own code units, and of its lower-cased form as `wordHashes(line.toLowerCase())` gives it (the
// corpus index's MinHash shingles, near-duplicate-paragraph's word pairs). Lower case is read
// from a table of single-unit case mappings filled lazily; a line holding a character whose lower
// case is not one unit of the same word class (İ, a final-sigma candidate Σ, a surrogate pair, a
// combining mark) takes the reference path (toLowerCase() of the line, then wordHashes).
//
// The tokens are a pure function of the line's text: `tokensAt` keeps them with the article (each
// rule asks for a line's tokens, the first asker makes them) and, given a document's cache
// (model/lineCache.ts), in its table TOKENS_TABLE, so the language server's re-analysis after an
// edit makes them again only for the changed lines. Read them, do not change them.
import type { Article } from '../model/types';
import type { LineCache } from '../model/lineCache';
import { wordHashes, WordScanner } from './normalize';
import { hash32 } from './similarity';

export interface LineTokens {
  /** The number of words. */
  readonly n: number;
  /** Word i is text[se[2i], se[2i + 1]). */
  readonly se: readonly number[];
  /** hash32 of each word's own code units. */
  readonly raw: readonly number[];
  /**
   * The hashes `wordHashes(text.toLowerCase()).hashes` gives (the words of the lower-cased line,
   * NFC when it has combining marks): the same number as n when `direct`, maybe not otherwise.
   */
  readonly lower: readonly number[];
  /**
   * The lower-cased line has the same length, needs no NFC, and its words lie at the same spans:
   * lower[i] is the hash of word i's lower case.
   */
  readonly direct: boolean;
  /** The lower-cased line has none of the combining marks that make wordHashes normalize it (isNFCQuick). */
  readonly lowerQuick: boolean;
  /** No character of the line is one that NFC might change (so the line is NFC); false says nothing. */
  readonly nfc: boolean;
}

/** The cache table of a line's tokens (LineCache.memo), keyed by the line's text. */
export const TOKENS_TABLE = 'tokens/line';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

// The class of each UTF-16 unit, filled lazily (a unit's class is worked out the first time it is
// met, with the same regular expression and case mapping the reference ways use).
const KNOWN = 1;
/** A letter, mark or digit (\p{L}\p{M}\p{N}: normalize.ts wordCharLength). */
const WORD = 2;
/** Lower case is another single unit of the same word class (LOWER_OF). */
const LOWERS = 4;
/**
 * Not lower-cased in place: lower case is several units, or changes the word class, or is or makes
 * one of isNFCQuick's combining marks; Σ (its lower case depends on its neighbours).
 */
const SPECIAL = 8;
/** `-`, `'`, `’`, `.`, `/`: joins two parts of a word. */
const JOINER = 16;
/** A surrogate: the line is read the reference way. */
const SURROGATE = 32;
/** NFC might change it, or it and what stands before it: anything but the Latin and Vietnamese letters and punctuation that NFC keeps. */
const NFC_RISK = 64;

const CLS = new Uint8Array(0x10000);
const LOWER_OF = new Uint16Array(0x10000);
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

function isQuickMark(c: number): boolean {
  return (c >= 0x300 && c <= 0x36f) || (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff);
}

function classify(c: number): number {
  let f = KNOWN;
  if (c >= 0xd800 && c <= 0xdfff) return (CLS[c] = f | SURROGATE | SPECIAL | NFC_RISK);
  const s = String.fromCharCode(c);
  if (WORD_CHAR.test(s)) f |= WORD;
  if (c === 0x2d || c === 0x27 || c === 0x2019 || c === 0x2e || c === 0x2f) f |= JOINER;
  // only starters that compose with nothing before them (Latin, Vietnamese, punctuation) and that
  // NFC keeps: a string of them is NFC
  if (!(c < 0x300 || (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x2000 && c <= 0x20cf)) || s.normalize('NFC') !== s) f |= NFC_RISK;
  const l = s.toLowerCase();
  if (c === 0x3a3 || isQuickMark(c)) f |= SPECIAL;
  else if (l !== s) {
    const d = l.charCodeAt(0);
    if (l.length !== 1 || isQuickMark(d) || (d >= 0xd800 && d <= 0xdfff) || WORD_CHAR.test(l) !== ((f & WORD) !== 0) ||
      (c === 0x2d || c === 0x27 || c === 0x2019 || c === 0x2e || c === 0x2f) || (d === 0x2d || d === 0x27 || d === 0x2019 || d === 0x2e || d === 0x2f)) f |= SPECIAL;
    else {
      f |= LOWERS;
      LOWER_OF[c] = d;
    }
  }
  return (CLS[c] = f);
}

const NONE: readonly number[] = [];

/**
 * The tokens of one line's text (no line breaks in it). Pure. One pass over the code units through
 * the class table: the words' spans and both hashes.
 */
export function lineTokens(text: string): LineTokens {
  const len = text.length;
  const se: number[] = [];
  const raw: number[] = [];
  const low: number[] = [];
  let direct = true, nfc = true;
  let inWord = false, start = 0, h = 0, g = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const f = CLS[c] || classify(c);
    if (f & SURROGATE) return lineTokensSlow(text);
    if (f & (SPECIAL | NFC_RISK)) {
      if (f & SPECIAL) direct = false;
      if (f & NFC_RISK) nfc = false;
    }
    if (f & WORD) {
      if (!inWord) {
        inWord = true;
        start = i;
        h = g = FNV_OFFSET;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
      g = Math.imul(g ^ (f & LOWERS ? LOWER_OF[c] : c), FNV_PRIME);
      continue;
    }
    if (!inWord) continue;
    if (f & JOINER && i + 1 < len) {
      const d = text.charCodeAt(i + 1);
      const e = CLS[d] || classify(d);
      if (e & SURROGATE) return lineTokensSlow(text);
      if (e & WORD) {
        // the joiner is its own lower case (classify)
        h = Math.imul(h ^ c, FNV_PRIME);
        g = Math.imul(g ^ c, FNV_PRIME);
        continue;
      }
    }
    se.push(start, i);
    raw.push(h >>> 0);
    low.push(g >>> 0);
    inWord = false;
  }
  if (inWord) {
    se.push(start, len);
    raw.push(h >>> 0);
    low.push(g >>> 0);
  }
  const n = raw.length;
  if (n === 0) return { n: 0, se: NONE, raw: NONE, lower: NONE, direct, lowerQuick: direct || !hasQuickMark(text.toLowerCase()), nfc };
  if (direct) return { n, se, raw, lower: low, direct, lowerQuick: true, nfc };
  const lowered = text.toLowerCase();
  return { n, se, raw, lower: wordHashes(lowered).hashes, direct, lowerQuick: !hasQuickMark(lowered), nfc };
}

/**
 * The tokens the reference way: the words as WordScanner finds them, each hashed on its own, the
 * lower-cased hashes as wordHashes gives them. For a line with a surrogate, and for tests.
 */
export function lineTokensSlow(text: string): LineTokens {
  const se: number[] = [];
  const raw: number[] = [];
  const scan = new WordScanner(text);
  while (scan.next()) {
    se.push(scan.start, scan.end);
    raw.push(hash32(text.slice(scan.start, scan.end)));
  }
  const lowered = text.toLowerCase();
  const lower = wordHashes(lowered).hashes;
  return { n: raw.length, se, raw, lower, direct: false, lowerQuick: !hasQuickMark(lowered), nfc: false };
}

function hasQuickMark(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isQuickMark(s.charCodeAt(i))) return true;
  return false;
}

const byArticle = new WeakMap<Article, Array<LineTokens | undefined>>();

/**
 * The tokens of line `li` of the article: made once per line and kept with the article (and, given
 * a document's cache, with the line's text between analyses). Shared: read them, do not change them.
 */
export function tokensAt(a: Article, li: number, cache?: LineCache): LineTokens {
  let all = byArticle.get(a);
  if (all === undefined) byArticle.set(a, (all = new Array<LineTokens | undefined>(a.lines.length)));
  let t = all[li];
  if (t === undefined) {
    const text = a.lines[li].text;
    t = all[li] = cache ? cache.memo(TOKENS_TABLE, text, lineTokens) : lineTokens(text);
  }
  return t;
}

/** Is `text` the article's lines from..to joined with '\n' (as a block's text is)? */
export function isLinesText(a: Article, from: number, to: number, text: string): boolean {
  if (from < 0 || to >= a.lines.length || to < from) return false;
  if (from === to) return text === a.lines[from].text;
  let pos = 0;
  for (let i = from; i <= to; i++) {
    const t = a.lines[i].text;
    if (!text.startsWith(t, pos)) return false;
    pos += t.length;
    if (i < to) {
      if (text.charCodeAt(pos) !== 10) return false;
      pos++;
    }
  }
  return pos === text.length;
}
