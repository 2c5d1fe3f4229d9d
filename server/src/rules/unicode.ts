// unicode: text that is not in NFC, mojibake (UTF-8 bytes read as Windows-1252 or Latin-1),
// U+FFFD replacement characters, and a file that mixes the two tone placements (hòa / hoà).
//
// Severity: the encoding problems (NFC, mojibake, U+FFFD) are warnings. Mixed tone placement is a
// matter of style, so those findings carry severity 'information' explicitly, whatever the rule's
// default; an engine that lets the user change the rule's severity should leave 'information'
// findings as they are (they are never warnings on a clean article).
//
// The checks that go line by line read what a line's text alone tells (unicodeLine: is it NFC, has
// it combining marks, look-alike letters, which of its syllables carry an oa/oe/uy tone): with a
// document's cache (RuleContext.cache) that is kept between analyses (table LINE_TABLE). No check
// reaches across a line break (a line terminator neither composes nor is a letter), so the whole
// text is NFC exactly when each line is, and its tone words are its lines' tone words.
import { type RuleFinding, type RuleContext, defineRule } from './types';
import { t } from '../l10n';
import { z } from 'zod';
import type { LineInfo } from '../model/types';
import data from '../../data/mojibake.json';
import confusables from '../../data/confusables.json';
import { findToneWords, TONE_CLUSTER_KEYS, withTonePlacement, type TonePlacement, type ToneWord } from '../text/vietnamese';
// (the Windows-1252 / Latin-1 decoding is text/mojibake.ts's, shared with the line recognizer)
import { keepUnit, repairDeeper, replaceUnits, scanUnits } from '../text/mojibake';

export { repairMojibake, toMojibake } from '../text/mojibake';

const CODE = 'unicode';

const isUpper = (ch: string | undefined): boolean => ch !== undefined && /\p{Lu}/u.test(ch);

// ---- Broken fragments ------------------------------------------------------------------------

