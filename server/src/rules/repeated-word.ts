// repeated-word: an accidentally doubled syllable (`cá nhân tiêu tiêu biểu`). Vietnamese doubles
// syllables on purpose too (`ngày ngày`, `người người`, `ào ào`), and two words can meet on the same
// syllable (`Đảng bộ bộ phận` = Đảng bộ + bộ phận), so a repeat is flagged only on evidence:
//  0. the data knows a word ending with the syllable before it and one starting with it after it
//     (`hành vi | vi phạm`): a junction, left alone whatever else the article has (`hành vi phạm
//     tội` elsewhere is `hành vi | phạm tội`, not the same words written once);
//  1. the article has the same words with the syllable once (`nhân tiêu biểu`) elsewhere: a typo;
//  2. the article repeats this doubling elsewhere: deliberate, left alone;
//  3. the syllable ends a word before it and starts a word after it: a junction, left alone (and so
//     is a grammatical word right after a word it ends: `đạt được được đánh giá`);
//  4. it belongs to a word on one side only (`tiêu biểu`), or is a grammatical word (`của của`): a typo;
//  5. otherwise (no word known on either side) it is reported as information only.
// Reduplications come from server/data/reduplication.vi.json (allowed unless a number follows:
// `năm năm 2020`). Numbers, single Latin letters, capitalized repeats (names) and repeats across
// punctuation or line breaks are not flagged. Case-insensitive, NFC, either tone placement.
// A line's words, its repeats and its doubled pairs are a pure function of its text: with a
// document's cache (RuleContext.cache) they are kept between analyses (table TOKENS_TABLE); the
// counts over the article (for the few syllables some line repeats) are made every time.
import { type RuleFinding, defineRule } from './types';
import { t } from '../l10n';
import type { Article } from '../model/types';
import type { LineCache } from '../model/lineCache';
import { withTonePlacement } from '../text/vietnamese';
import { WordScanner } from '../text/normalize';
import { lineTokens, tokensAt, type LineTokens } from '../text/tokens';
import data from '../../data/reduplication.vi.json';

const CODE = 'repeated-word';
/** The most word forms kept with their canonical form (FORMS). */
const MAX_FORMS = 10000;

/** What may separate the two copies (and a copy from its neighbour word): spaces only. */
function onlySpaces(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0xa0 && c !== 0x202f) return false;
  }
  return true;
}

/** Lower case, NFC, tone on the first vowel of oa/oe/uy: the form the data files use. */
function canon(word: string): string {
  return withTonePlacement(word.normalize('NFC').toLowerCase(), 'first');
}

const REDUPLICATIONS = new Set(data.reduplications.map(canon));
const COMPOUNDS = new Set(data.compounds.map((c) => c.split(' ').map(canon).join(' ')));
const FUNCTION_WORDS = new Set(data.functionWords.map(canon));

/** The cache table of a line's words (lineToks), keyed by the line's text. */
const TOKENS_TABLE = 'repeated-word/tokens';

interface Tok {
  /** Canonical form (canon()). */
  w: string;
  /** Columns in its line (the line's offset in the article is Line.base). */
  start: number;
  end: number;
  /** Separated from the previous token by spaces only (same line). */
  joined: boolean;
}

/**
 * What a line's text alone gives. Shared with the cache: read it, do not change it (but for `set`,
 * filled in once). Its words are held in flat arrays (no object per word): word i is w[i], at
 * columns se[2i] to se[2i + 1] of `text`; tokAt() gives it as a Tok.
 */
interface LineWords {
  text: string;
  /** Canonical form (canon()) of each word. */
  w: readonly string[];
  /** Start and end column of each word, flat (the line's tokens' se). */
  se: ArrayLike<number>;
  /** Each i where toks[i + 1] repeats toks[i] (joined): judged against the article's counts. */
  repeats: readonly number[];
  /** Each i where the pair toks[i], toks[i + 1] is typed twice: a finding whatever the article holds. */
  pairs: readonly number[];
  /** The line's distinct words, made when first needed (kept with the rest in the document's cache). */
  set?: Set<string>;
}

/** The words of a line, at their offset in the article: the tokens' columns plus base. */
interface Line {
  base: number;
  words: LineWords;
}

const NONE: readonly number[] = [];

