// The Corpus Curator language server. Runs under the VS Code client (IPC) or standalone
// (`node dist/server.js --stdio`); `createConnection` picks the transport from argv. Importing this
// file does nothing: `run()` creates the connection and wires the handlers.
//
// Handlers stay thin and live in ./lsp, each built by a factory from its explicit dependencies:
// settings (lsp/settings.ts), outline and folding (lsp/symbols.ts), hovers (lsp/hover.ts), code
// actions and commands (lsp/codeActions.ts, lsp/commands.ts), the corpus requests
// (corpusHandlers.ts → lsp/corpus/*). What stays here is the per-document state they share: the
// analysis of each version (parsed once, on this thread or a worker's), the edits not analysed yet,
// and the validation scheduler that publishes diagnostics.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  CodeActionKind,
  ErrorCodes,
  Message,
  ShutdownRequest,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  type Disposable,
  WatchKind,
  InitializeParams,
  InitializeResult,
  MarkupKind,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseArticle } from './model/article';
import { keepTexts, LineCache } from './model/lineCache';
import { analyzeArticle, compareFindings, CORPUS_RULE_CODES, knowledgeFor } from './engine/analyze';
import { OFF_THREAD_CHARS, OffThreadAnalyzer } from './lsp/offThread';
import { PROJECT_FILE, type Config } from './engine/config';
import { SettingsSource } from './lsp/settings';
import type { Finding } from './rules/types';
import { PositionMapper, toDiagnostics } from './lsp/convert';
import { editSpan, shiftFindings, type EditSpan } from './lsp/shift';
import { splitLines } from './model/recognize';
import { codeActions, fixAllEdits, FIX_ALL_KIND, FIX_ALL_UNSAFE_KIND, type DocState } from './lsp/codeActions';
import { COMMAND_LIST, executeCommand, fsPathOf, type CommandHost } from './lsp/commands';
import { editSupport, type EditSupport } from './lsp/edits';
import { configureLocale, t } from './lsp/l10n';
import { currentLocale } from './l10n';
import { ProjectFiles } from './lsp/project';
import { checkInWorkspace, WorkspaceTrust } from './lsp/workspace';
import { CorpusMethods } from './protocol';
import { buildOutline, foldingRanges, type OutlineFold, type OutlineNode } from './model/outline';
import { createDocumentSymbolHandler, createFoldingRangeHandler, SymbolsMade, type ShiftedView, type SymbolDeps } from './lsp/symbols';
import { createHoverHandler } from './lsp/hover';
import type { Article, Block } from './model/types';
import { WorkspaceCorpus } from './lsp/corpusScan';
import { ValidationScheduler } from './lsp/validation';
import { createDocConfigs, type DocConfig } from './lsp/docConfig';
import { IndexService } from './index/service';
import { registerCorpusHandlers } from './corpusHandlers';

/**
 * Starts the server: creates the connection (the transport from argv: `--stdio`, IPC under VS Code,
 * …), builds the handlers from their modules with their dependencies, and listens. Importing this
 * file does nothing; `node dist/server.js` runs it.
 */
