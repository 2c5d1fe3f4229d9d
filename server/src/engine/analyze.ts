// The engine: text -> article -> rules -> findings. Shared by the language server and the CLI.
import { parseArticle } from '../model/article';
import { defaultKnowledge, loadKnowledge, type Knowledge } from '../model/knowledge';
import type { Article } from '../model/types';
import type { LineFrequency } from '../model/features';
import type { CorpusView, Finding, Rule, RuleFinding } from '../rules/types';
import { RULES, ruleOf, severityOf } from '../rules/registry';
import { foldKey } from '../text/normalize';
import { hash32 } from '../text/similarity';
import { DEFAULT_CONFIG, relativeKey, type Config } from './config';
import type { LineCache } from '../model/lineCache';

export interface AnalyzeOptions {
  file?: string;
  config?: Config;
  corpus?: CorpusView;
  /** Run only these rules (e.g. for "Fix all <code> in this file"). */
  only?: ReadonlySet<string>;
  /** The knowledge to use instead of the one the config implies (the evaluation passes held-out models). */
  knowledge?: Knowledge;
  /** Line frequencies of the corpus (the recognizer reads a site's template from them). */
  frequency?: LineFrequency;
  /** The document's cache (model/lineCache.ts): the rules keep their per-line and per-block values there. Same findings without it. */
  cache?: LineCache;
}

export interface Analysis {
  article: Article;
  findings: Finding[];
  /** Findings hidden by the project file's ignore list. */
  ignored: number;
}

const knowledgeCache = new Map<string, Knowledge>();
export function knowledgeFor(config: Config): Knowledge {
  if (config.boilerplate.length === 0) return defaultKnowledge;
  const key = config.boilerplate.join('\u0000');
  let k = knowledgeCache.get(key);
  if (!k) {
    if (knowledgeCache.size > 8) knowledgeCache.clear();
    k = loadKnowledge({ boilerplate: config.boilerplate });
    knowledgeCache.set(key, k);
  }
  return k;
}

/** A stable hash of the flagged text, used to key ignored findings so they survive edits elsewhere. */
export function findingHash(article: Article, f: Finding): string {
  return hash32(`${f.code}\u0000${foldKey(article.text.slice(f.start, f.end))}`).toString(16).padStart(8, '0');
}

export function ruleByCode(code: string): Rule | undefined {
  return ruleOf(code);
}

/** Document order: by start, the wider first, then by code. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || b.end - a.end || a.code.localeCompare(b.code);
}

/** The codes of the rules that need the corpus index. */
export const CORPUS_RULE_CODES: ReadonlySet<string> = new Set(RULES.filter((r) => r.corpus).map((r) => r.code));

/**
 * Adds the corpus rules' findings to an analysis made without the corpus (as the index's
 * summaries are), so that a file is parsed and checked once, not twice.
 */
export function withCorpusFindings(base: Analysis, opts: AnalyzeOptions & { corpus: CorpusView }): Analysis {
  const extra = analyzeArticle(base.article, { ...opts, only: CORPUS_RULE_CODES });
  if (extra.findings.length === 0 && extra.ignored === 0) return base;
  return { article: base.article, findings: [...base.findings, ...extra.findings].sort(compareFindings), ignored: base.ignored + extra.ignored };
}

export function analyzeArticle(article: Article, opts: AnalyzeOptions = {}): Analysis {
  const config = opts.config ?? DEFAULT_CONFIG;
  const knowledge = opts.knowledge ?? knowledgeFor(config);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (opts.only && !opts.only.has(rule.code)) continue;
    if (rule.corpus && !opts.corpus) continue;
    const setting = config.rules[rule.code];
    if (setting === 'off') continue;
    let found: RuleFinding[];
    try {
      found = rule.check({ article, knowledge, options: config.options, file: opts.file, corpus: opts.corpus, cache: opts.cache });
    } catch (e) {
      // a broken rule must not take the others down; report it as a finding on the first line
      findings.push({
        code: rule.code, severity: 'error', start: 0, end: 0, fixes: [],
        message: `internal error in rule ${rule.code}: ${(e as Error).message}`,
      });
      continue;
    }
    // the rule reports what it found; the severity is the configured one (else the rule's default),
    // a demoted finding's at most information
    const normal = severityOf(rule, setting, false);
    const demoted = severityOf(rule, setting, true);
    for (const f of found) {
      const g = f as Finding;
      g.severity = f.demoted ? demoted : normal;
      findings.push(g);
    }
  }
  const fileKey = relativeKey(config.root, opts.file);
  const ignoreSet = new Set(config.ignore.filter((i) => i.file === fileKey).map((i) => `${i.code}:${i.hash}`));
  let ignored = 0;
  const kept: Finding[] = [];
  // the same flagged text under the same code has the same hash (a file of short lines repeats a few tokens thousands of times)
  const hashes = new Map<string, string>();
  for (const f of findings) {
    const flagged = `${f.code}\u0000${article.text.slice(f.start, f.end)}`;
    let h = hashes.get(flagged);
    if (h === undefined) hashes.set(flagged, (h = findingHash(article, f)));
    f.hash = h;
    if (ignoreSet.has(`${f.code}:${f.hash}`)) ignored++;
    else kept.push(f);
  }
  kept.sort(compareFindings);
  return { article, findings: kept, ignored };
}

export function analyze(text: string, opts: AnalyzeOptions = {}): Analysis {
  const config = opts.config ?? DEFAULT_CONFIG;
  return analyzeArticle(parseArticle(text, opts.knowledge ?? knowledgeFor(config), { frequency: opts.frequency }), opts);
}
