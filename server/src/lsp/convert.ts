// Engine results -> LSP shapes: offsets into Article.text (no BOM) become document positions,
// findings become diagnostics, fixes become text edits. Pure functions, no connection.
import { pathToFileURL } from 'node:url';
import {
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  DiagnosticTag,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver';
import type { Article } from '../model/types';
import type { Finding, Fix, Severity } from '../rules/types';
import { ruleDocsUrl } from '../engine/docs';

export const SOURCE = 'corpus-curator';

import { REMOVABLE_CODES } from '../rules/registry';

/** Codes whose findings are junk to delete (the rules' `removable`): shown faded (DiagnosticTag.Unnecessary). */
export { REMOVABLE_CODES };

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toSeverity(s: Severity): DiagnosticSeverity {
  return SEVERITIES[s] ?? DiagnosticSeverity.Warning;
}

/**
 * Maps offsets of Article.text to positions in the document the article was parsed from. The only
 * difference between the two is a leading BOM (in the document's line 0, not in Article.text), given
 * as `bomShift` (0 or 1). An offset inside a CRLF is clamped to the end of its line (as
 * TextDocument.positionAt does): a range can never split a line break.
 */
export class PositionMapper {
  constructor(
    readonly article: Article,
    readonly bomShift: number,
  ) {}

  lineOf(offset: number): number {
    const lines = this.article.lines;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): Position {
    const text = this.article.text;
    const o = Math.max(0, Math.min(Number.isFinite(offset) ? offset : 0, text.length));
    const line = this.lineOf(o);
    const info = this.article.lines[line];
    const character = Math.min(o, info.end) - info.start + (line === 0 ? this.bomShift : 0);
    return Position.create(line, character);
  }

  range(start: number, end: number): Range {
    const s = this.position(start);
    const e = this.position(Math.max(start, end));
    return Range.create(s, e);
  }

  /**
   * Where a finding is drawn: its range without the blank lines at either end, when it holds
   * anything else (a removal takes the line breaks and blank lines around a block; the squiggle
   * covers the block's lines only). Whitespace inside a line stays (a stray “ r” is drawn with its
   * space), and a finding of whitespace alone is drawn as it is.
   */
  displayRange(start: number, end: number): Range {
    const text = this.article.text;
    let s = Math.max(0, start);
    let e = Math.min(text.length, Math.max(start, end));
    // leading: whitespace up to and including the last line break of the run
    let i = s;
    while (i < e && isSpace(text.charCodeAt(i))) i++;
    let cut = -1;
    for (let k = s; k < i; k++) if (text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13) cut = k + 1;
    if (cut > 0 && i < e) s = cut;
    // trailing: whitespace from the first line break of the run
    let j = e;
    while (j > s && isSpace(text.charCodeAt(j - 1))) j--;
    cut = -1;
    for (let k = e - 1; k >= j; k--) if (text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13) cut = k;
    if (cut >= 0 && j > s) e = cut;
    return s < e ? this.range(s, e) : this.range(start, end);
  }

  /** Where a finding is drawn: its anchor when it has one (a grouped finding), else its display range. */
  drawnRange(f: Pick<Finding, 'start' | 'end' | 'anchor'>): Range {
    return f.anchor ? this.displayRange(f.anchor.start, f.anchor.end) : this.displayRange(f.start, f.end);
  }
}

/** Whitespace, line breaks included (what a display range leaves out at its ends). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x202f || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;
}

/** What a diagnostic carries for code actions (see codeActions.ts). */
export interface DiagnosticData {
  /** Document version the finding was computed for. */
  v: number;
  /** Index of the finding in the analysis's findings. */
  i: number;
  /** Finding.hash (ignore key). */
  h?: string;
  /** Number of fixes (0: nothing to offer). */
  n: number;
}

export function isDiagnosticData(x: unknown): x is DiagnosticData {
  const d = x as DiagnosticData | null;
  return !!d && typeof d === 'object' && typeof d.v === 'number' && typeof d.i === 'number';
}

/** Range of whole lines in another file (offsets there are unknown): start of `line` to start of the line after `endLine`. */
function otherFileRange(line: number | undefined, endLine: number | undefined): Range {
  const s = Math.max(0, line ?? 0);
  const e = Math.max(s, endLine ?? s);
  return Range.create(s, 0, e + 1, 0);
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

export function toDiagnostic(
  f: Finding,
  index: number,
  map: PositionMapper,
  uri: string,
  version: number,
  currentFile?: string,
): Diagnostic {
  const d: Diagnostic = {
    range: map.drawnRange(f),
    severity: toSeverity(f.severity),
    source: SOURCE,
    code: f.code,
    codeDescription: { href: ruleDocsUrl(f.code) },
    message: f.message,
  };
  if (REMOVABLE_CODES.has(f.code)) d.tags = [DiagnosticTag.Unnecessary];
  if (f.related && f.related.length > 0) {
    const rel: DiagnosticRelatedInformation[] = [];
    for (const r of f.related) {
      if (!r.file || r.file === currentFile) {
        rel.push({ location: { uri, range: map.range(r.start, r.end) }, message: r.message });
      } else {
        rel.push({ location: { uri: fileUri(r.file), range: otherFileRange(r.line, r.endLine) }, message: r.message });
      }
    }
    d.relatedInformation = rel;
  }
  const data: DiagnosticData = { v: version, i: index, n: f.fixes.length };
  if (f.hash) data.h = f.hash;
  d.data = data;
  return d;
}

export function toDiagnostics(findings: readonly Finding[], map: PositionMapper, uri: string, version: number, file?: string): Diagnostic[] {
  return findings.map((f, i) => toDiagnostic(f, i, map, uri, version, file));
}

/** A fix's edits as LSP text edits for the document the article came from. */
export function toTextEdits(fix: Fix, map: PositionMapper): TextEdit[] {
  return fix.edits.map((e) => TextEdit.replace(map.range(e.start, e.end), e.newText));
}
