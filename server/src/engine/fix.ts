// Applying fixes: one fix, all fixes of a code, or everything (fix-all), safely and repeatably.
import type { Finding, Fix, TextEdit } from '../rules/types';
import type { Article, BlockKind } from '../model/types';
import { foldKey } from '../text/normalize';
import { analyze, type AnalyzeOptions } from './analyze';
import { LineCache } from '../model/lineCache';
import { hash64 } from '../index/keys';

/**
 * Findings whose fix removes whole lines because of the kind the recognizer gave them. (A copy of a
 * paragraph is a copy whatever its neighbours: a duplicate that shows once another fix made two
 * paragraphs equal, mojibake repaired say, is removed in a later pass like any other.)
 */
const REMOVES_LINES: ReadonlySet<string> = new Set(['boilerplate', 'related', 'learned-boilerplate', 'php-dump']);
/** Kinds of the article's own text. */
const TEXT_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['kicker', 'headline', 'dateline', 'heading', 'paragraph', 'caption', 'byline']);
/** Codes whose fixes edit inside a line and keep it (its folded key stays, or nearly). */
const IN_LINE: ReadonlySet<string> = new Set(['whitespace', 'unicode', 'repeated-word']);

/**
 * Keys of the lines of the article's own text that no picked fix touches: later passes keep them.
 * (Junk the first pass declined to remove is not kept: once other junk is gone a later pass may be
 * sure of it, and fix-all run again on its own result must find nothing more to do.)
 */
function keptText(a: Article, picked: ReadonlyArray<{ finding: Finding }>, readAsText: readonly Finding[] = []): Set<string> {
  const out = new Set<string>();
  const ranges = picked.map((p) => [p.finding.start, p.finding.end] as const).sort((x, y) => x[0] - y[0]);
  // junk the first pass declined because it reads as the article's text (rules/prose.ts): kept too
  for (const f of readAsText) {
    for (const l of a.lines) {
      if (l.end <= f.start || l.start >= f.end) continue;
      const k = foldKey(l.text.length > 2000 ? l.text.slice(0, 2000) : l.text);
      if (k) out.add(k);
    }
  }
  for (const b of a.blocks) {
    if (!TEXT_KINDS.has(b.kind)) continue;
    for (let i = b.startLine; i <= b.endLine; i++) {
      const l = a.lines[i];
      if (ranges.some(([s, e]) => s < l.end && e > l.start)) continue;
      const k = foldKey(l.text.length > 2000 ? l.text.slice(0, 2000) : l.text);
      if (k) out.add(k);
    }
  }
  return out;
}

/** Does a line-removing finding take a line the first pass kept as the article's text? */
function takesKeptText(a: Article, f: Finding, kept: ReadonlySet<string>): boolean {
  if (!REMOVES_LINES.has(f.code)) return false;
  for (const l of a.lines) {
    if (l.end <= f.start || l.start >= f.end) continue;
    const k = foldKey(l.text.length > 2000 ? l.text.slice(0, 2000) : l.text);
    if (k && kept.has(k)) return true;
  }
  return false;
}

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

/** The fix that fix-all applies for a finding, if any: its first, when safe (or `unsafe` ones are wanted too). */
export function preferredFix(f: Finding, unsafe = false): Fix | undefined {
  const fix = f.fixes[0];
  return fix && (unsafe || fix.applicability !== 'unsafe') && fix.edits.length > 0 ? fix : undefined;
}

/**
 * Picks the preferred fixes of one fix-all pass, in document order (the order a user clicking
 * quick-fixes top to bottom would take), skipping any that interacts with one already picked:
 * overlapping edits, or a finding that points at text another picked fix changes (a duplicate whose
 * first copy is being edited), or one whose text another picked finding relies on. Skipped ones
 * are reconsidered after re-analysis in the next pass, so fix-all ends where fixing one by one does.
 */
