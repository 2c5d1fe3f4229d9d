// The shared per-line tokens (text/tokens.ts) against the tokenizers each reader used before it:
// WordScanner's spans and a hash of each word's slice (repeated-word), wordHashes of the lower-cased
// text (the corpus index's MinHash words), near-duplicate-paragraph's unit as it scanned its block,
// and the MinHash signature as its first loop made it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lineTokens, lineTokensSlow, tokensAt } from './tokens';
import { wordHashes, WordScanner } from './normalize';
import { hash32 } from './similarity';
import { parseArticle } from '../model/article';
import { contentWordHashes, contentWordHashesSlow, summarize } from '../index/corpus';
import { analyzeArticle } from '../engine/analyze';
import { fmix32, NUM_HASHES, shingleHashesOfHashes, signatureOf } from '../index/minhash';
import { blockTokens, unitText, unitTextSlow } from '../rules/near-duplicate-paragraph';
import type { Block } from '../model/types';

/** What each reader worked out for itself from a line's text. */
function reference(text: string) {
  const se: number[] = [];
  const raw: number[] = [];
  const scan = new WordScanner(text);
  while (scan.next()) {
    se.push(scan.start, scan.end);
    raw.push(hash32(text.slice(scan.start, scan.end)));
  }
  return { n: raw.length, se, raw, lower: wordHashes(text.toLowerCase()).hashes };
}

function same(text: string): void {
  const t = lineTokens(text);
  const r = reference(text);
  const msg = JSON.stringify(text);
  assert.deepEqual({ n: t.n, se: [...t.se], raw: [...t.raw], lower: [...t.lower] }, r, msg);
  const lowered = text.toLowerCase();
  assert.equal(t.lowerQuick, !/[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]/.test(lowered), msg);
  if (t.direct) {
    // word i's lower case lies at its own span
    assert.equal(lowered.length, text.length, msg);
    for (let i = 0; i < t.n; i++) assert.equal(t.lower[i], hash32(lowered.slice(t.se[2 * i], t.se[2 * i + 1])), msg);
  }
  if (t.nfc) assert.equal(text.normalize('NFC'), text, msg);
  // the slow way gives the same words
  const s = lineTokensSlow(text);
  assert.deepEqual({ n: s.n, se: [...s.se], raw: [...s.raw], lower: [...s.lower] }, r, msg);
}

const PIECES = [
  'tiêu', 'Tiêu', 'TIÊU', 'biểu', 'Việt', 'ĐỖ', 'Đảng', 'hoà', 'ho\u0300a', 'nguye\u0302\u0303n', 'İstanbul', 'ΣΟΦΙΑ', 'ΟΔΟΣ', 'Σ', 'ß', 'ǅ',
  'Ж', 'Ω', '\u2126', '\u212b', 'A\u030a', '\u1100\u1161', '한국', 'ｶﾞ', 'ﬁ', '😀', '𝐀', '𐐀', '\ud800', '\udc00', 'COVID-19', '14/5', 'TP.HCM',
  "l'a", 'o’clock', 'x', '10', '2020', 'Ⅻ', 'Ⓐ', '\u0130', 'K', '\u212a',
  ' ', ' ', ' ', '  ', '\u00a0', '\u2000', '\t', '\u200b', '.', '. ', '-', '/', "'", '’', ', ', '“', '”', '…', '\ufeff',
];
const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));

test('lineTokens: the spans, hashes and lower-cased hashes the readers worked out (generated lines)', () => {
  fc.assert(fc.property(line, same), { numRuns: 6000 });
});

test('lineTokens: the same on any code units', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 50 }), same), { numRuns: 4000 });
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), same), { numRuns: 2000 });
});

/** An article of generated lines: blank lines between some, so that blocks span several lines. */
const articleText = fc.array(fc.oneof(line, fc.constant(''), fc.constant('Ông Nguyễn Văn A nói rằng tiêu tiêu biểu của năm 2020 là một năm khó khăn. r')), { minLength: 1, maxLength: 14 })
  .map((ls) => ls.join('\n'));

