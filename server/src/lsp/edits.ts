// Text edits and workspace edits shaped for what the client supports.
import { diffLines } from 'diff';
import {
  AnnotatedTextEdit,
  ChangeAnnotation,
  CreateFile,
  Range,
  TextDocumentEdit,
  TextEdit,
  type ClientCapabilities,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** What the client can take in a WorkspaceEdit, from its capabilities. */
export interface EditSupport {
  /** `documentChanges` with versioned TextDocumentEdits. */
  documentChanges: boolean;
  /** CreateFile operations in documentChanges. */
  create: boolean;
  /** changeAnnotations + AnnotatedTextEdit. */
  annotations: boolean;
  /** The client answers workspace/applyEdit. */
  applyEdit: boolean;
}

export function editSupport(caps: ClientCapabilities): EditSupport {
  const we = caps.workspace?.workspaceEdit;
  const documentChanges = !!we?.documentChanges;
  return {
    documentChanges,
    create: documentChanges && !!we?.resourceOperations?.includes('create'),
    annotations: documentChanges && !!we?.changeAnnotationSupport,
    applyEdit: !!caps.workspace?.applyEdit,
  };
}

/** An offset-based replacement in a text. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** One edit replacing the span where `a` and `b` differ (common prefix and suffix kept), or none. */
export function spanEdit(a: string, b: string): OffsetEdit[] {
  if (a === b) return [];
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  // never split a surrogate pair or a CRLF
  if (p > 0 && p < a.length && isLowSurrogateOrLf(a, p)) p--;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  while (s > 0 && a.length - s > p && isLowSurrogateOrLf(a, a.length - s)) s--;
  return [{ start: p, end: a.length - s, newText: b.slice(p, b.length - s) }];
}

function isLowSurrogateOrLf(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  return (c >= 0xdc00 && c <= 0xdfff) || (c === 0x0a && t.charCodeAt(i - 1) === 0x0d);
}

/**
 * Minimal line-level edits turning `a` into `b`: one edit per changed run of lines (each then
 * trimmed to its changed characters), so that text between changes keeps its markers and folds.
 * Falls back to a single span edit when the diff is too costly.
 */
export function minimalEdits(a: string, b: string, timeoutMs = 500): OffsetEdit[] {
  if (a === b) return [];
  let changes: ReturnType<typeof diffLines> | undefined;
  try {
    changes = diffLines(a, b, { timeout: timeoutMs });
  } catch {
    changes = undefined;
  }
  if (!changes) return spanEdit(a, b);
  const out: OffsetEdit[] = [];
  let pos = 0;
  let pending: OffsetEdit | null = null;
  const flush = () => {
    if (!pending) return;
    const oldText = a.slice(pending.start, pending.end);
    for (const e of spanEdit(oldText, pending.newText)) out.push({ start: pending.start + e.start, end: pending.start + e.end, newText: e.newText });
    pending = null;
  };
  for (const c of changes) {
    if (c.added) {
      pending ??= { start: pos, end: pos, newText: '' };
      pending.newText += c.value;
    } else if (c.removed) {
      pending ??= { start: pos, end: pos, newText: '' };
      pos += c.value.length;
      pending.end = pos;
    } else {
      flush();
      pos += c.value.length;
    }
  }
  flush();
  // sanity: the edits must rebuild b exactly, else use the safe single span
  let rebuilt = '';
  let at = 0;
  for (const e of out) {
    rebuilt += a.slice(at, e.start) + e.newText;
    at = e.end;
  }
  rebuilt += a.slice(at);
  return rebuilt === b && at <= a.length ? out : spanEdit(a, b);
}

/** Offset edits on a text -> LSP text edits (positions computed on that text, BOM included). */
export function offsetEditsToTextEdits(text: string, edits: readonly OffsetEdit[]): TextEdit[] {
  const doc = TextDocument.create('file:///x', 'plaintext', 0, text);
  return edits.map((e) => TextEdit.replace(Range.create(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText));
}

/** A WorkspaceEdit changing one document, versioned when the client supports documentChanges. */
export function documentEdit(uri: string, version: number | null, edits: TextEdit[], support: EditSupport): WorkspaceEdit {
  if (support.documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] };
  return { changes: { [uri]: edits } };
}

/** Builds a multi-file WorkspaceEdit, with a change annotation per file when supported. */
export class MultiFileEdit {
  private readonly documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  private readonly changes: Record<string, TextEdit[]> = {};
  private readonly annotations: Record<string, ChangeAnnotation> = {};

  constructor(private readonly support: EditSupport) {}

  add(uri: string, version: number | null, edits: TextEdit[], annotation?: ChangeAnnotation): void {
    if (edits.length === 0) return;
    if (!this.support.documentChanges) {
      (this.changes[uri] ??= []).push(...edits);
      return;
    }
    if (annotation && this.support.annotations) {
      const id = uri;
      this.annotations[id] = annotation;
      edits = edits.map((e) => AnnotatedTextEdit.replace(e.range, e.newText, id));
    }
    this.documentChanges.push(TextDocumentEdit.create({ uri, version }, edits));
  }

  build(): WorkspaceEdit {
    if (!this.support.documentChanges) return { changes: this.changes };
    const edit: WorkspaceEdit = { documentChanges: this.documentChanges };
    if (Object.keys(this.annotations).length > 0) edit.changeAnnotations = this.annotations;
    return edit;
  }
}
