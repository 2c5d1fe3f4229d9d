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

/** The share of a line's syllables (runs of letters and marks) that are function words. `key` is lower case. */
export function functionShare(key: string, fw: ReadonlySet<string>): number {
  const n = key.length;
  let words = 0, hits = 0;
  for (let i = 0; i < n;) {
    if ((classAt(key, i) & (LETTER | MARK)) === 0) { i += codePointLength(key, i); continue; }
    const start = i;
    i += codePointLength(key, i);
    while (i < n && (classAt(key, i) & (LETTER | MARK))) i += codePointLength(key, i);
    words++;
    if (fw.has(key.slice(start, i))) hits++;
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