interface BrokenSpec {
  text: string;
  evidence: boolean;
  hint?: string;
  notInCapitals?: boolean;
}
const BROKEN: BrokenSpec[] = data.broken as BrokenSpec[];
const BROKEN_RE = new RegExp(
  BROKEN.map((b) => b.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|'),
  'g',
);
const BROKEN_BY_TEXT = new Map(BROKEN.map((b) => [b.text, b]));

// ---- Helpers ---------------------------------------------------------------------------------

/** A short, printable quotation of flagged text: invisible characters spelled out, long text cut. */
export function quote(s: string, max = 40): string {
  const chars = Array.from(s.slice(0, max * 2 + 2));
  const cut = chars.length > max || s.length > max * 2 + 2 ? chars.slice(0, max - 1).join('') + '…' : s;
  return cut.replace(/[\u0000-\u001f\u007f-\u00a0\u00ad\u200b-\u200f\u2028-\u202f\u2060\ufeff]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
}

/** Ranges already flagged, queried in increasing order of start. */
class Occupied {
  private i = 0;
  constructor(private readonly ranges: Array<{ start: number; end: number }>) {
    this.ranges = [...ranges].sort((a, b) => a.start - b.start);
  }
  overlaps(start: number, end: number): boolean {
    while (this.i < this.ranges.length && this.ranges[this.i].end <= start) this.i++;
    for (let j = this.i; j < this.ranges.length && this.ranges[j].start < end; j++) {
      if (this.ranges[j].end > start) return true;
    }
    return false;
  }
}

// ---- What a line's own text tells -------------------------------------------------------------

/** The cache table of unicodeLine, keyed by the line's text. */
const LINE_TABLE = 'unicode/line';

interface UnicodeLine {
  /** line.normalize('NFC') === line */
  nfc: boolean;
  /** It holds a combining mark (oddMarks looks further). */
  marks: boolean;
  /** It holds a look-alike letter (lookalikes looks further). */
  lookalike: boolean;
  /** Its syllables with a toned oa/oe/uy cluster, at columns of the line. */
  tones: readonly ToneWord[];
}

const NO_TONES: readonly ToneWord[] = [];

/** unicodeLine as written first: the reference its fast path (unicodeLine) must agree with. */
export function unicodeLineSlow(text: string): UnicodeLine {
  const tones = findToneWords(text);
  return { nfc: text.normalize('NFC') === text, marks: /\p{M}/u.test(text), lookalike: ANY_LOOKALIKE.test(text), tones: tones.length ? tones : NO_TONES };
}

/**
 * The code units of almost every line of Vietnamese news (Latin, Latin-1, Latin Extended A/B and
 * IPA below U+0300, the precomposed Vietnamese letters, general punctuation from the dashes to the
 * ellipsis): each is its own code point, has no canonical decomposition that NFC undoes and never
 * composes with the character before it, so a line made of them alone is NFC.
 */
const COMMON_END = 0x300;
function isCommon(c: number): boolean {
  return c < COMMON_END || (c >= 0x1ea0 && c <= 0x1ef9) || (c >= 0x2010 && c <= 0x2027);
}
/** Per common code unit: MARK (\p{M}), LOOK (a look-alike letter), LM (a letter or a mark, \p{L} or \p{M}). */
const MARK = 1, LOOK = 2, LM = 4;
let tables: { cls: Uint8Array; first: Uint32Array; second: Uint32Array } | undefined;

/**
 * Built once, from the very expressions unicodeLineSlow runs: for each common code unit, its class
 * bits, and for each toned cluster j (CLUSTER_KEYS, at most 32) bit j in `first` when the unit
 * matches the cluster's first letter (any case, as the i flag does) and in `second` for its second.
 */
function commonTables(): { cls: Uint8Array; first: Uint32Array; second: Uint32Array } {
  // (findToneWords' expression: CLUSTER_AT_END in text/vietnamese.ts, a cluster then (?![\p{L}\p{M}]))
  if (tables) return tables;
  const cls = new Uint8Array(0x2028), first = new Uint32Array(0x2028), second = new Uint32Array(0x2028);
  const keys = TONE_CLUSTER_KEYS;
  if (keys.length > 32 || keys.some((k) => k.length !== 2)) throw new Error("toned clusters: more than 32, or not two code units each");
  const letter = (ch: string) => new RegExp(`^\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}$`, 'iu');
  const firsts = keys.map((k) => letter(k[0])), seconds = keys.map((k) => letter(k[1]));
  for (let c = 0; c < cls.length; c++) {
    if (!isCommon(c)) continue;
    const ch = String.fromCharCode(c);
    if (/\p{M}/u.test(ch)) cls[c] |= MARK;
    if (ANY_LOOKALIKE.test(ch)) cls[c] |= LOOK;
    if (/[\p{L}\p{M}]/u.test(ch)) cls[c] |= LM;
    for (let j = 0; j < keys.length; j++) {
      if (firsts[j].test(ch)) first[c] |= 1 << j;
      if (seconds[j].test(ch)) second[c] |= 1 << j;
    }
  }
  return (tables = { cls, first, second });
}

/**
 * What a line's own text tells: unicodeLineSlow, with one walk over the line's code units in place
 * of its expressions when the line holds common characters only (almost every line); findToneWords
 * then runs only where two neighbouring letters could make a toned cluster that ends a word.
 */
export function unicodeLine(text: string): UnicodeLine {
  const { cls, first, second } = commonTables();
  let bits = 0, cluster = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!isCommon(c)) return unicodeLineSlow(text);
    bits |= cls[c];
    if (!cluster && first[c] !== 0 && i + 1 < n) {
      // a toned cluster here, not followed by a letter or a mark (findToneWords' expression ends so)
      const d = text.charCodeAt(i + 1);
      if (isCommon(d) && (first[c] & second[d]) !== 0) {
        const e = i + 2 < n ? text.charCodeAt(i + 2) : -1;
        if (e < 0 || !isCommon(e) || (cls[e] & LM) === 0) cluster = true;
      }
    }
  }
  const tones = cluster ? findToneWords(text) : NO_TONES;
  return { nfc: true, marks: (bits & MARK) !== 0, lookalike: (bits & LOOK) !== 0, tones: tones.length ? tones : NO_TONES };
}

/** What each line of the article tells (from the document's cache when there is one). */
function linesOf(ctx: RuleContext): Array<{ line: LineInfo; u: UnicodeLine }> {
  const cache = ctx.cache;
  return ctx.article.lines.map((line) => ({ line, u: cache ? cache.memo(LINE_TABLE, line.text, unicodeLine) : unicodeLine(line.text) }));
}

// ---- The checks --------------------------------------------------------------------------------

