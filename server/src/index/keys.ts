// Keys the corpus index compares blocks by. Kept apart from corpus.ts so that rules can import it
// without pulling in the engine (corpus.ts -> analyze -> registry -> rules would be a cycle).
import type { BlockKind } from '../model/types';
import { foldKey, isBlank } from '../text/normalize';

/**
 * Block kinds whose lines may be site chrome the phrase lists do not know. Not headline, dateline,
 * byline or kicker: those recur legitimately (the same author, the same section name).
 */
export const CANDIDATE_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['paragraph', 'caption', 'heading', 'related', 'boilerplate']);

/** 64-bit FNV-1a style hash of a string as 16 hex digits (two independent 32-bit lanes). */
export function hash64(s: string): string {
  let a = 0x811c9dc5;
  let b = 0xcbf29ce4;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a ^= c;
    a = Math.imul(a, 0x01000193);
    b ^= c;
    b = Math.imul(b, 0x01000193) ^ (b >>> 15);
  }
  a = fmix(a);
  b = fmix(b ^ s.length);
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The key of one line for block-frequency counts: a hash of its folded, lower-cased text ('' for a blank line). */
export function lineKey(text: string): string {
  if (isBlank(text)) return '';
  return keyOfFolded(foldKey(text.length > MAX_KEYED_CHARS ? text.slice(0, MAX_KEYED_CHARS) : text));
}

/** Very long lines are prose, not chrome: only their first characters are keyed (linear and bounded). */
export const MAX_KEYED_CHARS = 4000;

/** lineKey() of a line whose foldKey() (of at most MAX_KEYED_CHARS characters) is already known. */
export function keyOfFolded(folded: string): string {
  return folded === '' ? '' : hash64(folded);
}