/** Is word i separated from the word before it by spaces only (Tok.joined)? */
function joined(lw: LineWords, i: number): boolean {
  return i > 0 && onlySpaces(lw.text, lw.se[2 * i - 1], lw.se[2 * i]);
}

/** Word i of a line as a Tok (columns in its line). */
function tokAt(lw: LineWords, i: number): Tok {
  return { w: lw.w[i], start: lw.se[2 * i], end: lw.se[2 * i + 1], joined: joined(lw, i) };
}

/** A word's canonical form, remembered in `forms` (up to MAX_FORMS words): the reference way, by the word's string. */
function formOf(raw: string, forms: Map<string, string>): string {
  let c = forms.get(raw);
  if (c === undefined) {
    c = canon(raw);
    if (forms.size < MAX_FORMS) forms.set(raw, c);
  }
  return c;
}

/** Table size of Forms: a power of two, at least twice MAX_FORMS. */
const FORMS_SLOTS = 32768;

/**
 * canon() of words by their raw text, looked up by the hash of their code units (text/tokens.ts
 * LineTokens.raw) and the code units themselves, compared in place: no string per word. Open
 * addressing over typed arrays (up to MAX_FORMS words; past that, canon() of a new word is made
 * every time).
 */
export class Forms {
  private readonly hashes = new Uint32Array(FORMS_SLOTS);
  private readonly raws: Array<string | undefined> = new Array<string | undefined>(FORMS_SLOTS);
  private readonly canons: string[] = new Array<string>(FORMS_SLOTS);
  private size = 0;

  /** canon(text.slice(a, b)), where h is hash32 of that slice. */
  of(text: string, a: number, b: number, h: number): string {
    const mask = FORMS_SLOTS - 1;
    let i = h & mask;
    for (;;) {
      const r = this.raws[i];
      if (r === undefined) break;
      if (this.hashes[i] === h && sameText(r, text, a, b)) return this.canons[i];
      i = (i + 1) & mask;
    }
    const raw = text.slice(a, b);
    const c = canon(raw);
    if (this.size < MAX_FORMS) {
      this.hashes[i] = h;
      this.raws[i] = raw;
      this.canons[i] = c;
      this.size++;
    }
    return c;
  }
}

/** r === text.slice(a, b), without making the slice. */
function sameText(r: string, text: string, a: number, b: number): boolean {
  if (r.length !== b - a) return false;
  for (let k = 0; k < r.length; k++) if (r.charCodeAt(k) !== text.charCodeAt(a + k)) return false;
  return true;
}

/** A line's words (its tokens, text/tokens.ts, made here when not given), canonical forms, repeats and doubled pairs. */
export function lineWords(text: string, forms: Forms = FORMS, tok: LineTokens = lineTokens(text)): LineWords {
  const n = tok.n, se = tok.se, raw = tok.raw;
  const w = new Array<string>(n);
  for (let k = 0; k < n; k++) w[k] = forms.of(text, se[2 * k], se[2 * k + 1], raw[k]);
  const lw: LineWords = { text, w, se, repeats: NONE, pairs: NONE };
  const repeats: number[] = [];
  for (let i = 0; i + 1 < w.length; i++) {
    if (w[i] === w[i + 1] && joined(lw, i + 1)) repeats.push(i);
  }
  const pairs = doubledPairs(lw);
  if (repeats.length) lw.repeats = repeats;
  if (pairs.length) lw.pairs = pairs;
  return lw;
}

/** A pair of words typed twice (`ban hành ban hành`, `bí mật bí mật`): the index of each pair's first copy. */
function doubledPairs(lw: LineWords): number[] {
  const out: number[] = [];
  const w = lw.w;
  for (let i = 0; i + 3 < w.length; i++) {
    if (w[i] !== w[i + 2] || w[i + 1] !== w[i + 3] || w[i] === w[i + 1]) continue;
    if (!joined(lw, i + 1) || !joined(lw, i + 2) || !joined(lw, i + 3)) continue;
    const p = w[i], q = w[i + 1];
    if (hasDigit(p) || hasDigit(q) || /^[a-z]$/.test(p) || /^[a-z]$/.test(q)) continue;
    if (/^\p{Lu}/u.test(lw.text.slice(lw.se[2 * (i + 2)], lw.se[2 * (i + 2) + 1]))) continue; // a name starts again
    // the pair again right after, or the doubling elsewhere, is deliberate (`cố lên cố lên cố lên`)
    if (i + 5 < w.length && w[i + 4] === p && w[i + 5] === q) { i += 5; continue; }
    out.push(i);
    i += 3;
  }
  return out;
}

