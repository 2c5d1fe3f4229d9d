// The worker sends an Article without its strings (toWire) and the main thread rebuilds them from
// the document text it sent (fromWire): what the main thread gets must be the Article the engine
// made, every line and block text included, for every layout (CRLF, CR, a BOM, blank runs, dumps).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { parseArticle } from '../model/article';
import { fromWire, toWire } from './offThread';
import type { Article } from '../model/types';

/** The Article as plain data, the hover reasons left out (they travel apart). */
function plain(a: Article): unknown {
  const blocks = a.blocks.map((b) => {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(b)) if (k !== 'reason') o[k] = (b as unknown as Record<string, unknown>)[k];
    return o;
  });
  const at = (b: unknown) => (b ? a.blocks.indexOf(b as never) : -1);
  return { ...a, blocks, headline: at(a.headline), kicker: at(a.kicker), dateline: at(a.dateline), byline: at(a.byline) };
}

const dirs = ['seeds', 'test/fixtures/real'];
const texts: Array<[string, string]> = [];
for (const d of dirs) for (const f of readdirSync(d).filter((x) => x.endsWith('.txt')).sort().slice(0, 60)) texts.push([`${d}/${f}`, readFileSync(path.join(d, f), 'utf8')]);
const seed = texts[0][1];
texts.push(['CRLF', seed.replace(/\n/g, '\r\n')], ['CR', seed.replace(/\n/g, '\r')], ['BOM', '\ufeff' + seed], ['BOM + CRLF, no final EOL', '\ufeff' + seed.replace(/\n/g, '\r\n').trimEnd()], ['empty', ''], ['blank lines only', '\n \n\u00a0\n\n']);

test('an Article sent without its strings is rebuilt, on the main thread, equal to the one the worker made', () => {
  for (const [name, text] of texts) {
    const a = parseArticle(text);
    const wire = deserialize(serialize(toWire(a))); // as postMessage copies it
    const b = fromWire(wire, text);
    assert.deepEqual(plain(b), plain(a), name);
    assert.equal(b.headline, a.headline ? b.blocks[a.blocks.indexOf(a.headline)] : null, `${name}: the headline is one of the blocks`);
  }
});

test('the message carries no copy of the text: far smaller than the Article', () => {
  const text = texts.filter(([n]) => n.startsWith('test/')).map(([, t]) => t).join('\n\n');
  const a = parseArticle(text);
  const full = serialize({ ...plain(a) as object, blocks: a.blocks.map((b) => ({ ...b })) }).length;
  const slim = serialize(toWire(a)).length;
  assert.ok(slim * 4 < full, `slim ${slim} bytes against ${full}`);
  // and reading the blocks for it did not work out any hover reason (a lazy getter per block)
  const b = parseArticle(text);
  let read = 0;
  for (const blk of b.blocks) {
    const d = Object.getOwnPropertyDescriptor(blk, 'reason');
    if (d?.get) Object.defineProperty(blk, 'reason', { ...d, get: () => { read++; return d.get!.call(blk); } });
  }
  toWire(b);
  assert.equal(read, 0);
});

test('an article sent without its lines gets the same lines back (mixed line ends and a BOM)', () => {
  const text = '\uFEFFTiêu đề\r\n\r\nĐoạn một.\rĐoạn hai.\n\nCuối';
  const a = parseArticle(text);
  const sent = deserialize(serialize(toWire(a)));
  assert.equal('lines' in sent, false);
  assert.deepStrictEqual(fromWire(sent, text).lines, a.lines);
});

test("rebuilt after an edit with the last version's lines at hand, the Article is the one the worker made", () => {
  const edits: Array<[string, (t: string) => string]> = [
    ['a character typed mid-text', (t) => t.slice(0, t.length >> 1) + 'ừ' + t.slice(t.length >> 1)],
    ['a line added at the start', (t) => 'Tin mới\n' + t],
    ['the last line removed', (t) => t.slice(0, Math.max(0, t.lastIndexOf('\n')))],
    ['a line repeated next to itself', (t) => { const ls = t.split('\n'); ls.splice(2, 0, ls[2] ?? ''); return ls.join('\n'); }],
  ];
  for (const [name, text] of texts.slice(0, 12)) {
    const before = fromWire(deserialize(serialize(toWire(parseArticle(text)))), text);
    for (const [what, edit] of edits) {
      const edited = edit(text);
      const a = parseArticle(edited);
      const b = fromWire(deserialize(serialize(toWire(a))), edited, before.lines);
      assert.deepEqual(plain(b), plain(a), `${name}, ${what}`);
      assert.equal(b.lines.map((l) => l.text).join('\n'), edited.replace(/^\uFEFF/, '').replace(/\r\n|\r/g, '\n'), `${name}, ${what}: the lines' texts`);
    }
  }
});
