// Article lines to document positions, shared by the outline, folding and hover handlers.
import { Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article, Block } from '../model/types';

/** What position conversion needs of an analysis: its article (absent when the file was too large) and the BOM shift. */
export interface LineView {
  article?: Article;
  /** 1 when the document text starts with a BOM that Article.text does not have (line 0 shifts). */
  bomShift: number;
}

// Article line numbers equal document line numbers; columns are UTF-16 offsets into the line. The only
// difference is a leading BOM: it is in the document's line 0 but not in Article.text.

export function lastLineOf(a: LineView, doc: Pick<TextDocument, 'lineCount'>): number {
  const n = a.article ? a.article.lines.length : doc.lineCount;
  return Math.max(0, Math.min(n, doc.lineCount) - 1);
}

/** Length of a line in document columns (without its EOL: ranges end before `\r`). */
export function lineLength(a: LineView, line: number): number {
  const info = a.article?.lines[line];
  if (!info) return 0;
  return info.end - info.start + (line === 0 ? a.bomShift : 0);
}

export function lineRange(a: LineView, doc: Pick<TextDocument, 'lineCount'>, startLine: number, endLine: number): Range {
  const last = lastLineOf(a, doc);
  const s = Math.min(Math.max(0, startLine), last);
  const e = Math.min(Math.max(s, endLine), last);
  return { start: Position.create(s, 0), end: Position.create(e, lineLength(a, e)) };
}

export function blockAtLine(article: Article, line: number): Block | null {
  const blocks = article.blocks;
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid];
    if (line < b.startLine) hi = mid - 1;
    else if (line > b.endLine) lo = mid + 1;
    else return b;
  }
  return null;
}