/** A line's words as Tok objects (for tests: the reference lineToksSlow gives the same). */
export function lineToksOf(lw: LineWords): Tok[] {
  return lw.w.map((_, i) => tokAt(lw, i));
}

/**
 * The words of one line's text (letters, marks and digits; inner `-'’./` kept) as text/normalize's
 * WORD finds them: the first way of reading them, one object per word, kept as the reference
 * lineWords must agree with.
 */
export function lineToksSlow(text: string, forms: Map<string, string> = new Map()): Tok[] {
  const toks: Tok[] = [];
  const scan = new WordScanner(text);
  let prevEnd = -1;
  while (scan.next()) {
    const w = formOf(text.slice(scan.start, scan.end), forms);
    toks.push({ w, start: scan.start, end: scan.end, joined: prevEnd >= 0 && onlySpaces(text, prevEnd, scan.start) });
    prevEnd = scan.end;
  }
  return toks;
}

/**
 * canon() of the words met so far, by their raw text (a pure function of it): kept from one article
 * to the next (a language has a few thousand syllables), up to MAX_FORMS of them.
 */
const FORMS = new Forms();

function tokenize(a: Article, cache: LineCache | undefined): Line[] {
  const skip = new Uint8Array(a.lines.length);
  for (const b of a.blocks) if (b.kind === 'php-dump') for (let i = b.startLine; i <= b.endLine && i < skip.length; i++) skip[i] = 1;
  const out: Line[] = [];
  for (let li = 0; li < a.lines.length; li++) {
    if (skip[li]) continue;
    const { text, start } = a.lines[li];
    if (text.length === 0) continue;
    // (the line's tokens are those of `text`: the memo's value is still a function of the text alone)
    const words = cache ? cache.memo(TOKENS_TABLE, text, (t) => lineWords(t, FORMS, tokensAt(a, li, cache))) : lineWords(text, FORMS, tokensAt(a, li));
    if (words.w.length > 1) out.push({ base: start, words });
  }
  return out;
}

/**
 * For each syllable of `xs`, how often the article has it with each neighbour: "p x", "x n" and
 * "p x n" (words joined by spaces only). One pass over the tokens.
 */
function gramsAround(lines: readonly Line[], wanted: ReadonlyMap<string, Wanted>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const xs = wanted.size <= 16 ? [...wanted.keys()] : null;
  for (const { words } of lines) {
    const ws = words.w;
    if (xs) {
      // a line without any of the doubled syllables adds nothing: skipped through its set of words
      const set = (words.set ??= new Set(ws));
      let any = false;
      for (const x of xs) if (set.has(x)) { any = true; break; }
      if (!any) continue;
    }
    for (let i = 0; i < ws.length; i++) {
      const x = ws[i];
      const w = wanted.get(x);
      if (w === undefined) continue;
      const p = i >= 1 && joined(words, i) ? ws[i - 1] : null;
      const n = i + 1 < ws.length && joined(words, i + 1) ? ws[i + 1] : null;
      // only the grams the check asks about are counted (a common syllable doubled once in a 1 MB
      // article would otherwise make three strings at each of its thousands of uses)
      if (p !== null && w.before.has(p)) add(`${p} ${x}`);
      if (n !== null && w.after.has(n)) add(`${x} ${n}`);
      if (p !== null && n !== null && w.around.has(`${p} ${n}`)) add(`${p} ${x} ${n}`);
    }
  }
  return counts;
}

/** For a doubled syllable: the neighbours whose grams with it the check asks about. */
interface Wanted {
  before: Set<string>;
  after: Set<string>;
  /** `${p} ${n}`: the three-word gram p x n. */
  around: Set<string>;
}

/** A token at its offset in the article. */
function at(t: Tok, base: number): Tok {
  return { w: t.w, start: base + t.start, end: base + t.end, joined: t.joined };
}

function hasDigit(w: string): boolean {
  return /\p{N}/u.test(w);
}