function replacementChars(text: string): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const m of text.matchAll(/\uFFFD+/g)) {
    const n = m[0].length;
    out.push({
      code: CODE,
      message: t('Replacement character U+FFFD{0}: the original text was lost in a decoding error and cannot be repaired automatically; restore it from the source', n > 1 ? ` ×${n}` : ''),
      start: m.index,
      end: m.index + n,
      fixes: [],
    });
  }
  return out;
}

function mojibake(text: string): RuleFinding[] {
  const all = scanUnits(text);
  const broken: Array<{ start: number; end: number; spec: BrokenSpec }> = [];
  let evidence = all.some((u) => !u.weak);
  let ui = 0;
  for (const m of text.matchAll(BROKEN_RE)) {
    const start = m.index, end = start + m[0].length;
    while (ui < all.length && all[ui].end <= start) ui++;
    if (ui < all.length && all[ui].start < end) continue; // part of a decodable sequence
    const spec = BROKEN_BY_TEXT.get(m[0])!;
    if (!spec.evidence) evidence = true;
    broken.push({ start, end, spec });
  }
  const units = all.filter((u) => keepUnit(text, u, evidence));
  const out: RuleFinding[] = [];

  // Repairable: group sequences separated by short stretches of plain ASCII (one finding per
  // mangled word or phrase), widened to whole words.
  let prevEnd = 0;
  for (let i = 0; i < units.length; ) {
    let j = i;
    while (j + 1 < units.length) {
      const gap = text.slice(units[j].end, units[j + 1].start);
      if (gap.length > 30 || !/^[\x20-\x7e]*$/.test(gap)) break;
      j++;
    }
    let start = units[i].start, end = units[j].end;
    while (start > prevEnd && /[A-Za-z0-9]/.test(text[start - 1])) start--;
    const limit = j + 1 < units.length ? units[j + 1].start : text.length;
    while (end < limit && /[A-Za-z0-9]/.test(text[end])) end++;
    const from = text.slice(start, end);
    const local = units.slice(i, j + 1).map((u) => ({ ...u, start: u.start - start, end: u.end - start }));
    const to = repairDeeper(replaceUnits(from, local)); // a twice-encoded run comes out clean
    out.push({
      code: CODE,
      message: t('Mojibake (UTF-8 read as Windows-1252): "{0}" should read "{1}"', quote(from), quote(to)),
      start,
      end,
      fixes: [{ title: t('Repair mojibake'), edits: [{ start, end, newText: to }] }],
    });
    prevEnd = end;
    i = j + 1;
  }

  // Not repairable: a byte was lost.
  for (const b of broken) {
    if (b.spec.evidence && !evidence) continue;
    if (b.spec.notInCapitals && (isUpper(text[b.start - 1]) || isUpper(text[b.end]))) continue;
    out.push({
      code: CODE,
      message: t('Mojibake: "{0}" is what is left of a UTF-8 character read as Windows-1252 after a byte was lost; it cannot be repaired automatically', quote(b.spec.text)) + (b.spec.hint ? t(' (probably {0})', b.spec.hint.length === 1 ? `"${b.spec.hint}"` : b.spec.hint) : ''),
      start: b.start,
      end: b.end,
      fixes: [],
    });
  }
  return out;
}

// ---- Invisible characters, look-alike letters, decorative marks ------------------------------

/**
 * Zero-width characters and a byte-order mark inside the text (the file's own BOM is removed before),
 * and control characters other than tab and line breaks: a stray NUL byte in a scraped file (a file
 * with one NUL is read as text, not skipped as binary).
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u0000-\u0008\u000E-\u001F\u007F]+/g;
const INVISIBLE_NAMES: Record<string, string> = {
  '\u200B': 'zero-width space', '\u200C': 'zero-width non-joiner', '\u200D': 'zero-width joiner',
  '\u2060': 'word joiner', '\uFEFF': 'byte-order mark (U+FEFF)', '\u00AD': 'soft hyphen',
  '\u0000': 'NUL control character (U+0000)', '\u007F': 'DEL control character (U+007F)',
};
/** A C0 control character's name when INVISIBLE_NAMES has none. */
const controlName = (c: string) => t('control character U+{0}', c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));

