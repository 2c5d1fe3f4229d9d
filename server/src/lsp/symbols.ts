// The outline (textDocument/documentSymbol) and folding ranges (textDocument/foldingRange): the
// handlers, built from their dependencies, and the conversion of outline nodes to LSP symbols.
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams, type FoldingRange, type FoldingRangeParams, type Range, type SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OutlineFold, OutlineKind, OutlineNode } from '../model/outline';
import type { EditSpan } from './shift';
import { lastLineOf, lineLength, lineRange, type LineView } from './positions';

/** A document's analysis as the handlers see it. */
export interface OutlineView extends LineView {
  /** Resolves once a worker-made analysis's outline and folds have arrived. */
  extras?: Promise<void>;
}

/**
 * The latest outlined analysis of a document moved past the edits not analysed yet: the analysis
 * as the handlers see it (its outline and folds moved), and what it was moved from (`base`, an
 * analysis of an earlier version, and the edit since).
 */
export interface ShiftedView<A> {
  doc: TextDocument;
  analysis: A;
  base: A;
  span: EditSpan;
}

export interface SymbolDeps<A extends OutlineView> {
  /** The client's capabilities (read at each request: they are known after initialize). */
  client: { hierarchicalSymbols: boolean; foldingRangeLimit?: number };
  /** The latest outlined analysis moved past edits not analysed yet, if one is at hand. */
  shiftedView(uri: string): Promise<ShiftedView<A> | null>;
  /** The document's analysis of its current version. */
  analysisOf(uri: string): Promise<{ doc: TextDocument; analysis: A } | null>;
  outlineOf(a: A): OutlineNode[];
  foldsOf(a: A): OutlineFold[];
  /** Notes an analysis whose outline was given (the next shifted views start from it). */
  noteOutlined(uri: string, a: A): void;
  /** Where the analyses' symbols are kept (the server makes a big document's ahead of the next request). */
  symbols?: SymbolsMade<A>;
}

/**
 * The symbols made of each analysis's outline, once; and the last ones moved from it past the edits
 * since, per version. An analysis's own are on its own text: its lines are the document's lines of
 * its version.
 */
export class SymbolsMade<A extends OutlineView> {
  private readonly made = new WeakMap<A, { symbols: DocumentSymbol[]; moved?: { version: number; span: EditSpan; symbols: DocumentSymbol[] } }>();

  constructor(private readonly outlineOf: (a: A) => OutlineNode[]) {}

  /** The analysis's symbols (`doc`: the document of the analysis's version, or what it has of it). */
  of(a: A, doc: Pick<TextDocument, 'lineCount'> = { lineCount: a.article?.lines.length ?? 0 }): DocumentSymbol[] {
    let m = this.made.get(a);
    if (!m) this.made.set(a, (m = { symbols: this.outlineOf(a).map((n) => toDocumentSymbol(a, doc, n)) }));
    return m.symbols;
  }

  /** The symbols of the shifted view's base moved onto its document (shiftSymbols). */
  moved(v: ShiftedView<A>): DocumentSymbol[] {
    const symbols = this.of(v.base);
    const m = this.made.get(v.base)!;
    if (m.moved?.version !== v.doc.version || m.moved.span !== v.span) {
      const view: LineView = { article: v.analysis.article, bomShift: v.base.bomShift };
      m.moved = { version: v.doc.version, span: v.span, symbols: shiftSymbols(symbols, v.span, lastLineOf(view, v.doc), (line) => lineLength(view, line)) };
    }
    return m.moved.symbols;
  }
}

/**
 * The documentSymbol handler. An analysis's symbols are made once; asked again after an edit not
 * analysed yet (a big document read off the main thread), they are moved past it: the symbols
 * the edit did not reach are given again as they are, and only those it did are made anew.
 */
export function createDocumentSymbolHandler<A extends OutlineView>(deps: SymbolDeps<A>) {
  const made = deps.symbols ?? new SymbolsMade<A>(deps.outlineOf);
  return async (params: DocumentSymbolParams): Promise<DocumentSymbol[] | SymbolInformation[] | null> => {
    const shifted = await deps.shiftedView(params.textDocument.uri);
    const r = shifted ?? (await deps.analysisOf(params.textDocument.uri));
    if (!r) return null;
    await r.analysis.extras; // a big document's outline follows its findings (when no older one is at hand)
    if (!shifted) deps.noteOutlined(r.doc.uri, r.analysis); // (made here if the worker could not: the next shifts start from it)
    if (!deps.client.hierarchicalSymbols) return toSymbolInformation(r.analysis, r.doc, deps.outlineOf(r.analysis));
    return shifted ? made.moved(shifted) : made.of(r.analysis, r.doc);
  };
}

/**
 * An outline's symbols (toDocumentSymbol's) moved onto a text edited since (`span`, from the text
 * they were made on): what toDocumentSymbol gives for the outline with its lines moved by
 * `span.mapLine`, on the new text, whose last line is `lastLine` and whose line lengths
 * `lineLength` gives. A symbol wholly before the edited lines is the same object, and so is one
 * wholly after them when the edit added or removed no line; the others are made anew (their
 * children moved in turn).
 */
