// Shared helpers for the diagnostics and code action tests: temporary corpora, applying LSP edits
// to texts, which rules are registered.
import { copyFileSync, rmSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CreateFile, Diagnostic, Range, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { RULES } from '../../server/src/rules/registry';
import { seedPath } from './client';
import { tempDir } from '../../server/src/testing/tempDir';

export const SEED0 = '000_f4915662ab95302d.txt';
export const SEED1 = '001_a4534dbc61da94dd.txt';
export const SEED2 = '002_acc4bfed7ea69af2.txt';
export const SEED3 = '003_a9d5c90c0c69739c.txt';
export const SEED4 = '004_98d8f0e0758a8752.txt';
export const ALL_SEEDS = [SEED0, SEED1, SEED2, SEED3, SEED4];

/** Is a rule with this code in the registry bundled into the server? */
export function registered(code: string): boolean {
  return RULES.some((r) => r.code === code);
}

export function registeredCodes(): string[] {
  return RULES.map((r) => r.code);
}

/** A fresh temporary folder (real path, no symlinks) with copies of the given seeds. */
export function tempCorpus(seeds: string[] = []): string {
  const dir = realpathSync(tempDir('cc-lsp-'));
  for (const s of seeds) copyFileSync(seedPath(s), path.join(dir, s));
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///t', 'plaintext', 0, text), edits);
}

export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The text edits a WorkspaceEdit makes to one document (documentChanges or changes). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const out: TextEdit[] = [];
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) out.push(...(dc.edits as TextEdit[]));
  }
  for (const e of edit.changes?.[uri] ?? []) out.push(e);
  return out;
}

export function textDocumentEdits(edit: WorkspaceEdit | undefined): TextDocumentEdit[] {
  return (edit?.documentChanges ?? []).filter((d): d is TextDocumentEdit => 'textDocument' in d);
}

export function createFiles(edit: WorkspaceEdit | undefined): CreateFile[] {
  return (edit?.documentChanges ?? []).filter((d): d is CreateFile => 'kind' in d && d.kind === 'create');
}

/** Is position range `r` on 0-based lines [from, to] (start line exact, end line within)? */
export function onLines(r: Range, from: number, to: number): boolean {
  return r.start.line === from && r.end.line >= to && r.end.line <= to + 1;
}

/** Every range is inside the document and never splits a line ending. */
export function assertRangesInside(diags: Diagnostic[], text: string, fail: (msg: string) => void): void {
  const lines = linesOf(text);
  for (const d of diags) {
    for (const p of [d.range.start, d.range.end]) {
      if (p.line >= lines.length || p.character > lines[p.line].length) {
        fail(`${d.code} ${JSON.stringify(d.range)} outside the document (line length ${lines[p.line]?.length})`);
      }
    }
  }
}
