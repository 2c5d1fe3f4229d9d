// fold() skips its regular expressions for text that is already folded (isFolded): the shortcut
// must never change what fold returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fold, hasWords, isFolded, isWhiteSpace, words, WordScanner } from './normalize';
import { countWords } from '../model/lines';

/** fold as it was written before the shortcut. */
function slowFold(text: string): string {
  const nfc = /[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]/.test(text) ? text.normalize('NFC') : text;
  return nfc.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ').replace(/\s+/g, ' ').trim();
}

const PIECES = [
  'a', 'Đ', 'ư', 'ờ', 'ng', 'Việt', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff',
  '\u2003', '\u202f', '\u3000', '\u1680', '\u2028', '\u0085', '\u000b', 'e\u0301', '\u0303', '.', ',', '“', '1', '😀',
];

test('fold gives the same text with and without its shortcut (generated strings of letters, marks and spaces)', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join('')), (s) => {
    assert.equal(fold(s), slowFold(s));
    if (isFolded(s)) assert.equal(slowFold(s), s, 'isFolded said unchanged');
  }), { numRuns: 3000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => assert.equal(fold(s), slowFold(s))), { numRuns: 3000 });
});

test('isFolded: clean Vietnamese prose is, doubled spaces, NBSP, edges and decomposed marks are not', () => {
  assert.equal(isFolded('Người dân phấn khởi vì giá bán ổn định.'), true);
  assert.equal(isFolded('Người  dân'), false);
  assert.equal(isFolded('Người\u00a0dân'), false);
  assert.equal(isFolded(' Người'), false);
  assert.equal(isFolded('Người '), false);
  assert.equal(isFolded('Nguye\u0302\u0303n'), false);
  assert.equal(isFolded(''), true);
});

const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:[-'’./][\p{L}\p{M}\p{N}]+)*/gu;
function scanned(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const w = new WordScanner(s);
  while (w.next()) out.push([w.start, w.end]);
  return out;
}
const WORD_PIECES = [
  'a', 'Đ', 'ư', 'ờ', 'ng', 'Việt', 'e\u0301', '\u0301', '1', '٣', '²', 'ß', 'Ж', '中', '𝐀', '😀', '𠀀', '\ud800', '\udc00',
  '-', "'", '’', '.', '/', '..', '--', ',', ' ', '\u00a0', '\t', '\n', '_', '&', '…', '“', '\u200b',
];

test('WordScanner finds the same words as the word pattern (generated strings, any code units)', () => {
  const same = (s: string) => assert.deepEqual(scanned(s), [...s.matchAll(WORD_RE)].map((m) => [m.index, m.index + m[0].length]));
  fc.assert(fc.property(fc.array(fc.constantFrom(...WORD_PIECES), { maxLength: 30 }).map((a) => a.join('')), same), { numRuns: 5000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), same), { numRuns: 3000 });
  fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }), same), { numRuns: 3000 });
});

test('WordScanner: every UTF-16 unit alone, and joined to a letter, as the pattern reads it', () => {
  for (let c = 0; c < 0x10000; c++) {
    for (const s of [String.fromCharCode(c), `a${String.fromCharCode(c)}b`]) {
      assert.deepEqual(scanned(s), [...s.matchAll(WORD_RE)].map((m) => [m.index, m.index + m[0].length]), `U+${c.toString(16)}`);
    }
  }
});

test('isWhiteSpace is \\s, for every UTF-16 unit', () => {
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    assert.equal(isWhiteSpace(c), /\s/.test(ch), `U+${c.toString(16)}`);
    assert.equal(isWhiteSpace(c), /\s/u.test(ch), `U+${c.toString(16)} (u)`);
  }
});

test('hasWords(text, k) is words(text).length >= k; countWords is the number of the pattern\'s matches (generated strings, any code units)', () => {
  const check = (s: string) => {
    for (const k of [0, 1, 2, 3, 5]) assert.equal(hasWords(s, k), words(s).length >= k, `${JSON.stringify(s)} ${k}`);
    assert.equal(countWords(s), [...s.matchAll(WORD_RE)].length, JSON.stringify(s));
  };
  // '=' and U+0338 compose (NFC) into '≠', which is not a letter: words() normalises first
  for (const s of ['', 'a b', 'a b c', '=\u0338 a b', 'e\u0301 x y', 'TP.HCM 14/5 COVID-19']) check(s);
  fc.assert(fc.property(fc.array(fc.constantFrom(...WORD_PIECES, '=', '\u0338'), { maxLength: 30 }).map((a) => a.join('')), check), { numRuns: 5000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), check), { numRuns: 3000 });
});
