// The Corpus Curator language server. Runs under the VS Code client (IPC) or standalone
// (`node dist/server.js --stdio`); `createConnection` picks the transport from argv.
//
// Handlers stay thin: each one gets the cached analysis of the document (parsed once per version)
// and converts model results (0-based lines, UTF-16 columns into Article.text) to LSP shapes.
// Extension points for later features are marked "EXTENSION POINT".
import {
  createConnection,
  DidChangeConfigurationNotification,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InitializeParams,
  InitializeResult,
  MarkupKind,
  MessageType,
  Position,
  ProposedFeatures,
  Range,
  ShowMessageNotification,
  SymbolInformation,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseArticle } from './model/article';
import { buildOutline, foldingRanges, type OutlineFold, type OutlineKind, type OutlineNode } from './model/outline';
import { dumpPreview, dumpRecords } from './model/phpdump';
import type { Article, Block } from './model/types';

// ---- Settings ------------------------------------------------------------------------------------

interface CuratorSettings {
  /** Documents larger than this many bytes (UTF-8) are not analysed. */
  maxFileSize: number;
}

const DEFAULT_SETTINGS: Readonly<CuratorSettings> = { maxFileSize: 5 * 1024 * 1024 };

function normalizeSettings(raw: unknown): CuratorSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const max = s.maxFileSize;
  return {
    maxFileSize: typeof max === 'number' && Number.isFinite(max) && max >= 0 ? max : DEFAULT_SETTINGS.maxFileSize,
  };
}

// ---- Connection and client capabilities ----------------------------------------------------------

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

const client = {
  configuration: false,
  dynamicConfiguration: false,
  hierarchicalSymbols: false,
  hoverMarkdown: false,
  foldingRangeLimit: undefined as number | undefined,
};

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  client.configuration = !!caps.workspace?.configuration;
  client.dynamicConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  client.hierarchicalSymbols = !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
  client.hoverMarkdown = !!caps.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown);
  client.foldingRangeLimit = caps.textDocument?.foldingRange?.rangeLimit;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: { label: 'Corpus Curator' },
      foldingRangeProvider: true,
      hoverProvider: true,
      // EXTENSION POINT: codeActionProvider, diagnosticProvider, … are advertised here.
    },
    serverInfo: { name: 'corpus-curator' },
  };
});

connection.onInitialized(() => {
  if (client.configuration && client.dynamicConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'corpusCurator' });
  }
});

// Settings: pulled per document via workspace/configuration when the client supports it; otherwise
// whatever the client pushes with didChangeConfiguration, else the defaults.
let pushedSettings: CuratorSettings = { ...DEFAULT_SETTINGS };
const settingsCache = new Map<string, Promise<CuratorSettings>>();

function settingsFor(uri: string): Promise<CuratorSettings> {
  if (!client.configuration) return Promise.resolve(pushedSettings);
  let p = settingsCache.get(uri);
  if (!p) {
    p = connection.workspace.getConfiguration({ scopeUri: uri, section: 'corpusCurator' }).then(
      normalizeSettings,
      () => ({ ...DEFAULT_SETTINGS }),
    );
    settingsCache.set(uri, p);
  }
  return p;
}

connection.onDidChangeConfiguration((change) => {
  const pushed = (change.settings as Record<string, unknown> | null | undefined)?.corpusCurator;
  if (pushed !== undefined) pushedSettings = normalizeSettings(pushed);
  settingsCache.clear();
  analyses.clear(); // size limits may have changed
  tooLargeWarned.clear();
  for (const doc of documents.all()) validate(doc);
});

// ---- Analysis cache (one parse per document version) ----------------------------------------------

interface Analysis {
  version: number;
  /** Set when the document is over `corpusCurator.maxFileSize`: no article, no features. */
  tooLarge?: { bytes: number; limit: number };
  article?: Article;
  /** 1 when the document text starts with a BOM that Article.text does not have (line 0 shifts). */
  bomShift: number;
  outline?: OutlineNode[];
  folds?: OutlineFold[];
}

const analyses = new Map<string, Analysis>();
const tooLargeWarned = new Set<string>();

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

