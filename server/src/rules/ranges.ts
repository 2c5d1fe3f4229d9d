// Offsets for the edits rules make. Removing a block takes its line break and the blank lines it
// leaves behind, so that "A\n\nB\n\nC" without B reads "A\n\nC".
import type { Article, LineInfo } from '../model/types';
import { isBlank } from '../text/normalize';

export interface Range {
  start: number;
  end: number;
}

/** The text of lines [startLine, endLine] without the final EOL. */
export function linesRange(a: Article, startLine: number, endLine: number): Range {
  return { start: a.lines[startLine].start, end: a.lines[endLine].end };
}

/**
 * The range that removing lines [startLine, endLine] deletes: the lines, their line break, and the
 * blank lines after them up to the next content line. A block right under a content line takes only
 * its own line break, so the gap after it stays. The last block takes the rest of the text; blank
 * lines it leaves above it are trailing blank lines for the whitespace rule.
 */
export function blockRemovalRange(a: Article, startLine: number, endLine: number): Range {
  const lines: LineInfo[] = a.lines;
  let next = endLine + 1;
  while (next < lines.length && isBlank(lines[next].text)) next++;
  // a block glued under content (`A\nB\n\nC`): take only its own line break and keep the gap
  // after it, so A does not run into C; two glued blocks' ranges then touch but never overlap
  if (next < lines.length && startLine > 0 && !isBlank(lines[startLine - 1].text)) {
    return { start: lines[startLine].start, end: lines[endLine + 1].start };
  }
  if (next < lines.length) return { start: lines[startLine].start, end: lines[next].start };
  // the block is the last content: it goes to the end of the text (the final line break with it);
  // blank lines left above it are the whitespace rule's, so the range starts on the block's line
  return { start: lines[startLine].start, end: a.text.length };
}

/** 0-based line of an offset (binary search over line starts). */
export function lineOf(a: Article, offset: number): number {
  let lo = 0, hi = a.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Line and UTF-16 column of an offset in Article.text. */
export function positionAt(a: Article, offset: number): { line: number; character: number } {
  const line = lineOf(a, offset);
  return { line, character: Math.min(offset, a.lines[line].end + a.lines[line].eol.length) - a.lines[line].start };
}
