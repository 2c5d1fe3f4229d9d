// stray-token: scraping debris inside the text.
//  - a fragment of one or two letters (or a single digit) after the final punctuation of a line
//    (`…quần chúng...”. r`): flags the white space and the fragment, the fix removes them;
//  - a line of lone punctuation inside the article (`.`, `|`) that the parser did not already label
//    boilerplate (the boilerplate rule flags those): the fix removes the line.
// A line's debris and its stray fragment are pure functions of its text: with a document's cache
// (RuleContext.cache) they are kept between analyses (tables DEBRIS_TABLE, FRAGMENT_TABLE).
import data from '../../data/stray-token.vi.json';
import type { BlockKind } from '../model/types';
import { isLonePunctuation } from '../model/knowledge';
import { fold, isWhiteSpace } from '../text/normalize';
import { blockRemovalRange } from './ranges';
import { type RuleFinding, defineRule } from './types';
import { t } from '../l10n';
import { kindNoun } from '../model/kindNames';

const ABBREVIATIONS = new Set(data.abbreviations.map((w) => w.toLocaleLowerCase('vi')));

const GLUED = data.gluedWidgets.map((w: string) => w.toLocaleLowerCase('vi'));

/**
 * Cheap tests that a line must pass for a debris pattern to match in it: a character or a short
 * string every match contains, found with indexOf before the Unicode expression (with its look-
 * behinds) walks the line. Keyed by the pattern's exact text and flags, so that a pattern edited in
 * the data file simply runs on every line until its test is written again.
 */
const GATES: Record<string, (line: string) => boolean> = {
  '&(?:#\\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z]{2,10});': (l) => l.includes('&'),
  '&\\s?nbsp;?': (l) => l.includes('&'),
  '(?<=\\p{L}&\\p{L}{1,15});': (l) => l.includes('&'),
  '\\{[a-z_]{2,20}\\}': (l) => l.includes('{'),
  '</?(?:a|b|i|u|em|strong|bold|italic|span|div|p|br|font|img|sup|sub|h[1-6]|ul|ol|li|table|tr|td|th|figure|figcaption|blockquote)\\b[^<>\\n]{0,200}>/i': (l) => l.includes('<'),
  '[\\w./:-]*\\.html?"(?:\\s+[a-z-]+="[^"]*")*\\s*>': (l) => l.includes('.htm'),
  '\\\\/': (l) => l.includes('\\'),
  '\\\\"': (l) => l.includes('\\'),
  '\\\\u[0-9a-fA-F]{4}': (l) => l.includes('\\'),
  '(?:\\\\r\\\\n|\\\\n|\\\\r|\\\\t)+': (l) => l.includes('\\'),
  '(?:(?<=\\s),\\s)?(?<![\\p{L}\\p{N}])r n(?![\\p{L}\\p{N}])(?:\\s,(?=\\s))?': (l) => l.includes('r n'),
  '\\s,(?:\\s+,)+': spaceComma,
  '^,\\s+': (l) => l.charCodeAt(0) === 0x2c,
  '(?<=[.!?…”"])\\s,(?=\\s\\p{Lu})': spaceComma,
  '(?<=\\p{L})\\|(?=\\s)': (l) => l.includes('|'),
  '(?<![\\p{L}])(\\p{L}+)(?:\\s+\\1){4,}(?![\\p{L}])/i': threeSameChunks,
};

function debrisGate(pattern: string, flags?: string): ((line: string) => boolean) | undefined {
  return GATES[flags ? `${pattern}/${flags}` : pattern];
}

/** Is there a comma right after white space (`\s,`)? */
function spaceComma(line: string): boolean {
  for (let i = line.indexOf(',', 1); i > 0; i = line.indexOf(',', i + 1)) if (isWhiteSpace(line.charCodeAt(i - 1))) return true;
  return false;
}

/**
 * Are there three white-space-separated pieces in a row that may be the same word in any case? A
 * word written five times (`\p{L}+(?:\s+\1){4,}`) has its 2nd, 3rd and 4th copies as whole pieces.
 * Pieces differ for sure when their lengths or two ASCII characters differ; other characters that
 * differ are compared as the pattern compares them (`([\s\S])\1` ignoring case); a piece with a
 * surrogate pair may always be the same.
 */
