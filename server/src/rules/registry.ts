// The curated list of rules, in the order their findings are reported. Each rule lives in its own
// file with its metadata, its fixes and its tests beside it.
import type { OptionDecl, OptionValues, Rule, Severity } from './types';
import { rule as phpDump } from './php-dump';
import { rule as duplicateParagraph } from './duplicate-paragraph';
import { rule as nearDuplicateParagraph } from './near-duplicate-paragraph';
import { rule as boilerplate } from './boilerplate';
import { rule as related } from './related';
import { rule as whitespace } from './whitespace';
import { rule as strayToken } from './stray-token';
import { rule as repeatedWord } from './repeated-word';
import { rule as unicode } from './unicode';
import { rule as structure } from './structure';
import { rule as duplicateArticle } from './duplicate-article';
import { rule as learnedBoilerplate } from './learned-boilerplate';

const LIST = [
  phpDump,
  duplicateParagraph,
  nearDuplicateParagraph,
  boilerplate,
  related,
  whitespace,
  strayToken,
  repeatedWord,
  unicode,
  structure,
  duplicateArticle,
  learnedBoilerplate,
] as const;

export const RULES: readonly Rule[] = LIST;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every rule's options, by name (each declared in its rule's file). */
export type RuleOptions = UnionToIntersection<OptionValues<(typeof LIST)[number]['options']>>;

/** The declarations of every rule's options, by name, with the rule that owns each. */
export const OPTION_DECLS: ReadonlyArray<{ name: keyof RuleOptions & string; rule: string; decl: OptionDecl }> = RULES.flatMap((r) =>
  Object.entries(r.options ?? {}).map(([name, decl]) => ({ name: name as keyof RuleOptions & string, rule: r.code, decl })));

/** The options' defaults (from their declarations). */
export const DEFAULT_RULE_OPTIONS: Readonly<RuleOptions> = Object.freeze(Object.fromEntries(OPTION_DECLS.map((o) => [o.name, o.decl.default])) as RuleOptions);

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

/** The rule of this code, if any. */
export function ruleOf(code: string): Rule | undefined {
  return BY_CODE.get(code);
}

/** Codes whose findings flag text to delete (RuleMeta.removable). */
export const REMOVABLE_CODES: ReadonlySet<string> = new Set(RULES.filter((r) => r.removable).map((r) => r.code));

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * The severity a finding is shown at: the rule's configured severity (else its default); a demoted
 * finding (style, unsure) at most information.
 */
export function severityOf(rule: Pick<Rule, 'defaultSeverity'>, setting: Severity | undefined, demoted: boolean): Severity {
  const s = setting ?? rule.defaultSeverity;
  return demoted && RANK[s] < RANK.information ? 'information' : s;
}
