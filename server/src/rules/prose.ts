// When a block the recognizer calls junk (site chrome, related teasers) reads as the article's own
// prose, removing it is a judgement call, not a safe fix. A curator loses more with a paragraph
// deleted than with a line of chrome left; a page saved hard-wrapped (every paragraph broken into
// lines of 80 characters) is where the recognizer takes whole paragraphs for teasers, and fix-all
// deleted most of such an article before this check. Shallow, language-data-driven facts only.
import type { Article, Block } from '../model/types';
import type { Knowledge } from '../model/knowledge';
import { lineFacts } from '../model/lines';
import { functionShare } from '../model/lineShape';

/** A block inside the body (text of the article after it) holding this much running text is prose. */
export const IN_BODY_PROSE = { sentences: 4, words: 100 };
/** A block holding this much running text, more than all the article's paragraphs together, is prose. */
export const OUTWEIGHS_PROSE = { sentences: 3, words: 60, functionShare: 0.15 };

/** How many characters of a block are looked at (a block of a whole page is prose long before). */
const MAX_CHARS = 20_000;

interface Running {
  sentences: number;
  words: number;
  functionShare: number;
}

/** Sentence ends (., !, ?, … before a space or the end, closing quotes allowed), words and the share of function words. */
function runningText(a: Article, b: Block, k: Knowledge): Running {
  let text = '';
  for (let i = b.startLine; i <= b.endLine && text.length < MAX_CHARS; i++) {
    const f = lineFacts(a.lines[i].text);
    if (!f.blank) text += (text ? ' ' : '') + f.folded;
  }
  const sentences = (text.match(/[.!?…]["”’»)\]]*(?=\s|$)/gu) ?? []).length;
  const words = lineFacts(text).nWords;
  return { sentences, words, functionShare: functionShare(text.toLowerCase(), k.functionWords) };
}

/** Words of the blocks the recognizer kept as the article's paragraphs (outside `but`). */
function paragraphWords(a: Article, but: Block): number {
  let n = 0;
  for (const b of a.blocks) {
    if (b.kind !== 'paragraph') continue;
    for (let i = b.startLine; i <= b.endLine; i++) if (i < but.startLine || i > but.endLine) n += lineFacts(a.lines[i].text).nWords;
  }
  return n;
}

/** Does a line end a sentence (., !, ?, …, :, ; and closing quotes or brackets after them)? */
function endsSentence(folded: string): boolean {
  return /[.!?…:;]["”’»)\]]*$/u.test(folded);
}

/** Does a line leave a bracket or a quotation open (`… (Ảnh: The`), so that the next line goes on? */
function leavesOpen(folded: string): boolean {
  let depth = 0;
  for (const c of folded) {
    if (c === '(' || c === '[' || c === '“') depth++;
    else if ((c === ')' || c === ']' || c === '”') && depth > 0) depth--;
  }
  return depth > 0;
}

/** Does a line start the way a sentence goes on (a lower-case letter)? */
function goesOn(folded: string): boolean {
  return /^\p{Ll}/u.test(folded);
}

/**
 * Does the block begin or end in the middle of a sentence of the text around it: the line just
 * above (no blank line between) does not end a sentence and the block's first line goes on in lower
 * case, or the block's last line does not end a sentence and the line just below goes on? A page
 * saved hard-wrapped breaks its paragraphs into lines; removing such a block cuts a sentence.
 */
function cutsASentence(a: Article, b: Block): boolean {
  const first = lineFacts(a.lines[b.startLine].text);
  const last = lineFacts(a.lines[b.endLine].text);
  if (b.startLine > 0 && isText(a, b.startLine - 1)) {
    const above = lineFacts(a.lines[b.startLine - 1].text);
    if (!above.blank && !first.blank && !endsSentence(above.folded) && (goesOn(first.folded) || leavesOpen(above.folded))) return true;
  }
  if (b.endLine + 1 < a.lines.length && isText(a, b.endLine + 1)) {
    const below = lineFacts(a.lines[b.endLine + 1].text);
    if (!below.blank && !last.blank && !endsSentence(last.folded) && goesOn(below.folded)) return true;
  }
  return false;
}

/** A block whose lines go on from one to the next this often is wrapped prose (see wrapsSentences). */
export const WRAPPED_PROSE = { joins: 2, share: 0.3 };

/**
 * Is the block text wrapped into lines: of its line breaks (between non-blank lines), at least
 * WRAPPED_PROSE.joins and WRAPPED_PROSE.share fall inside a sentence (the line does not end one,
 * the next goes on in lower case)? Teaser titles and menu items each start anew.
 */
function wrapsSentences(a: Article, b: Block): boolean {
  let breaks = 0;
  let joins = 0;
  let prev: string | undefined;
  for (let i = b.startLine; i <= b.endLine; i++) {
    const f = lineFacts(a.lines[i].text);
    if (f.blank) continue;
    if (prev !== undefined) {
      breaks++;
      if (!endsSentence(prev) && goesOn(f.folded)) joins++;
    }
    prev = f.folded;
  }
  return joins >= WRAPPED_PROSE.joins && joins >= WRAPPED_PROSE.share * breaks;
}

/** Is the article's text wrapped into lines: at least 10 line breaks inside a sentence between its lines? */
function wrappedText(a: Article): boolean {
  let joins = 0;
  let prev: string | undefined;
  for (const l of a.lines) {
    const f = lineFacts(l.text);
    if (f.blank) {
      prev = undefined;
      continue;
    }
    if (prev !== undefined && !endsSentence(prev) && goesOn(f.folded) && ++joins >= 10) return true;
    prev = f.folded;
  }
  return false;
}

const TEXT_KINDS = new Set(['headline', 'heading', 'paragraph', 'caption', 'byline']);

/** Is the line part of the article's text, as the recognizer reads it? */
function isText(a: Article, line: number): boolean {
  const b = a.blocks.find((x) => x.startLine <= line && line <= x.endLine);
  return !!b && TEXT_KINDS.has(b.kind);
}

/**
 * Does this junk block read as the article's own text: several sentences of running text inside
 * the body, more running text than the article's paragraphs hold, or a block that begins or ends
 * in the middle of a sentence of the text around it?
 */
export function readsAsProse(a: Article, b: Block, k: Knowledge, inBody: boolean): boolean {
  if (cutsASentence(a, b) || wrapsSentences(a, b)) return true;
  // a block glued between two lines of the article's text, in a text whose paragraphs are wrapped
  // into lines: a heading or a caption the recognizer did not know, more likely than a teaser
  if (inBody && b.startLine > 0 && b.endLine + 1 < a.lines.length && isText(a, b.startLine - 1) && isText(a, b.endLine + 1) && wrappedText(a)) return true;
  const r = runningText(a, b, k);
  if (inBody && r.sentences >= IN_BODY_PROSE.sentences && r.words >= IN_BODY_PROSE.words) return true;
  return r.sentences >= OUTWEIGHS_PROSE.sentences && r.words >= OUTWEIGHS_PROSE.words && r.functionShare >= OUTWEIGHS_PROSE.functionShare && r.words > paragraphWords(a, b);
}
