// candidatePairs interns the shingle hashes and counts on typed arrays: it must give the same pairs,
// in the same order, as the straightforward version over Maps of posting lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { candidatePairs, commonSharingPairs, containmentPairs, hash32, Interner, shingles, similarity } from './similarity';
import { tokens, wordHashes, words } from './normalize';
import { shingleHashes, shingleHashesOf } from '../index/minhash';

/** candidatePairs as it was written before the typed arrays. */
function slowCandidatePairs(sets: Set<number>[], maxPostings = 64, minShare = 0): Array<[number, number]> {
  if (minShare > 0) return slowSharingPairs(sets, maxPostings, minShare);
  const postings = new Map<number, number[]>();
  sets.forEach((s, i) => {
    for (const h of s) {
      let list = postings.get(h);
      if (!list) postings.set(h, (list = []));
      if (list.length <= maxPostings) list.push(i);
    }
  });
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const list of postings.values()) {
    if (list.length < 2 || list.length > maxPostings) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x], j = list[y];
        if (i === j) continue;
        const key = i * 0x4000000 + j;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push([i, j]);
      }
    }
  }
  return pairs;
}

function slowSharingPairs(sets: Set<number>[], maxPostings: number, minShare: number): Array<[number, number]> {
  const df = new Map<number, number>();
  for (const s of sets) for (const h of s) df.set(h, (df.get(h) ?? 0) + 1);
  const rare = sets.map((s) => {
    let n = 0;
    for (const h of s) if ((df.get(h) ?? 0) <= maxPostings) n++;
    return n;
  });
  const postings = new Map<number, number[]>();
  const count = new Int32Array(sets.length);
  const touched: number[] = [];
  const pairs: Array<[number, number]> = [];
  sets.forEach((s, j) => {
    for (const h of s) {
      if ((df.get(h) ?? 0) > maxPostings) continue;
      let list = postings.get(h);
      if (!list) postings.set(h, (list = []));
      for (const i of list) if (count[i]++ === 0) touched.push(i);
      list.push(j);
    }
    for (const i of touched) {
      if (count[i] >= Math.max(1, minShare * Math.min(rare[i], rare[j]))) pairs.push([i, j]);
      count[i] = 0;
    }
    touched.length = 0;
  });
  return pairs;
}

/** Hashes from a small pool (so that sets share them), 32-bit ones near the top of the range among them. */
const hash = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.integer({ min: 0, max: 40 }).map((x) => 0xffffffff - x),
  fc.integer({ min: 0, max: 40 }).map((x) => (x * 0x9e3779b1) >>> 0),
);
const sets = fc.array(fc.array(hash, { maxLength: 25 }).map((a) => new Set(a)), { maxLength: 40 });

test('candidatePairs: the same pairs in the same order as over Maps (random sets of shared hashes)', () => {
  fc.assert(fc.property(sets, fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 0.1, 0.2, 0.3, 0.5, 1), (ss, maxPostings, minShare) => {
    assert.deepEqual(candidatePairs(ss, maxPostings, minShare), slowCandidatePairs(ss, maxPostings, minShare));
  }), { numRuns: 3000 });
});

test('containmentPairs: every pair of candidatePairs whose containment reaches the bound, and only pairs of candidatePairs (random sets; fresh and kept numbering)', () => {
  const key = ([i, j]: [number, number]) => `${i},${j}`;
  fc.assert(fc.property(sets, fc.integer({ min: 1, max: 12 }), fc.constantFrom(0.1, 0.34, 0.5, 0.6, 0.75, 1), (ss, maxPostings, bound) => {
    const candidates = new Set(candidatePairs(ss, maxPostings).map(key));
    const want = candidatePairs(ss, maxPostings).filter(([i, j]) => {
      const s = similarity(ss[i], ss[j]);
      return Math.max(s.aInB, s.bInA) >= bound;
    });
    const check = (got: Array<[number, number]>) => {
      const have = new Set(got.map(key));
      assert.equal(have.size, got.length, 'no pair twice');
      for (const p of want) assert.ok(have.has(key(p)), `missing ${key(p)}`);
      for (const p of got) assert.ok(candidates.has(key(p)), `not a candidate: ${key(p)}`);
    };
    check(containmentPairs(ss, maxPostings, bound));
    // numbers kept from an earlier, different set of items give the same answer
    const interner = new Interner(8);
    containmentPairs(ss.slice().reverse(), maxPostings, bound, interner);
    check(containmentPairs(ss, maxPostings, bound, interner));
  }), { numRuns: 3000 });
  // the counterexample that showed the common shingles' bound is an upper one: items 4 and 5 share
  // only one of their three shingles (a third), and each holds a different common one
  const ss = [new Set([7]), new Set([0]), new Set([0]), new Set([7]), new Set([15, 1, 0]), new Set([15, 7, 2])];
  assert.deepEqual(containmentPairs(ss, 2, 0.34), [[4, 5]]);
  assert.deepEqual(containmentPairs(ss, 2, 0.7), []);
});

