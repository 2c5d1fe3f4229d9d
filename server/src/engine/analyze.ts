// The engine: text -> article -> rules -> findings. Shared by the language server and the CLI.
import { parseArticle } from '../model/article';
import { defaultKnowledge, loadKnowledge, type Knowledge } from '../model/knowledge';
import type { Article } from '../model/types';
import type { LineFrequency } from '../model/features';
import type { CorpusView, Finding, Rule, RuleFinding } from '../rules/types';
import { REMOVABLE_CODES, RULES, ruleOf, severityOf } from '../rules/registry';
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

/** A stable hash of a finding's code and flagged text (folded), used to key ignored findings so they survive edits elsewhere. */
export function findingHash(code: string, flaggedText: string): string {
  return hash32(`${code}\u0000${foldKey(flaggedText)}`).toString(16).padStart(8, '0');
}

/** The cache table of findings' hashes, by `code NUL flagged text`. */
const HASH_TABLE = 'finding-hash';

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
  // the same flagged text under the same code has the same hash (a file of short lines repeats a few
  // tokens thousands of times); with a document's cache, kept between its analyses (an edit changes
  // few findings' text, and folding every flagged paragraph again took 7% of a 1 MB article's)
  const hashes = new Map<string, string>();
  const cache = opts.cache;
  for (const f of findings) {
    const text = article.text.slice(f.start, f.end);
    const flagged = `${f.code}\u0000${text}`;
    let h = hashes.get(flagged);
    if (h === undefined) hashes.set(flagged, (h = cache ? cache.memo(HASH_TABLE, flagged, () => findingHash(f.code, text)) : findingHash(f.code, text)));
    f.hash = h;
    if (ignoreSet.has(`${f.code}:${f.hash}`)) ignored++;
    else kept.push(f);
  }
  kept.sort(compareFindings);
  return { article, findings: withoutCovered(kept), ignored };
}

/** What a removal covers: whitespace and invisible characters (duplicates inside junk stay: a teaser repeated is worth saying). */
const COVERABLE: ReadonlySet<string> = new Set(['whitespace', 'unicode']);

/**
 * The findings without those inside text that a removal of the same analysis already takes away: a
 * whitespace or invisible-character finding on a line of site chrome, teasers, a dump or a duplicate
 * paragraph whose removal is a warning (fix-all applies it) says nothing the curator needs, and
 * doubled the Problems panel on indented menus (every menu line of a saved page: its chrome and its
 * leading spaces). A removal that is only a suggestion (information, an unsafe fix) covers nothing:
 * the findings inside it stay, for the curator who keeps the block; so does a removal the curator
 * ignored. Duplicates inside junk stay (a teaser repeated is worth saying). `sorted` by compareFindings.
 */
export function withoutCovered(sorted: Finding[]): Finding[] {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const f of sorted) {
    if (!REMOVABLE_CODES.has(f.code) || f.severity === 'information' || f.severity === 'hint' || f.end <= f.start) continue;
    const e = f.fixes[0]?.edits;
    if (!e || e.length !== 1 || e[0].newText !== '' || e[0].start > f.start || e[0].end < f.end) continue;
    starts.push(e[0].start);
    ends.push(e[0].end);
  }
  if (starts.length === 0) return sorted;
  // removals by start, with the furthest end reached by any removal starting at or before each
  const order = starts.map((_, k) => k).sort((x, y) => starts[x] - starts[y]);
  const at = order.map((k) => starts[k]);
  const reach: number[] = [];
  for (let k = 0; k < order.length; k++) reach.push(Math.max(k > 0 ? reach[k - 1] : -1, ends[order[k]]));
  /** The furthest end of the removals that start at or before `pos`; -1 when none does. */
  const furthest = (pos: number): number => {
    let lo = 0, hi = at.length - 1, last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid] <= pos) { last = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return last < 0 ? -1 : reach[last];
  };
  return sorted.filter((f) => !COVERABLE.has(f.code) || furthest(f.start) < f.end);
}

export function analyze(text: string, opts: AnalyzeOptions = {}): Analysis {
  const config = opts.config ?? DEFAULT_CONFIG;
  return analyzeArticle(parseArticle(text, opts.knowledge ?? knowledgeFor(config), { frequency: opts.frequency }), opts);
}
