import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BANDS, NUM_HASHES, bandKeys, estimateJaccard, minhash, shingleHashes, signatureOf } from './minhash';
import { paragraph, rng } from './fixtures';

function trueJaccard(a: string, b: string): number {
  const sa = new Set(shingleHashes(a)), sb = new Set(shingleHashes(b));
  let i = 0;
  for (const x of sa) if (sb.has(x)) i++;
  return i / (sa.size + sb.size - i);
}

test('signatures are deterministic, 64 x 32-bit, and null for no words', () => {
  const t = paragraph(rng(1), 200);
  const a = minhash(t)!, b = minhash(t)!;
  assert.equal(a.length, NUM_HASHES);
  assert.deepEqual(a, b);
  assert.ok(a.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff));
  assert.equal(minhash(''), null);
  assert.equal(minhash('  ... !! '), null);
  assert.equal(signatureOf(new Uint32Array(0)), null);
  assert.equal(bandKeys(a).length, BANDS);
});

test('diacritics are kept: bác and bắc are different words', () => {
  assert.notDeepEqual([...shingleHashes('học tập theo bác hồ')], [...shingleHashes('học tập theo bắc hồ')]);
  // case and Unicode normalization are not differences
  assert.deepEqual([...shingleHashes('Học Tập theo Bác')], [...shingleHashes('học tập theo ba\u0301c')]);
});

test('estimated Jaccard tracks the true Jaccard of 3-gram shingles', () => {
  const r = rng(7);
  for (let k = 0; k < 20; k++) {
    const shared = paragraph(r, 50 + Math.floor(r() * 300));
    const a = shared + ' ' + paragraph(r, Math.floor(r() * 200));
    const b = shared + ' ' + paragraph(r, Math.floor(r() * 200));
    const est = estimateJaccard(minhash(a)!, minhash(b)!);
    const truth = trueJaccard(a, b);
    // standard error at 64 hashes is at most 0.0625; allow 4 sigma
    assert.ok(Math.abs(est - truth) <= 0.25, `estimate ${est} vs true ${truth}`);
  }
});

test('a short text gives one shingle of all its words', () => {
  assert.equal(shingleHashes('hai từ').length, 1);
  assert.equal(shingleHashes('một hai ba bốn').length, 2);
});