test('candidatePairs: numbers that are not 32-bit hashes are kept apart as a Map keeps them', () => {
  const odd = fc.constantFrom(-1, 0xffffffff, 2 ** 32, 2 ** 32 + 1, 1, 0.5, -0, 0, Number.NaN, 1e20, -(2 ** 31));
  const oddSets = fc.array(fc.array(odd, { maxLength: 8 }).map((a) => new Set(a)), { maxLength: 12 });
  fc.assert(fc.property(oddSets, fc.constantFrom(0, 0.3), (ss, minShare) => {
    assert.deepEqual(candidatePairs(ss, 64, minShare), slowCandidatePairs(ss, 64, minShare));
  }), { numRuns: 2000 });
});

test('candidatePairs: more than 2048 items (pairs remembered in a set, not a bit table)', () => {
  const ss: Set<number>[] = [];
  let x = 12345;
  for (let i = 0; i < 2300; i++) {
    const s = new Set<number>();
    for (let k = 0; k < 6; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      s.add((x >>> 8) % 3000);
    }
    ss.push(s);
  }
  for (const minShare of [0, 0.2]) assert.deepEqual(candidatePairs(ss, 64, minShare), slowCandidatePairs(ss, 64, minShare));
});

test('candidatePairs on shingles of text: near copies pair up', () => {
  const texts = ['một hai ba bốn năm sáu', 'một hai ba bốn năm bảy', 'tám chín mười', 'mười một mười hai'];
  assert.deepEqual(candidatePairs(texts.map((t) => shingles(t)), 64, 0.5), [[0, 1]]);
});

test('commonSharingPairs: near copies sharing only too-common shingles pair up, each with at most perItem earlier ones', () => {
  const base = Array.from({ length: 30 }, (_, k) => k + 1);
  // 200 items: the 30 shared shingles are in all of them (more than maxPostings); each has 2 of its own
  const sets = Array.from({ length: 200 }, (_, i) => new Set([...base, 1000 + 2 * i, 1001 + 2 * i]));
  // candidatePairs finds nothing: every shared shingle is too common
  assert.deepEqual(candidatePairs(sets, 32, 0.2), []);
  const pairs = commonSharingPairs(sets, 32, 0.5, 4);
  const partners = new Map<number, number[]>();
  for (const [i, j] of pairs) {
    assert.ok(i < j);
    partners.set(j, [...(partners.get(j) ?? []), i]);
  }
  for (let j = 1; j < 200; j++) {
    const ps = partners.get(j) ?? [];
    assert.ok(ps.length >= 1 && ps.length <= 4, `item ${j}: ${ps.length} partners`);
    assert.ok(ps.includes(0), `item ${j} is compared with the first copy`);
  }
  assert.ok(pairs.length <= 4 * 200);
});

test('commonSharingPairs: items sharing a few common shingles and nothing else are not paired; nothing when no shingle is common', () => {
  const common = [1, 2, 3];
  const sets = Array.from({ length: 100 }, (_, i) => new Set([...common, ...Array.from({ length: 20 }, (_, k) => 10000 + i * 100 + k)]));
  assert.deepEqual(commonSharingPairs(sets, 32, 0.5, 4), []);
  const rare = [new Set([1, 2, 3]), new Set([1, 2, 3]), new Set([4, 5])];
  assert.deepEqual(commonSharingPairs(rare, 32, 0.5, 4), []);
});

test('shingles and MinHash shingles hash the words where they lie: the same sets as hashing the words as strings (generated strings)', () => {
  // the reference: shingles as written with a string per word
  const refShingles = (text: string, n: number): Set<number> => {
    const t = tokens(text);
    const out = new Set<number>();
    if (t.length === 0) return out;
    if (t.length < n) return out.add(hash32(t.join(' ')));
    const h = t.map(hash32);
    for (let i = 0; i + n <= t.length; i++) {
      let x = h[i];
      for (let j = 1; j < n; j++) x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + h[i + j]) >>> 0;
      out.add(x);
    }
    return out;
  };
  const pieces = ['a', 'Đ', 'ư', 'Việt', 'NAM', 'e\u0301', '\u0301', '=\u0338', '1', 'ß', 'İ', '𝐀', '😀', ' ', '  ', '\n', '.', '-', '/', "'", ',', 'TP.HCM'];
  const check = (s: string) => {
    for (const n of [1, 2, 3, 4]) assert.deepEqual([...shingles(s, n)], [...refShingles(s, n)], `${JSON.stringify(s)} n=${n}`);
    assert.deepEqual(wordHashes(s).hashes, words(s).map(hash32), JSON.stringify(s));
    assert.deepEqual(shingleHashes(s), shingleHashesOf(words(s.toLowerCase())), JSON.stringify(s));
  };
  fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 20 }).map((a) => a.join('')), check), { numRuns: 5000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), check), { numRuns: 2000 });
});

test('Interner: the numbers do not depend on the size of its first table (it grows as needed)', () => {
  fc.assert(fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 300 }), { maxLength: 8 }), (lists) => {
    const sets = lists.map((l) => new Set(l));
    const small = new Interner(1), big = new Interner(100000), plain = new Interner();
    for (const s of sets) {
      const a = [...small.ids(s)];
      assert.deepEqual(a, [...big.ids(s)]);
      assert.deepEqual(a, [...plain.ids(s)]);
    }
  }), { numRuns: 300 });
});
