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
  if (ALLOWED_FRAGMENTS.has(fragment.toLocaleLowerCase('vi'))) return null;
  if (punct === '.') {
    // an abbreviation or an initial before the period: `TP. HN`, `Q. 1`, `v. v`, `Nguyễn Văn A. B`
    const w = WORD_BEFORE.exec(before);
    if (w) {
      const word = w[1].normalize('NFC').toLocaleLowerCase('vi');
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
  description: 'Scraping debris: a one- or two-character fragment after the end of a sentence, or a line of lone punctuation in the text.',
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
