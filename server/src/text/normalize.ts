// Text normalization shared by the parser and the rules. Pure functions, no I/O.
import { CHANGES_DOWN, CHANGES_UP, classAt, codePointLength, LETTER } from './charClass';

/** Characters that render as (or like) a space: NBSP, the Unicode spaces, narrow NBSP, ideographic space. */
export const SPACE_LIKE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
/** Characters that render as nothing: zero-width space/joiners, word joiner, BOM in the middle of text. */
export const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/** A line that holds nothing visible: empty, spaces, tabs, NBSP, zero-width characters. */
export function isBlank(line: string): boolean {
  return /^[\s\u00A0\u1680\u2000-\u200D\u202F\u205F\u2060\u3000\uFEFF]*$/.test(line);
}

/** NFC, NBSP and other spaces as plain space, zero-width removed, whitespace folded, trimmed. */
export function fold(text: string): string {
  if (isFolded(text)) return text;
  return (isNFCQuick(text) ? text : text.normalize('NFC')).replace(ZERO_WIDTH, '').replace(SPACE_LIKE, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * One pass over the characters: true when fold() would return the text unchanged (no combining
 * mark, no odd or zero-width space, no control whitespace, single spaces between words, nothing at
 * either end). Almost every line of an article is, and fold() runs on every line.
 */
export function isFolded(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  let prevSpace = true; // a space at the start is not folded
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (c < 32 || (c >= 0x7f && c <= 0xa0)) return false; // TAB, CR, LF, NEL, NBSP…
    if (c < 0x300) continue;
    if (c <= 0x36f || (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff)) return false; // combining marks
    if (c === 0x1680 || (c >= 0x2000 && c <= 0x200d) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff) return false;
  }
  return !prevSpace;
}

/** fold() and lower case: the key two blocks are compared by for exact duplicates. */
export function foldKey(text: string): string {
  return fold(text).toLowerCase();
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:[-'’./][\p{L}\p{M}\p{N}]+)*/gu;

/** The words of a text (letters, marks and digits; inner hyphens, slashes and dots kept). */
export function words(text: string): string[] {
  return (isNFCQuick(text) ? text : text.normalize('NFC')).match(WORD) ?? [];
}

/**
 * The FNV-1a hash (similarity.ts hash32) of each of words(text), with the words' spans in the text
 * they were read from (`src`: the text, or its NFC form when that differs): one scan, no string
 * per word.
 */
export function wordHashes(text: string): { src: string; hashes: number[]; starts: number[]; ends: number[] } {
  const src = isNFCQuick(text) ? text : text.normalize('NFC');
  const hashes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const w = new WordScanner(src);
  while (w.next()) {
    let h = 0x811c9dc5;
    for (let i = w.start; i < w.end; i++) {
      h ^= src.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    hashes.push(h >>> 0);
    starts.push(w.start);
    ends.push(w.end);
  }
  return { src, hashes, starts, ends };
}

/** words(text).length >= limit, without making the words (it stops at the limit). */
export function hasWords(text: string, limit: number): boolean {
  if (!isNFCQuick(text)) return words(text).length >= limit;
  const w = new WordScanner(text);
  let n = 0;
  while (n < limit && w.next()) n++;
  return n >= limit;
}

/**
 * The words of WORD found one at a time without a regular expression (no match array, no substring
 * per word): after next() returns true, text[start, end) is the next word. The same spans as
 * `text.matchAll(WORD)`; the rules that hash or compare words in place scan with it.
 */
export class WordScanner {
  start = 0;
  end = 0;
  private pos = 0;
  constructor(private readonly text: string) {}

  next(): boolean {
    const t = this.text, n = t.length;
    let i = this.pos, k = 0;
    while (i < n && (k = wordCharLength(t, i)) === 0) i++;
    if (i >= n) return false;
    this.start = i;
    i += k;
    for (;;) {
      while (i < n && (k = wordCharLength(t, i)) > 0) i += k;
      if (i + 1 < n && isWordJoiner(t.charCodeAt(i)) && (k = wordCharLength(t, i + 1)) > 0) i += 1 + k;
      else break;
    }
    this.end = this.pos = i;
    return true;
  }
}

/** Is the UTF-16 unit white space as `\s` reads it (spaces, TAB, line ends, NBSP, the Unicode spaces, BOM)? */
export function isWhiteSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** `-`, `'`, `’`, `.`, `/`: what may join two parts of a word (`COVID-19`, `14/5`, `TP.HCM`). */
function isWordJoiner(c: number): boolean {
  return c === 0x2d || c === 0x27 || c === 0x2019 || c === 0x2e || c === 0x2f;
}

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
/** Per UTF-16 unit outside the surrogates: 0 not yet known, 1 a letter, mark or digit, 2 not. */
const WORD_UNIT = new Uint8Array(0x10000);

/** The length (1 or 2) of the letter, mark or digit at text[i], or 0 when there is none there. */
export function wordCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let v = WORD_UNIT[c];
  if (v === 0) WORD_UNIT[c] = v = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1 ? 1 : 0;
}

/** Cheap check that skips normalize() for text without combining marks (almost all text). */
function isNFCQuick(text: string): boolean {
  return !/[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]/.test(text);
}

/** Lower-cased words, for similarity. */
export function tokens(text: string): string[] {
  // Vietnamese has no locale-specific case mappings, so the plain (much faster) lower case is right
  return words(text.toLowerCase());
}

/** Is every cased letter upper case (and there is at least one letter)? */
export function isAllCaps(text: string): boolean {
  // one walk over the code points: none that upper case changes, one that lower case does, two letters
  // (the same as text === text.toUpperCase() && text !== text.toLowerCase(): both map code point by code point)
  const n = text.length;
  let letters = 0, lowerable = false;
  for (let i = 0; i < n; i += codePointLength(text, i)) {
    const c = classAt(text, i);
    if (c & CHANGES_UP) return false;
    if (c & CHANGES_DOWN) lowerable = true;
    if (c & LETTER) letters++;
  }
  return letters >= 2 && lowerable;
}

/** Does every word start with a capital letter (a name such as "Lê Toàn")? */
export function isTitleCase(text: string): boolean {
  const ws = words(text);
  return ws.length > 0 && ws.every((w) => /^\p{Lu}/u.test(w));
}

/**
 * The text without a 1-2 character fragment left after its final punctuation (`…”. r`): what the
 * stray-token rule removes. Comparisons between blocks use it, so that fixing the stray fragment
 * first or last gives the same result.
 */
export function withoutStrayTail(text: string): string {
  const m = STRAY_TAIL.exec(text);
  return m ? text.slice(0, m.index + 1) : text;
}
const STRAY_TAIL = /[.!?…”"»)]\s+[^\s.!?…”"»)]{1,2}\s*$/u;

/** Strip a 1-2 character fragment left after final punctuation (`…”. r`) before looking at the end. */
function trimStray(text: string): string {
  return text.replace(/([.!?…”"»)])\s+[^\s]{1,2}$/u, '$1');
}

/** Does the text end like a sentence (., !, ?, …, ;, possibly followed by closing quotes/brackets)? */
export function endsSentence(text: string): boolean {
  const t = trimStray(fold(text.slice(-80)));
  return /[.!?…;](?:[”"’'»)\]]|\s)*$/u.test(t);
}

/** Does the text end with a closing quote (a quotation that may lack its final period)? */
export function endsWithQuote(text: string): boolean {
  return /[”"»]$/u.test(fold(text.slice(-16)));
}
