// duplicate-paragraph: a block (or a line of a related-teaser block) that repeats an earlier one
// exactly, after normalization (NFC, whitespace and NBSP folded, case folded). The later copy goes.
// Linear: one pass with a map from folded key to the first copy. A text's key is a pure function
// of the text: with a document's cache (RuleContext.cache) it is kept between analyses.
import { type RuleFinding, defineRule } from './types';
import { t } from '../l10n';
import { kindNoun, linesWhere } from '../model/kindNames';
import type { Block, BlockKind } from '../model/types';
import { blockRemovalRange, linesRange } from './ranges';
import { foldKey, hasWords, isBlank, withoutStrayTail } from '../text/normalize';

const CODE = 'duplicate-paragraph';

/** Lines with fewer words than this are too trivial to call duplicates ("Xem thêm", "Ảnh: TTXVN"). */
const MIN_WORDS = 3;
/** Longer lines are keyed by their first characters plus length and a hash (keeps memory bounded). */
const MAX_KEY = 4000;

/** Kinds that are not text to compare: junk handled elsewhere, blank runs, and repeated site chrome. */
const SKIP: ReadonlySet<BlockKind> = new Set<BlockKind>(['blank', 'php-dump', 'boilerplate']);


interface Unit {
  kind: BlockKind;
  startLine: number;
  endLine: number;
  text: string;
}

function units(blocks: readonly Block[], lineText: (i: number) => string): Unit[] {
  const out: Unit[] = [];
  for (const b of blocks) {
    // (a table's cells repeat by nature: a column's values, a header row printed again)
    if (SKIP.has(b.kind) || b.tableCell) continue;
    if (b.kind !== 'related') {
      out.push({ kind: b.kind, startLine: b.startLine, endLine: b.endLine, text: b.text });
      continue;
    }
    // a related block is compared line by line: teaser titles repeat inside it
    for (let i = b.startLine; i <= b.endLine; i++) {
      const t = lineText(i);
      if (!isBlank(t)) out.push({ kind: b.kind, startLine: i, endLine: i, text: t });
    }
  }
  return out;
}

/** The cache table of comparedKey. */
const KEY_TABLE = 'duplicate-paragraph/key';

/**
 * keyOf(raw), or '' (not compared) when it has fewer than MIN_WORDS words, or no letter at all: a
 * line of numbers alone (a kick-off time, a date, a score) recurs in schedules and tables by nature.
 */
function comparedKey(raw: string): string {
  const key = keyOf(raw);
  return key === '' || !hasWords(key, MIN_WORDS) || !/\p{L}/u.test(key) ? '' : key;
}

function keyOf(raw: string): string {
  // a stray fragment after the final punctuation does not make a copy different (stray-token's job)
  const text = withoutStrayTail(raw);
  if (text.length <= MAX_KEY) return foldKey(text);
  const k = foldKey(text);
  if (k.length <= MAX_KEY) return k;
  let h = 0x811c9dc5;
  for (let i = 0; i < k.length; i++) {
    h ^= k.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${k.slice(0, MAX_KEY)}\u0000${k.length}\u0000${h >>> 0}`;
}

function quote(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1).trimEnd() + '…';
}

export const rule = defineRule({
  code: CODE,
  defaultSeverity: 'warning',
  description: 'A block of text (or a related-teaser line) that repeats an earlier one exactly; the later copy can go. The cells of a table, which repeat by nature, are not compared.',
  tags: ['duplicates'],
  flags: 'a block (or teaser line) repeating an earlier one exactly',
  fix: { availability: 'always' },
  removable: true,
  check(ctx) {
    const a = ctx.article;
    const out: RuleFinding[] = [];
    const first = new Map<string, Unit>();
    for (const u of units(a.blocks, (i) => a.lines[i]?.text ?? '')) {
      const key = ctx.cache ? ctx.cache.memo(KEY_TABLE, u.text, comparedKey) : comparedKey(u.text);
      if (key === '') continue;
      const orig = first.get(key);
      if (!orig) {
        first.set(key, u);
        continue;
      }
      const range = blockRemovalRange(a, u.startLine, u.endLine);
      const origRange = linesRange(a, orig.startLine, orig.endLine);
      const where = linesWhere(orig.startLine + 1, orig.endLine + 1);
      out.push({
        code: CODE,
        message: t('Repeats the {0} at {1}: “{2}”', kindNoun(orig.kind), where, quote(u.text)),
        start: range.start,
        end: range.end,
        related: [{ message: t('first copy'), start: origRange.start, end: origRange.end }],
        fixes: [{ title: t('Remove the duplicate'), edits: [{ start: range.start, end: range.end, newText: '' }] }],
      });
    }
    return out;
  },
});
