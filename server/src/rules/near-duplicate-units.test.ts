// near-duplicate-paragraph reads a block's words with WordScanner and hashes words, pairs and
// triples in place (hash32On): the units must be what the regular expression and string hashes
// gave before (the same words, offsets, sentences, hashes and shingle sets, in the same order).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Block } from '../model/types';
import { makeUnit } from './near-duplicate-paragraph';
import { withoutStrayTail } from '../text/normalize';
import { hash32 } from '../text/similarity';

const WORD = /[\p{L}\p{M}\p{N}]+(?:[-'’./][\p{L}\p{M}\p{N}]+)*/gu;

function gramSet(toks: readonly string[], n: number): Set<number> {
  const out = new Set<number>();
  if (toks.length === 0) return out;
  if (toks.length < n) {
    out.add(hash32(toks.join(' ')));
    return out;
  }
  for (let i = 0; i + n <= toks.length; i++) out.add(hash32(n === 1 ? toks[i] : toks.slice(i, i + n).join(' ')));
  return out;
}

/** makeUnit as it was written with the regular expression and string hashes. */
function slowUnit(block: Block) {
  const toks: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const sentences: number[] = [0];
  const text = withoutStrayTail(block.text);
  const lower = text.toLowerCase();
  const direct = lower.length === text.length && text.normalize('NFC') === text;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) && toks.length < 5000) {
    if (toks.length > 0 && /[.!?…]/.test(text.slice(ends[ends.length - 1], m.index))) sentences.push(toks.length);
    const tok = direct ? lower.slice(m.index, m.index + m[0].length) : m[0].normalize('NFC').toLowerCase();
    if (tok === toks[toks.length - 1] && /^\s+$/.test(text.slice(ends[ends.length - 1], m.index))) continue;
    toks.push(tok);
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  sentences.push(toks.length);
  const h1 = toks.map((t) => hash32(t));
  const h2 = toks.map((t, i) => (i + 1 < toks.length ? hash32(`${t} ${toks[i + 1]}`) : 0));
  return {
    toks, starts, ends, sentences, h1, h2,
    s1: [...new Set(h1)],
    s2: [...(toks.length < 2 ? gramSet(toks, 2) : new Set(h2.slice(0, -1)))],
    s3: [...gramSet(toks, 3)],
  };
}

function fastUnit(block: Block) {
  const u = makeUnit(block);
  return {
    toks: u.ws.map((a, i) => u.src.slice(a, u.we[i])),
    // (the unit keeps its hashes as signed 32-bit integers: the same hashes)
    starts: u.starts, ends: u.ends, sentences: u.sentences, h1: u.h1.map((h) => h >>> 0), h2: u.h2.map((h) => h >>> 0),
    s1: [...u.s1].map((h) => h >>> 0), s2: [...u.s2].map((h) => h >>> 0), s3: [...u.s3].map((h) => h >>> 0),
  };
}

const PIECES = [
  'ngày', 'Ngày', 'NGÀY', 'tiêu', 'biểu', 'Việt', 'Đảng', 'bộ', 'İstanbul', 'ß', 'e\u0301', 'o\u0302\u0301', 'COVID-19', '14/5', 'TP.HCM',
  "l'a", '1', '2020', '😀', '𝐀', 'Ж',
  ' ', ' ', ' ', '  ', '\u00a0', '\t', '\n', '\u2003', '\u200b', '.', '. ', '! ', '? ', '… ', ', ', '“', '”', '-', '/', '. r', '.” a',
];
const blockText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));

test('makeUnit: the same words, offsets, sentences and hashes as with the regular expression (generated blocks)', () => {
  fc.assert(fc.property(blockText, (text) => {
    const block: Block = { kind: 'paragraph', startLine: 0, endLine: 0, text };
    assert.deepEqual(fastUnit(block), slowUnit(block));
  }), { numRuns: 5000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
    const block: Block = { kind: 'paragraph', startLine: 0, endLine: 0, text };
    assert.deepEqual(fastUnit(block), slowUnit(block));
  }), { numRuns: 2000 });
});

test('makeUnit: a block of more than 5,000 words keeps its first 5,000', () => {
  const text = Array.from({ length: 6000 }, (_, i) => `từ${i % 97}${i % 3 === 0 ? '.' : ''}`).join(' ');
  const block: Block = { kind: 'paragraph', startLine: 0, endLine: 0, text };
  assert.deepEqual(fastUnit(block), slowUnit(block));
});