/** A joiner that an emoji sequence or a script other than Latin needs (Persian, Indic…). */
function neededJoiner(run: string, before: string, after: string): boolean {
  if (!/^[\u200C\u200D]+$/.test(run)) return false;
  const needs = (c: string) => /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F]/u.test(c) ||
    (/[\p{L}\p{M}]/u.test(c) && !/\p{Script=Latin}/u.test(c) && !LOOKALIKE.has(c));
  return needs(before) || needs(after);
}

/** The whole character (a surrogate pair kept together) before an offset. */
function codePointBefore(s: string, i: number): string {
  if (i <= 0) return '';
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) return s.slice(i - 2, i);
  return s[i - 1];
}

function invisibles(text: string): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const m of text.matchAll(INVISIBLE)) {
    const run = m[0];
    const start = m.index, end = start + run.length;
    if (neededJoiner(run, codePointBefore(text, start), String.fromCodePoint(text.codePointAt(end) ?? 32))) continue;
    const names = [...new Set(run)].map((c) => (INVISIBLE_NAMES[c] ? t(INVISIBLE_NAMES[c]) : undefined) ?? (c < '\u0020' ? controlName(c) : `U+${c.charCodeAt(0).toString(16).toUpperCase()}`));
    out.push({
      code: CODE,
      message: run.length > 1 ? t('Invisible characters in the text: {0} × {1}', run.length, names.join(' + ')) : t('Invisible character in the text: {0}', names.join(' + ')),
      start,
      end,
      fixes: [{ title: run.length > 1 ? t('Remove the invisible characters') : t('Remove the invisible character'), edits: [{ start, end, newText: '' }] }],
    });
  }
  return out;
}

const LOOKALIKE = new Map<string, string>(Object.entries(confusables.lookalikes));
/** Any look-alike letter: lines without one are skipped at once. */
const ANY_LOOKALIKE = new RegExp(`[${[...LOOKALIKE.keys()].join('').replace(/[\\\]^-]/g, '\\$&')}]`, 'u');
/** Combining marks Vietnamese uses (grave, acute, tilde, hook, dot below, circumflex, breve, horn). */
const VIETNAMESE_MARKS = /[\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031B]/u;
const WORD_WITH_JOINERS = /[\p{L}\p{M}\u200C\u200D]+/gu;

/**
 * A word written with look-alike letters: it mixes Latin letters with Cyrillic, Greek or Armenian
 * ones, or with IPA / phonetic letters no orthography uses (ɑ, ƅ, ᵭ), or mixes two non-Latin scripts
 * (т + ι): text written to dodge filters. Also Ð (Icelandic Eth) for Đ in a Vietnamese word.
 */
function lookalikeWord(w: string): boolean {
  let latin = false, other = 0, scripts = new Set<string>();
  let odd = false;
  for (const c of w) {
    if (!/\p{L}/u.test(c)) continue;
    if (LOOKALIKE.has(c)) {
      odd = true;
      if (/\p{Script=Latin}/u.test(c)) scripts.add('Latin*');
      else if (/\p{Script=Cyrillic}/u.test(c)) scripts.add('Cyrillic');
      else if (/\p{Script=Greek}/u.test(c)) scripts.add('Greek');
      else if (/\p{Script=Armenian}/u.test(c)) scripts.add('Armenian');
      continue;
    }
    if (/\p{Script=Latin}/u.test(c)) latin = true;
    else other++;
  }
  if (!odd) return false;
  if (latin) return true; // Latin letters with look-alikes among them
  if (other > 0) return false; // a real word of another script that happens to use such letters
  return scripts.size > 1 || scripts.has('Latin*'); // look-alikes of several scripts, or odd Latin letters alone
}