export function selectFixes(findings: readonly Finding[], unsafe = false): Array<{ finding: Finding; fix: Fix }> {
  const picked: Array<{ finding: Finding; fix: Fix }> = [];
  const hits = (a: number, b: number, s: number, t: number) => (a < t && s < b) || (a === b && s <= a && a <= t) || (s === t && a <= s && s <= b);
  const touched: Array<[number, number]> = []; // finding ranges picked so far
  const relied: Array<[number, number]> = []; // ranges the picked findings point at (a first copy)
  const ordered = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const finding of ordered) {
    const fix = preferredFix(finding, unsafe);
    if (!fix) continue;
    const own = (finding.related ?? []).filter((r) => r.file === undefined);
    const clash =
      touched.some(([s, t]) => hits(finding.start, finding.end, s, t)) ||
      relied.some(([s, t]) => hits(finding.start, finding.end, s, t)) ||
      own.some((r) => touched.some(([s, t]) => hits(r.start, r.end, s, t)));
    if (clash) continue;
    picked.push({ finding, fix });
    touched.push([finding.start, finding.end]);
    for (const r of own) relied.push([r.start, r.end]);
  }
  return picked;
}


export interface FixAllResult {
  text: string;
  /** Number of fixes applied, by code. */
  applied: Record<string, number>;
  passes: number;
  /** Fixable findings still left after the last pass (0 unless fix-all had to stop: a cycle, or `maxPasses`). */
  remaining: number;
}

/**
 * Applies every preferred fix, re-analysing between passes (removing a block can leave, say, a run
 * of blank lines for the whitespace rule) until nothing fixable is left: one run reaches the fixed
 * point, however many passes a chain of copies takes. Text outside flagged ranges is never touched.
 * `opts.only` limits it to some codes.
 *
 * The recognizer reads each line with its neighbours, so removing chrome can change how a line
 * next to it reads. Later passes therefore never remove a line that the first pass read as the
 * article's own text and left alone: fix-all removes what the text as given shows to be junk, and
 * what removing it leaves behind (blank lines, spaces), nothing more.
 *
 * Every pass applies at least one fix, and a text seen before ends the run (fixes that undo each
 * other would cycle): it always ends. The passes share a line cache (model/lineCache.ts), so a pass
 * after a few removals re-reads only what they changed. `maxPasses` is for tests; the default has
 * no limit short of the cycle check.
 */
export function fixAll(
  text: string,
  /** `unsafe`: apply the unsafe fixes too (`--unsafe-fixes`); by default only the safe ones. */
  opts: AnalyzeOptions & { unsafe?: boolean } = {},
  maxPasses = Infinity,
  /** Called with each pass's text (without BOM), its findings and the fixes picked (tests check each pass). */
  observe?: (text: string, findings: readonly Finding[], picked: ReadonlyArray<{ finding: Finding; fix: Fix }>) => void,
): FixAllResult {
  const applied: Record<string, number> = {};
  // offsets index the text without its BOM (as the article model does); the BOM is put back after
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  let current = bom ? text.slice(1) : text;
  let kept: Set<string> | null = null;
  const allowed = (a: Article, findings: readonly Finding[]) =>
    kept === null ? findings : findings.filter((f) => !takesKeptText(a, f, kept!));
  const cache = opts.cache ?? new LineCache();
  const seen = new Set<string>([textKey(current)]);
  let passes = 0;
  for (;;) {
    const { findings, article } = analyze(current, { ...opts, cache });
    cache.turn();
    const picked = selectFixes(allowed(article, findings), opts.unsafe);
    // (lines a first-pass finding would fix, picked now or deferred to a later pass, are not kept)
    // (edits inside a line that keep it — whitespace, invisible characters, a doubled word — leave it kept:
    // the lines of a paragraph with a trailing space were not protected before)
    if (kept === null) {
      kept = keptText(
        article,
        findings.filter((f) => preferredFix(f, opts.unsafe) && !IN_LINE.has(f.code)).map((finding) => ({ finding })),
        opts.unsafe ? [] : findings.filter((f) => f.demoted === 'text'),
      );
    }
    observe?.(current, findings, picked);
    if (picked.length === 0) return { text: bom + current, applied, passes, remaining: 0 };
    if (passes >= maxPasses) return { text: bom + current, applied, passes, remaining: picked.length };
    const next = applyEdits(current, picked.flatMap((p) => p.fix.edits));
    const key = textKey(next);
    if (next === current || seen.has(key)) return { text: bom + current, applied, passes, remaining: picked.length };
    seen.add(key);
    current = next;
    passes++;
    for (const p of picked) applied[p.finding.code] = (applied[p.finding.code] ?? 0) + 1;
  }
}

/** A key of a pass's text for the cycle check: its length and a 64-bit hash. */
function textKey(text: string): string {
  return `${text.length}:${hash64(text)}`;
}
