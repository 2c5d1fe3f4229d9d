// fold() skips its regular expressions for text that is already folded (isFolded): the shortcut
// must never change what fold returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fold, isFolded } from './normalize';

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