function analyse(doc: TextDocument, settings: CuratorSettings): Analysis {
  const text = doc.getText();
  const limit = settings.maxFileSize;
  // UTF-8 is at most 3 bytes per UTF-16 unit: skip the exact count for documents clearly under the limit.
  const bytes = text.length * 3 <= limit ? -1 : Buffer.byteLength(text, 'utf8');
  if (bytes > limit) {
    if (!tooLargeWarned.has(doc.uri)) {
      tooLargeWarned.add(doc.uri);
      const name = decodeURIComponent(doc.uri.replace(/^.*\//, '')) || doc.uri;
      const msg =
        `Corpus Curator: ${name} is ${formatSize(bytes)}, over the corpusCurator.maxFileSize limit ` +
        `(${formatSize(limit)}); it is not analysed (no outline, folding or hovers).`;
      connection.console.warn(msg);
      // A notification, not window/showMessageRequest: nothing to answer, nothing to wait for.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: msg });
    }
    return { version: doc.version, tooLarge: { bytes, limit }, bomShift: 0 };
  }
  tooLargeWarned.delete(doc.uri);
  try {
    const article = parseArticle(text);
    const bomShift = article.hadBom && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { version: doc.version, article, bomShift };
  } catch (err) {
    connection.console.error(`Corpus Curator: could not parse ${doc.uri}: ${(err as Error)?.stack ?? err}`);
    return { version: doc.version, bomShift: 0 };
  }
}

/** The analysis of the document's current version, parsing only when the version changed. */
async function analysisOf(uri: string): Promise<{ doc: TextDocument; analysis: Analysis } | null> {
  const first = documents.get(uri);
  if (!first) return null;
  const cached = analyses.get(uri);
  if (cached && cached.version === first.version) return { doc: first, analysis: cached };
  const settings = await settingsFor(uri);
  const doc = documents.get(uri); // may have changed (or closed) while settings were fetched
  if (!doc) return null;
  const again = analyses.get(uri);
  if (again && again.version === doc.version) return { doc, analysis: again };
  const analysis = analyse(doc, settings);
  analyses.set(uri, analysis);
  return { doc, analysis };
}

function outlineOf(a: Analysis): OutlineNode[] {
  if (!a.article) return [];
  return (a.outline ??= buildOutline(a.article));
}

function foldsOf(a: Analysis): OutlineFold[] {
  if (!a.article) return [];
  return (a.folds ??= foldingRanges(a.article, outlineOf(a)));
}

// ---- Positions ---------------------------------------------------------------------------------
// Article line numbers equal document line numbers; columns are UTF-16 offsets into the line. The only
// difference is a leading BOM: it is in the document's line 0 but not in Article.text.

function lastLineOf(a: Analysis, doc: TextDocument): number {
  const n = a.article ? a.article.lines.length : doc.lineCount;
  return Math.max(0, Math.min(n, doc.lineCount) - 1);
}

/** Length of a line in document columns (without its EOL: ranges end before `\r`). */
function lineLength(a: Analysis, line: number): number {
  const info = a.article?.lines[line];
  if (!info) return 0;
  return info.end - info.start + (line === 0 ? a.bomShift : 0);
}

function lineRange(a: Analysis, doc: TextDocument, startLine: number, endLine: number): Range {
  const last = lastLineOf(a, doc);
  const s = Math.min(Math.max(0, startLine), last);
  const e = Math.min(Math.max(s, endLine), last);
  return { start: Position.create(s, 0), end: Position.create(e, lineLength(a, e)) };
}

function blockAtLine(article: Article, line: number): Block | null {
  const blocks = article.blocks;
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid];
    if (line < b.startLine) hi = mid - 1;
    else if (line > b.endLine) lo = mid + 1;
    else return b;
  }
  return null;
}

// ---- Document symbols --------------------------------------------------------------------------

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
};

function toDocumentSymbol(a: Analysis, doc: TextDocument, node: OutlineNode): DocumentSymbol {
  const range = lineRange(a, doc, node.startLine, node.endLine);
  const sel = Math.min(Math.max(node.selectionStartLine, range.start.line), range.end.line);
  const symbol: DocumentSymbol = {
    name: node.name || '(unnamed)',
    kind: SYMBOL_KINDS[node.kind] ?? SymbolKind.String,
    range,
    selectionRange: lineRange(a, doc, sel, sel),
    children: node.children.map((c) => toDocumentSymbol(a, doc, c)),
  };
  if (node.detail) symbol.detail = node.detail;
  return symbol;
}

