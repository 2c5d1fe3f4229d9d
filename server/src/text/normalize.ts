// Text normalization shared by the parser and the rules. Pure functions, no I/O.

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
  const letters = text.match(/\p{L}/gu);
  if (!letters || letters.length < 2) return false;
  return text === text.toUpperCase() && text !== text.toLowerCase();
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
