// Line frequencies across a corpus: in how many articles each short line occurs. A line that
// recurs across many articles (a menu, a footer, a "Tin liên quan" header) is a site's template;
// the recognizer reads the count as a feature. Built without any label, from the texts alone.
import type { LineFrequency } from './features';
import { fold, isBlank } from '../text/normalize';

/** Lines longer than this (folded) are prose, not template: not counted. */
export const MAX_TEMPLATE_CHARS = 300;

/** The keys of the distinct short lines of a text (without its BOM): what a corpus counts. */
export function templateKeys(text: string): Set<string> {
  const seen = new Set<string>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.length > MAX_TEMPLATE_CHARS * 3) continue;
    // lineFacts(line).key, without the facts a key does not need (its words, its ending)
    if (isBlank(line)) continue;
    const folded = fold(line);
    if (folded.length > MAX_TEMPLATE_CHARS) continue;
    seen.add(folded.toLowerCase());
  }
  return seen;
}

/**
 * A 53-bit hash of a key (two FNV-1a lanes), exact as a JavaScript number: corpus-wide counts are
 * kept by hash, not by string, so that counting a large corpus costs a number per distinct line.
 */
export function keyHash(s: string): number {
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
}

export class LineCounts implements LineFrequency {
  private readonly counts = new Map<string, number>();
  size = 0;

  /** Count the distinct short lines of one more article. */
  add(text: string): void {
    this.size++;
    for (const key of templateKeys(text)) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

export function lineCountsOf(texts: Iterable<string>): LineCounts {
  const c = new LineCounts();
  for (const t of texts) c.add(t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);
  return c;
}

/**
 * Line counts kept by key hash (keyHash), as the CLI's workers share them: only the lines found in
 * two files or more are kept, since a count of one (the file itself) reads as "not recurring" just
 * as an unknown line does.
 */
export class HashedLineCounts implements LineFrequency {
  constructor(private readonly counts: ReadonlyMap<number, number>, readonly size: number) {}

  static fromEntries(hashes: Float64Array, counts: Uint32Array, size: number): HashedLineCounts {
    const m = new Map<number, number>();
    for (let i = 0; i < hashes.length; i++) m.set(hashes[i], counts[i]);
    return new HashedLineCounts(m, size);
  }

  count(key: string): number {
    return this.counts.get(keyHash(key)) ?? 1;
  }
}

/** Counting side: adds each file's key hashes; `shared()` gives what workers need (counts of two or more). */
export class HashedCounter {
  private readonly counts = new Map<number, number>();
  size = 0;

  add(hashes: ArrayLike<number>): void {
    this.size++;
    for (let i = 0; i < hashes.length; i++) this.counts.set(hashes[i], (this.counts.get(hashes[i]) ?? 0) + 1);
  }

  shared(): { hashes: Float64Array; counts: Uint32Array; size: number } {
    let n = 0;
    for (const c of this.counts.values()) if (c > 1) n++;
    const hashes = new Float64Array(n);
    const counts = new Uint32Array(n);
    let i = 0;
    for (const [h, c] of this.counts) if (c > 1) { hashes[i] = h; counts[i] = c; i++; }
    return { hashes, counts, size: this.size };
  }
}
