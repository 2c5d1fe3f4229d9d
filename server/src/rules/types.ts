// What a rule is, and what it finds. Rules are pure: an Article (and maybe a corpus view) in,
// findings out. Offsets are UTF-16 code units into Article.text (the text without its BOM).
import type { Article } from '../model/types';
import type { Knowledge } from '../model/knowledge';
import type { LineCache } from '../model/lineCache';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Replace text[start, end) with newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** Shown in the quick-fix menu, e.g. "Remove the PHP dump". */
  title: string;
  /** Non-overlapping edits, each inside the finding's [start, end). */
  edits: TextEdit[];
  /** Before applying the edits, write this JSON file beside the article (path relative to the article's folder). */
  sidecar?: { fileName: string; json: unknown };
  /** False for a fix that fix-all must not apply on its own (e.g. one that needs a choice). Default true. */
  safeForFixAll?: boolean;
}

export interface RelatedLocation {
  message: string;
  start: number;
  end: number;
  /** Another file of the corpus (absolute path); absent means this article. */
  file?: string;
  /** For another file: 0-based line range, as offsets there are not known to this article. */
  line?: number;
  endLine?: number;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  /** The flagged range: [start, end). A fix changes nothing outside it. */
  start: number;
  end: number;
  related?: RelatedLocation[];
  /** The first fix is the preferred one: the one fix-all applies. */
  fixes: Fix[];
  /** Identifies this finding for ignores: a hash of the flagged text (set by the engine). */
  hash?: string;
}

/** What duplicatesOf says, without the whole list: its first entries, their number, and a test. */
export interface DuplicateSummary {
  /** The first entries of duplicatesOf, in its order (the most similar first, then by file name). */
  top: Array<{ file: string; similarity: number; exact: boolean }>;
  /** How many files duplicatesOf lists. */
  total: number;
  /** Are they all exact copies (true when there are none)? */
  allExact: boolean;
  /** Is this file one of them? */
  has(file: string): boolean;
}

/** What a rule may know about the rest of the corpus (fed by the corpus index). */
export interface CorpusView {
  /** Files (other than this one) whose article is the same as this one, exactly or nearly. */
  duplicatesOf(file: string): Array<{ file: string; similarity: number; exact: boolean }>;
  /** duplicatesOf in short (its first `limit` entries, their number); the index answers it without listing every copy. */
  duplicateSummary?(file: string, limit: number): DuplicateSummary;
  /** How many files of the corpus contain a block with this folded key, and a few of them. */
  blockFrequency(key: string): { count: number; files: string[] };
  /** Number of files in the corpus. */
  size(): number;
}

export interface RuleOptions {
  /** `corpusCurator.toneStyle`: 'old' (kiểu cũ: hòa, thúy, ủy) or 'new' (kiểu mới: hoà, thuý, uỷ). */
  toneStyle: 'new' | 'old';
  /** learned-boilerplate: a block recurring in at least this many files… */
  learnedBoilerplateMinFiles: number;
  /** …and in at least this share of the corpus. */
  learnedBoilerplateMinShare: number;
  /** near-duplicate-paragraph threshold (shingle Jaccard or containment). */
  nearDuplicateThreshold: number;
}

/**
 * Below this probability the recognizer is unsure of a line's kind: findings that rest on the kind
 * alone (this line is chrome, these are teasers) are information, not warnings, and fix-all leaves them.
 */
export const UNSURE_BELOW = 0.75;

export const DEFAULT_RULE_OPTIONS: RuleOptions = {
  toneStyle: 'old',
  learnedBoilerplateMinFiles: 3,
  learnedBoilerplateMinShare: 0.05,
  nearDuplicateThreshold: 0.8,
};

export interface RuleContext {
  article: Article;
  knowledge: Knowledge;
  options: RuleOptions;
  /** Absolute path of the article, when known (the CLI and the server know it). */
  file?: string;
  corpus?: CorpusView;
  /**
   * What earlier analyses of the same document worked out (model/lineCache.ts; the language server
   * keeps one per open document, the CLI none). A rule may keep there what is a pure function of
   * one line's or one block's text (LineCache.memo); its findings are the same with or without it.
   */
  cache?: LineCache;
}

export interface Rule {
  /** Stable code, also the diagnostic code: `php-dump`, `duplicate-paragraph`, … */
  code: string;
  defaultSeverity: Severity;
  /** One sentence, shown in hovers and docs. */
  description: string;
  /** Needs the corpus index (duplicate-article, learned-boilerplate). */
  corpus?: boolean;
  check(ctx: RuleContext): Finding[];
}

/** A corpus view's duplicate summary: its own when it has one, else made from the whole list. */
export function duplicateSummaryOf(corpus: CorpusView, file: string, limit: number): DuplicateSummary {
  if (corpus.duplicateSummary) return corpus.duplicateSummary(file, limit);
  const list = corpus.duplicatesOf(file).filter((d) => d.file !== file);
  const set = new Set(list.map((d) => d.file));
  return { top: list.slice(0, limit), total: list.length, allExact: list.every((d) => d.exact), has: (f) => set.has(f) };
}
