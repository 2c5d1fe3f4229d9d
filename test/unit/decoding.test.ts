// Decoding an article's bytes: UTF-16/UTF-32 with a byte-order mark is named, not called binary;
// the offset of the first bad UTF-8 byte is right for surrogates and overlong forms; a short text
// file with one stray NUL is read as text and the NUL is flagged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeArticle, firstInvalidUtf8 } from '../../server/src/io/files';
import { analyze } from '../../server/src/engine/analyze';

test('decodeArticle: UTF-16 (LE and BE) and UTF-32 with a byte-order mark are named, not called binary', () => {
  const le = decodeArticle(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Việt Nam\n', 'utf16le')]));
  assert.equal(le.ok, false);
  assert.match(!le.ok ? le.reason : '', /^UTF-16 LE text .*convert it to UTF-8 first/);
  assert.doesNotMatch(!le.ok ? le.reason : '', /binary/);
  const beBody = Buffer.from('Việt Nam\n', 'utf16le').swap16();
  const be = decodeArticle(Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]));
  assert.match(!be.ok ? be.reason : '', /^UTF-16 BE text/);
  const u32 = decodeArticle(Uint8Array.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]));
  assert.match(!u32.ok ? u32.reason : '', /^UTF-32 LE text/);
});

test('firstInvalidUtf8: surrogates, overlong forms and code points past U+10FFFF are found at their lead byte', () => {
  const at = (bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));
  assert.equal(at([0x41, 0x42, 0xed, 0xa0, 0x80, 0x43]), 2, 'UTF-8-encoded surrogate U+D800');
  assert.equal(at([0x41, 0xed, 0xbf, 0xbf]), 1, 'surrogate U+DFFF');
  assert.equal(at([0xed, 0x9f, 0xbf, 0x41]), -1, 'U+D7FF is fine');
  assert.equal(at([0x41, 0xe0, 0x80, 0xaf]), 1, 'overlong 3-byte form');
  assert.equal(at([0x41, 0xe0, 0x9f, 0xbf]), 1, 'overlong 3-byte form (E0 9F)');
  assert.equal(at([0xe0, 0xa0, 0x80]), -1, 'U+0800 is fine');
  assert.equal(at([0x41, 0x41, 0xf0, 0x80, 0x80, 0xaf]), 2, 'overlong 4-byte form');
  assert.equal(at([0xf0, 0x8f, 0xbf, 0xbf]), 0, 'overlong 4-byte form (F0 8F)');
  assert.equal(at([0x41, 0xf4, 0x90, 0x80, 0x80]), 1, 'past U+10FFFF');
  assert.equal(at([0xf4, 0x8f, 0xbf, 0xbf]), -1, 'U+10FFFF is fine');
  assert.equal(at([0x41, 0xc0, 0xaf]), 1, 'C0 is never valid');
  assert.equal(at([0x41, 0xe1, 0x80]), 1, 'a sequence cut short at the end');
  // what the user reads: the offset of the bad byte, never -1
  const d = decodeArticle(Buffer.concat([Buffer.from('Tin tức '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' hôm nay\n')]));
  assert.equal(d.ok, false);
  assert.match(!d.ok ? d.reason : '', /not valid UTF-8 \(first bad byte at offset 10\)/);
  for (const bytes of [[0xe0, 0x80, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xed, 0xbf, 0xbf]]) {
    const r = decodeArticle(Uint8Array.from([0x61, ...bytes]));
    assert.match(!r.ok ? r.reason : '', /first bad byte at offset 1\)/, JSON.stringify(bytes));
  }
});

test('a 55-byte text file with one stray NUL is read as text, and the unicode rule flags the NUL with a fix', () => {
  const bytes = Buffer.from('Tin ngắn.\n\nMột câu có ký tự\u0000 lạ ở giữa.\n', 'utf8');
  assert.equal(bytes.length, 55);
  const d = decodeArticle(bytes);
  assert.ok(d.ok, !d.ok ? d.reason : '');
  const text = d.ok ? d.text : '';
  const { findings } = analyze(text, {});
  const nul = findings.find((f) => f.code === 'unicode' && text.slice(f.start, f.end) === '\u0000');
  assert.ok(nul, JSON.stringify(findings.map((f) => f.message)));
  assert.match(nul.message, /NUL/);
  assert.deepEqual(nul.fixes[0].edits, [{ start: nul.start, end: nul.end, newText: '' }]);
  // binary data is still refused, short or long
  assert.match((decodeArticle(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 0, 0, 0])) as { reason: string }).reason, /binary/);
});
