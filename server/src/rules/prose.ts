// When a block the recognizer calls junk (site chrome, related teasers) reads as the article's own
// prose, removing it is a judgement call, not a safe fix. A curator loses more with a paragraph
// deleted than with a line of chrome left; a page saved hard-wrapped (every paragraph broken into
// lines of 80 characters) is where the recognizer takes whole paragraphs for teasers, and fix-all
// deleted most of such an article before this check. Shallow, language-data-driven facts only.
import type { Article, Block, BlockKind } from '../model/types';
import type { Knowledge } from '../model/knowledge';
import { lineFacts, sentenceEnds, type LineFacts } from '../model/lines';
import { functionShare } from '../model/lineShape';
import { UNSURE_BELOW, type Demotion } from './types';
import { probably, t } from './words';

/** A block inside the body (text of the article after it) holding this much running text is prose. */
export const IN_BODY_PROSE = { sentences: 4, words: 100 };
/** A block holding this much running text, more than all the article's paragraphs together, is prose. */
export const OUTWEIGHS_PROSE = { sentences: 3, words: 60, functionShare: 0.15 };

/** How many characters of a block are looked at (a block of a whole page is prose long before). */
const MAX_CHARS = 20_000;

const TEXT_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['headline', 'heading', 'paragraph', 'caption', 'byline']);
/** Kinds whose block after a junk block puts that block inside the body. */
const BODY_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['paragraph', 'heading', 'caption']);

/** What the checks read of an article, worked out once for all its junk blocks. */
class ArticleFacts {
  private readonly facts: Array<LineFacts | undefined>;
  /** 1 for the lines of the article's text (TEXT_KINDS), as the recognizer reads it. */
  readonly textLine: Uint8Array;
  /** The start of the last paragraph, heading or caption (-1: none): a block ending before it is inside the body. */
  readonly lastBodyStart: number;
  private wrapped?: boolean;
  private paraWords?: Float64Array;

  constructor(private readonly a: Article) {
    this.facts = new Array(a.lines.length);
    this.textLine = new Uint8Array(a.lines.length);
    let last = -1;
    for (const b of a.blocks) {
      if (TEXT_KINDS.has(b.kind)) this.textLine.fill(1, Math.max(0, b.startLine), b.endLine + 1);
      if (BODY_KINDS.has(b.kind)) last = Math.max(last, b.startLine);
    }
    this.lastBodyStart = last;
  }

  line(i: number): LineFacts {
    return (this.facts[i] ??= lineFacts(this.a.lines[i].text));
  }

  /** Is the article's text wrapped into lines: at least 10 line breaks inside a sentence between its lines? */
  isWrapped(): boolean {
    if (this.wrapped === undefined) {
      let joins = 0;
      let prev: string | undefined;
      this.wrapped = false;
      for (let i = 0; i < this.a.lines.length; i++) {
        const f = this.line(i);
        if (f.blank) {
          prev = undefined;
          continue;
        }
        if (prev !== undefined && !endsSentence(prev) && goesOn(f.folded) && ++joins >= 10) {
          this.wrapped = true;
          break;
        }
        prev = f.folded;
      }
    }
    return this.wrapped;
  }

  /** Words of the lines the recognizer kept as the article's paragraphs, outside `but`. */
  paragraphWords(but: Block): number {
    // (prefix sums over the lines: one pass for all the blocks of the article)
    if (!this.paraWords) {
      const perLine = new Float64Array(this.a.lines.length);
      for (const b of this.a.blocks) if (b.kind === 'paragraph') for (let i = b.startLine; i <= b.endLine; i++) perLine[i] += this.line(i).nWords;
      this.paraWords = new Float64Array(perLine.length + 1);
      for (let i = 0; i < perLine.length; i++) this.paraWords[i + 1] = this.paraWords[i] + perLine[i];
    }
    const w = this.paraWords;
    const s = Math.max(0, Math.min(but.startLine, w.length - 1));
    const e = Math.max(s, Math.min(but.endLine + 1, w.length - 1));
    return w[w.length - 1] - (w[e] - w[s]);
  }
}

const FACTS = new WeakMap<Article, ArticleFacts>();
function factsOf(a: Article): ArticleFacts {
  let f = FACTS.get(a);
  if (!f) FACTS.set(a, (f = new ArticleFacts(a)));
  return f;
}

