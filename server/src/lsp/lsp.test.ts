// Unit tests of the LSP adapters' pure parts: positions, minimal edits, sidecar merging, ignore entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseArticle } from '../model/article';
import { PositionMapper, toDiagnostic } from './convert';
import { minimalEdits, offsetEditsToTextEdits, spanEdit, type OffsetEdit } from './edits';
import { mergeSidecar, sidecarPath } from './sidecar';
import { addIgnoreEntry } from './project';
import { tempDir } from '../testing/tempDir';

function apply(text: string, edits: OffsetEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    assert.ok(e.start >= at && e.end >= e.start, `sorted, non-overlapping: ${JSON.stringify(edits)}`);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

test('PositionMapper agrees with TextDocument.positionAt (LF, CRLF, CR, BOM)', () => {
  for (const text of ['a\nbb\n\nccc', 'a\r\nbb\r\n\r\nccc\r\n', 'x\ry\rz', '\uFEFFđầu\r\nhai', '', '\uFEFF']) {
    const article = parseArticle(text);
    const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const map = new PositionMapper(article, shift);
    const doc = TextDocument.create('x:y', 'plaintext', 0, text);
    for (let o = 0; o <= article.text.length; o++) {
      assert.deepEqual(map.position(o), doc.positionAt(o + shift), `${JSON.stringify(text)} @${o}`);
    }
    assert.deepEqual(map.position(article.text.length + 10), doc.positionAt(text.length), 'clamped past the end');
  }
});

test('toDiagnostic: related locations in this and in other files', () => {
  const article = parseArticle('A\n\nB\n\nA\n');
  const d = toDiagnostic(
    {
      code: 'duplicate-paragraph',
      severity: 'information',
      message: 'm',
      start: 6,
      end: 8,
      fixes: [],
      hash: 'abcd0123',
      related: [
        { message: 'first', start: 0, end: 1 },
        { message: 'there', start: 0, end: 0, file: '/tmp/other file.txt', line: 4, endLine: 6 },
      ],
    },
    3,
    new PositionMapper(article, 0),
    'file:///tmp/this.txt',
    7,
    '/tmp/this.txt',
  );
  assert.equal(d.severity, 3);
  assert.deepEqual(d.tags, [1]);
  assert.deepEqual(d.data, { v: 7, i: 3, n: 0, h: 'abcd0123' });
  assert.deepEqual(d.relatedInformation?.[0].location, { uri: 'file:///tmp/this.txt', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
  assert.deepEqual(d.relatedInformation?.[1].location, {
    uri: 'file:///tmp/other%20file.txt',
    range: { start: { line: 4, character: 0 }, end: { line: 7, character: 0 } },
  });
});

test('spanEdit and minimalEdits rebuild the target; minimal edits leave unchanged lines alone', () => {
  const a = 'one\ntwo\nthree\nfour\nfive\n';
  const b = 'one\nfour\nfive!\n';
  const edits = minimalEdits(a, b);
  assert.equal(apply(a, edits), b);
  assert.ok(edits.length === 2, JSON.stringify(edits));
  assert.deepEqual(spanEdit('abc', 'abc'), []);
  assert.deepEqual(spanEdit('abXc', 'abc'), [{ start: 2, end: 3, newText: '' }]);
  // never between \r and \n, never inside a surrogate pair
  for (const e of minimalEdits('a\r\nb\r\nc', 'a\nb\r\nc')) assert.ok(!(e.start === 2 || e.end === 2), JSON.stringify(e));
  for (const e of spanEdit('x\u{1F600}y', 'x\u{1F601}y')) assert.deepEqual(e, { start: 1, end: 3, newText: '\u{1F601}' });
});

test('minimalEdits: property — any two texts', () => {
  const line = fc.constantFrom('a', 'b', 'đ', '', ' ', '\u00a0', '\u{1F600}', 'xyz');
  const eol = fc.constantFrom('\n', '\r\n', '\r');
  const text = fc.array(fc.tuple(line, eol), { maxLength: 12 }).map((ls) => ls.map(([l, e]) => l + e).join(''));
  fc.assert(
    fc.property(text, text, (a, b) => {
      const edits = minimalEdits(a, b);
      assert.equal(apply(a, edits), b);
      // as LSP edits on the document, too
      const lsp = offsetEditsToTextEdits(a, edits);
      assert.equal(TextDocument.applyEdits(TextDocument.create('x:y', 'plaintext', 0, a), lsp), b);
    }),
    { numRuns: 500 },
  );
});

test('minimalEdits on a large text gives the right edits', () => {
  const para = 'Một đoạn văn bản khá dài để làm tài liệu lớn, lặp lại nhiều lần.\n\n';
  const a = para.repeat(20000);
  const b = a.replace(/lớn/g, (m, off: number) => (off % 7 === 0 ? 'nhỏ' : m));
  const edits = minimalEdits(a, b);
  assert.equal(apply(a, edits), b);
});

test('mergeSidecar: new file, append to dumps, keep other keys, refuse non-JSON', () => {
  const json = { source: 'a.txt', dumps: [{ startLine: 3 }] };
  assert.deepEqual(JSON.parse((mergeSidecar(undefined, json) as { text: string }).text), json);
  const merged = mergeSidecar(JSON.stringify({ source: 'a.txt', note: 'x', dumps: [{ startLine: 1 }] }), json);
  assert.ok(merged.ok);
  assert.deepEqual(JSON.parse(merged.text), { source: 'a.txt', note: 'x', dumps: [{ startLine: 1 }, { startLine: 3 }] });
  const again = mergeSidecar(merged.text, json);
  assert.ok(again.ok);
  assert.equal(JSON.parse(again.text).dumps.length, 2, 'an entry already there is not repeated');
  assert.equal(mergeSidecar('{oops', json).ok, false);
  assert.equal(mergeSidecar('[1,2]', json).ok, false);
  assert.ok(mergeSidecar('\uFEFF{"dumps": []}\r\n', json).ok);
  assert.equal(sidecarPath('/c/a.txt', 'a.meta.json'), path.join('/c', 'a.meta.json'));
  assert.equal(sidecarPath('/c/a.txt', '../x.json'), undefined);
  assert.equal(sidecarPath('/c/a.txt', ''), undefined);
});

test('addIgnoreEntry: creates, appends, keeps keys, never duplicates, refuses a broken file', async () => {
  const dir = tempDir('cc-ignore-');
  try {
    const file = path.join(dir, '.corpus-curator.json');
    const e1 = { file: 'a/b.txt', code: 'php-dump', hash: '0000abcd' };
    assert.deepEqual(await addIgnoreEntry(dir, e1), { ok: true, file, added: true });
    assert.equal(readFileSync(file, 'utf8'), JSON.stringify({ ignore: [e1] }, null, 2) + '\n');
    writeFileSync(file, JSON.stringify({ rules: { whitespace: 'off' }, ignore: [e1], reviewed: ['x.txt'] }, null, 2));
    assert.deepEqual(await addIgnoreEntry(dir, e1), { ok: true, file, added: false });
    const e2 = { ...e1, hash: '1111abcd' };
    assert.equal((await addIgnoreEntry(dir, e2)).ok, true);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    assert.deepEqual(Object.keys(saved), ['rules', 'ignore', 'reviewed'], 'key order kept');
    assert.deepEqual(saved.ignore, [e1, e2]);
    writeFileSync(file, '{ broken');
    const r = await addIgnoreEntry(dir, e1);
    assert.equal(r.ok, false);
    assert.equal(readFileSync(file, 'utf8'), '{ broken', 'left untouched');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
