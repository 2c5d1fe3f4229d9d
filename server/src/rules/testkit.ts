// Shared helpers for the rules' tests: the seeds with their gold labels, running one rule,
// applying edits, the safety property, and the gold's verdict on findings. Test code only.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../model/article';
import { defaultKnowledge } from '../model/knowledge';
import type { Article } from '../model/types';
import { lineOf } from './ranges';
import type { Finding, Rule, RuleFinding, TextEdit } from './types';
import { DEFAULT_RULE_OPTIONS, severityOf, type RuleOptions } from './registry';

export interface Gold {
  file: string;
  blocks: Array<{ kind: string; startLine: number; endLine: number }>;
  defects: Array<{ code: string; lines: [number, number]; of?: [number, number]; optional?: boolean }>;
}

export function loadSeeds(): Array<{ gold: Gold; text: string }> {
  const dir = path.join('test', 'fixtures', 'gold');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.gold.json')).sort().map((f) => {
    const gold = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Gold;
    return { gold, text: readFileSync(path.join('seeds', gold.file), 'utf8') };
  });
}

/** A rule's findings with the severities the engine gives them under the default configuration. */
export function withSeverity(rule: Rule, found: readonly RuleFinding[]): Finding[] {
  return found.map((f) => ({ ...f, severity: severityOf(rule, undefined, f.demoted !== undefined) }));
}

/** Parses a text and runs one rule on it (findings with their default severities). */
export function runRule(rule: Rule, text: string, file?: string, options: Partial<RuleOptions> = {}): { article: Article; findings: Finding[] } {
  const article = parseArticle(text);
  return { article, findings: withSeverity(rule, rule.check({ article, knowledge: defaultKnowledge, options: { ...DEFAULT_RULE_OPTIONS, ...options }, file })) };
}

export function apply(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    assert.ok(e.start >= pos && e.end >= e.start && e.end <= text.length, 'edits overlap or leave the text');
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  // blank lines a removal leaves at the very end are the whitespace rule's to remove (next pass)
  return (out + text.slice(pos)).replace(/(\r?\n)(?:[ \t\u00a0]*\r?\n)+$/, '$1');
}

/** The safety property: every edit of every fix inside the finding's range, no overlaps. */
export function assertSafe(a: Article, fs: readonly RuleFinding[]): void {
  for (const f of fs) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= a.text.length, `bad range ${f.start}-${f.end}`);
    if (f.anchor) assert.ok(f.anchor.start >= f.start && f.anchor.start <= f.anchor.end && f.anchor.end <= f.end, `anchor outside the finding`);
    for (const fix of f.fixes) {
      assert.ok(fix.title.length > 0);
      for (const e of fix.edits) assert.ok(e.start >= f.start && e.end <= f.end, `${fix.title}: edit outside the finding`);
      // the edits apply (in order, without overlapping, inside the text): checked without copying the text
      const sorted = [...fix.edits].sort((x, y) => x.start - y.start);
      let pos = 0;
      for (const e of sorted) {
        assert.ok(e.start >= pos && e.end >= e.start && e.end <= a.text.length, 'edits overlap or leave the text');
        pos = e.end;
      }
    }
  }
}

/**
 * 1-based lines a finding covers, as a reader sees them: a range that starts in a line's EOL begins
 * on the next line; one that ends at a line start ends on the line before.
 */
export function displayLines(a: Article, f: Finding): [number, number] {
  let s = lineOf(a, f.start);
  if (f.end > f.start && f.start >= a.lines[s].end && s + 1 < a.lines.length) s++;
  const e = Math.max(s, lineOf(a, Math.max(f.start, f.end - 1)));
  return [s + 1, e + 1];
}

export const JUNK = new Set(['boilerplate', 'related', 'php-dump', 'blank']);

/** Findings of the rule that overlap a block the gold calls clean (and no defect of this code there). */
export function onCleanBlocks(gold: Gold, a: Article, fs: readonly Finding[]): string[] {
  const bad: string[] = [];
  for (const f of fs) {
    if (f.severity !== 'warning' && f.severity !== 'error') continue;
    const [s, e] = displayLines(a, f);
    for (const b of gold.blocks) {
      if (JUNK.has(b.kind) || b.endLine < s || b.startLine > e) continue;
      const explained = gold.defects.some((d) => d.code === f.code && d.lines[0] <= e && d.lines[1] >= s);
      if (!explained) bad.push(`${gold.file}:${s}-${e} on clean ${b.kind} ${b.startLine}: ${f.message}`);
    }
  }
  return bad;
}