function threeSameChunks(line: string): boolean {
  const n = line.length;
  let ps = -1, pe = -1; // the piece before
  let run = 0; // pieces in a row that may be the same, less one
  let i = 0;
  while (i < n) {
    while (i < n && isWhiteSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const s = i;
    while (i < n && !isWhiteSpace(line.charCodeAt(i))) i++;
    run = ps >= 0 && maySameWord(line, ps, pe, s, i) ? run + 1 : 0;
    if (run >= 2) return true;
    ps = s;
    pe = i;
  }
  return false;
}

const CASELESS_PAIR = /^([\s\S])\1$/iu;
/** For two different UTF-16 units (not surrogates) a * 65536 + b: 1 the same ignoring case, 2 not. */
const caselessPairs = new Map<number, number>();

function maySameWord(line: string, a: number, b: number, c: number, d: number): boolean {
  const len = b - a;
  let surrogate = false;
  for (let k = a; k < b && !surrogate; k++) surrogate = (line.charCodeAt(k) & 0xf800) === 0xd800;
  for (let k = c; k < d && !surrogate; k++) surrogate = (line.charCodeAt(k) & 0xf800) === 0xd800;
  if (surrogate) return true;
  if (d - c !== len) return false;
  for (let k = 0; k < len; k++) {
    const x = line.charCodeAt(a + k), y = line.charCodeAt(c + k);
    if (x === y) continue;
    if (x < 0x80 && y < 0x80) {
      if ((x | 0x20) !== (y | 0x20) || (x | 0x20) < 0x61 || (x | 0x20) > 0x7a) return false;
      continue;
    }
    const key = x * 0x10000 + y;
    let v = caselessPairs.get(key);
    if (v === undefined) {
      v = CASELESS_PAIR.test(String.fromCharCode(x, y)) ? 1 : 2;
      if (caselessPairs.size < 100000) caselessPairs.set(key, v);
    }
    if (v === 2) return false;
  }
  return true;
}

interface Debris { id: string; re: RegExp; message: string; replace: string; mayMatch?: (line: string) => boolean }
const DEBRIS: Debris[] = data.debris.map((d: { id: string; pattern: string; flags?: string; message: string; replace: string }) => ({
  id: d.id, re: new RegExp(d.pattern, `gu${d.flags ?? ''}`), message: d.message, replace: d.replace, mayMatch: debrisGate(d.pattern, d.flags),
}));

/** HTML's named entities that scraped Vietnamese text carries (the rest are decoded from numbers). */
const ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", hellip: '…', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™',
  middot: '·', bull: '•', deg: '°', times: '×', frac12: '½', shy: '',
  agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', egrave: 'è', eacute: 'é', ecirc: 'ê', igrave: 'ì', iacute: 'í',
  ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ugrave: 'ù', uacute: 'ú', yacute: 'ý',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Igrave: 'Ì', Iacute: 'Í',
  Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ugrave: 'Ù', Uacute: 'Ú', Yacute: 'Ý',
};

function decode(token: string): string | null {
  let m = /^&#(\d+);$/.exec(token) ?? /^&#[xX]([0-9a-fA-F]+);$/.exec(token);
  if (m) {
    const cp = parseInt(m[1], /^&#[xX]/.test(token) ? 16 : 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : null;
  }
  m = /^&([A-Za-z]+);$/.exec(token);
  if (m) return ENTITIES[m[1]] ?? null;
  m = /^\\u([0-9a-fA-F]{4})$/.exec(token);
  if (m) return String.fromCharCode(parseInt(m[1], 16));
  return null;
}

/** Blocks in which debris inside the text is flagged. */
const DEBRIS_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>([
  'headline', 'kicker', 'dateline', 'heading', 'paragraph', 'caption', 'byline',
]);

/**
 * A field a crawler stored as a one-item Python list, the whole line (`['Sau lần giao dịch …']`,
 * `["Thị trường chứng quyền …"]`): the item's quote does not occur unescaped inside it.
 */
const ONE_ITEM_LIST = /^(\s*)\[(['"])((?:[^'"\\]|\\.|(?!\2)['"])*)\2\]\s*$/u;

