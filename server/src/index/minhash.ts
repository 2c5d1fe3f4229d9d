// MinHash signatures over word 3-gram shingles, and LSH banding, for near-duplicate articles.
// Deterministic: the permutation seeds come from a fixed generator, so signatures are stable across
// runs, processes and cache files.
import { wordHashes } from '../text/normalize';

export const NUM_HASHES = 64;
export const BANDS = 16;
export const ROWS = 4; // BANDS * ROWS === NUM_HASHES
export const SHINGLE_WORDS = 3;

/** murmur3's 32-bit finaliser. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** splitmix32: the fixed seed sequence of the hash family. */
const SEEDS: Uint32Array = (() => {
  const out = new Uint32Array(NUM_HASHES);
  let s = 0x2545f491;
  for (let i = 0; i < NUM_HASHES; i++) {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    out[i] = (z ^ (z >>> 15)) >>> 0;
  }
  return out;
})();

function strHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

/**
 * Hashes of the word n-grams of a text (lower case, diacritics kept: "bác" and "bắc" differ;
 * Vietnamese has no locale-specific case mappings, so plain toLowerCase() serves). A
 * text shorter than n words gives one shingle of all its words; an empty text gives none.
 */
export function shingleHashes(text: string, n = SHINGLE_WORDS): Uint32Array {
  return shingleHashesOfHashes(wordHashes(text.toLowerCase()).hashes, n);
}

/** shingleHashes() of a text's words, already lower-cased. */
export function shingleHashesOf(t: readonly string[], n = SHINGLE_WORDS): Uint32Array {
  return shingleHashesOfHashes(t.map(strHash), n);
}

/** shingleHashesOf() of the words' hashes (strHash: FNV-1a, as normalize.ts's wordHashes gives them). */
export function shingleHashesOfHashes(th: readonly number[], n = SHINGLE_WORDS): Uint32Array {
  if (th.length === 0) return new Uint32Array(0);
  if (th.length < n) {
    let h = 0x9747b28c;
    for (const x of th) h = fmix32(Math.imul(rotl(h, 13), 5) ^ x);
    return Uint32Array.of(h);
  }
  const out = new Uint32Array(th.length - n + 1);
  for (let i = 0; i + n <= th.length; i++) {
    let h = 0x9747b28c;
    for (let k = 0; k < n; k++) h = fmix32(Math.imul(rotl(h, 13), 5) ^ th[i + k]);
    out[i] = h;
  }
  return out;
}

/**
 * A MinHash signature: NUM_HASHES unsigned 32-bit values. Typed, not an array of numbers: a
 * corpus index holds one per file (100k of them are 26 MB this way; as arrays, with half their
 * values above 2^31, about twice that), and the index cache's bytes are read into it as they are.
 */
export type Signature = Uint32Array;

/** The MinHash signature (NUM_HASHES values) of a set of shingle hashes; null when there are none. */
export function signatureOf(shingles: Uint32Array): Signature | null {
  if (shingles.length === 0) return null;
  // seed by seed, the minimum kept in a local; in signed 32-bit arithmetic throughout (no number
  // allocated): the unsigned order of v is the signed order of v ^ 0x80000000
  const sig = new Uint32Array(NUM_HASHES);
  const n = shingles.length;
  for (let i = 0; i < NUM_HASHES; i++) {
    const seed = SEEDS[i] | 0;
    let m = 0x7fffffff;
    for (let j = 0; j < n; j++) {
      let h = shingles[j] ^ seed;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h ^= 0x80000000;
      if (h < m) m = h;
    }
    sig[i] = (m ^ 0x80000000) >>> 0;
  }
  return sig;
}

/** MinHash signature of a text's word 3-grams. */
export function minhash(text: string): Signature | null {
  return signatureOf(shingleHashes(text));
}

/** Estimated Jaccard similarity: the share of signature positions that agree. */
export function estimateJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/**
 * The LSH bucket keys of a signature: one per band, a hash of the band's ROWS values with the band
 * number in the high bits (so one map can hold every band). Two signatures share a key when a whole
 * band agrees; at Jaccard 0.8 that happens for some band with probability ≈ 0.9998.
 */
export function bandKeys(sig: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x1b873593 ^ b;
    for (let r = 0; r < ROWS; r++) h = fmix32(Math.imul(rotl(h, 15), 0x1b873593) ^ (sig[b * ROWS + r] >>> 0));
    out.push(b * 0x100000000 + h);
  }
  return out;
}

/** Is this a well-formed signature (what a cache file holds may not be)? */
export function isSignature(v: unknown): v is Signature {
  return v instanceof Uint32Array && v.length === NUM_HASHES;
}
