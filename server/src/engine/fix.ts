// Applying fixes: one fix, all fixes of a code, or everything (fix-all), safely and repeatably.
import type { Finding, Fix, TextEdit } from '../rules/types';
import { analyze, type AnalyzeOptions } from './analyze';

/** Applies non-overlapping edits (any order) to a text. Throws on overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos || e.end < e.start || e.end > text.length) throw new Error(`overlapping or out-of-range edit ${e.start}-${e.end}`);
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** The fix that fix-all applies for a finding, if any. */
export function preferredFix(f: Finding): Fix | undefined {
  const fix = f.fixes[0];
  return fix && fix.safeForFixAll !== false && fix.edits.length > 0 ? fix : undefined;
}

/**
 * Picks, in document order, the preferred fixes whose edits do not touch an edit already picked.
 * Edits that merely touch at a point (one ends where the next starts) are compatible.
 */
export function selectFixes(findings: readonly Finding[]): Array<{ finding: Finding; fix: Fix }> {
  const picked: Array<{ finding: Finding; fix: Fix }> = [];
  const taken: Array<[number, number]> = [];
  const candidates = findings
    .map((finding) => ({ finding, fix: preferredFix(finding) }))
    .filter((c): c is { finding: Finding; fix: Fix } => c.fix !== undefined)
    // larger removals first so that a whitespace fix inside a removed block gives way to the removal
    .sort((a, b) => span(b.fix) - span(a.fix) || a.finding.start - b.finding.start);
  for (const c of candidates) {
    const overlaps = c.fix.edits.some((e) => taken.some(([s, t]) => e.start < t && s < e.end || (e.start === e.end && s < e.start && e.start < t)));
    if (overlaps) continue;
    picked.push(c);
    for (const e of c.fix.edits) taken.push([e.start, e.end]);
  }
  return picked.sort((a, b) => a.finding.start - b.finding.start);
}

function span(fix: Fix): number {
  return fix.edits.reduce((n, e) => n + (e.end - e.start), 0);
}

export interface FixAllResult {
  text: string;
  /** Number of fixes applied, by code. */
  applied: Record<string, number>;
  passes: number;
  /** Fixable findings still left after the last pass (0 unless the pass limit was hit). */
  remaining: number;
}

/**
 * Applies every preferred fix, re-analysing between passes (removing a block can leave, say, a run
 * of blank lines for the whitespace rule) until nothing fixable is left. Text outside flagged
 * ranges is never touched. `opts.only` limits it to some codes.
 */
export function fixAll(text: string, opts: AnalyzeOptions = {}, maxPasses = 8): FixAllResult {
  const applied: Record<string, number> = {};
  // offsets index the text without its BOM (as the article model does); the BOM is put back after
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  let current = bom ? text.slice(1) : text;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const { findings } = analyze(current, opts);
    const picked = selectFixes(findings);
    if (picked.length === 0) return { text: bom + current, applied, passes: pass - 1, remaining: 0 };
    current = applyEdits(current, picked.flatMap((p) => p.fix.edits));
    for (const p of picked) applied[p.finding.code] = (applied[p.finding.code] ?? 0) + 1;
  }
  const left = selectFixes(analyze(current, opts).findings).length;
  return { text: bom + current, applied, passes: maxPasses, remaining: left };
}