interface Running {
  sentences: number;
  words: number;
  functionShare: number;
}

/** Sentence ends (., !, ?, … before a space or the end, closing quotes allowed), words and the share of function words. */
function runningText(af: ArticleFacts, b: Block, k: Knowledge): Running {
  let text = '';
  for (let i = b.startLine; i <= b.endLine && text.length < MAX_CHARS; i++) {
    const f = af.line(i);
    if (!f.blank) text += (text ? ' ' : '') + f.folded;
  }
  const sentences = sentenceEnds(text);
  const words = lineFacts(text).nWords;
  return { sentences, words, functionShare: functionShare(text.toLowerCase(), k.functionWords) };
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
function cutsASentence(af: ArticleFacts, a: Article, b: Block): boolean {
  const first = af.line(b.startLine);
  const last = af.line(b.endLine);
  if (b.startLine > 0 && af.textLine[b.startLine - 1]) {
    const above = af.line(b.startLine - 1);
    if (!above.blank && !first.blank && !endsSentence(above.folded) && (goesOn(first.folded) || leavesOpen(above.folded))) return true;
  }
  if (b.endLine + 1 < a.lines.length && af.textLine[b.endLine + 1]) {
    const below = af.line(b.endLine + 1);
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
function wrapsSentences(af: ArticleFacts, b: Block): boolean {
  let breaks = 0;
  let joins = 0;
  let prev: string | undefined;
  for (let i = b.startLine; i <= b.endLine; i++) {
    const f = af.line(i);
    if (f.blank) continue;
    if (prev !== undefined) {
      breaks++;
      if (!endsSentence(prev) && goesOn(f.folded)) joins++;
    }
    prev = f.folded;
  }
  return joins >= WRAPPED_PROSE.joins && joins >= WRAPPED_PROSE.share * breaks;
}

/**
 * Does this junk block read as the article's own text: several sentences of running text inside
 * the body, more running text than the article's paragraphs hold, or a block that begins or ends
 * in the middle of a sentence of the text around it?
 */
export function readsAsProse(a: Article, b: Block, k: Knowledge, inBody: boolean): boolean {
  const af = factsOf(a);
  if (cutsASentence(af, a, b) || wrapsSentences(af, b)) return true;
  // a block glued between two lines of the article's text, in a text whose paragraphs are wrapped
  // into lines: a heading or a caption the recognizer did not know, more likely than a teaser
  if (inBody && b.startLine > 0 && b.endLine + 1 < a.lines.length && af.textLine[b.startLine - 1] && af.textLine[b.endLine + 1] && af.isWrapped()) return true;
  const r = runningText(af, b, k);
  if (inBody && r.sentences >= IN_BODY_PROSE.sentences && r.words >= IN_BODY_PROSE.words) return true;
  return r.sentences >= OUTWEIGHS_PROSE.sentences && r.words >= OUTWEIGHS_PROSE.words && r.functionShare >= OUTWEIGHS_PROSE.functionShare && r.words > af.paragraphWords(b);
}

/** How a junk block's removal is offered (see junkRemoval). */
export interface JunkRemoval {
  /** Text of the article (a paragraph, heading or caption) follows the block. */
  inBody: boolean;
  /** `text`: the block reads as the article's; `unsure`: the recognizer is below UNSURE_BELOW. */
  demoted?: Demotion;
  /** Said after the message: why it is only a suggestion (empty when it is not). */
  note: string;
}

/**
 * How surely a boilerplate or related block is junk: `known` (a phrase of the knowledge files)
 * makes it sure; else a block that reads as the article's text, or one the recognizer is unsure
 * of, is a suggestion (information, an unsafe fix) saying why.
 */
export function junkRemoval(a: Article, b: Block, k: Knowledge, known: boolean): JunkRemoval {
  const inBody = b.endLine < factsOf(a).lastBodyStart;
  if (known) return { inBody, note: '' };
  if (readsAsProse(a, b, k, inBody)) return { inBody, demoted: 'text', note: t(' (it reads as the article\'s text)') };
  if ((b.confidence ?? 1) < UNSURE_BELOW) return { inBody, demoted: 'unsure', note: probably(b.confidence) };
  return { inBody, note: '' };
}
