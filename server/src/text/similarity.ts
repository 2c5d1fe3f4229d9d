// Similarity between blocks of text: word shingles, Jaccard and containment, and a candidate
// index so that comparing many blocks is not quadratic.
import { wordHashes } from './normalize';

/** 32-bit FNV-1a hash of a string. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * hash32 carried on over s[from, to): hash32On(hash32(a), b, 0, b.length) === hash32(a + b), so
 * the hash of a word pair is its first word's hash carried on over ' ' and the second word, with no
 * string made for the pair.
 */
export function hash32On(h: number, s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The hash of nothing: hash32On(HASH32_EMPTY, s, 0, s.length) === hash32(s). */
export const HASH32_EMPTY = 0x811c9dc5;

/** The set of hashed word n-grams of a text (n words; a shorter text gives one shingle of all its words). */
export function shingles(text: string, n = 2): Set<number> {
  // the words of the lower-cased text (tokens()), each hashed where it lies (no string per word)
  const { src, hashes: h, starts, ends } = wordHashes(text.toLowerCase());
  const out = new Set<number>();
  const len = h.length;
  if (len === 0) return out;
  if (len < n) {
    // hash32 of the words joined by single spaces
    let x = HASH32_EMPTY;
    for (let k = 0; k < len; k++) x = hash32On(k === 0 ? x : hash32On(x, ' ', 0, 1), src, starts[k], ends[k]);
    out.add(x);
    return out;
  }
  // combine the hashes of n consecutive words (no string joins)
  for (let i = 0; i + n <= len; i++) {
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
 * The shingles of every set as small dense ids (numbered in order of first appearance, set by set,
 * each set in its iteration order), flattened: set k's ids are ids[offsets[k] .. offsets[k + 1]).
 * df[id] is the number of sets holding that shingle. The hashes are 32-bit numbers that V8 keeps
 * boxed, so Maps keyed by them allocate and hash slowly; an open-addressing table over typed
 * arrays interns them once, and everything after works on typed arrays.
 */
interface Interned {
  ids: Int32Array;
  offsets: Int32Array;
  df: Int32Array;
  distinct: number;
}

/**
 * A set's members as an array, in the set's order, made once per set: the sets of a document's
 * unchanged lines are kept between its analyses (LineCache), and reading a typed array is several
 * times faster than iterating a Set.
 */
const membersOf = new WeakMap<Set<number>, Float64Array>();
function members(s: Set<number>): Float64Array {
  let a = membersOf.get(s);
  if (a === undefined) {
    // (a loop: Float64Array.from(set) goes through the iterator protocol, several times slower)
    a = new Float64Array(s.size);
    let i = 0;
    for (const x of s) a[i++] = x;
    membersOf.set(s, a);
  }
  return a;
}

/** The sets' shingles numbered afresh, in the order they first appear. */
function intern(sets: readonly Set<number>[]): Interned {
  // a table about twice the shingles (the numbers do not depend on its size): a small document's is small
  let total = 0;
  for (const x of sets) total += x.size;
  return internWith(sets, new Interner(total));
}

/**
 * Shingle hashes numbered for one document, kept between its analyses (LineCache.interner): a set
 * seen before (an unchanged line's) keeps its numbers, and only the shingles of edited lines are
 * looked up. A fresh one numbers in first-appearance order (intern); a kept one does not, so only
 * the pair searches that do not depend on the numbering take one (sharingPairs and
 * commonSharingPairs, whose pairs come in item order); candidatePairs without minShare numbers afresh.
 */
export class Interner {
  /** (Float64Array: -1 and 0xffffffff are two numbers) */
  private keys: Float64Array;
  private slot: Int32Array;
  private other: Map<number, number> | undefined;
  private idsOf = new WeakMap<Set<number>, Int32Array>();
  /** Numbers given so far (some may belong to lines since edited away). */
  size = 0;

  /** @param expected how many numbers it will likely give (its first table's size follows; it grows as needed) */
  constructor(expected = 2048) {
    let cap = 64;
    while (cap < 2 * expected && cap < 1 << 12) cap *= 2;
    this.keys = new Float64Array(cap);
    this.slot = new Int32Array(cap).fill(-1);
  }

  ids(set: Set<number>): Int32Array {
    let out = this.idsOf.get(set);
    if (out !== undefined) return out;
    const hs = members(set);
    out = new Int32Array(hs.length);
    for (let x = 0; x < hs.length; x++) out[x] = this.id(hs[x]);
    this.idsOf.set(set, out);
    return out;
  }

  /** Too many numbers of lines gone (a document rewritten many times over): start afresh. */
  trim(live: number): void {
    if (this.size <= 4 * live + 65536) return;
    this.keys = new Float64Array(1 << 12);
    this.slot = new Int32Array(1 << 12).fill(-1);
    this.other = undefined;
    this.idsOf = new WeakMap();
    this.size = 0;
  }

  private id(h: number): number {
    // a 32-bit hash, unsigned (hash32) or kept as a signed integer (hash32(…) | 0: near-duplicate-paragraph)
    if (h !== h >>> 0 && h !== (h | 0)) {
      // not a 32-bit hash (a caller's own numbers): a map keeps them apart
      this.other ??= new Map<number, number>();
      let id = this.other.get(h);
      if (id === undefined) this.other.set(h, (id = this.size++));
      return id;
    }
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let at = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
    let id = this.slot[at];
    while (id >= 0 && this.keys[at] !== h) {
      at = (at + 1) & mask;
      id = this.slot[at];
    }
    if (id < 0) {
      id = this.size++;
      this.slot[at] = id;
      this.keys[at] = h;
    }
    return id;
  }

  private grow(): void {
    const keys = this.keys, slot = this.slot;
    this.keys = new Float64Array(keys.length * 2);
    this.slot = new Int32Array(keys.length * 2).fill(-1);
    const mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (slot[i] < 0) continue;
      let at = (Math.imul(keys[i], 0x9e3779b1) >>> 0) & mask;
      while (this.slot[at] >= 0) at = (at + 1) & mask;
      this.slot[at] = slot[i];
      this.keys[at] = keys[i];
    }
  }
}

/** The sets numbered by a document's interner (see Interner: for numbering-free pair searches only). */
function internWith(sets: readonly Set<number>[], interner: Interner): Interned {
  let total = 0;
  const arrays = sets.map((s) => {
    const a = interner.ids(s);
    total += a.length;
    return a;
  });
  const ids = new Int32Array(total);
  const offsets = new Int32Array(sets.length + 1);
  let p = 0;
  for (let k = 0; k < arrays.length; k++) {
    offsets[k] = p;
    ids.set(arrays[k], p);
    p += arrays[k].length;
  }
  offsets[sets.length] = p;
  const distinct = interner.size;
  const df = new Int32Array(distinct);
  for (let x = 0; x < total; x++) df[ids[x]]++;
  interner.trim(total);
  return { ids, offsets, df, distinct };
}

/**
 * Finds candidate pairs of items that share at least one shingle, skipping shingles so common
 * that they carry no signal. Returns pairs [i, j] with i < j.
 */
export function candidatePairs(sets: Set<number>[], maxPostings = 64, minShare = 0, interner?: Interner): Array<[number, number]> {
  if (minShare > 0) return sharingPairs(sets, maxPostings, minShare, interner ? internWith(sets, interner) : intern(sets));
  // a shingle's posting list holds the items with it, in item order; shingles in more than
  // maxPostings items are skipped; the lists are read in the order their shingles first appear
  const { ids, offsets, df, distinct } = intern(sets);
  const m = sets.length;
  const start = new Int32Array(distinct + 1);
  for (let id = 0; id < distinct; id++) start[id + 1] = start[id] + (df[id] <= maxPostings ? df[id] : 0);
  const fill = new Int32Array(distinct);
  const post = new Int32Array(start[distinct]);
  for (let k = 0; k < m; k++) {
    for (let p = offsets[k]; p < offsets[k + 1]; p++) {
      const id = ids[p];
      if (df[id] <= maxPostings) post[start[id] + fill[id]++] = k;
    }
  }
  // pairs already given: a bit per (i, j) for up to 2048 items, else a set of keys
  const bits = m <= 2048 ? new Uint32Array(((m * m) >>> 5) + 1) : null;
  const seen = bits ? null : new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (let id = 0; id < distinct; id++) {
    const from = start[id], to = start[id + 1];
    if (to - from < 2) continue;
    for (let x = from; x < to; x++) {
      for (let y = x + 1; y < to; y++) {
        const i = post[x], j = post[y];
        if (bits) {
          const b = i * m + j;
          const w = b >>> 5, bit = 1 << (b & 31);
          if (bits[w] & bit) continue;
          bits[w] |= bit;
        } else {
          const key = i * 0x4000000 + j;
          if (seen!.has(key)) continue;
          seen!.add(key);
        }
        pairs.push([i, j]);
      }
    }
  }
  return pairs;
}

/**
 * The pairs [i, j] (i < j) of items sharing a rare shingle (in at most maxPostings items) that
 * `keep` accepts, given how many rare shingles they share and each item's count of rare shingles.
 * The shared counts come from the posting lists: each shingle is looked up in a list of at most
 * maxPostings items, so the work stays close to linear in the number of items. Pairs come by j,
 * then in the order their i was first met.
 */
function rareSharingPairs(interned: Interned, m: number, maxPostings: number, keep: (i: number, j: number, shared: number, rare: Int32Array) => boolean): Array<[number, number]> {
  const { ids, offsets, df, distinct } = interned;
  const rare = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    let n = 0;
    for (let p = offsets[k]; p < offsets[k + 1]; p++) if (df[ids[p]] <= maxPostings) n++;
    rare[k] = n;
  }
  // posting lists of the rare shingles, laid end to end (a list has room for all its items)
  const start = new Int32Array(distinct + 1);
  for (let id = 0; id < distinct; id++) start[id + 1] = start[id] + (df[id] <= maxPostings ? df[id] : 0);
  const fill = new Int32Array(distinct);
  const post = new Int32Array(start[distinct]);
  // shared-shingle counts per earlier item, in a typed array (reset through the list of those touched)
  const count = new Int32Array(m);
  const touched = new Int32Array(m);
  const pairs: Array<[number, number]> = [];
  for (let j = 0; j < m; j++) {
    let nt = 0;
    for (let p = offsets[j]; p < offsets[j + 1]; p++) {
      const id = ids[p];
      if (df[id] > maxPostings) continue;
      const base = start[id], len = fill[id];
      for (let x = base; x < base + len; x++) {
        const i = post[x];
        if (count[i]++ === 0) touched[nt++] = i;
      }
      post[base + len] = j;
      fill[id] = len + 1;
    }
    for (let t = 0; t < nt; t++) {
      const i = touched[t];
      if (keep(i, j, count[i], rare)) pairs.push([i, j]);
      count[i] = 0;
    }
  }
  return pairs;
}

/**
 * Candidate pairs [i, j] (i < j) that share at least `minShare` of the smaller item's indexed
 * shingles (those in at most maxPostings items): two paragraphs that share one common word pair
 * are not worth comparing.
 */
function sharingPairs(sets: Set<number>[], maxPostings: number, minShare: number, interned = intern(sets)): Array<[number, number]> {
  return rareSharingPairs(interned, sets.length, maxPostings, (i, j, shared, rare) => shared >= Math.max(1, minShare * Math.min(rare[i], rare[j])));
}

/**
 * The pairs candidatePairs(sets, maxPostings) gives (items sharing a shingle held by at most
 * maxPostings items) that can be near copies: those whose shared shingles can make
 * `minContainment` of the smaller item's. Every pair whose `similarity(a, b)` containment
 * (`max(aInB, bInA)`) reaches the bound is among them, and the caller still computes it for the
 * pairs given: their rare shingles shared are counted through the posting lists, and the common
 * ones (held by more than maxPostings items) can add at most the fewer that either item holds, an
 * upper bound (two items may hold different common shingles). (On 255 lines
 * written in one small vocabulary, almost every pair shares a rare word pair; comparing each
 * pair's sets took 60% of a 117 KB article's analysis.)
 */
export function containmentPairs(sets: Set<number>[], maxPostings: number, minContainment: number, interner?: Interner): Array<[number, number]> {
  const interned = interner ? internWith(sets, interner) : intern(sets);
  const { offsets } = interned;
  const size = (k: number) => offsets[k + 1] - offsets[k];
  return rareSharingPairs(interned, sets.length, maxPostings, (i, j, shared, rare) => {
    // at most this many shingles in common: the rare ones counted, and every common one of the item with fewer
    const most = shared + Math.min(size(i) - rare[i], size(j) - rare[j]);
    // (a margin for the rounding of minContainment times a size: a pair at the bound is kept)
    return most >= minContainment * Math.min(size(i), size(j)) - 1e-9;
  });
}

/**
 * Pairs [i, j] (i < j) through the shingles that `candidatePairs` leaves out as too common (in more
 * than maxPostings items), for items that are near copies of each other: many similar paragraphs
 * (a line pasted 50 times with a number changed) share every word pair, so each of their pairs is
 * too common to be looked up, and without this no pair of them would be compared at all.
 *
 * Bounded: a common shingle's posting list keeps only its first maxPostings items, so each item is
 * compared with at most maxPostings earlier holders per shingle; and an item keeps its `perItem`
 * best partners (most shared shingles, then the earliest). A pair qualifies when the common
 * shingles they share make at least `minShare` of the smaller item's shingles: a pair of ordinary
 * paragraphs that share a few common word pairs does not, and an item with fewer common shingles
 * than that is not looked up at all (an ordinary paragraph of a long article costs nothing here).
 */
export function commonSharingPairs(sets: Set<number>[], maxPostings: number, minShare: number, perItem: number, interned = intern(sets)): Array<[number, number]> {
  const { ids, offsets, df, distinct } = interned;
  const m = sets.length;
  // only the common shingles are listed (at most maxPostings holders each): the rare ones are
  // candidatePairs' to look up
  const start = new Int32Array(distinct + 1);
  let any = false;
  for (let id = 0; id < distinct; id++) {
    const common = df[id] > maxPostings;
    if (common) any = true;
    start[id + 1] = start[id] + (common ? maxPostings : 0);
  }
  if (!any) return [];
  const fill = new Int32Array(distinct);
  const post = new Int32Array(start[distinct]);
  const count = new Int32Array(m);
  const touched = new Int32Array(m);
  const pairs: Array<[number, number]> = [];
  const best: number[] = [];
  for (let j = 0; j < m; j++) {
    const size = offsets[j + 1] - offsets[j];
    let own = 0;
    for (let p = offsets[j]; p < offsets[j + 1]; p++) if (df[ids[p]] > maxPostings) own++;
    // an item with fewer common shingles than minShare of its own cannot share that much through them
    const asks = own > 0 && own >= minShare * size;
    let nt = 0;
    for (let p = offsets[j]; p < offsets[j + 1]; p++) {
      const id = ids[p];
      if (df[id] <= maxPostings) continue;
      const base = start[id], len = fill[id];
      if (asks) {
        for (let x = base; x < base + len; x++) {
          const i = post[x];
          if (count[i]++ === 0) touched[nt++] = i;
        }
      }
      if (len < maxPostings) {
        post[base + len] = j;
        fill[id] = len + 1;
      }
    }
    if (nt === 0) continue;
    best.length = 0;
    for (let t = 0; t < nt; t++) {
      const i = touched[t];
      if (count[i] >= Math.max(1, minShare * Math.min(size, offsets[i + 1] - offsets[i]))) best.push(i);
    }
    if (best.length > perItem) best.sort((a, b) => count[b] - count[a] || a - b).length = perItem;
    best.sort((a, b) => a - b);
    for (const i of best) pairs.push([i, j]);
    for (let t = 0; t < nt; t++) count[touched[t]] = 0;
  }
  return pairs;
}

/**
 * candidatePairs(sets, maxPostings, minShare) followed by the pairs commonSharingPairs adds that it
 * lacks (i < j, sorted), the shingles interned once for both.
 */
export function nearCopyPairs(sets: Set<number>[], maxPostings: number, minShare: number, commonShare: number, perItem: number, interner?: Interner): Array<[number, number]> {
  const interned = interner ? internWith(sets, interner) : intern(sets);
  const pairs = sharingPairs(sets, maxPostings, minShare, interned);
  const more = commonSharingPairs(sets, maxPostings, commonShare, perItem, interned);
  if (more.length) {
    const m = sets.length;
    const have = new Set(pairs.map(([i, j]) => i * m + j));
    for (const [i, j] of more) if (!have.has(i * m + j)) pairs.push([i, j]);
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}