function lookalikes(lines: ReadonlyArray<{ line: LineInfo; u: UnicodeLine }>, occupied: Occupied): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const { line, u } of lines) {
    if (!u.lookalike) continue;
    let from = -1, to = -1, count = 0;
    const flush = () => {
      if (from < 0) return;
      const start = line.start + from, end = line.start + to;
      if (!occupied.overlaps(start, end)) {
        const original = line.text.slice(from, to);
        const fixed = [...original].map((c) => (c === '\u200C' ? '' : LOOKALIKE.get(c) ?? c)).join('').normalize('NFC');
        out.push({
          code: CODE,
          message: count === 1
            ? t('Look-alike letters (Cyrillic, Greek or IPA letters posing as Latin ones) in a word: "{0}" reads "{1}"', quote(original), quote(fixed))
            : t('Look-alike letters (Cyrillic, Greek or IPA letters posing as Latin ones) in {0} words: "{1}" reads "{2}"', count, quote(original), quote(fixed)),
          start,
          end,
          fixes: [{ title: t('Write the Latin letters'), edits: [{ start, end, newText: fixed }] }],
        });
      }
      from = -1;
      count = 0;
    };
    for (const m of line.text.matchAll(WORD_WITH_JOINERS)) {
      const w = m[0];
      if (!ANY_LOOKALIKE.test(w) || !lookalikeWord(w)) continue;
      // words of the same run (a headline, a sentence) become one finding
      if (from >= 0 && m.index - to > 40) flush();
      if (from < 0) from = m.index;
      to = m.index + w.length;
      count++;
    }
    flush();
  }
  return out;
}

/** Combining marks Vietnamese does not use, left after NFC (b̼.̼o̼: underlines that dodge filters). */
function oddMarks(lines: ReadonlyArray<{ line: LineInfo; u: UnicodeLine }>, occupied: Occupied): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const { line, u } of lines) {
    if (!u.marks) continue;
    const nfc = line.text.normalize('NFC');
    if (nfc.length !== line.text.length) continue; // NFC findings come first; this line is theirs
    let from = -1, to = -1;
    const flush = () => {
      if (from < 0) return;
      const start = line.start + from, end = line.start + to;
      if (!occupied.overlaps(start, end)) {
        const original = line.text.slice(from, to);
        const fixed = original.replace(/\p{M}/gu, (c) => (VIETNAMESE_MARKS.test(c) ? c : ''));
        out.push({
          code: CODE,
          message: t('Combining marks that are not Vietnamese diacritics: "{0}" (decoration that dodges word filters)', quote(original)),
          start,
          end,
          fixes: [{ title: t('Remove the marks'), edits: [{ start, end, newText: fixed }] }],
        });
      }
      from = -1;
    };
    for (const m of line.text.matchAll(/\p{M}+/gu)) {
      if ([...m[0]].every((c) => VIETNAMESE_MARKS.test(c))) continue;
      const base = m.index - 1;
      if (base >= 0 && !/[\p{L}\p{N}\p{P}\p{S}]/u.test(line.text[base])) continue;
      // a letter of a script that uses such marks (Thai, Devanagari…) is not decoration
      if (base >= 0 && /\p{L}/u.test(line.text[base]) && !/\p{Script=Latin}/u.test(line.text[base])) continue;
      if (from >= 0 && m.index - to > 12) flush();
      if (from < 0) from = Math.max(0, base);
      to = m.index + m[0].length;
    }
    flush();
  }
  return out;
}

const NFC_TOKEN = /[\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]\p{M}*/gu;

function notNfc(text: string, lines: ReadonlyArray<{ line: LineInfo; u: UnicodeLine }>, occupied: Occupied): RuleFinding[] {
  const out: RuleFinding[] = [];
  if (lines.every((l) => l.u.nfc)) return out;
  const push = (start: number, end: number) => {
    if (occupied.overlaps(start, end)) return;
    const from = text.slice(start, end), to = from.normalize('NFC');
    out.push({
      code: CODE,
      message: t('Not in NFC: "{0}" is written with decomposed characters (a base letter plus combining marks)', quote(to)),
      start,
      end,
      fixes: [{ title: t('Convert to NFC'), edits: [{ start, end, newText: to }] }],
    });
  };
  for (const { line, u } of lines) {
    if (u.nfc) continue;
    // Runs of changed tokens, merged across short gaps (a wholly decomposed line is one finding).
    let runStart = -1, runEnd = -1, found = false;
    for (const m of line.text.matchAll(NFC_TOKEN)) {
      const tok = m[0];
      // nothing below U+0300 changes under NFC unless a combining mark follows
      if (!/[^\x00-\u02ff]/.test(tok) || tok.normalize('NFC') === tok) continue;
      found = true;
      if (/^\s+$/u.test(tok)) continue; // a space NFC changes (U+2000) is left to the whitespace rule
      const start = line.start + m.index, end = start + tok.length;
      if (runStart >= 0 && start - runEnd > 30) {
        push(runStart, runEnd);
        runStart = -1;
      }
      if (runStart < 0) runStart = start;
      runEnd = end;
    }
    if (runStart >= 0) push(runStart, runEnd);
    // Composition across the token boundaries (not expected): flag the line as a whole.
    if (!found) push(line.start, line.end);
  }
  return out;
}

