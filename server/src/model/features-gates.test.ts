// The recognizer's own facts of a line skip an expression where a cheap test shows it cannot match
// (hasCopyright: '©' or the phrases in the lower-cased key). The gate must never hide a match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { COPYRIGHT, hasCopyright } from './features';
import { lineFacts } from './lines';

const PIECES = [
  'bản quyền', 'Bản quyền', 'BẢN QUYỀN', 'Bản Quyền', 'bản  quyền', 'ba\u0309n quye\u0302\u0300n', 'bản', 'quyền', ' quyền',
  'giấy phép', 'Giấy phép', 'GIẤY PHÉP', 'GİẤY PHÉP', 'giấy', 'phép', '©', '(c)', 'Copyright', 'Ả', 'ả', 'b', 'B', 'q', 'Q',
  ' ', '\u00a0', '.', 'Việt', 'Nam', '2024', 'İ', 'ſ', 'K',
];

const same = (s: string) => {
  const f = lineFacts(s);
  assert.equal(hasCopyright(f.folded, f.key), COPYRIGHT.test(f.folded), JSON.stringify(s));
  assert.equal(hasCopyright(s), COPYRIGHT.test(s), JSON.stringify(s));
};

test('hasCopyright finds what the copyright expression finds (generated lines)', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((a) => a.join('')), same), { numRuns: 5000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), same), { numRuns: 3000 });
});

test('hasCopyright: notices in any case, and lines without one', () => {
  assert.equal(hasCopyright('BẢN QUYỀN THUỘC VỀ BÁO'), true);
  assert.equal(hasCopyright('© 2024 Báo Nhân Dân'), true);
  assert.equal(hasCopyright('Giấy phép số 123/GP-BTTTT'), true);
  assert.equal(hasCopyright('Người dân phấn khởi vì giá xăng giảm.'), false);
});
