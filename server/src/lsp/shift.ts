// The last analysis of a document moved onto its current text, for requests asked while the new
// version is not analysed yet (a big document is read off the main thread; a small one after the
// debounce). Pure: old text, new text and what was found in the old text in; what still holds for
// the text the edit did not touch out.
import type { LineInfo } from '../model/types';
import type { Finding, RelatedLocation } from '../rules/types';
import { splitLines } from '../model/recognize';

/** Where two versions of a text differ: one span, found from the common prefix and suffix. */
export interface EditSpan {
  oldText: string;
  text: string;
  oldLines: readonly LineInfo[];
  lines: LineInfo[];
  /** Length of the common prefix. */
  prefix: number;
  /** Length of the common suffix (not overlapping the prefix in either text). */
  suffix: number;
  /** The old lines the edit touched: [firstLine, lastOldLine]. */
  firstLine: number;
  lastOldLine: number;
  /** Lines added by the edit (negative when removed). */
  lineDelta: number;
  /** Old offsets at and after this are in the unchanged end; they move by charDelta. */
  suffixFrom: number;
  charDelta: number;
  /** An old line number on the new text: moved past the edit, or kept within the edited lines. */
  mapLine(line: number): number;
}

function lineAt(ls: readonly LineInfo[], offset: number): number {
  let lo = 0, hi = ls.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ls[mid].start <= offset) lo = mid; else hi = mid - 1;
  }
  return lo;
}

const CHUNK = 2048;

export function editSpan(oldText: string, text: string, oldLines: readonly LineInfo[] = splitLines(oldText), lines: LineInfo[] = splitLines(text)): EditSpan {
  const max = Math.min(oldText.length, text.length);
  // the common ends, compared a chunk at a time first (a string comparison, several times faster
  // than a character loop over a 1 MB article), then character by character
  let p = 0;
  while (p + CHUNK <= max && oldText.slice(p, p + CHUNK) === text.slice(p, p + CHUNK)) p += CHUNK;
  while (p < max && oldText.charCodeAt(p) === text.charCodeAt(p)) p++;
  let q = 0;
  const ol = oldText.length, nl = text.length;
  while (q + CHUNK <= max - p && oldText.slice(ol - q - CHUNK, ol - q) === text.slice(nl - q - CHUNK, nl - q)) q += CHUNK;
  while (q < max - p && oldText.charCodeAt(ol - 1 - q) === text.charCodeAt(nl - 1 - q)) q++;
  const firstLine = lineAt(oldLines, p);
  const lastOldLine = lineAt(oldLines, Math.max(p, oldText.length - q));
  const lineDelta = lines.length - oldLines.length;
  const suffixFrom = oldText.length - q;
  // a line wholly in the unchanged end moves by the lines the edit added; one wholly before the
  // edit stays; one the edit touched stays within the edited lines
  const mapLine = (l: number) => {
    if (l >= oldLines.length) return Math.max(0, lines.length - 1);
    if (oldLines[l].start >= suffixFrom) return l + lineDelta;
    if (l < firstLine) return l;
    return Math.max(firstLine, Math.min(l, lastOldLine + lineDelta));
  };
  return { oldText, text, oldLines, lines, prefix: p, suffix: q, firstLine, lastOldLine, lineDelta, suffixFrom, charDelta: text.length - oldText.length, mapLine };
}

/**
 * The findings of the old text that lie wholly on lines the edit did not touch (their flagged
 * range, their fixes' edits and their related places in this file), moved to the new text. What
 * the edit touched, or what refers to it, is left out: nothing is offered for text that has not
 * been read. Each kept finding flags, and each kept fix replaces, the very characters it did in
 * the old text.
 */
export function shiftFindings(span: EditSpan, findings: readonly Finding[]): Finding[] {
  const { oldLines, firstLine, lastOldLine, prefix, suffixFrom, charDelta } = span;
  // before: ends before the first edited line starts (its line break excluded) and in the prefix
  const beforeEnd = Math.min(prefix, oldLines[firstLine].start - 1);
  // after: starts after the last edited line's line break, in the unchanged end
  const last = oldLines[lastOldLine];
  const afterStart = Math.max(suffixFrom, last.end + last.eol.length);
  const side = (start: number, end: number): -1 | 1 | 0 => (end <= beforeEnd && start <= end ? -1 : start >= afterStart && end >= start ? 1 : 0);
  const out: Finding[] = [];
  for (const f of findings) {
    const s = side(f.start, f.end);
    if (s === 0) continue;
    const related = f.related?.filter((r) => r.file === undefined);
    if (related?.some((r) => side(r.start, r.end) === 0)) continue;
    if (f.fixes.some((fx) => fx.edits.some((e) => side(e.start, e.end) !== s))) continue;
    if (s === -1 && !related?.some((r) => side(r.start, r.end) === 1)) {
      out.push(f);
      continue;
    }
    const move = (o: number, sd: -1 | 1) => (sd === 1 ? o + charDelta : o);
    const moved: Finding = {
      ...f,
      start: move(f.start, s),
      end: move(f.end, s),
      ...(f.anchor ? { anchor: { start: move(f.anchor.start, s), end: move(f.anchor.end, s) } } : {}),
      fixes: f.fixes.map((fx) => ({ ...fx, edits: fx.edits.map((e) => ({ ...e, start: move(e.start, s), end: move(e.end, s) })) })),
    };
    if (f.related) {
      moved.related = f.related.map((r): RelatedLocation => (r.file === undefined ? { ...r, start: move(r.start, side(r.start, r.end) as -1 | 1), end: move(r.end, side(r.start, r.end) as -1 | 1) } : r));
    }
    out.push(moved);
  }
  return out;
}
