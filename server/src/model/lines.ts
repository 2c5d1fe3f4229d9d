// Per-line facts, computed once per document: the folded text and its key, the word count and
// the shape of the line. The recognizer's features and the rules read them; nothing tokenises a
// line twice.
import { endsSentence, fold, isBlank, WordScanner } from '../text/normalize';
import type { LineInfo } from './types';

export interface LineFacts {
  /** Whitespace-only (spaces, TABs, NBSPs, zero-width characters, a BOM). */
  blank: boolean;
  /** NFC, odd spaces as spaces, zero-width removed, whitespace folded, trimmed (first 20,000 characters). */
  folded: string;
  /** folded, lower case: the comparison key. */
  key: string;
  nWords: number;
  /** Ends like a sentence (., !, ?, …, ;), closing quotes allowed. */
  terminal: boolean;
}

/** Sentence ends in a text: ., !, ?, … before a space or the end, closing quotes and brackets allowed. */
export function sentenceEnds(text: string): number {
  return (text.match(/[.!?…]["”’»)\]]*(?=\s|$)/gu) ?? []).length;
}

/** The number of words (the spans of normalize.ts's WORD pattern), scanned without a regular expression (WordScanner). */
export function countWords(folded: string): number {
  let n = 0;
  const w = new WordScanner(folded);
  while (w.next()) n++;
  return n;
}

const MAX_FOLDED = 20000;

export function lineFacts(text: string): LineFacts {
  if (isBlank(text)) return { blank: true, folded: '', key: '', nWords: 0, terminal: false };
  const folded = fold(text.length > MAX_FOLDED ? text.slice(0, MAX_FOLDED) : text);
  return { blank: false, folded, key: folded.toLowerCase(), nWords: countWords(folded), terminal: endsSentence(folded) };
}

export function allLineFacts(lines: readonly LineInfo[]): LineFacts[] {
  return lines.map((l) => lineFacts(l.text));
}

const FACTS = new WeakMap<object, readonly LineFacts[]>();

/** Keeps the facts the parse worked out for an article's lines (parseArticle). */
export function keepLineFacts(article: object, facts: readonly LineFacts[]): void {
  FACTS.set(article, facts);
}

/**
 * The facts of an article's lines as its parse worked them out (lineFacts of each line's text), or
 * undefined for an article this process did not parse (one rebuilt from a worker's reply).
 * Shared: read them, do not change them.
 */
export function lineFactsOf(article: object): readonly LineFacts[] | undefined {
  return FACTS.get(article);
}
