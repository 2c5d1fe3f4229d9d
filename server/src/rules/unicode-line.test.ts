// unicode's per-line facts (unicodeLine) take a shortcut for lines of common characters only: one
// walk over the code units instead of NFC, three expressions and the tone-cluster search. The
// shortcut must give exactly what the expressions give (unicodeLineSlow), on any text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { unicodeLine, unicodeLineSlow } from './unicode';

/** Vietnamese-ish pieces: toned oa/oe/uy clusters in both placements and cases, decomposed marks, look-alikes, rare code points. */
const PIECES = [
  'h', 'th', 'kh', 'qu', 'ng', 'Đ', 'ư', 'ờ', 'o', 'a', 'e', 'u', 'y', 'O', 'A', 'U', 'Y',
  'hòa', 'hoà', 'HÒA', 'HOÀ', 'khỏe', 'khoẻ', 'Thúy', 'Thuý', 'ủy', 'uỷ', 'ÚY', 'tọa', 'toạ', 'xòe', 'quý', 'hoàn', 'thuyết',
  'ò', 'ó', 'ỏ', 'õ', 'ọ', 'à', 'á', 'ả', 'ã', 'ạ', 'è', 'é', 'ẻ', 'ẽ', 'ẹ', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ', 'Ọ', 'Ạ', 'Ỵ',
  'Việt', 'người', ' ', '  ', '\t', '\u00a0', '.', ',', '“', '”', '…', '–', '1', '-',
  'o\u0300', 'a\u0301', 'e\u0303', '\u0309', '\u0323', '\u0300', // decomposed tones, stray marks
  'а', 'о', 'е', 'ı', 'ɑ', 'ð', 'Ð', 'ο', 'Α', // Cyrillic, Greek and Latin look-alikes
  '\u0374', '\u2000', '\u2001', '\u212b', '\u2126', '\uf900', '\u1161', '😀', '\ud800', '\udc00', '\u200b', '\ufeff', 'ſ', 'K',
];

const same = (s: string) => assert.deepEqual(unicodeLine(s), unicodeLineSlow(s), JSON.stringify(s));

test('unicodeLine gives what its expressions give (generated Vietnamese-ish lines)', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join('')), same), { numRuns: 5000 });
});

test('unicodeLine gives what its expressions give (any code units)', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), same), { numRuns: 3000 });
  fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0x2100 }).map((c) => String.fromCharCode(c)), maxLength: 30 }), same), { numRuns: 5000 });
});

test('unicodeLine: tone words, marks, look-alikes and NFC on known lines', () => {
  assert.deepEqual(unicodeLine('Ông hòa và bà hoà').tones.map((t) => [t.word, t.placement]), [['hòa', 'first'], ['hoà', 'second']]);
  assert.equal(unicodeLine('Người dân').nfc, true);
  assert.equal(unicodeLine('Nguo\u0300i').nfc, false);
  assert.equal(unicodeLine('Nguo\u0300i').marks, true);
  assert.equal(unicodeLine('Vіệt Nam').lookalike, true); // Cyrillic і
  assert.equal(unicodeLine('\u0374').nfc, false); // a singleton NFC replaces
});