export function run(): void {
  // ---- Connection and client capabilities ----------------------------------------------------------

  // After `shutdown` the server serves no more requests: each is answered with InvalidRequest (LSP
  // spec). The connection's message strategy sees every message in order, before any handler.
  let shutdownReceived = false;
  const AFTER_SHUTDOWN = '$/corpusCurator/afterShutdown';
  const connection = createConnection(ProposedFeatures.all, {
    messageStrategy: {
      handleMessage(message, next) {
        if (Message.isRequest(message)) {
          if (shutdownReceived) return next({ ...message, method: AFTER_SHUTDOWN } as Message);
          if (message.method === ShutdownRequest.method) shutdownReceived = true;
        }
        return next(message);
      },
    },
  });
  connection.onRequest(AFTER_SHUTDOWN, () => {
    throw new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
  });
  const documents = new TextDocuments(TextDocument);

  const client = {
    /** The client runs Corpus Curator's own commands (the VS Code extension says so). */
    clientCommands: false,
    configuration: false,
    dynamicConfiguration: false,
    hierarchicalSymbols: false,
    hoverMarkdown: false,
    foldingRangeLimit: undefined as number | undefined,
    edits: editSupport({}) as EditSupport,
    disabledCodeActions: false,
    watchedFilesDynamic: false,
    workspaceFolderEvents: false,
    /** The outline provider is registered dynamically (and registered again when the locale changes). */
    symbolsDynamic: false,
  };
  /** The dynamic registration of the outline provider, when there is one. */
  let symbolsRegistration: Promise<Disposable> | undefined;
  const symbolOptions = { documentSelector: null, label: 'Corpus Curator' };
  /**
   * The outline's labels are in the user's language, and VS Code keeps an outline until the
   * document changes or its provider does: after a locale change the provider is registered again,
   * so that the outline is asked for anew.
   */
  function registerSymbols(): void {
    const before = symbolsRegistration;
    symbolsRegistration = (async () => {
      if (before) (await before.catch(() => undefined))?.dispose();
      return connection.client.register(DocumentSymbolRequest.type, symbolOptions);
    })();
    symbolsRegistration.catch(() => undefined);
  }

  /** Where the corpus index caches its summaries (the client's global storage), if given. */
  let storagePath: string | undefined;

  /** Workspace trust (VS Code's Restricted Mode): set from initializationOptions and corpusCurator/workspaceTrust. */
  const trust = new WorkspaceTrust();
  // corpusCurator.locale changed: the messages, hovers and outline in the new language
  connection.onNotification(CorpusMethods.locale, (p: { locale?: unknown } | null) => {
    const before = currentLocale();
    if (typeof p?.locale !== 'string' || configureLocale(p.locale) === before) return;
    analyses.clear();
    outlined.clear(); // (the outlines given, whose labels are in the old language)
    spans.clear();
    outlineSpans.clear();
    lineCaches.clear(); // (the rules keep their per-line findings there, with their words)
    for (const doc of documents.all()) validate(doc, 0);
    if (client.symbolsDynamic) registerSymbols();
  });
  connection.onNotification(CorpusMethods.workspaceTrust, (p: { trusted?: unknown } | null) => {
    trust.trusted = p?.trusted !== false;
  });

  /** Workspace folders (absolute paths), longest first: where a new project file goes. */
  let workspaceFolders: string[] = [];

  function setWorkspaceFolders(uris: string[]): void {
    workspaceFolders = uris
      .map((u) => fsPathOf(u))
      .filter((p): p is string => !!p)
      .sort((a, b) => b.length - a.length);
    projects.setFolders(workspaceFolders);
  }

  function workspaceFolderOf(file: string): string | undefined {
    return workspaceFolders.find((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    client.configuration = !!caps.workspace?.configuration;
    client.dynamicConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    client.hierarchicalSymbols = !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
    client.hoverMarkdown = !!caps.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown);
    client.foldingRangeLimit = caps.textDocument?.foldingRange?.rangeLimit;
    client.edits = editSupport(caps);
    client.disabledCodeActions = !!caps.textDocument?.codeAction?.disabledSupport;
    client.watchedFilesDynamic = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    client.symbolsDynamic = !!caps.textDocument?.documentSymbol?.dynamicRegistration;
    client.workspaceFolderEvents = !!caps.workspace?.workspaceFolders;
    const init = params.initializationOptions as { storagePath?: unknown; locale?: unknown; clientCommands?: unknown } | undefined;
    client.clientCommands = init?.clientCommands === true;
    // the language of the messages: the client's corpusCurator.locale (sent as initializationOptions.locale), else the client's
    configureLocale(typeof init?.locale === 'string' ? init.locale : params.locale);
    storagePath = typeof init?.storagePath === 'string' ? init.storagePath : undefined;
    trust.init(init);
    if (params.workspaceFolders) setWorkspaceFolders(params.workspaceFolders.map((f) => f.uri));
    else if (params.rootUri) setWorkspaceFolders([params.rootUri]);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(client.symbolsDynamic ? {} : { documentSymbolProvider: { label: symbolOptions.label } }),
        foldingRangeProvider: true,
        hoverProvider: true,
        // Format Document applies the safe fixes (as vscode-markdownlint does)
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND, FIX_ALL_UNSAFE_KIND] },
        executeCommandProvider: { commands: COMMAND_LIST },
        ...(client.workspaceFolderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'corpus-curator' },
    };
  });

  connection.onInitialized(() => {
    if (client.symbolsDynamic) registerSymbols();
    if (client.configuration && client.dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'corpusCurator' });
    }
    if (client.watchedFilesDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        // the project file; corpus articles; and deletions of anything (a deleted folder is one event)
        watchers: [{ globPattern: `**/${PROJECT_FILE}` }, { globPattern: '**/*.txt' }, { globPattern: '**/*', kind: WatchKind.Delete }],
      });
    }
    if (client.workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => fsPathOf(f.uri)));
        const kept = workspaceFolders.filter((f) => !removed.has(f)).map((f) => pathToFileURL(f).href);
        setWorkspaceFolders([...kept, ...e.added.map((f) => f.uri)]);
        void corpus.scan();
      });
    }
    // index the corpus off the request path (worker threads), after start-up has settled
    setTimeout(() => void corpus.scan(), 0);
  });

  // The project file: re-read when its mtime changes (checked on every analysis), and right away
  // when the client reports a change of any `.corpus-curator.json`.
  const projects = new ProjectFiles();

  function projectChanged(): void {
    projects.invalidate();
    void corpus.configChanged();
    analyses.clear();
    for (const doc of documents.all()) validate(doc, 0);
  }

  connection.onDidChangeWatchedFiles((e) => {
    if (e.changes.some((c) => c.uri.endsWith('/' + PROJECT_FILE))) projectChanged();
    void corpus.filesChanged(e.changes);
  });

  // Settings: pulled per document, else pushed, else the defaults (lsp/settings.ts)
  const settingsSource = new SettingsSource({
    canPull: () => client.configuration,
    pull: (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'corpusCurator' }),
  });
  const settingsFor = (uri: string) => settingsSource.settingsFor(uri);

  connection.onDidChangeConfiguration((change) => {
    settingsSource.changed((change.settings as Record<string, unknown> | null | undefined)?.corpusCurator);
    analyses.clear(); // size limits may have changed
    tooLargeWarned.clear();
    void corpus.configChanged();
    for (const doc of documents.all()) validate(doc, 0);
  });

  // ---- Per-document configuration: editor settings merged with the nearest project file ----------

  const configFor = createDocConfigs({
    settings: settingsSource,
    projects,
    warn: (message) => {
      connection.console.warn(message);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    },
  });

  // ---- Analysis cache (one parse per document version) ----------------------------------------------

  interface Analysis {
    version: number;
    /** DocConfig.key of the configuration the analysis was made with. */
    configKey: string;
    config: Config;
    file?: string;
    /** Set when the document is over `corpusCurator.maxFileSize`: no article, no features. */
    tooLarge?: { bytes: number; limit: number };
    article?: Article;
    /** 1 when the document text starts with a BOM that Article.text does not have (line 0 shifts). */
    bomShift: number;
    outline?: OutlineNode[];
    folds?: OutlineFold[];
    /**
     * For an analysis made off the main thread: resolves once what follows its findings has arrived
     * (the outline and the folds). Never rejects.
     */
    extras?: Promise<void>;
    /** For an analysis made off the main thread: a line's hover reason in its block, asked of the worker (once). Never rejects. */
    reasonFor?: (block: Block, line: number) => Promise<string | undefined>;
    /** The rules' findings (computed on first use), and their diagnostics. */
    findings?: Finding[];
    /** The per-file rules' findings, when the analysis was made off the main thread (the corpus rules run here). */
    fileFindings?: Finding[];
    diagnostics?: Diagnostic[];
  }

  const analyses = new Map<string, Analysis>();
  /** Per open document read on this thread: what its lines' own text gave in its earlier analyses. */
  const lineCaches = new Map<string, LineCache>();
  const tooLargeWarned = new Set<string>();

  function formatSize(bytes: number): string {
    if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
    if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${bytes} bytes`;
  }

  /** The text's size in UTF-8 bytes when it may be over `limit`, else -1 (UTF-8 is at most 3 bytes per UTF-16 unit: no exact count for texts clearly under it). */
  function bytesIfNear(text: string, limit: number): number {
    return text.length * 3 <= limit ? -1 : Buffer.byteLength(text, 'utf8');
  }

  function analyse(doc: TextDocument, dc: DocConfig): Analysis {
    const text = doc.getText();
    const limit = dc.settings.maxFileSize;
    const base = { version: doc.version, configKey: dc.key, config: dc.config, file: dc.file };
    const bytes = bytesIfNear(text, limit);
    if (bytes > limit) {
      if (!tooLargeWarned.has(doc.uri)) {
        tooLargeWarned.add(doc.uri);
        const name = decodeURIComponent(doc.uri.replace(/^.*\//, '')) || doc.uri;
        const msg = t(
          'Corpus Curator: {0} is {1}, over the corpusCurator.maxFileSize limit ({2}); it is not analysed (no diagnostics, outline, folding or hovers).',
          name,
          formatSize(bytes),
          formatSize(limit),
        );
        connection.console.warn(msg);
        // A notification, not window/showMessageRequest: nothing to answer, nothing to wait for.
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: msg });
      }
      return { ...base, tooLarge: { bytes, limit }, bomShift: 0 };
    }
    tooLargeWarned.delete(doc.uri);
    try {
      // a file of the indexed corpus is read with its site's template (lines recurring across files)
      const frequency = dc.file !== undefined && corpusService.index.has(dc.file) ? corpusService.index.lineFrequency() : undefined;
      let cache = lineCaches.get(doc.uri);
      if (!cache) lineCaches.set(doc.uri, (cache = new LineCache()));
      const article = parseArticle(text, knowledgeFor(dc.config), { frequency, cache });
      const bomShift = article.hadBom && text.charCodeAt(0) === 0xfeff ? 1 : 0;
      return { ...base, article, bomShift };
    } catch (err) {
      connection.console.error(`Corpus Curator: could not parse ${doc.uri}: ${(err as Error)?.stack ?? err}`);
      return { ...base, bomShift: 0 };
    }
  }

  const offThread = new OffThreadAnalyzer(path.join(__dirname, 'analysisWorker.js'));
  /** Analyses under way off the main thread, per document: for which version and configuration. */
  const offThreadPending = new Map<string, { key: string; promise: Promise<Analysis | null> }>();

  /** Per big document in the corpus: its lines' keys, for frequencyFor (dropped when it closes). */
  const frequencyKeys = new Map<string, LineCache>();

  /** The corpus' line counts for a document's short lines (what the recognizer reads as a site's template). */
  function frequencyFor(uri: string, text: string, file: string | undefined): { size: number; counts: Array<[string, number]> } | undefined {
    if (file === undefined || !corpusService.index.has(file)) return undefined;
    const freq = corpusService.index.lineFrequency();
    const counts: Array<[string, number]> = [];
    const seen = new Set<string>();
    // the lines' keys are kept between keystrokes: only the edited lines are read again here
    let cache = frequencyKeys.get(uri);
    if (!cache) frequencyKeys.set(uri, (cache = new LineCache()));
    for (const line of text.split(/\r\n|\r|\n/, 50_000)) {
      if (line.length > 900) continue;
      const f = cache.facts(line);
      if (f.blank || f.folded.length > 300 || seen.has(f.key)) continue;
      seen.add(f.key);
      const c = freq.count(f.key);
      if (c > 0) counts.push([f.key, c]);
    }
    cache.turn();
    return { size: freq.size, counts };
  }

  /** A big document's analysis, made by the worker; null when a newer version overtook it. */
  async function analyseOffThread(doc: TextDocument, dc: DocConfig, text: string): Promise<Analysis | null> {
    const base = { version: doc.version, configKey: dc.key, config: dc.config, file: dc.file };
    try {
      const r = await offThread.analyze(doc.uri, doc.version, { text, config: dc.config, file: dc.file, frequency: frequencyFor(doc.uri, text, dc.file), locale: currentLocale() });
      if (!r) return null;
      const bomShift = r.article.hadBom && text.charCodeAt(0) === 0xfeff ? 1 : 0;
      // a line's hover reason, asked of the worker once (it works reasons out only when asked)
      const asked = new WeakMap<Block, Map<number, Promise<string | undefined>>>();
      const reasonFor = (block: Block, line: number): Promise<string | undefined> => {
        let lines = asked.get(block);
        if (!lines) asked.set(block, (lines = new Map()));
        let p = lines.get(line);
        if (!p) {
          const i = r.article.blocks.indexOf(block);
          p = i < 0 ? Promise.resolve(undefined) : r.reason(i, line);
          lines.set(line, p);
        }
        return p;
      };
      const analysis: Analysis = { ...base, article: r.article, fileFindings: r.findings, bomShift, reasonFor };
      analysis.extras = r.extras.then((x) => {
        if (x) {
          analysis.outline ??= x.outline;
          analysis.folds ??= x.folds;
        }
        noteOutlined(doc.uri, analysis);
        // its symbols made now, while no request waits: the outline asked after the next keystroke moves them
        if (x && client.hierarchicalSymbols) setImmediate(() => { if (outlined.get(doc.uri) === analysis) symbolsMade.of(analysis); });
      });
      return analysis;
    } catch (err) {
      connection.console.error(`Corpus Curator: could not parse ${doc.uri}: ${(err as Error)?.stack ?? err}`);
      return { ...base, bomShift: 0 };
    }
  }

  /**
   * The analysis of the document's current version, parsing only when the version changed. A big
   * document is read off the main thread: meanwhile every other request is answered; the requests
   * about this document wait for the version they were asked about, or a newer one.
   */
  async function analysisOf(uri: string): Promise<{ doc: TextDocument; analysis: Analysis } | null> {
    for (;;) {
      if (!documents.get(uri)) return null;
      const dc = await configFor(uri, fsPathOf(uri));
      const doc = documents.get(uri); // may have changed (or closed) while settings were fetched
      if (!doc) return null;
      const cached = analyses.get(uri);
      if (cached && cached.version === doc.version && cached.configKey === dc.key) return { doc, analysis: cached };
      const text = doc.getText();
      const limit = dc.settings.maxFileSize;
      const overLimit = bytesIfNear(text, limit) > limit;
      if (text.length < OFF_THREAD_CHARS || overLimit) {
        const analysis = analyse(doc, dc);
        analyses.set(uri, analysis);
        return { doc, analysis };
      }
      const key = `${doc.version}|${dc.key}`;
      let pending = offThreadPending.get(uri);
      if (!pending || pending.key !== key) {
        pending = { key, promise: analyseOffThread(doc, dc, text) };
        offThreadPending.set(uri, pending);
      }
      const analysis = await pending.promise;
      if (offThreadPending.get(uri) === pending) offThreadPending.delete(uri);
      if (analysis && documents.get(uri)?.version === analysis.version) {
        const current = analyses.get(uri);
        if (!current || current.version !== analysis.version || current.configKey !== analysis.configKey) analyses.set(uri, analysis);
        return { doc: documents.get(uri)!, analysis: analyses.get(uri)! };
      }
      // the document changed meanwhile: its newer version is (or will be) under way
    }
  }

  function findingsOf(uri: string, a: Analysis): Finding[] {
    if (!a.article) return [];
    if (!a.findings) {
      try {
        // the corpus rules see the index once the file is in it (not for untitled documents)
        const inCorpus = a.file !== undefined && corpusService.index.has(a.file);
        if (a.fileFindings) {
          // made off the main thread: the corpus rules' findings are added here, where the index is
          const extra = inCorpus ? analyzeArticle(a.article, { file: a.file, config: a.config, corpus: corpusService.index, only: CORPUS_RULE_CODES }).findings : [];
          a.findings = extra.length ? [...a.fileFindings, ...extra].sort(compareFindings) : a.fileFindings;
        } else a.findings = analyzeArticle(a.article, { file: a.file, config: a.config, corpus: inCorpus ? corpusService.index : undefined, cache: lineCaches.get(uri) }).findings;
      } catch (err) {
        connection.console.error(`Corpus Curator: analysis of ${uri} failed: ${(err as Error)?.stack ?? err}`);
        a.findings = [];
      }
    }
    return a.findings;
  }

  /**
   * At most this many problems of one document are published: a file that is no article (a data dump
   * of short lines) can hold hundreds of thousands, which the editor cannot show usefully and the
   * protocol carries slowly. The first ones, in document order, and a note saying how many there are.
   */
  const MAX_PUBLISHED = 10_000;

  function diagnosticsOf(doc: TextDocument, a: Analysis): Diagnostic[] {
    if (!a.article) return [];
    if (a.diagnostics) return a.diagnostics;
    const findings = findingsOf(doc.uri, a);
    const map = new PositionMapper(a.article, a.bomShift);
    if (findings.length <= MAX_PUBLISHED) return (a.diagnostics = toDiagnostics(findings, map, doc.uri, a.version, a.file));
    const shown = toDiagnostics(findings.slice(0, MAX_PUBLISHED), map, doc.uri, a.version, a.file);
    shown.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: 'corpus-curator',
      message: t(
        'Corpus Curator shows the first {0} of the {1} problems of this file; `corpus-curator lint` lists them all.',
        MAX_PUBLISHED.toLocaleString('en'),
        findings.length.toLocaleString('en'),
      ),
    });
    return (a.diagnostics = shown);
  }

  // ---- A first pass over a huge document ----------------------------------------------------------

  /**
   * A document over either size is read in two passes when it is opened (a data dump, a log, a word
   * list pasted into a file: millions of short lines take the whole analysis seconds). First its
   * beginning alone (FIRST_PASS_LINES lines, at most FIRST_PASS_CHARS characters, cut at a line end)
   * is analysed like a file of its own, and its diagnostics are published with a note saying so; then
   * the whole document's analysis replaces them. Requests wait for the whole analysis. Later edits
   * publish the whole analysis only (the first diagnostics are there by then).
   */
  const FIRST_PASS_ABOVE_LINES = 200_000;
  const FIRST_PASS_ABOVE_CHARS = 2_000_000;
  const FIRST_PASS_LINES = 5_000;
  const FIRST_PASS_CHARS = 256 * 1024;

  /** The beginning of a huge document that the first pass reads, or undefined (not huge, or no line end to cut at). */
  function firstPassText(doc: TextDocument): string | undefined {
    const text = doc.getText();
    if (text.length <= FIRST_PASS_ABOVE_CHARS && doc.lineCount <= FIRST_PASS_ABOVE_LINES) return undefined;
    const upTo = Math.min(FIRST_PASS_CHARS, doc.lineCount > FIRST_PASS_LINES ? doc.offsetAt({ line: FIRST_PASS_LINES, character: 0 }) : text.length);
    let cut = text.lastIndexOf('\n', upTo);
    if (cut <= 0) return undefined;
    if (text.charCodeAt(cut - 1) === 13) cut--;
    return text.slice(0, cut);
  }

  /**
   * Starts the first pass of a huge document just opened (none published yet): the analysis of its
   * beginning is queued before the whole one, and its diagnostics are published when they come,
   * unless the whole analysis (or a newer version) came first.
   */
  async function startFirstPass(uri: string, seq: number): Promise<void> {
    const doc = documents.get(uri);
    if (!doc || validation.hasPublished(uri) || analyses.get(uri)?.version === doc.version) return;
    const prefix = firstPassText(doc);
    if (prefix === undefined) return;
    const dc = await configFor(uri, fsPathOf(uri));
    if (documents.get(uri) !== doc || !validation.isCurrent(uri, seq)) return;
    const limit = dc.settings.maxFileSize;
    if (bytesIfNear(doc.getText(), limit) > limit) return; // not analysed at all
    const version = doc.version;
    const key = `${uri}#first-pass`;
    const lines = doc.lineCount;
    void offThread
      .analyze(key, version, { text: prefix, config: dc.config, file: dc.file, frequency: frequencyFor(key, prefix, dc.file), locale: currentLocale() })
      .then((r) => {
        offThread.forget(key);
        frequencyKeys.delete(key);
        // (the same document object: closed and opened again, it is another, whatever its version)
        if (!r || !validation.isCurrent(uri, seq) || documents.get(uri) !== doc || doc.version !== version) return;
        if (validation.lastStamp(uri)?.startsWith(`${version}|`)) return; // the whole analysis came first
        const bomShift = r.article.hadBom && prefix.charCodeAt(0) === 0xfeff ? 1 : 0;
        const map = new PositionMapper(r.article, bomShift);
        // not the findings of the version's (whole) analysis: code actions find them by code, hash and range
        const diagnostics = toDiagnostics(r.findings.slice(0, MAX_PUBLISHED), map, uri, -1, dc.file);
        diagnostics.push({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          source: 'corpus-curator',
          message: t(
            'Corpus Curator: a first look at lines 1–{0} of {1}, read on their own. The whole file is being analysed; its problems will replace these.',
            r.article.lines.length.toLocaleString('en'),
            lines.toLocaleString('en'),
          ),
        });
        validation.publishOther(uri, version, diagnostics, `first|${version}`);
      })
      .catch((err: unknown) => {
        offThread.forget(key);
        frequencyKeys.delete(key);
        connection.console.error(`Corpus Curator: the first pass over ${uri} failed: ${(err as Error)?.stack ?? err}`);
      });
  }

  /** What code actions and commands work from: the current version's analysis. */
  async function stateOf(uri: string): Promise<DocState | null> {
    const r = await analysisOf(uri);
    const a = r?.analysis;
    if (!r || !a?.article) return null;
    return {
      uri: r.doc.uri,
      version: r.doc.version,
      text: r.doc.getText(),
      file: a.file,
      config: a.config,
      map: new PositionMapper(a.article, a.bomShift),
      findings: findingsOf(r.doc.uri, a),
    };
  }

  function outlineOf(a: Analysis): OutlineNode[] {
    if (!a.article) return [];
    return (a.outline ??= buildOutline(a.article));
  }

  function foldsOf(a: Analysis): OutlineFold[] {
    if (!a.article) return [];
    return (a.folds ??= foldingRanges(a.article, outlineOf(a)));
  }

  // ---- Document symbols --------------------------------------------------------------------------

  /**
   * The edit between an analysis of a document and its current text, kept in `cache` per document
   * (one per analysis and version: each request after the same keystroke reuses it).
   */
  function spanSince(cache: Map<string, { base: Analysis; version: number; span: EditSpan }>, doc: TextDocument, base: Analysis & { article: Article }): EditSpan {
    const cached = cache.get(doc.uri);
    if (cached && cached.base === base && cached.version === doc.version) return cached.span;
    const raw = doc.getText();
    const text = base.bomShift && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const lines = splitLines(text);
    keepTexts(lines, base.article.lines); // (the unchanged lines' strings shared with the analysis: fewer survivors per keystroke)
    const span = editSpan(base.article.text, text, base.article.lines, lines);
    cache.set(doc.uri, { base, version: doc.version, span });
    return span;
  }

  /** The edits since a document's last analysis (shiftedState's), and since its latest outline (shiftedView's). */
  const spans = new Map<string, { base: Analysis; version: number; span: EditSpan }>();
  const outlineSpans = new Map<string, { base: Analysis; version: number; span: EditSpan }>();

  /**
   * The last analysis of a big document and how its text changed since, when its current version
   * is not analysed yet (it is being read off the main thread; this makes sure it is under way).
   */
  function pendingEdit(uri: string): { doc: TextDocument; prev: Analysis & { article: Article }; span: EditSpan } | null {
    const doc = documents.get(uri);
    const prev = analyses.get(uri);
    if (!doc || !prev?.article || prev.version === doc.version || doc.getText().length < OFF_THREAD_CHARS) return null;
    void analysisOf(uri); // make sure the current version is under way
    const base = prev as Analysis & { article: Article };
    return { doc, prev: base, span: spanSince(spans, doc, base) };
  }

  /** Per big document: its latest analysis whose outline and folds are at hand. */
  const outlined = new Map<string, Analysis & { article: Article }>();

  /** An analysis's outline and folds are at hand: it is what shiftedView moves until a newer one is. */
  function noteOutlined(uri: string, a: Analysis): void {
    if (!a.article || a.outline === undefined) return;
    const cur = outlined.get(uri);
    if (!cur || cur.version <= a.version) outlined.set(uri, a as Analysis & { article: Article });
  }

  /**
   * The outline and folds of a big document asked about while its current version is being read off
   * the main thread (or its outline is being made, just after its findings): the latest outline at
   * hand, with the lines after the edited ones shifted by the lines the edits added or removed. The
   * editor asks again after the next change; the diagnostics follow when the new version is read.
   * (Small documents are read at once, and get their own outline.)
   */
  async function shiftedView(uri: string): Promise<ShiftedView<Analysis> | null> {
    // no outline at hand yet (the first analysis's is on its way, right after its findings): that one
    const latest = analyses.get(uri);
    if (!outlined.has(uri) && latest?.extras && latest.outline === undefined) await latest.extras;
    const doc = documents.get(uri);
    const base = outlined.get(uri);
    if (!doc || !base || base.version === doc.version || doc.getText().length < OFF_THREAD_CHARS) return null;
    if (analyses.get(uri)?.version !== doc.version) void analysisOf(uri); // make sure the current version is under way
    const span = spanSince(outlineSpans, doc, base);
    const map = span.mapLine;
    const mapNode = (n: OutlineNode): OutlineNode => ({
      ...n,
      startLine: map(n.startLine),
      endLine: Math.max(map(n.startLine), map(n.endLine)),
      selectionStartLine: map(n.selectionStartLine),
      children: n.children.map(mapNode),
    });
    // the outline and folds moved when asked for (the outline's symbols are moved from the base's: symbols.ts)
    let outline: OutlineNode[] | undefined;
    let folds: OutlineFold[] | undefined;
    const analysis: Analysis = {
      ...base,
      version: doc.version,
      article: { ...base.article, text: span.text, lines: span.lines },
      get outline() {
        return (outline ??= base.outline!.map(mapNode));
      },
      get folds() {
        return (folds ??= foldsOf(base).map((f) => ({ ...f, startLine: map(f.startLine), endLine: map(f.endLine) })));
      },
      extras: undefined,
      findings: undefined,
      diagnostics: undefined,
    };
    return { doc, analysis, base, span };
  }

  /**
   * What code actions work from while a big document's new version is being read: the last
   * analysis's findings on the lines the edit did not touch, moved to the current text (shift.ts).
   * Each fix replaces the very characters it did, and is sent for the current version (the client
   * drops it if the document changed again). A fix-all over the file is not offered from it.
   */
  function shiftedState(uri: string): DocState | null {
    const e = pendingEdit(uri);
    if (!e) return null;
    const { doc, prev, span } = e;
    return {
      uri: doc.uri,
      version: doc.version,
      text: doc.getText(),
      file: prev.file,
      config: prev.config,
      map: new PositionMapper({ ...prev.article, text: span.text, lines: span.lines }, prev.bomShift),
      findings: shiftFindings(span, findingsOf(doc.uri, prev)),
      partial: true,
    };
  }

  const symbolsMade = new SymbolsMade<Analysis>(outlineOf);
  const symbolDeps: SymbolDeps<Analysis> = { client, shiftedView, analysisOf, outlineOf, foldsOf, noteOutlined, symbols: symbolsMade };
  connection.onDocumentSymbol(createDocumentSymbolHandler(symbolDeps));
  connection.onFoldingRanges(createFoldingRangeHandler(symbolDeps));

  // ---- Hover -------------------------------------------------------------------------------------

  connection.onHover(createHoverHandler({ client, analysisOf }));

  // ---- Validation --------------------------------------------------------------------------------

  const validation = new ValidationScheduler<Analysis>({
    document: (uri) => documents.get(uri),
    noDebounce: (doc) => doc.getText().length >= OFF_THREAD_CHARS,
    before: startFirstPass, // a huge document just opened: its beginning first
    analysisOf,
    diagnosticsOf: (doc, a) => (a.tooLarge ? [] : diagnosticsOf(doc, a)),
    send: (params) => connection.sendDiagnostics(params),
    error: (message) => connection.console.error(message),
  });
  const validate = (doc: TextDocument, delay?: number) => validation.validate(doc, delay);

  documents.onDidChangeContent((e) => validate(e.document));

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    validation.close(uri); // (cancels a validation under way, clears the diagnostics)
    analyses.delete(uri);
    spans.delete(uri);
    outlined.delete(uri);
    outlineSpans.delete(uri);
    frequencyKeys.delete(uri);
    lineCaches.delete(uri);
    offThread.forget(uri);
    settingsSource.forget(uri);
    tooLargeWarned.delete(uri);
  });

  // ---- Code actions and commands -------------------------------------------------------------------

  connection.onCodeAction(async (params) => {
    // a big document's new version being read: the last findings, where the edit did not reach
    const state = shiftedState(params.textDocument.uri) ?? (await stateOf(params.textDocument.uri));
    if (!state) return null;
    try {
      return await codeActions(state, params, {
        support: client.edits,
        disabledSupport: client.disabledCodeActions,
        trusted: trust.trusted,
        inWorkspace: (file) => checkInWorkspace(file, workspaceFolders),
        clientCommands: client.clientCommands,
      });
    } catch (err) {
      connection.console.error(`Corpus Curator: code actions for ${state.uri} failed: ${(err as Error)?.stack ?? err}`);
      return null;
    }
  });

  // Format Document: the safe fixes of the per-file rules, as minimal edits (the same as fix on save)
  connection.onDocumentFormatting(async (params) => {
    const state = await stateOf(params.textDocument.uri);
    if (!state) return null;
    try {
      return fixAllEdits(state.text, state.file, state.config).edits;
    } catch (err) {
      connection.console.error(`Corpus Curator: formatting ${state.uri} failed: ${(err as Error)?.stack ?? err}`);
      return null;
    }
  });

  /** An open document by URI, also when the client spells the file URI differently. */
  function documentFor(uri: string): TextDocument | undefined {
    const d = documents.get(uri);
    if (d) return d;
    const p = fsPathOf(uri);
    return p ? documents.all().find((x) => fsPathOf(x.uri) === p) : undefined;
  }

  const commandHost: CommandHost = {
    get support() {
      return client.edits;
    },
    document: documentFor,
    openDocuments: () => documents.all(),
    state: (uri) => stateOf(documentFor(uri)?.uri ?? uri),
    async configFor(uri, file) {
      const dc = await configFor(uri, file);
      return { config: dc.config, maxFileSize: dc.settings.maxFileSize };
    },
    async applyEdit(edit: WorkspaceEdit, label: string) {
      if (!client.edits.applyEdit) return false;
      try {
        const res = await connection.workspace.applyEdit({ label, edit });
        return !!res?.applied;
      } catch (err) {
        connection.console.error(`Corpus Curator: workspace/applyEdit failed: ${(err as Error)?.message ?? err}`);
        return false;
      }
    },
    showMessage(type, message) {
      void connection.sendNotification(ShowMessageNotification.type, { type, message });
    },
    workspaceFolderOf,
    workspaceFolders: () => workspaceFolders,
    trusted: () => trust.trusted,
    configAbove: async (file) => (await settingsFor(pathToFileURL(file).href)).useConfigAboveWorkspace,
    projects,
    projectChanged,
  };

  connection.onExecuteCommand(async (params, token, progress) => {
    try {
      return await executeCommand(commandHost, params.command, params.arguments ?? [], { token, progress });
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      connection.console.error(`Corpus Curator: command ${params.command} failed: ${(err as Error)?.stack ?? err}`);
      throw err;
    }
  });

  connection.onShutdown(async () => {
    validation.dispose();
    analyses.clear();
    settingsSource.forget();
    // shutdown is always answered: the index stops its workers and saves its cache, or gives up after
    // a few seconds (a read that never ends); `exit` ends the process either way
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_CLEANUP_MS)));
    await Promise.race([corpus.dispose().catch((e: unknown) => connection.console.error(`Corpus Curator: shutdown: ${(e as Error)?.message ?? e}`)), late]);
    clearTimeout(timer);
  });

  /** How long shutdown waits for the index to stop and save. */
  const SHUTDOWN_CLEANUP_MS = 3000;

  // ---- The corpus index ----------------------------------------------------------------------------
  // Summaries of every corpus article of the workspace, built by worker threads (IndexService), cached
  // in the client's storage, updated from file events; the explorer reads them through the custom
  // requests of corpusHandlers.ts, and the corpus rules of open documents read the index.

  // (CORPUS_CURATOR_INDEX_WORKER: another worker script, for tests that make workers fail;
  // CORPUS_CURATOR_INDEX_WORKER_TIMEOUT_MS: how long a worker may stay silent before it is replaced)
  const corpusService = new IndexService({
    workerPath: process.env.CORPUS_CURATOR_INDEX_WORKER || undefined,
    workerTimeoutMs: Number(process.env.CORPUS_CURATOR_INDEX_WORKER_TIMEOUT_MS) > 0 ? Number(process.env.CORPUS_CURATOR_INDEX_WORKER_TIMEOUT_MS) : undefined,
  });
  corpusService.on('error', (err) => connection.console.error(`Corpus Curator: indexing: ${err.message}`));
  let revalidateTimer: NodeJS.Timeout | undefined;
  corpusService.on('updated', () => {
    // the corpus rules of open documents may have changed: re-check them, not on every batch
    if (revalidateTimer) return;
    revalidateTimer = setTimeout(() => {
      revalidateTimer = undefined;
      for (const a of analyses.values()) a.findings = undefined, a.diagnostics = undefined;
      for (const doc of documents.all()) validate(doc, 0);
    }, 1000);
  });

  const corpus = new WorkspaceCorpus({
    service: corpusService,
    workspaceFolders: () => workspaceFolders,
    storagePath: () => storagePath,
    folderSettings: async () => {
      const folder = workspaceFolders[workspaceFolders.length - 1];
      const uri = folder ? pathToFileURL(folder).href : 'file:///';
      const dc = await configFor(uri, folder ? path.join(folder, 'article.txt') : undefined);
      return { include: dc.settings.include, config: dc.config, maxFileSize: dc.settings.maxFileSize };
    },
    onDispose: () => {
      if (revalidateTimer) clearTimeout(revalidateTimer);
      offThread.dispose();
    },
  });

  registerCorpusHandlers(connection, corpusService, {
    configFor: commandHost.configFor,
    workspaceFolders: () => workspaceFolders,
    workspaceFolderOf,
    projects,
    projectChanged,
    trusted: commandHost.trusted,
    configAbove: commandHost.configAbove,
    reindex: () => corpus.scan(),
  });

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) run();
