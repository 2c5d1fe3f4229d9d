// Shallow facts about a line's characters that the recognizer's features read (features.ts), each
// worked out in one walk over the line with a character-class table (text/charClass.ts) rather than
// with regular expressions and arrays of matches. Each gives what the regular expression it
// replaces gave (lineShape.test.ts holds those as the reference). Pure.
import { classAt, codePointLength, LETTER, MARK, NUMBER, UPPER } from '../text/charClass';
import { isWhiteSpace } from '../text/normalize';

/** The share of words (a letter, then letters and marks) that start with a capital letter. */
export function capsShare(folded: string): number {
  const n = folded.length;
  let words = 0, up = 0;
  for (let i = 0; i < n;) {
    const c = classAt(folded, i);
    if ((c & LETTER) === 0) { i += codePointLength(folded, i); continue; }
    words++;
    if (c & UPPER) up++;
    i += codePointLength(folded, i);
    while (i < n && (classAt(folded, i) & (LETTER | MARK))) i += codePointLength(folded, i);
  }
  return words === 0 ? 0 : up / words;
}

/**
 * A filter of a set of words: bit h of the table (h: a hash of a word's UTF-16 units) is set for
 * each word of the set. A word whose bit is clear is not in the set; one whose bit is set is looked
 * up in the set itself.
 */
const FILTER_BITS = 1 << 16;
const filters = new WeakMap<ReadonlySet<string>, Uint8Array>();

function filterOf(words: ReadonlySet<string>): Uint8Array {
  let f = filters.get(words);
  if (f) return f;
  f = new Uint8Array(FILTER_BITS >> 3);
  for (const w of words) {
    const h = unitsHash(w, 0, w.length);
    f[h >> 3] |= 1 << (h & 7);
  }
  filters.set(words, f);
  return f;
}

/** A 16-bit hash of s[from, to)'s UTF-16 units. */
function unitsHash(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 16)) & (FILTER_BITS - 1);
}

/** The share of a line's syllables (runs of letters and marks) that are function words. `key` is lower case. */
export function functionShare(key: string, fw: ReadonlySet<string>): number {
  const n = key.length;
  const filter = filterOf(fw);
  let words = 0, hits = 0;
  for (let i = 0; i < n;) {
    if ((classAt(key, i) & (LETTER | MARK)) === 0) { i += codePointLength(key, i); continue; }
    const start = i;
    i += codePointLength(key, i);
    while (i < n && (classAt(key, i) & (LETTER | MARK))) i += codePointLength(key, i);
    words++;
    // (no string for a syllable its filter bit rules out: most are no function word)
    const h = unitsHash(key, start, i);
    if ((filter[h >> 3] & (1 << (h & 7))) !== 0 && fw.has(key.slice(start, i))) hits++;
  }
  return words === 0 ? 0 : hits / words;
}

const ENDS_SENTENCE = '.!?…”"»)';
const CLOSERS = '"”’\'»)]';
const END_NAMES: Record<string, string> = { '!': 'excl', '?': 'quest', ':': 'colon', ';': 'semi', ',': 'comma' };

/** The class of the last meaningful character (a stray 1-2 character tail after punctuation ignored). */
export function endClass(folded: string): string {
  // a tail of one or two characters after final punctuation and white space (`…”. r`) is ignored
  let end = folded.length;
  let j = end;
  while (j > 0 && !isWhiteSpace(folded.charCodeAt(j - 1))) j--;
  if (j > 0 && j < end) {
    let cps = 0;
    for (let x = j; x < end && cps < 3; x += codePointLength(folded, x)) cps++;
    if (cps <= 2) {
      let k = j;
      while (k > 0 && isWhiteSpace(folded.charCodeAt(k - 1))) k--;
      if (k > 0 && ENDS_SENTENCE.includes(folded.charAt(k - 1))) end = k;
    }
  }
  // then closing quotes, brackets and white space
  while (end > 0) {
    const u = folded.charCodeAt(end - 1);
    if (!isWhiteSpace(u) && !CLOSERS.includes(folded.charAt(end - 1))) break;
    end--;
  }
  if (end === 0) return 'none';
  const c = folded.charAt(end - 1);
  if (c === '.') return end >= 3 && folded.charCodeAt(end - 2) === 0x2e && folded.charCodeAt(end - 3) === 0x2e ? 'ellipsis' : 'period';
  if (c === '…') return 'ellipsis';
  const name = END_NAMES[c];
  if (name !== undefined) return name;
  // one UTF-16 unit: half of a surrogate pair is none of these
  const u = folded.charCodeAt(end - 1);
  if (u >= 0xd800 && u <= 0xdfff) return 'sym';
  const cls = classAt(folded, end - 1);
  if (cls & NUMBER) return 'digit';
  if (cls & UPPER) return 'upper';
  if (cls & LETTER) return 'lower';
  return 'sym';
}

/** The white space at the end of a raw line (`\s`, NBSP, BOM, zero-width space), as a class: none, nbsp, sp1, sp2+. */
export function trailing(raw: string): string {
  let end = raw.length;
  let nbsp = false;
  while (end > 0) {
    const c = raw.charCodeAt(end - 1);
    if (!isWhiteSpace(c) && c !== 0x200b) break;
    if (c === 0xa0) nbsp = true;
    end--;
  }
  const n = raw.length - end;
  if (n === 0) return 'none';
  if (nbsp) return 'nbsp';
  return n === 1 ? 'sp1' : 'sp2+';
}

/**
 * First and last words (runs of letters, marks and digits; a word with a digit counts as none: numbers
 * say nothing across sites), for lexical features. `key` is lower case.
 */
export function edgeWords(key: string): { first: string; second: string; last: string } {
  const n = key.length;
  let count = 0;
  let fs = 0, fe = 0, fd = false, ss = 0, se = 0, sd = false, ls = 0, le = 0, ld = false;
  for (let i = 0; i < n;) {
    let c = classAt(key, i);
    if ((c & (LETTER | MARK | NUMBER)) === 0) { i += codePointLength(key, i); continue; }
    const start = i;
    let digit = false;
    do {
      if (c & NUMBER) digit = true;
      i += codePointLength(key, i);
    } while (i < n && ((c = classAt(key, i)) & (LETTER | MARK | NUMBER)));
    count++;
    if (count === 1) { fs = start; fe = i; fd = digit; } else if (count === 2) { ss = start; se = i; sd = digit; }
    ls = start; le = i; ld = digit;
  }
  const first = count >= 1 && !fd ? key.slice(fs, fe) : '';
  return {
    first,
    second: first && count >= 2 && !sd ? key.slice(ss, se) : '',
    last: count > 1 && !ld ? key.slice(ls, le) : '',
  };
}

/**
 * Could URL (features.ts: `https?://`, `www.`, or a name ending in .vn, .com, .net, .org or .info,
 * case-insensitive) match the text? False only where it cannot: no `://`, no `www.` and no full
 * stop before one of those names' first letters. (The regular expression runs where this says true.)
 */
export function mayHoldUrl(s: string): boolean {
  if (s.includes('://')) return true;
  for (let i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) {
    const c = i + 1 < s.length ? s.charCodeAt(i + 1) | 0x20 : 0;
    if (c === 0x76 || c === 0x63 || c === 0x6e || c === 0x6f || c === 0x69) return true; // v c n o i
    if (i >= 3 && (s.charCodeAt(i - 1) | 0x20) === 0x77 && (s.charCodeAt(i - 2) | 0x20) === 0x77 && (s.charCodeAt(i - 3) | 0x20) === 0x77) return true; // www.
  }
  return false;
}