/** A Python list repr holding the body (`['\\r\\n   ', 'Năm nay, …', …]`): its items, when the line has one. */
function listRepr(line: string): { start: number; end: number; items: string[]; one?: boolean } | null {
  const open = line.search(/\[\s*(['"])(?:\\r|\\n|\s|[^'"])/u);
  if (open < 0) return null;
  const tail = line.slice(open);
  const seps = tail.match(/(['"]),\s(['"])/gu);
  if (!seps || seps.length < 2) {
    const one = open <= 8 ? ONE_ITEM_LIST.exec(line) : null;
    if (!one || !/\p{L}/u.test(one[3])) return null;
    // (a body's paragraphs inside the one item are separated by escaped line breaks: lines again)
    const item = one[3].replace(/\\r\\n|\\n|\\r/g, '\n').replace(/\\t/g, ' ').replace(/\\(['"\\])/g, '$1').split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
    return { start: one[1].length, end: line.trimEnd().length, items: item ? [item] : [], one: true };
  }
  const close = line.lastIndexOf(']');
  const end = close > open ? close + 1 : line.length;
  const body = line.slice(open + 1, close > open ? close : line.length);
  const items: string[] = [];
  for (const m of body.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/gu)) {
    const raw = (m[1] ?? m[2] ?? '').replace(/\\[rnt]/g, ' ').replace(/\\(['"\\])/g, '$1').trim();
    if (raw) items.push(raw);
  }
  return { start: open, end, items };
}

/** For the tests: the cheap test of a debris pattern of the data file, if it has one. */
export function debrisGateOf(pattern: string, flags?: string): ((line: string) => boolean) | undefined {
  return debrisGate(pattern, flags);
}

/** A word a word segmenter joined (`sinh_viên`, `Lê_Công_Vinh`): letters, underscores between them. */
const SEGMENTED_WORD = /^[\p{L}\p{M}]{1,8}(?:_[\p{L}\p{M}]{1,8})+$/u;
/** A segmented line has this many joined words at least, Vietnamese ones (with a letter beyond ASCII) among them. */
const SEGMENTED_MIN = 2;
/** …and this share of its words when it has fewer than SEGMENTED_SURE of them. */
const SEGMENTED_SHARE = 0.2;
const SEGMENTED_SURE = 4;
/** Punctuation a segmenter sets apart: the space before a closing mark and after an opening one. */
const SPACE_BEFORE_CLOSING = /(?<=\S)[ \t]+(?=[,.;:!?…)\]](?:\s|$))/gu;
const SPACE_AFTER_OPENING = /(?<=(?:^|\s)[(\[])[ \t]+(?=\S)/gu;

/**
 * A line of word-segmented text — what Vietnamese NLP tools (VnCoreNLP, pyvi, a dataset's tokenised
 * fields) make of a sentence: the syllables of each word joined by underscores (`Mỹ_Tâm về Đà_Nẵng`)
 * and punctuation set apart (`sinh_viên 2013 .`). In a corpus of raw text it is another text's form;
 * the fix writes it back: spaces for the underscores, the punctuation against its word. Null for a
 * line with a few joined words only (snake_case names in a text about code are ASCII).
 */
export function wordSegmented(line: string): { start: number; end: number; newText: string } | null {
  if (line.indexOf('_') < 0) return null;
  let words = 0, joined = 0, vietnamese = 0;
  for (const w of line.split(/\s+/u)) {
    if (w === '') continue;
    words++;
    if (!SEGMENTED_WORD.test(w)) continue;
    joined++;
    if (/[^\x00-\x7f]/u.test(w)) vietnamese++;
  }
  if (joined < SEGMENTED_MIN || vietnamese < SEGMENTED_MIN || (joined < SEGMENTED_SURE && joined < SEGMENTED_SHARE * words)) return null;
  const start = line.length - line.trimStart().length;
  const end = line.trimEnd().length;
  const text = line.slice(start, end);
  const newText = text
    .split(/(\s+)/u)
    .map((w) => (SEGMENTED_WORD.test(w) ? w.replace(/_/g, ' ') : w))
    .join('')
    .replace(SPACE_BEFORE_CLOSING, '')
    .replace(SPACE_AFTER_OPENING, '');
  return newText === text ? null : { start, end, newText };
}

/** Debris inside one line of text: [start, end) columns, message, replacement, and whether the fix is only a suggestion. */
export function debrisIn(line: string): Array<{ start: number; end: number; message: string; newText: string; unsafe?: boolean }> {
  const out: Array<{ start: number; end: number; message: string; newText: string; unsafe?: boolean }> = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => taken.every(([x, y]) => b <= x || a >= y);
  const repr = listRepr(line);
  if (repr) {
    out.push({ start: repr.start, end: repr.end, message: repr.one ? 'a field stored as a one-item Python list (a crawler\'s repr)' : 'the body stored as a Python list (a crawler\'s repr)', newText: repr.items.join('\n') });
    taken.push([repr.start, repr.end]);
  }
  const segmented = repr ? null : wordSegmented(line);
  if (segmented) {
    // the line is rewritten whole: a suggestion, not a fix-all edit (a corpus may be segmented on purpose)
    out.push({ ...segmented, message: 'word-segmented text (underscores join syllables, punctuation set apart)', unsafe: true });
    return out;
  }
  for (const d of DEBRIS) {
    if (d.mayMatch && !d.mayMatch(line)) continue;
    // exec on the shared global expression (matchAll would clone it for every line)
    d.re.lastIndex = 0;
    for (let m = d.re.exec(line); m; m = d.re.exec(line)) {
      const a = m.index, b = a + m[0].length;
      if (b === a) d.re.lastIndex++;
      if (b === a || !free(a, b)) continue;
      const newText = d.replace === 'decode' ? decode(m[0]) : d.replace;
      if (newText === null) continue;
      out.push({ start: a, end: b, message: d.message, newText });
      taken.push([a, b]);
    }
  }
  if (line.length > 60) {
    const low = line.toLowerCase();
    for (const w of GLUED) {
      let at = low.indexOf(w);
      while (at >= 0) {
        const b = at + w.length;
        if (free(at, b)) {
          out.push({ start: at, end: b, message: 'widget text glued into the article', newText: '' });
          taken.push([at, b]);
        }
        at = low.indexOf(w, b);
      }
    }
  }
  return out.sort((x, y) => x.start - y.start);
}
const ALLOWED_FRAGMENTS = new Set(data.allowedFragments.map((w) => w.toLocaleLowerCase('vi')));
const ALLOWED_PUNCT = new Set(data.allowedLonePunctuation.map((w) => fold(w)));

/** Blocks whose line endings are checked for a stray fragment. */
const FRAGMENT_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['paragraph', 'caption', 'heading', 'byline']);
/** Blocks in which a lone punctuation line is flagged (boilerplate, related, dumps and blanks are not). */
const PUNCT_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>([
  'paragraph', 'caption', 'heading', 'byline', 'headline', 'kicker', 'dateline',
]);

/** How much of a line's end is looked at: enough for any match, so that huge lines cost nothing. */
const TAIL = 96;

/**
 * `<sentence end><white space><fragment><white space>$`. The sentence end is `.`, `!`, `?` or `…`,
 * possibly followed by closing quotes (`.”`, `?"`); a bare closing quote counts only when final
 * punctuation precedes it, so `gọi là “X” ở` (a cut line) is left alone.
 */
const FRAGMENT_AT_END = /([.!?…]+["”’»)]*)([\s\u200B]+)((?:\p{L}\p{M}*){1,2}|\p{N})\s*$/u;

/** A line that is only a list item's number before its period (`1`, `12`, `IV`, `- 3`). */
const LIST_NUMBER = /^\s*(?:[-–•*]\s*)?(?:\d{1,3}|[IVXLC]{1,6})$/u;

/** The word just before a period (letters, marks and inner dots), for the abbreviation check. */
const WORD_BEFORE = /(?:^|[^\p{L}\p{M}.])([\p{L}\p{M}][\p{L}\p{M}.]*)$/u;

export interface StrayFragment {
  /** Column range of the flagged white space + fragment (end exclusive). */
  startColumn: number;
  endColumn: number;
  fragment: string;
}

/** A stray fragment at the end of a line, or null. */
export function strayFragment(line: string): StrayFragment | null {
  const from = Math.max(0, line.length - TAIL);
  const tail = line.slice(from);
  const m = FRAGMENT_AT_END.exec(tail);
  if (!m) return null;
  const punct = m[1], space = m[2], fragment = m[3];
  const punctStart = m.index;
  const before = tail.slice(0, punctStart);
  // something must come before the sentence end: `. r` alone is not a sentence with debris
  if (!/[\p{L}\p{N}"”’»)\]]/u.test(before)) return null;
  // nor is a numbered item's number: `1. Mỹ`, `2. EU`, `IV. Úc` are a list's headings
  if (from === 0 && LIST_NUMBER.test(before)) return null;
  if (ALLOWED_FRAGMENTS.has(fragment.toLowerCase())) return null;
  if (punct === '.') {
    // an abbreviation or an initial before the period: `TP. HN`, `Q. 1`, `v. v`, `Nguyễn Văn A. B`
    const w = WORD_BEFORE.exec(before);
    if (w) {
      const word = w[1].normalize('NFC').toLowerCase();
      const letters = word.replace(/[.\p{M}]/gu, '');
      if ([...letters].length === 1 || ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/\./g, ''))) return null;
    }
  }
  const startColumn = from + punctStart + punct.length;
  return { startColumn, endColumn: startColumn + space.length + fragment.length, fragment };
}

/** The cache tables of debrisIn and strayFragment, keyed by the line's text. */
const DEBRIS_TABLE = 'stray-token/debris';
const FRAGMENT_TABLE = 'stray-token/fragment';

function clip(s: string, max = 24): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

export const rule = defineRule({
  code: 'stray-token',
  defaultSeverity: 'warning',
  description: 'Scraping debris: undecoded HTML entities and markup, JSON escapes, escaped line breaks, list reprs, crawler commas, glued widget text, word-segmented lines (`Mỹ_Tâm về Đà_Nẵng .`), a one- or two-character fragment after the end of a sentence, or a line of lone punctuation in the text (not a table\'s cell or a formula\'s operator).',
  tags: ['junk'],
  flags: 'a 1–2 character fragment after the end of a sentence (`…”. r`), a lone punctuation line in the text',
  fix: { availability: 'always', unsafe: 'A removal that joins two lines; a list repr whose items become lines; a word-segmented line written back.' },
  removable: false,
  check(ctx) {
    const a = ctx.article;
    const out: RuleFinding[] = [];
    // one string per distinct message and title (a file of short lines repeats a few tokens hundreds of thousands of times)
    const texts = new Map<string, string>();
    const said = (s: string): string => {
      const known = texts.get(s);
      if (known !== undefined) return known;
      texts.set(s, s);
      return s;
    };
    for (const b of a.blocks) {
      const fragments = FRAGMENT_KINDS.has(b.kind);
      const punct = PUNCT_KINDS.has(b.kind);
      if (!fragments && !punct) continue;
      for (let i = Math.max(0, b.startLine); i <= b.endLine && i < a.lines.length; i++) {
        const line = a.lines[i];
        // (a table's cell may be a lone dash or a formula's operator: the table's, not debris)
        if (punct && !b.tableCell && isLonePunctuation(line.text)) {
          const folded = fold(line.text);
          if (ALLOWED_PUNCT.has(folded)) continue;
          const r = blockRemovalRange(a, i, i);
          out.push({
            code: 'stray-token',
            message: said(t('Lone punctuation line “{0}” in the {1}', clip(folded), kindNoun(b.kind))),
            start: r.start,
            end: r.end,
            fixes: [{ title: t('Remove the punctuation line'), edits: [{ start: r.start, end: r.end, newText: '' }] }],
          });
          continue;
        }
        if (DEBRIS_KINDS.has(b.kind) && line.text.length <= 200000) {
          for (const d of ctx.cache ? ctx.cache.memo(DEBRIS_TABLE, line.text, debrisIn) : debrisIn(line.text)) {
            const start = line.start + d.start;
            const end = line.start + d.end;
            const shown = clip(line.text.slice(d.start, d.end), 40);
            out.push({
              code: 'stray-token',
              message: said(t('Scraping debris: {0} (“{1}”)', t(d.message), shown)),
              start,
              end,
              fixes: [{
                title: said(d.newText === '' ? t('Remove “{0}”', shown) : t('Replace “{0}”', shown)),
                edits: [{ start, end, newText: d.newText }],
                ...(d.unsafe || d.newText.includes('\n') ? { applicability: 'unsafe' as const } : {}),
              }],
            });
          }
        }
        if (!fragments) continue;
        const s = ctx.cache ? ctx.cache.memo(FRAGMENT_TABLE, line.text, strayFragment) : strayFragment(line.text);
        if (!s) continue;
        const start = line.start + s.startColumn;
        const end = line.start + s.endColumn;
        out.push({
          code: 'stray-token',
          message: said(t('Stray fragment “{0}” after the end of the sentence', s.fragment)),
          start,
          end,
          fixes: [{ title: said(t('Remove stray “{0}”', s.fragment)), edits: [{ start, end, newText: '' }] }],
        });
      }
    }
    return out;
  },
});
