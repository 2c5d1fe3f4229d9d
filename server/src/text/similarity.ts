// Similarity between blocks of text: word shingles, Jaccard and containment, and a candidate
// index so that comparing many blocks is not quadratic.
import { tokens } from './normalize';

/** 32-bit FNV-1a hash of a string. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The set of hashed word n-grams of a text (n words; a shorter text gives one shingle of all its words). */
export function shingles(text: string, n = 2): Set<number> {
  const t = tokens(text);
  const out = new Set<number>();
  if (t.length === 0) return out;
  if (t.length < n) {
    out.add(hash32(t.join(' ')));
    return out;
  }
  // hash each word once, then combine the hashes of n consecutive words (no string joins)
  const h = t.map(hash32);
  for (let i = 0; i + n <= t.length; i++) {
    let x = h[i];
    for (let j = 1; j < n; j++) x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + h[i + j]) >>> 0;
    out.add(x);
  }
  return out;
}

function intersectionSize(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

export interface Similarity {
  /** |A∩B| / |A∪B| */
  jaccard: number;
  /** |A∩B| / |A|: how much of A lies in B. */
  aInB: number;
  /** |A∩B| / |B|: how much of B lies in A. */
  bInA: number;
}

export function similarity(a: Set<number>, b: Set<number>): Similarity {
  if (a.size === 0 || b.size === 0) return { jaccard: 0, aInB: 0, bInA: 0 };
  const i = intersectionSize(a, b);
  return { jaccard: i / (a.size + b.size - i), aInB: i / a.size, bInA: i / b.size };
}

/**
 * Finds candidate pairs of items that share at least one shingle, skipping shingles so common
 * that they carry no signal. Returns pairs [i, j] with i < j.
 */
export function candidatePairs(sets: Set<number>[], maxPostings = 64, minShare = 0): Array<[number, number]> {
  if (minShare > 0) return sharingPairs(sets, maxPostings, minShare);
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

/**
 * Candidate pairs [i, j] (i < j) that share at least `minShare` of the smaller item's indexed
 * shingles (those in at most maxPostings items): two paragraphs that share one common word pair
 * are not worth comparing, and the pairs stay close to linear in the number of items (each shingle
 * is looked up in a posting list of at most maxPostings items).
 */
function sharingPairs(sets: Set<number>[], maxPostings: number, minShare: number): Array<[number, number]> {
  const df = new Map<number, number>();
  for (const s of sets) for (const h of s) df.set(h, (df.get(h) ?? 0) + 1);
  const rare = sets.map((s) => {
    let n = 0;
    for (const h of s) if ((df.get(h) ?? 0) <= maxPostings) n++;
    return n;
  });
  const postings = new Map<number, number[]>();
  // shared-shingle counts per earlier item, in a typed array (reset through the list of those touched)
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
