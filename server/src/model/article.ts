// STUB: replaced by the real parser. API is fixed: parseArticle(text) -> Article.
import type { Article, Block, LineInfo } from './types';

export function splitLines(text: string): LineInfo[] {
  const lines: LineInfo[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    lines.push({ text: text.slice(start, m.index), start, end: m.index, eol: m[0] as LineInfo['eol'] });
    start = m.index + m[0].length;
  }
  lines.push({ text: text.slice(start), start, end: text.length, eol: '' });
  return lines;
}

export function parseArticle(input: string): Article {
  const hadBom = input.charCodeAt(0) === 0xfeff;
  const text = hadBom ? input.slice(1) : input;
  const lines = splitLines(text);
  const blocks: Block[] = lines.map((l, i) => ({
    kind: l.text.trim() ? (i === 0 ? 'headline' : 'paragraph') : 'blank', startLine: i, endLine: i, text: l.text,
  }));
  return { text, hadBom, lines, blocks, headline: blocks[0] ?? null, kicker: null, dateline: null, byline: null, date: null };
}