/**
 * 'old' (kiểu cũ: hòa, thúy, khỏe, ủy — what most news sites print) puts the tone on the first
 * vowel; 'new' (kiểu mới, the 1980s school rules: hoà, thuý, khoẻ, uỷ) on the main, second vowel.
 */
const PLACEMENT: Record<'new' | 'old', TonePlacement> = { old: 'first', new: 'second' };
const EXAMPLE: Record<TonePlacement, string> = { first: 'hòa', second: 'hoà' };

function toneMix(ctx: RuleContext<{ toneStyle: 'old' | 'new' }>, lines: ReadonlyArray<{ line: LineInfo; u: UnicodeLine }>, occupied: Occupied): RuleFinding[] {
  const words: ToneWord[] = [];
  for (const { line, u } of lines) {
    for (const w of u.tones) {
      const start = line.start + w.start, end = line.start + w.end;
      if (!occupied.overlaps(start, end)) words.push({ ...w, start, end });
    }
  }
  const seen = { first: 0, second: 0 };
  for (const w of words) seen[w.placement]++;
  if (!seen.first || !seen.second) return [];
  const want = PLACEMENT[ctx.options.toneStyle] ?? 'first';
  const other: TonePlacement = want === 'first' ? 'second' : 'first';
  const out: RuleFinding[] = [];
  for (const w of words) {
    if (w.placement === want) continue;
    const fixed = withTonePlacement(w.word, want);
    out.push({
      code: CODE,
      demoted: 'style',
      message: t('Mixed tone placement: "{0}" places the tone like {1} ({2}× in this file), other words like {3} ({4}×, the configured style); write "{5}"', w.word, EXAMPLE[other], seen[other], EXAMPLE[want], seen[want], fixed),
      start: w.start,
      end: w.end,
      fixes: [{ title: t('Write "{0}"', fixed), edits: [{ start: w.start, end: w.end, newText: fixed }] }],
    });
  }
  return out;
}

export const rule = defineRule({
  code: CODE,
  defaultSeverity: 'warning',
  description:
    'Unicode problems: text not in NFC, mojibake (UTF-8 read as Windows-1252), U+FFFD replacement characters, invisible characters (zero-width, a BOM inside the text), look-alike letters from other scripts, decorative combining marks, and mixed tone placement (hòa / hoà) in one file.',
  tags: ['language'],
  flags: 'text not in NFC, mojibake, U+FFFD, a file mixing `hòa` and `hoà`',
  fix: { availability: 'sometimes' },
  removable: false,
  demoted: 'A file mixing tone placements (`hòa` and `hoà`) is a matter of style: information.',
  options: {
    toneStyle: {
      setting: 'toneStyle',
      schema: z.enum(['old', 'new']),
      default: 'old' as 'old' | 'new',
      description: 'Where tone marks go in the syllables `oa`, `oe`, `uy`: the `unicode` rule unifies a file on this style.',
      enumDescriptions: {
        new: 'New style (kiểu mới, the 1980s school rules): hoà, thuý, khoẻ.',
        old: 'Old style (kiểu cũ, what most news sites print; the default): hòa, thúy, khỏe.',
      },
    },
  },
  check(ctx) {
    const { text } = ctx.article;
    const encoding = [...replacementChars(text), ...mojibake(text)];
    const lines = linesOf(ctx);
    const nfc = notNfc(text, lines, new Occupied(encoding));
    const looks = lookalikes(lines, new Occupied([...encoding, ...nfc]));
    const marks = oddMarks(lines, new Occupied([...encoding, ...nfc, ...looks]));
    const taken = new Occupied([...encoding, ...nfc, ...looks, ...marks]);
    const invisible = invisibles(text).filter((f) => !taken.overlaps(f.start, f.end));
    const tones = toneMix(ctx, lines, new Occupied([...encoding, ...nfc, ...looks]));
    return [...encoding, ...nfc, ...looks, ...marks, ...invisible, ...tones].sort((a, b) => a.start - b.start || a.end - b.end);
  },
});