function toSymbolInformation(a: Analysis, doc: TextDocument, nodes: OutlineNode[], container?: string): SymbolInformation[] {
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

connection.onDocumentSymbol(async (params) => {
  const r = await analysisOf(params.textDocument.uri);
  if (!r) return null;
  const outline = outlineOf(r.analysis);
  return client.hierarchicalSymbols
    ? outline.map((n) => toDocumentSymbol(r.analysis, r.doc, n))
    : toSymbolInformation(r.analysis, r.doc, outline);
});

// ---- Folding -----------------------------------------------------------------------------------

connection.onFoldingRanges(async (params) => {
  const r = await analysisOf(params.textDocument.uri);
  if (!r) return null;
  const last = lastLineOf(r.analysis, r.doc);
  let folds: FoldingRange[] = foldsOf(r.analysis)
    .filter((f) => f.startLine < f.endLine && f.endLine <= last)
    .map((f) => (f.kind ? { startLine: f.startLine, endLine: f.endLine, kind: f.kind } : { startLine: f.startLine, endLine: f.endLine }));
  if (client.foldingRangeLimit !== undefined && folds.length > client.foldingRangeLimit) {
    folds = folds.slice(0, client.foldingRangeLimit);
  }
  return folds;
});

// ---- Hover -------------------------------------------------------------------------------------

const KIND_LABELS: Record<string, string> = {
  'php-dump': 'PHP dump',
};

function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** Minimal Markdown/plain-text builder so hovers degrade for clients without Markdown. */
class HoverText {
  private readonly parts: string[] = [];
  constructor(private readonly md: boolean) {}
  bold(s: string): string {
    return this.md ? `**${this.esc(s)}**` : s;
  }
  code(s: string): string {
    if (!this.md) return s;
    const ticks = '`'.repeat(Math.max(1, ...Array.from(s.matchAll(/`+/g), (m) => m[0].length + 1)));
    return `${ticks}${ticks.length > 1 ? ' ' : ''}${s}${ticks.length > 1 ? ' ' : ''}${ticks}`;
  }
  esc(s: string): string {
    // Inline specials, plus block markers at the start (#, >, +, -, 1.) that would restructure the line.
    return this.md ? s.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/^(\s*)([#+-]|\d+\.)/, '$1\\$2') : s;
  }
  line(s: string): this {
    this.parts.push(s);
    return this;
  }
  block(s: string): this {
    if (this.md) {
      const fence = '`'.repeat(Math.max(3, ...Array.from(s.matchAll(/`{3,}/g), (m) => m[0].length + 1)));
      this.parts.push(`${fence}text\n${s}\n${fence}`);
    } else this.parts.push(s);
    return this;
  }
  toString(): string {
    return this.parts.join('\n\n');
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function hoverFor(block: Block): string | null {
  const h = new HoverText(client.hoverMarkdown);
  const reason = block.reason ? ` — ${h.esc(block.reason)}` : '';
  switch (block.kind) {
    case 'blank':
      return null;
    case 'dateline': {
      const d = block.date;
      if (!d) {
        h.line(`${h.bold('Dateline')} — the date was not understood${reason}`);
        break;
      }
      h.line(`${h.bold('Dateline')} ${h.code(d.iso)}`);
      const parts = [`year ${d.year}`, `month ${d.month}`, `day ${d.day}`];
      if (d.hour !== undefined) {
        parts.push(`time ${pad2(d.hour)}:${pad2(d.minute ?? 0)}${d.second !== undefined ? ':' + pad2(d.second) : ''}`);
      }
      if (d.offsetMinutes !== undefined) {
        const m = Math.abs(d.offsetMinutes);
        parts.push(`UTC${d.offsetMinutes < 0 ? '−' : '+'}${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`);
      } else parts.push('no time zone stated');
      h.line(parts.join(' · '));
      break;
    }
    case 'php-dump': {
      const dump = block.dump;
      if (!dump) {
        h.line(`${h.bold('PHP dump')}${reason}`);
        break;
      }
      let count: string;
      try {
        const n = dumpRecords(dump).length;
        count = `${n} ${n === 1 ? 'record' : 'records'}`;
      } catch {
        count = 'records unreadable';
      }
      const lines = dump.endLine - dump.startLine + 1;
      h.line(`${h.bold('PHP dump')} (${h.code(dump.format)}) — ${count}, ${lines} lines${dump.truncated ? ', truncated' : ''}`);
      let preview = '';
      try {
        preview = dumpPreview(dump, 12);
      } catch {
        preview = '';
      }
      if (preview.trim()) h.block(preview);
      break;
    }
    default: {
      h.line(`${h.bold(kindLabel(block.kind))}${reason}`);
      if (block.inlineKicker) h.line(`Kicker: ${h.esc(block.inlineKicker.text)}`);
      if (block.sourcePrefix) h.line(`Source prefix: ${h.code(block.sourcePrefix)}`);
      break;
    }
  }
  return h.toString();
}

connection.onHover(async (params): Promise<Hover | null> => {
  const r = await analysisOf(params.textDocument.uri);
  const article = r?.analysis.article;
  if (!r || !article) return null;
  const block = blockAtLine(article, params.position.line);
  if (!block) return null;
  const value = hoverFor(block);
  if (!value) return null;
  return {
    contents: { kind: client.hoverMarkdown ? MarkupKind.Markdown : MarkupKind.PlainText, value },
    range: lineRange(r.analysis, r.doc, block.startLine, block.endLine),
  };
});

// ---- Validation --------------------------------------------------------------------------------

/**
 * EXTENSION POINT for diagnostics: called after every open and change of a document and for every
 * open document after a settings change. It publishes nothing yet. Diagnostics go here:
 * `const r = await analysisOf(doc.uri)`, skip `r.analysis.tooLarge`, then
 * `connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics })` (debounce per uri).
 * Code actions register with `connection.onCodeAction` beside the other handlers, reusing analysisOf.
 */
function validate(doc: TextDocument): void {
  void doc;
}

documents.onDidChangeContent((e) => validate(e.document));

documents.onDidClose((e) => {
  analyses.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  tooLargeWarned.delete(e.document.uri);
});

connection.onShutdown(() => {
  analyses.clear();
  settingsCache.clear();
});

documents.listen(connection);
connection.listen();