test('contentWordHashes (from the lines\' tokens) = wordHashes of the content joined and lower-cased', () => {
  fc.assert(fc.property(articleText, (text) => {
    const a = parseArticle(text);
    const content = a.blocks.filter((b) => b.kind !== 'blank');
    assert.deepEqual(contentWordHashes(a, content), contentWordHashesSlow(content), JSON.stringify(text));
    // and a block whose text is not its lines' (a caller's own): the reference way
    const odd: Block = { ...content[0] ?? a.blocks[0], text: 'Khác hẳn' };
    if (odd) assert.deepEqual(contentWordHashes(a, [odd]), contentWordHashesSlow([odd]));
    // (of the same length)
    const same = { ...odd, text: 'x'.repeat((content[0] ?? a.blocks[0])?.text.length ?? 0) };
    assert.deepEqual(contentWordHashes(a, [same]), contentWordHashesSlow([same]));
  }), { numRuns: 1500 });
});

test('near-duplicate-paragraph: a unit read from the lines\' tokens = the unit scanned from the block', () => {
  fc.assert(fc.property(articleText, (text) => {
    const a = parseArticle(text);
    for (const b of a.blocks) {
      const fast = unitText(b.text, blockTokens(a, b));
      const slow = unitTextSlow(b.text);
      const strip = (u: typeof fast) => ({ ...u, s2: [...u.s2], words: u.words ?? u.ws.map((x, i) => u.src.slice(x, u.we[i])) });
      assert.deepEqual(strip(fast), strip(slow), JSON.stringify(b.text));
      // a text that is not the block's lines (of the same length): scanned itself
      const other = b.text.replace(/[^\n]/gu, 'á');
      const u = unitText(other, blockTokens(a, { ...b, text: other }));
      assert.deepEqual(strip(u), strip(unitTextSlow(other)));
    }
  }), { numRuns: 1500 });
});

test('tokensAt: one LineTokens per line, made once and kept with the article', () => {
  const a = parseArticle('Tiêu đề bài báo\n\nĐoạn một có nhiều chữ.');
  const t = tokensAt(a, 2);
  assert.equal(tokensAt(a, 2), t);
  assert.equal(t.n, 5);
});

/** signatureOf as its first loop made it: shingle by shingle, every seed's minimum in a Uint32Array. */
function signatureSlow(shingles: Uint32Array): Uint32Array | null {
  if (shingles.length === 0) return null;
  const seeds = new Uint32Array(NUM_HASHES);
  let s = 0x2545f491;
  for (let i = 0; i < NUM_HASHES; i++) {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    seeds[i] = (z ^ (z >>> 15)) >>> 0;
  }
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (const x of shingles) {
    for (let i = 0; i < NUM_HASHES; i++) {
      const v = fmix32(x ^ seeds[i]);
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

test('signatureOf = the signature of its first loop (random shingles, and the words of generated lines)', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 60 }), (xs) => {
    const sh = Uint32Array.from(xs);
    assert.deepEqual(signatureOf(sh), signatureSlow(sh));
  }), { numRuns: 2000 });
  fc.assert(fc.property(line, (text) => {
    const sh = shingleHashesOfHashes(wordHashes(text.toLowerCase()).hashes);
    assert.deepEqual(signatureOf(sh), signatureSlow(sh));
  }), { numRuns: 1000 });
  // the extremes of the unsigned order
  for (const xs of [[0], [0xffffffff], [0x80000000, 0x7fffffff]]) assert.deepEqual(signatureOf(Uint32Array.from(xs)), signatureSlow(Uint32Array.from(xs)));
});

test('summarize: reading the parse\'s line keys gives the summary of an article whose lines it did not parse', () => {
  const kept = fc.oneof(articleText, articleText.map((t) => t.toUpperCase()), articleText.map((t) => t.replace(/ /g, '  \u00a0')));
  fc.assert(fc.property(kept, (text) => {
    const a = parseArticle(text);
    const analysis = analyzeArticle(a);
    // a copy of the article: nothing kept with it (as one rebuilt from a worker's reply)
    const copy = { ...a };
    assert.deepEqual(summarize('f.txt', text, undefined, { analysis }), summarize('f.txt', text, undefined, { analysis: { ...analysis, article: copy } }), JSON.stringify(text));
  }), { numRuns: 400 });
});
