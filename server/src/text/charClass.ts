// Character classes of code points, looked up in a table instead of asked of a regular expression:
// the per-line checks of the recognizer (model/lineShape.ts) walk a line's characters once with
// them. The table is filled lazily (a character's class is worked out with the same Unicode
// property escapes the regular expressions used, the first time it is seen). Pure.

/** \p{L} */
export const LETTER = 1;
/** \p{M} */
export const MARK = 2;
/** \p{N} */
export const NUMBER = 4;
/** \p{Lu} */
export const UPPER = 8;
/** \p{Ll} */
export const LOWER = 16;
/** toUpperCase() changes it */
export const CHANGES_UP = 32;
/** toLowerCase() changes it */
export const CHANGES_DOWN = 64;
const KNOWN = 128;

const L = /^\p{L}$/u, M = /^\p{M}$/u, N = /^\p{N}$/u, LU = /^\p{Lu}$/u, LL = /^\p{Ll}$/u;

function classify(s: string): number {
  return (L.test(s) ? LETTER : 0) | (M.test(s) ? MARK : 0) | (N.test(s) ? NUMBER : 0) | (LU.test(s) ? UPPER : 0) |
    (LL.test(s) ? LOWER : 0) | (s.toUpperCase() !== s ? CHANGES_UP : 0) | (s.toLowerCase() !== s ? CHANGES_DOWN : 0) | KNOWN;
}

const BMP = new Uint8Array(0x10000);
const ASTRAL = new Map<number, number>();

/**
 * The class bits of the code point at text[i] (a surrogate pair read as one; a lone surrogate, as
 * the `u` flag reads it, has none). Its length in UTF-16 units is codePointLength(text, i).
 */
export function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      let v = ASTRAL.get(cp);
      if (v === undefined) ASTRAL.set(cp, (v = classify(String.fromCodePoint(cp))));
      return v;
    }
  }
  let v = BMP[c];
  if (v === 0) BMP[c] = v = c >= 0xd800 && c <= 0xdfff ? KNOWN : classify(String.fromCharCode(c));
  return v;
}

/** 2 for a surrogate pair at text[i], else 1. */
export function codePointLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}
