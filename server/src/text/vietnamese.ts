// Vietnamese orthography helpers: tone marks, and where the tone sits in the open-syllable
// clusters oa, oe, uy (hòa / hoà). Pure functions; the tables come from server/data/tones.vi.json.
import data from '../../data/tones.vi.json';

/** Where the tone mark sits in an oa/oe/uy cluster: on the first vowel (hòa) or the second (hoà). */
export type TonePlacement = 'first' | 'second';

/** The five tone marks as combining characters: grave, acute, hook above, tilde, dot below. */
export const TONE_MARKS: readonly string[] = data.toneMarks;
const TONE_SET = new Set(TONE_MARKS);

/** The tone mark (a combining character) a letter carries, or '' for none. */
export function toneOf(ch: string): string {
  for (const c of ch.normalize('NFD')) if (TONE_SET.has(c)) return c;
  return '';
}

/** The letter without its tone mark (other diacritics and case kept), in NFC. */
export function stripTone(ch: string): string {
  let out = '';
  for (const c of ch.normalize('NFD')) if (!TONE_SET.has(c)) out += c;
  return out.normalize('NFC');
}

/** The letter with `tone` (a combining tone mark, or '') in place of any tone it had, in NFC. */
export function withTone(ch: string, tone: string): string {
  return (stripTone(ch).normalize('NFD') + tone).normalize('NFC');
}

interface ClusterForm {
  placement: TonePlacement;
  /** The cluster without tone, lower case: 'oa', 'oe', 'uy'. */
  bare: string;
  tone: string;
}

/** Lower-case two-letter toned cluster -> its form ('òa' -> first, 'oà' -> second). */
const CLUSTERS = new Map<string, ClusterForm>();
for (const bare of data.clusters) {
  const [a, b] = [bare[0], bare[1]];
  for (const tone of TONE_MARKS) {
    CLUSTERS.set(withTone(a, tone) + b, { placement: 'first', bare, tone });
    CLUSTERS.set(a + withTone(b, tone), { placement: 'second', bare, tone });
  }
}
/** The toned clusters findToneWords looks for, in lower case ('òa', 'oà', …): two letters each. */
export const TONE_CLUSTER_KEYS: readonly string[] = [...CLUSTERS.keys()];
const ONSETS = new Set(data.onsets);
const MAX_ONSET = Math.max(...data.onsets.map((o) => o.length));

export interface ToneCluster {
  placement: TonePlacement;
  /** Index in the word of the cluster's first vowel. */
  index: number;
}

/**
 * Is `word` (one NFC syllable, any case) an open syllable ending in a toned oa/oe/uy cluster, such
 * as hòa, hoà, KHỎE, Thuý, ủy? Then where its tone sits. `quý`, `hoàn`, `thuyết` give null: there the
 * placement is not a matter of style.
 */
export function toneCluster(word: string): ToneCluster | null {
  const n = word.length;
  if (n < 2 || n > MAX_ONSET + 2) return null;
  // (Vietnamese has no locale-specific case mappings: toLowerCase is enough, and fast)
  const form = CLUSTERS.get(word.slice(n - 2).toLowerCase());
  if (!form || !ONSETS.has(word.slice(0, n - 2).toLowerCase())) return null;
  return { placement: form.placement, index: n - 2 };
}

export interface ToneWord extends ToneCluster {
  /** The syllable: [start, end) in the text. */
  start: number;
  end: number;
  word: string;
}

const escape = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
/** A toned cluster (any case: the i flag) that ends a word: finds the few candidates fast, without visiting every word. */
const CLUSTER_AT_END = new RegExp(
  `(?:${[...CLUSTERS.keys()].map((k) => [...k].map(escape).join('')).join('|')})(?![\\p{L}\\p{M}])`,
  'giu',
);
const IS_LETTER = /[\p{L}\p{M}]/u;

/** Every open oa/oe/uy syllable with a tone in the text (as toneCluster finds them), in order. */
export function findToneWords(text: string): ToneWord[] {
  const out: ToneWord[] = [];
  for (const m of text.matchAll(CLUSTER_AT_END)) {
    const end = m.index + 2;
    let start = m.index;
    while (start > 0 && m.index - start < MAX_ONSET && IS_LETTER.test(text[start - 1])) start--;
    if (start > 0 && IS_LETTER.test(text[start - 1])) continue; // longer than a syllable
    const word = text.slice(start, end);
    const c = toneCluster(word);
    if (c) out.push({ ...c, start, end, word });
  }
  return out;
}

/** The word with the tone of its oa/oe/uy cluster moved to `placement` (the word itself when it has none). */
export function withTonePlacement(word: string, placement: TonePlacement): string {
  const c = toneCluster(word);
  if (!c || c.placement === placement) return word;
  const a = word[c.index], b = word[c.index + 1];
  const tone = toneOf(c.placement === 'first' ? a : b);
  const [na, nb] = placement === 'first' ? [withTone(a, tone), withTone(b, '')] : [withTone(a, ''), withTone(b, tone)];
  return word.slice(0, c.index) + na + nb;
}
