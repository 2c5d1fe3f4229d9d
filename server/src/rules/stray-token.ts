// stray-token: scraping debris inside the text.
//  - a fragment of one or two letters (or a single digit) after the final punctuation of a line
//    (`…quần chúng...”. r`): flags the white space and the fragment, the fix removes them;
//  - a line of lone punctuation inside the article (`.`, `|`) that the parser did not already label
//    boilerplate (the boilerplate rule flags those): the fix removes the line.
import data from '../../data/stray-token.vi.json';
import type { BlockKind } from '../model/types';
import { isLonePunctuation } from '../model/knowledge';
import { fold } from '../text/normalize';
import { blockRemovalRange } from './ranges';
import type { Finding, Rule, RuleContext } from './types';

const ABBREVIATIONS = new Set(data.abbreviations.map((w) => w.toLocaleLowerCase('vi')));

interface Debris { id: string; re: RegExp; message: string; replace: string }
const DEBRIS: Debris[] = data.debris.map((d: { id: string; pattern: string; flags?: string; message: string; replace: string }) => ({
  id: d.id, re: new RegExp(d.pattern, `gu${d.flags ?? ''}`), message: d.message, replace: d.replace,
}));
const GLUED = data.gluedWidgets.map((w: string) => w.toLocaleLowerCase('vi'));

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

/** A Python list repr holding the body (`['\\r\\n   ', 'Năm nay, …', …]`): its items, when the line has one. */
function listRepr(line: string): { start: number; end: number; items: string[] } | null {
  const open = line.search(/\[\s*(['"])(?:\\r|\\n|\s|[^'"])/u);
  if (open < 0) return null;
  const tail = line.slice(open);
  const seps = tail.match(/(['"]),\s(['"])/gu);
  if (!seps || seps.length < 2) return null;
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

/** Debris inside one line of text: [start, end) columns, message, replacement. */
export function debrisIn(line: string): Array<{ start: number; end: number; message: string; newText: string }> {
  const out: Array<{ start: number; end: number; message: string; newText: string }> = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => taken.every(([x, y]) => b <= x || a >= y);
  const repr = listRepr(line);
  if (repr) {
    out.push({ start: repr.start, end: repr.end, message: 'the body stored as a Python list (a crawler\'s repr)', newText: repr.items.join('\n') });
    taken.push([repr.start, repr.end]);
  }
  for (const d of DEBRIS) {
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

function clip(s: string, max = 24): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

export const rule: Rule = {
  code: 'stray-token',
  defaultSeverity: 'warning',
  description: 'Scraping debris: undecoded HTML entities and markup, JSON escapes, escaped line breaks, list reprs, crawler commas, glued widget text, a one- or two-character fragment after the end of a sentence, or a line of lone punctuation in the text.',
  check(ctx: RuleContext): Finding[] {
    const a = ctx.article;
    const out: Finding[] = [];
    for (const b of a.blocks) {
      const fragments = FRAGMENT_KINDS.has(b.kind);
      const punct = PUNCT_KINDS.has(b.kind);
      if (!fragments && !punct) continue;
      for (let i = Math.max(0, b.startLine); i <= b.endLine && i < a.lines.length; i++) {
        const line = a.lines[i];
        if (punct && isLonePunctuation(line.text)) {
          const folded = fold(line.text);
          if (ALLOWED_PUNCT.has(folded)) continue;
          const r = blockRemovalRange(a, i, i);
          out.push({
            code: 'stray-token',
            severity: 'warning',
            message: `Lone punctuation line “${clip(folded)}” in the ${b.kind}`,
            start: r.start,
            end: r.end,
            fixes: [{ title: 'Remove the punctuation line', edits: [{ start: r.start, end: r.end, newText: '' }] }],
          });
          continue;
        }
        if (DEBRIS_KINDS.has(b.kind) && line.text.length <= 200000) {
          for (const d of debrisIn(line.text)) {
            const start = line.start + d.start;
            const end = line.start + d.end;
            const shown = clip(line.text.slice(d.start, d.end), 40);
            out.push({
              code: 'stray-token',
              severity: 'warning',
              message: `Scraping debris: ${d.message} (“${shown}”)`,
              start,
              end,
              fixes: [{
                title: d.newText === '' ? `Remove “${shown}”` : `Replace “${shown}”`,
                edits: [{ start, end, newText: d.newText }],
                ...(d.newText.includes('\n') ? { safeForFixAll: false } : {}),
              }],
            });
          }
        }
        if (!fragments) continue;
        const s = strayFragment(line.text);
        if (!s) continue;
        const start = line.start + s.startColumn;
        const end = line.start + s.endColumn;
        out.push({
          code: 'stray-token',
          severity: 'warning',
          message: `Stray fragment “${s.fragment}” after the end of the sentence`,
          start,
          end,
          fixes: [{ title: `Remove stray “${s.fragment}”`, edits: [{ start, end, newText: '' }] }],
        });
      }
    }
    return out;
  },
};
