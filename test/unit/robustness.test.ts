// Bad input never crashes the model and ranges stay right: empty, whitespace, huge, NUL bytes,
// CRLF and mixed line endings, a BOM, invalid UTF-8 (decoding says why).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseArticle } from '../../server/src/model/article';
import { decodeArticle } from '../../server/src/io/files';
import type { Article } from '../../server/src/model/types';

const seed = readFileSync('seeds/000_f4915662ab95302d.txt', 'utf8');

/** Blocks cover every line exactly once, in order. */
function assertCovers(a: Article): void {
  let next = 0;
  for (const b of a.blocks) {
    assert.equal(b.startLine, next, `block ${b.kind} starts at ${b.startLine}, expected ${next}`);
    assert.ok(b.endLine >= b.startLine);
    next = b.endLine + 1;
  }
  assert.equal(next, a.lines.length);
}

test('empty and whitespace-only articles parse to blank blocks', () => {
  for (const t of ['', ' ', '\n\n\n', '\u00a0\u00a0\n\t\n', '\r\n\r\n']) {
    const a = parseArticle(t);
    assertCovers(a);
    assert.ok(a.blocks.every((b) => b.kind === 'blank'), JSON.stringify(t));
    assert.equal(a.headline, null);
  }
});

test('NUL bytes and control characters do not break parsing', () => {
  const t = seed.replace('Những năm qua', 'Những\u0000 năm qua').replace('ĐỖ TRỌNG', '\u0000\u0001ĐỖ TRỌNG');
  const a = parseArticle(t);
  assertCovers(a);
  assert.equal(a.date?.iso, '2021-12-03T09:02:04');
});

test('CRLF gives the same structure as LF, with line ends before \\r', () => {
  const lf = parseArticle(seed);
  const crlfText = seed.replace(/\n/g, '\r\n');
  const crlf = parseArticle(crlfText);
  assert.deepEqual(crlf.blocks.map((b) => [b.kind, b.startLine, b.endLine]), lf.blocks.map((b) => [b.kind, b.startLine, b.endLine]));
  for (const l of crlf.lines) {
    assert.notEqual(crlfText[l.end - 1], '\r');
    if (l.eol) assert.equal(crlfText.slice(l.end, l.end + l.eol.length), '\r\n');
  }
});

test('mixed line endings (\\n, \\r\\n, lone \\r) are all line breaks', () => {
  const t = 'Tiêu đề bài báo về nông nghiệp\r\n\r20/05/2022 - 15:17\n\nĐoạn văn đầu tiên của bài viết có đủ chữ để thành một đoạn văn bình thường.\r\n';
  const a = parseArticle(t);
  assertCovers(a);
  assert.equal(a.lines.length, 6);
  assert.equal(a.headline?.startLine, 0);
  assert.equal(a.dateline?.startLine, 2);
  assert.equal(a.date?.iso, '2022-05-20T15:17:00');
});

test('a BOM is removed from the model text and remembered', () => {
  const a = parseArticle('\ufeff' + seed);
  assert.equal(a.hadBom, true);
  assert.equal(a.text, seed);
  assert.equal(a.headline?.text.startsWith('Đảng bộ'), true);
});

test('a 20 MB article parses and keeps every line', () => {
  const big = seed.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(seed)));
  const a = parseArticle(big);
  assertCovers(a);
  assert.ok(a.blocks.filter((b) => b.kind === 'php-dump').length >= 2);
});

test('one 5 MB line without breaks parses', () => {
  const a = parseArticle('Lorem ipsum dolor sit amet. '.repeat(200_000));
  assertCovers(a);
});

test('invalid UTF-8, binary and UTF-16 files are refused with a reason; valid UTF-8 and BOM decode', () => {
  const bad = decodeArticle(Uint8Array.from([0x56, 0x69, 0xe1, 0xbb, 0x87, 0x74, 0x20, 0xff, 0x41]));
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.reason : '', /not valid UTF-8 \(first bad byte at offset 7\)/);
  const bin = decodeArticle(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  assert.equal(bin.ok, false);
  assert.match(!bin.ok ? bin.reason : '', /binary/);
  const u16 = decodeArticle(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]));
  assert.equal(u16.ok, false);
  const good = decodeArticle(new TextEncoder().encode('\ufeffViệt Nam'));
  assert.deepEqual(good, { ok: true, text: '\ufeffViệt Nam' });
});

test('property: any text parses, blocks cover all lines, offsets are consistent', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('Array', '(', ')', '  [0] => Array', '.', 'Xem thêm', 'ĐỖ TRỌNG', '14/03/2023 2:16:46', '\u00a0', '')), { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'), (parts, eol) => {
      const t = parts.join(eol);
      const a = parseArticle(t);
      assertCovers(a);
      for (const l of a.lines) assert.equal(a.text.slice(l.start, l.end), l.text);
    }),
    { numRuns: 300 },
  );
});