export const rule = defineRule({
  code: CODE,
  defaultSeverity: 'warning',
  description: 'A syllable typed twice by accident (“tiêu tiêu biểu”); deliberate reduplications (“ngày ngày”) are allowed.',
  tags: ['language'],
  flags: 'a syllable typed twice (`tiêu tiêu biểu`); reduplications such as `ngày ngày` allowed',
  fix: { availability: 'always', unsafe: 'Removing a repeat without evidence either way (information).' },
  removable: false,
  demoted: 'A repeat without evidence either way is information.',
  check(ctx) {
    const a = ctx.article;
    const out: RuleFinding[] = [];
    const lines = tokenize(a, ctx.cache);
    // find the repeats first: most articles have none, and then counting is not needed
    const repeats: Array<{ toks: readonly Tok[]; base: number; i: number }> = [];
    for (const { words, base } of lines) {
      if (words.repeats.length === 0) continue;
      const toks = lineToksOf(words);
      for (const i of words.repeats) repeats.push({ toks, base, i });
    }
    // a pair of words typed twice (`ban hành ban hành`, `bí mật bí mật`)
    for (const { words, base } of lines) {
      for (const i of words.pairs) {
        const p = at(tokAt(words, i), base), q = at(tokAt(words, i + 1), base), s2 = at(tokAt(words, i + 3), base);
        const raw = a.text.slice(p.start, s2.end);
        out.push({
          code: CODE,
          message: t('Doubled words “{0}” in “{1}”', a.text.slice(p.start, q.end), raw),
          start: q.end,
          end: s2.end,
          fixes: [{ title: t('Remove the repeated words'), edits: [{ start: q.end, end: s2.end, newText: '' }] }],
        });
      }
    }
    if (repeats.length === 0) return out;
    // what the check below asks about: for a doubling "p x x n", the grams "p x n", "x x", "p x" and "x n"
    // (a two-word gram "a b" is counted once around b and once more around a when a is doubled too)
    const wanted = new Map<string, Wanted>();
    for (const r of repeats) if (!wanted.has(r.toks[r.i].w)) wanted.set(r.toks[r.i].w, { before: new Set(), after: new Set(), around: new Set() });
    const pair = (a: string, b: string) => {
      wanted.get(b)?.before.add(a);
      wanted.get(a)?.after.add(b);
    };
    for (const r of repeats) {
      const x = r.toks[r.i].w;
      const p = r.i >= 1 && r.toks[r.i].joined ? r.toks[r.i - 1].w : null;
      const n = r.i + 2 < r.toks.length && r.toks[r.i + 2].joined ? r.toks[r.i + 2].w : null;
      pair(x, x);
      if (p !== null) pair(p, x);
      if (n !== null) pair(x, n);
      if (p !== null && n !== null) wanted.get(x)!.around.add(`${p} ${n}`);
    }
    const grams = gramsAround(lines, wanted);
    const count = (k: string) => grams.get(k) ?? 0;
    for (const r of repeats) {
      const { i } = r;
      // the tokens around the repeat, at their offsets in the article
      const toks = { length: r.toks.length } as Record<number, Tok> & { length: number };
      for (let k = Math.max(0, i - 1); k <= i + 2 && k < r.toks.length; k++) toks[k] = at(r.toks[k], r.base);
      const t1 = toks[i], t2 = toks[i + 1];
      const x = t1.w;
      const raw1 = a.text.slice(t1.start, t1.end);
      const raw2 = a.text.slice(t2.start, t2.end);
      if (hasDigit(x)) continue; // numbers: 10 10
      if (/^[a-z]$/.test(x)) continue; // single Latin letters: A A (font-size buttons), x x
      // a small-letter word written again with a capital (`tiếng Tiếng Việt`, `bà Bà Dương`): the
      // second copy opens a name or a glued caption, the first is the typo's other half
      const caseTypo = /^\p{Ll}/u.test(raw1) && /^\p{Lu}\p{Ll}/u.test(raw2) && !/^\p{Lu}/u.test(raw1);
      if (caseTypo) {
        const prev = i >= 1 && t1.joined ? toks[i - 1] : null;
        // unless the first copy ends a word (`Trưởng ban | Ban Tuyên giáo`, `Lương thực | Thực phẩm`)
        // or a sentence ends between them without its period (`của bạn | Bạn vừa`)
        if (prev && COMPOUNDS.has(`${prev.w} ${x}`)) continue;
        if (!prev && i === 0) continue;
        const next = i + 2 < toks.length && toks[i + 2].joined ? toks[i + 2] : null;
        const shown = a.text.slice((prev ?? t1).start, (next ?? t2).end);
        // as often the junction of a word and a name (`Lương thực Thực phẩm`): a suggestion only
        out.push({
          code: CODE,
          demoted: 'unsure',
          message: t('Possibly doubled word “{0}” in “{1}” (written again with a capital letter)', raw1, shown),
          start: t1.end,
          end: t2.end,
          fixes: [{ title: t('Remove the repeated word'), edits: [{ start: t1.end, end: t2.end, newText: '' }], applicability: 'unsafe' }],
        });
        continue;
      }
      if (/^\p{Lu}/u.test(raw2)) continue; // names and all-caps: Lan Lan, ĐỖ ĐỖ
      const prev = i >= 1 && t1.joined ? toks[i - 1] : null;
      const next = i + 2 < toks.length && toks[i + 2].joined ? toks[i + 2] : null;
      if (REDUPLICATIONS.has(x) && !(next && hasDigit(next.w))) continue;
      // a run of three or more: judge the first pair only, the rest follow it
      if (i >= 1 && t1.joined && toks[i - 1].w === x) continue;
      const pw = prev?.w, nw = next?.w;
      const single = pw && nw ? `${pw} ${x} ${nw}` : null;
      let unsure = false;
      let because = '';
      if (nw === x) {
        because = t('written three times or more');
      } else if (pw && nw && COMPOUNDS.has(`${pw} ${x}`) && COMPOUNDS.has(`${x} ${nw}`)) {
        // the junction of two known words (`hành vi | vi phạm`), whatever else the article has:
        // `hành vi phạm tội` elsewhere is `hành vi | phạm tội`, no evidence of a typo
        continue;
      } else if (single && count(single) > 0) {
        because = t('the article has “{0}” elsewhere', single);
      } else if (count(`${x} ${x}`) > 2) { // each doubling counts twice (once per copy)
        continue; // the same doubling elsewhere: deliberate
      } else {
        // a word is known from the data, or (for content syllables) from the article using it elsewhere;
        // grammatical words sit next to anything, so for them only the data counts
        const fn = FUNCTION_WORDS.has(x);
        const known = (k: string) => COMPOUNDS.has(k) || (!fn && count(k) >= 2);
        const before = pw ? known(`${pw} ${x}`) : false;
        const after = nw ? known(`${x} ${nw}`) : false;
        if (before && after) continue; // Đảng bộ | bộ phận
        if (before && fn) continue; // đạt được | được đánh giá
        if (after) {
            because = t('probably “{0}”', `${x} ${nw}`);
        } else if (before) {
            because = t('probably “{0}”', `${pw} ${x}`);
        } else if (fn) {
            because = t('a grammatical word is never doubled');
        } else if (REDUPLICATIONS.has(x)) {
          // a reduplication is allowed, but not before a number: năm năm 2020
          because = t('a number follows');
        } else {
          unsure = true;
          because = t('no word with it is known on either side');
        }
      }
      // drop the first copy and the space after it; keep a capital letter by dropping the second instead
      const keepFirst = raw1 !== raw2 && /^\p{Lu}/u.test(raw1);
      const start = keepFirst ? t1.end : t1.start;
      const end = keepFirst ? t2.end : t2.start;
      const shown = a.text.slice((prev ?? t1).start, (next ?? t2).end);
      out.push({
        code: CODE,
        ...(unsure ? { demoted: 'unsure' as const } : {}),
        message: unsure
          ? t('Possibly doubled word “{0}” in “{1}” ({2})', raw1, shown, because)
          : t('Doubled word “{0}” in “{1}” ({2})', raw1, shown, because),
        start,
        end,
        // an unsure repeat is a suggestion: fixed on request, never by fix-all
        fixes: [{ title: t('Remove the repeated word'), edits: [{ start, end, newText: '' }], ...(unsure ? { applicability: 'unsafe' as const } : {}) }],
      });
    }
    return out;
  },
});