export function shiftSymbols(symbols: DocumentSymbol[], span: EditSpan, lastLine: number, lineLength: (line: number) => number): DocumentSymbol[] {
  const { firstLine, lastOldLine, lineDelta, mapLine } = span;
  const clamp = (l: number, lo: number) => Math.min(Math.max(lo, l), lastLine);
  const range = (s: number, e: number): Range => ({ start: { line: s, character: 0 }, end: { line: e, character: lineLength(e) } });
  const moved = (x: DocumentSymbol): DocumentSymbol => {
    const a = x.range.start.line;
    const b = x.range.end.line;
    // before the edit: the same lines, the same text; after it: the same text, lineDelta lines on
    if (b < firstLine || (a > lastOldLine && lineDelta === 0)) return x;
    let r: Range, sel: Range;
    if (a > lastOldLine) {
      r = { start: { line: a + lineDelta, character: 0 }, end: { line: b + lineDelta, character: x.range.end.character } };
      const l = x.selectionRange.start.line + lineDelta;
      sel = { start: { line: l, character: 0 }, end: { line: l, character: x.selectionRange.end.character } };
    } else {
      // as toDocumentSymbol on the moved node (lineRange's clamps included)
      const s = clamp(mapLine(a), 0);
      r = range(s, clamp(Math.max(mapLine(a), mapLine(b)), s));
      const l = Math.min(Math.max(mapLine(x.selectionRange.start.line), r.start.line), r.end.line);
      sel = range(l, l);
    }
    const y: DocumentSymbol = { name: x.name, kind: x.kind, range: r, selectionRange: sel };
    if (x.children) y.children = x.children.map(moved);
    if (x.detail !== undefined) y.detail = x.detail;
    return y;
  };
  return symbols.map(moved);
}

/** The foldingRange handler (capped at the client's rangeLimit). */
export function createFoldingRangeHandler<A extends OutlineView>(deps: SymbolDeps<A>) {
  return async (params: FoldingRangeParams): Promise<FoldingRange[] | null> => {
    const r = (await deps.shiftedView(params.textDocument.uri)) ?? (await deps.analysisOf(params.textDocument.uri));
    if (!r) return null;
    await r.analysis.extras;
    const last = lastLineOf(r.analysis, r.doc);
    let folds: FoldingRange[] = deps.foldsOf(r.analysis)
      .filter((f) => f.startLine < f.endLine && f.endLine <= last)
      .map((f) => (f.kind ? { startLine: f.startLine, endLine: f.endLine, kind: f.kind } : { startLine: f.startLine, endLine: f.endLine }));
    const limit = deps.client.foldingRangeLimit;
    if (limit !== undefined && folds.length > limit) folds = folds.slice(0, limit);
    return folds;
  };
}

const SYMBOL_KINDS: Record<OutlineKind, SymbolKind> = {
  article: SymbolKind.File,
  headline: SymbolKind.Constant,
  kicker: SymbolKind.Key,
  dateline: SymbolKind.Number,
  byline: SymbolKind.Property,
  section: SymbolKind.Namespace,
  heading: SymbolKind.Namespace,
  paragraph: SymbolKind.String,
  caption: SymbolKind.Event,
  junk: SymbolKind.Package,
  boilerplate: SymbolKind.Null,
  related: SymbolKind.Array,
  'php-dump': SymbolKind.Object,
  record: SymbolKind.Struct,
  more: SymbolKind.Null,
};

export function toDocumentSymbol(a: LineView, doc: Pick<TextDocument, 'lineCount'>, node: OutlineNode): DocumentSymbol {
  const range = lineRange(a, doc, node.startLine, node.endLine);
  const sel = Math.min(Math.max(node.selectionStartLine, range.start.line), range.end.line);
  const symbol: DocumentSymbol = {
    name: node.name || '(unnamed)',
    kind: SYMBOL_KINDS[node.kind] ?? SymbolKind.String,
    range,
    selectionRange: lineRange(a, doc, sel, sel),
  };
  // a leaf has no `children` (optional in LSP): a 1 MB article's 2,700 leaves made 30 KB of `"children":[]`
  if (node.children.length) symbol.children = node.children.map((c) => toDocumentSymbol(a, doc, c));
  if (node.detail) symbol.detail = node.detail;
  return symbol;
}

export function toSymbolInformation(a: LineView, doc: TextDocument, nodes: OutlineNode[], container?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const n of nodes) {
    const info: SymbolInformation = {
      name: n.name || '(unnamed)',
      kind: SYMBOL_KINDS[n.kind] ?? SymbolKind.String,
      location: { uri: doc.uri, range: lineRange(a, doc, n.startLine, n.endLine) },
    };
    if (container) info.containerName = container;
    out.push(info, ...toSymbolInformation(a, doc, n.children, n.name));
  }
  return out;
}
