// The report's JSON shapes, shared by the CLI (`lint --format json`) and the evaluation: the article's
// blocks (1-based, inclusive lines) and its findings as ESLint-like diagnostics.
import type { Article } from '../model/types';
import type { Finding, Severity } from '../rules/types';
import { positionAt } from '../rules/ranges';
import { preferredFix } from './fix';

export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}

function lineRef(b: { startLine: number; text: string } | null) {
  return b ? { line: b.startLine + 1, text: b.text.trim() } : null;
}

export function articleJson(a: Article) {
  const kicker = a.kicker
    ? lineRef(a.kicker)
    : a.headline?.inlineKicker
      ? { line: a.headline.startLine + 1, text: a.headline.inlineKicker.text, inline: true }
      : null;
  return {
    headline: lineRef(a.headline),
    kicker,
    dateline: a.dateline ? { ...lineRef(a.dateline)!, iso: a.date?.iso ?? null } : null,
    byline: lineRef(a.byline),
    blocks: a.blocks.map((b) => ({ kind: b.kind, startLine: b.startLine + 1, endLine: b.endLine + 1 })),
  };
}

/** 1-based, inclusive positions: the first and the last flagged character. */
export function diagnosticJson(a: Article, f: Finding): JsonDiagnostic {
  // a removal that starts with the line break before a block is reported from the block's line
  let start = f.start;
  const l = a.lines[positionAt(a, start).line];
  if (start < f.end && start >= l.end && l.eol && start + l.eol.length < f.end) start = l.end + l.eol.length;
  const s = positionAt(a, start);
  const e = positionAt(a, Math.max(f.start, f.end - 1));
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    // as in ESLint: --fix (fix-all) would fix it; others have quick-fixes in the editor only
    fixable: preferredFix(f) !== undefined,
  };
}
