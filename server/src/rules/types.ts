// What a rule is, and what it finds. Rules are pure: an Article (and maybe a corpus view) in,
// findings out. Offsets are UTF-16 code units into Article.text (the text without its BOM).
import type { Article } from '../model/types';
import type { Knowledge } from '../model/knowledge';
import type { LineCache } from '../model/lineCache';
import type { z } from 'zod';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Replace text[start, end) with newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Whether a fix may be applied without a look (as Ruff names it): `safe` fixes are what fix-all,
 * fix on save and `--fix` apply; `unsafe` ones are judgement calls (they may drop words found
 * nowhere else, or need a choice), applied only when asked (`--unsafe-fixes`, a quick fix, or the
 * editor's "including unsafe fixes" action).
 */
export type Applicability = 'safe' | 'unsafe';

export interface Fix {
  /** Shown in the quick-fix menu, e.g. "Remove the PHP dump". */
  title: string;
  /** Non-overlapping edits, each inside the finding's [start, end). */
  edits: TextEdit[];
  /** Before applying the edits, write this JSON file beside the article (path relative to the article's folder). */
  sidecar?: { fileName: string; json: unknown };
  /** Default `safe`. */
  applicability?: Applicability;
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

/**
 * Why a finding is reported below its rule's severity: a matter of `style` (NBSP as a word space,
 * tone placement), the recognizer is `unsure`, or the junk it flags reads as the article's `text`
 * (rules/prose.ts: fix-all's later passes leave those lines too). A demoted finding is shown at
 * most as information, whatever severity the rule is set to (and lower when the rule is set lower).
 */
export type Demotion = 'style' | 'unsure' | 'text';

/** What a rule reports: no severity (the engine applies the configured one), no hash. */
export interface RuleFinding {
  code: string;
  message: string;
  /** The flagged range: [start, end). A fix changes nothing outside it. */
  start: number;
  end: number;
  /**
   * Where the editor draws the finding, when that is not its whole range: a finding that groups
   * lines spread over the article (NBSP-only lines used as paragraph separators) flags the span
   * from the first to the last, and is drawn on the first; the others are its related places.
   */
  anchor?: { start: number; end: number };
  related?: RelatedLocation[];
  /** The first fix is the preferred one: the one fix-all applies. */
  fixes: Fix[];
  /** Set when the severity is lower than the rule's on purpose (see Demotion). */
  demoted?: Demotion;
}

/** A finding as the engine reports it: the rule's finding with the severity that applies. */
export interface Finding extends RuleFinding {
  severity: Severity;
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

/**
 * Below this probability the recognizer is unsure of a line's kind: findings that rest on the kind
 * alone (this line is chrome, these are teasers) are information, not warnings, and fix-all leaves them.
 */
export const UNSURE_BELOW = 0.75;

/** One option of a rule: declared in the rule's file, validated, documented and contributed from here. */
export interface OptionDecl<T = unknown> {
  /** The editor setting `corpusCurator.<setting>` and the same (dotted = nested) key in `.corpus-curator.json`. */
  setting: string;
  /** What a valid value is (zod): the engine's validation, package.json's setting and the JSON schema come from it. */
  schema: z.ZodType<T>;
  default: T;
  /** Markdown, English: the setting's description (its Vietnamese is in l10n/bundle.l10n.vi.json). */
  description: string;
  /** For an enum: each value's description. */
  enumDescriptions?: Record<string, string>;
}

export type OptionDecls = Record<string, OptionDecl<any>>;
export type OptionValues<D> = { [K in keyof D]: D[K] extends OptionDecl<infer T> ? T : never };

/** The families a rule belongs to (docs, SARIF tags). */
export type RuleTag = 'junk' | 'whitespace' | 'duplicates' | 'language' | 'structure' | 'corpus';

/** Does the rule offer a fix: for every finding, for some, or never (as Ruff's FixAvailability). */
export type FixAvailability = 'always' | 'sometimes' | 'never';

export interface RuleContext<O = Record<string, unknown>> {
  article: Article;
  knowledge: Knowledge;
  /** The rule's options (the engine passes every rule's; a rule reads its own). */
  options: O;
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

/**
 * Everything a rule says about itself. The settings (package.json, package.nls*.json), the JSON
 * schema of `.corpus-curator.json`, the header of docs/rules/<code>.md, docs/rules/README.md, the
 * README's rule list and the SARIF rule list are generated from it (`npm run generate`).
 */
export interface RuleMeta {
  /** Stable code, also the diagnostic code: `php-dump`, `duplicate-paragraph`, … */
  code: string;
  defaultSeverity: Severity;
  tags: RuleTag[];
  /** One sentence, shown in hovers, settings and docs. */
  description: string;
  /** What the rule flags, in short (the docs' tables: `What it flags`); markdown. */
  flags: string;
  fix: {
    availability: FixAvailability;
    /** When some of its fixes are judgement calls (`unsafe`): which, in a sentence. Absent: every fix is safe. */
    unsafe?: string;
  };
  /**
   * Its findings flag text to delete (junk, copies): shown faded in the editor
   * (DiagnosticTag.Unnecessary).
   */
  removable: boolean;
  /** When some findings are demoted (RuleFinding.demoted): which, in a sentence. */
  demoted?: string;
  /** Needs the corpus index (duplicate-article, learned-boilerplate). */
  corpus?: boolean;
  options?: OptionDecls;
}

export interface Rule<O = any> extends RuleMeta {
  check(ctx: RuleContext<O>): RuleFinding[];
}

/** Declares a rule; its check sees its own options, typed from their declarations. */
export function defineRule<const D extends OptionDecls = {}>(rule: RuleMeta & { options?: D; check(ctx: RuleContext<OptionValues<D>>): RuleFinding[] }): Rule<OptionValues<D>> & { options: D } {
  return { ...rule, options: (rule.options ?? {}) as D };
}

/** A corpus view's duplicate summary: its own when it has one, else made from the whole list. */
export function duplicateSummaryOf(corpus: CorpusView, file: string, limit: number): DuplicateSummary {
  if (corpus.duplicateSummary) return corpus.duplicateSummary(file, limit);
  const list = corpus.duplicatesOf(file).filter((d) => d.file !== file);
  const set = new Set(list.map((d) => d.file));
  return { top: list.slice(0, limit), total: list.length, allExact: list.every((d) => d.exact), has: (f) => set.has(f) };
}
