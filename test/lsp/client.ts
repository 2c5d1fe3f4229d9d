// A small LSP test client: spawns the bundled server (`dist/server.js`, resolved from process.cwd())
// and speaks JSON-RPC to it over stdio (or node IPC). Reusable by every LSP test (symbols, hovers,
// diagnostics, code actions): it answers the server's requests (workspace/configuration,
// client/registerCapability, …) and records its notifications.
import { spawn, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ApplyWorkspaceEditParams,
  ApplyWorkspaceEditResult,
  ClientCapabilities,
  CodeAction,
  CodeActionContext,
  Command,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InitializeResult,
  MarkupContent,
  Position,
  PublishDiagnosticsParams,
  Range,
  SymbolInformation,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';

export const ROOT = process.cwd();
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const SEEDS = path.join(ROOT, 'seeds');

/** The capabilities VS Code sends for the features under test. */
export const VSCODE_LIKE_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: {
      documentChanges: true,
      resourceOperations: ['create', 'rename', 'delete'],
      failureHandling: 'textOnlyTransactional',
      normalizesLineEndings: true,
      changeAnnotationSupport: { groupsOnLabel: true },
    },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    executeCommand: { dynamicRegistration: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    documentSymbol: { dynamicRegistration: true, hierarchicalDocumentSymbolSupport: true, labelSupport: true },
    foldingRange: { lineFoldingOnly: true, rangeLimit: 5000 },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      tagSupport: { valueSet: [1, 2] },
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll', 'refactor'] } },
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      honorsChangeAnnotations: true,
    },
  },
  window: { showMessage: {}, workDoneProgress: true },
};

export interface StartOptions {
  /** stdio (default) or node IPC, as the VS Code client starts it. */
  transport?: 'stdio' | 'ipc';
  capabilities?: ClientCapabilities;
  /** The `corpusCurator` section answered to workspace/configuration (mutable: see setSettings). */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  /** initializeParams.locale (e.g. 'vi'). */
  locale?: string;
  /** Workspace folder (default: the repository root). */
  rootPath?: string;
  /** The server process's working directory (default: this process's). */
  cwd?: string;
}

export interface Notification {
  method: string;
  params: any;
}

export class LspClient {
  readonly notifications: Notification[] = [];
  readonly serverRequests: Notification[] = [];
  stderr = '';
  initializeResult!: InitializeResult;
  private settings: Record<string, unknown>;
  private versions = new Map<string, number>();
  private readonly exited: Promise<number | null>;
  private waiters: Array<{ pred: (n: Notification) => boolean; resolve: (n: Notification) => void }> = [];
  /** Edits the server asked to apply (workspace/applyEdit), in order. */
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  /** What workspace/applyEdit answers (default: applied). Tests apply the edit themselves. */
  applyEditResult: ApplyWorkspaceEditResult = { applied: true };

  constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.stderr?.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    conn.onNotification((method, params) => {
      const n = { method, params };
      this.notifications.push(n);
      this.waiters = this.waiters.filter((w) => (w.pred(n) ? (w.resolve(n), false) : true));
    });
    conn.onRequest((method, params) => {
      this.serverRequests.push({ method, params });
      if (method === 'workspace/configuration') {
        const items = (params as { items: Array<{ section?: string }> }).items;
        return items.map((it) => (it.section === 'corpusCurator' ? this.settings : null));
      }
      if (method === 'workspace/applyEdit') {
        this.appliedEdits.push(params as ApplyWorkspaceEditParams);
        return this.applyEditResult;
      }
      return null; // client/registerCapability, window/workDoneProgress/create, refresh requests
    });
    conn.listen();
  }

  /** Changes what workspace/configuration answers and tells the server (as VS Code does). */
  setSettings(settings: Record<string, unknown>): void {
    this.settings = settings;
    void this.conn.sendNotification('workspace/didChangeConfiguration', { settings: { corpusCurator: settings } });
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  /** Resolves with the first notification (already received or future) matching `pred`. */
  waitForNotification(pred: (n: Notification) => boolean, timeoutMs = 5000): Promise<Notification> {
    const seen = this.notifications.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching notification within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (n) => {
          clearTimeout(timer);
          resolve(n);
        },
      });
    });
  }

  // ---- documents ----

  async open(uri: string, text: string, languageId = 'news-article'): Promise<void> {
    this.versions.set(uri, 1);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** didChange with the given (incremental or full) changes; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  // ---- features ----

  documentSymbols(uri: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return this.request('textDocument/documentSymbol', { textDocument: { uri } });
  }

  foldingRanges(uri: string): Promise<FoldingRange[] | null> {
    return this.request('textDocument/foldingRange', { textDocument: { uri } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, context: CodeActionContext): Promise<Array<CodeAction | Command> | null> {
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context });
  }

  executeCommand<T = unknown>(command: string, args: unknown[] = []): Promise<T> {
    return this.request<T>('workspace/executeCommand', { command, arguments: args });
  }

  /** Resolves with the next diagnostics published for `uri` (after `since` notifications) that satisfy `pred`. */
  async waitForDiagnostics(
    uri: string,
    pred: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 5000,
    since = 0,
  ): Promise<PublishDiagnosticsParams> {
    let index = 0;
    const n = await this.waitForNotification((x) => {
      const i = index++;
      return i >= since && x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && pred(x.params);
    }, timeoutMs);
    return n.params as PublishDiagnosticsParams;
  }

  /** The last diagnostics published for `uri` (for later diagnostics tests). */
  diagnostics(uri: string): Diagnostic[] | undefined {
    for (let i = this.notifications.length - 1; i >= 0; i--) {
      const n = this.notifications[i];
      if (n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === uri) {
        return (n.params as PublishDiagnosticsParams).diagnostics;
      }
    }
    return undefined;
  }

  // ---- lifecycle ----

  /** shutdown + exit; resolves with the process exit code. */
  async stop(timeoutMs = 5000): Promise<number | null> {
    await this.request('shutdown', null);
    await this.notify('exit', null);
    return this.waitExit(timeoutMs);
  }

  waitExit(timeoutMs = 5000): Promise<number | null> {
    return Promise.race([
      this.exited,
      new Promise<number | null>((_, reject) =>
        setTimeout(() => reject(new Error(`server did not exit within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
  }

  /** Last-resort cleanup for a failed test: no protocol, just end the process. */
  kill(): void {
    this.conn.dispose();
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill();
  }
}

/** Spawns the server and runs initialize/initialized. */
export async function startServer(options: StartOptions = {}): Promise<LspClient> {
  let proc: ChildProcess;
  let conn: MessageConnection;
  if (options.transport === 'ipc') {
    proc = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    conn = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
  } else {
    proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...(options.cwd ? { cwd: options.cwd } : {}) });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  }
  const client = new LspClient(proc, conn, options.settings ?? {});
  client.initializeResult = await client.request<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(options.rootPath ?? ROOT).href,
    workspaceFolders: [{ uri: pathToFileURL(options.rootPath ?? ROOT).href, name: path.basename(options.rootPath ?? ROOT) }],
    capabilities: options.capabilities ?? VSCODE_LIKE_CAPABILITIES,
    initializationOptions: options.initializationOptions,
    ...(options.locale ? { locale: options.locale } : {}),
  });
  await client.notify('initialized', {});
  return client;
}

// ---- helpers for assertions ----

export function seedPath(name: string): string {
  return path.join(SEEDS, name);
}

export function readSeed(name: string): string {
  return readFileSync(seedPath(name), 'utf8');
}

export function seedUri(name: string): string {
  return pathToFileURL(seedPath(name)).href;
}

/** The text of a hover, whatever shape its contents take. */
export function hoverText(h: Hover | null): string {
  if (!h) return '';
  const c = h.contents as MarkupContent | string | Array<string | { value: string }> | { value: string };
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return c.value;
}

/** Depth-first list of a DocumentSymbol tree. */
export function flattenSymbols(symbols: DocumentSymbol[]): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const walk = (s: DocumentSymbol): void => {
    out.push(s);
    for (const c of s.children ?? []) walk(c);
  };
  symbols.forEach(walk);
  return out;
}
