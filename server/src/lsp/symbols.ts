// The outline (textDocument/documentSymbol) and folding ranges (textDocument/foldingRange): the
// handlers, built from their dependencies, and the conversion of outline nodes to LSP symbols.
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams, type FoldingRange, type FoldingRangeParams, type SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OutlineFold, OutlineKind, OutlineNode } from '../model/outline';
import { lastLineOf, lineRange, type LineView } from './positions';

/** A document's analysis as the handlers see it. */
export interface OutlineView extends LineView {
  /** Resolves once a worker-made analysis's outline and folds have arrived. */
  extras?: Promise<void>;
}

export interface SymbolDeps<A extends OutlineView> {
  /** The client's capabilities (read at each request: they are known after initialize). */
  client: { hierarchicalSymbols: boolean; foldingRangeLimit?: number };
  /** The latest outlined analysis moved past edits not analysed yet, if one is at hand. */
  shiftedView(uri: string): Promise<{ doc: TextDocument; analysis: A } | null>;
  /** The document's analysis of its current version. */
  analysisOf(uri: string): Promise<{ doc: TextDocument; analysis: A } | null>;
  outlineOf(a: A): OutlineNode[];
  foldsOf(a: A): OutlineFold[];
  /** Notes an analysis whose outline was given (the next shifted views start from it). */
  noteOutlined(uri: string, a: A): void;
}

/** The documentSymbol handler. */
export function createDocumentSymbolHandler<A extends OutlineView>(deps: SymbolDeps<A>) {
  return async (params: DocumentSymbolParams): Promise<DocumentSymbol[] | SymbolInformation[] | null> => {
    const shifted = await deps.shiftedView(params.textDocument.uri);
    const r = shifted ?? (await deps.analysisOf(params.textDocument.uri));
    if (!r) return null;
    await r.analysis.extras; // a big document's outline follows its findings (when no older one is at hand)
    const outline = deps.outlineOf(r.analysis);
    if (!shifted) deps.noteOutlined(r.doc.uri, r.analysis); // (made here if the worker could not: the next shifts start from it)
    return deps.client.hierarchicalSymbols
      ? outline.map((n) => toDocumentSymbol(r.analysis, r.doc, n))
      : toSymbolInformation(r.analysis, r.doc, outline);
  };
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

export function toDocumentSymbol(a: LineView, doc: TextDocument, node: OutlineNode): DocumentSymbol {
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
