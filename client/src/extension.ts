// VS Code glue: start the language server, give corpus .txt files the news-article language, and
// set up the corpus UI around it (the explorer view, file decorations, the status bar item, the
// indexing progress and the corpus commands), all fed by the server's corpus index.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CorpusCommands } from './commands';
import { CorpusStore } from './corpusStore';
import { CorpusDecorations } from './decorations';
import { CorpusTreeProvider } from './explorer';
import { CorpusExplorer } from './explorerView';
import { IndexProgressNotification } from './indexProgress';
import { ServerRestarts } from './serverRestart';
import { CorpusStatusBar } from './statusBar';
import { forwardTrust } from './trust';
import { ClientCommands, CorpusMethods } from '../../server/src/protocol';
import { applyLocale, t } from './l10n';
import { traceChannel } from './traceChannel';
import { RuleCommands } from './ruleCommands';

export const LANGUAGE_ID = 'news-article';
let client: LanguageClient | undefined;

/** True when a plain-text document lies under one of the `corpusCurator.include` globs. */
function isCorpusFile(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'vscode-remote' && doc.uri.scheme !== 'untitled') return false;
  if (!doc.uri.path.toLowerCase().endsWith('.txt')) return false;
  const globs = vscode.workspace.getConfiguration('corpusCurator').get<string[]>('include') ?? [];
  return globs.some((pattern) => vscode.languages.match({ pattern }, doc) > 0);
}

async function adopt(doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId === 'plaintext' && isCorpusFile(doc)) {
    await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  }
}

/** What activate() returns: the pieces the end-to-end suite drives. */
export interface CuratorApi {
  client: LanguageClient;
  store: CorpusStore;
  explorer: CorpusExplorer;
  tree: CorpusTreeProvider;
  commands: CorpusCommands;
  decorations: CorpusDecorations;
  statusBar: CorpusStatusBar;
  /** Restarts of a language server that died, and what the user was told. */
  restarts: ServerRestarts;
  /** Disable a rule, show its page, show the ignored findings. */
  ruleCommands: RuleCommands;
  /** Where the server keeps the corpus index's cache: this workspace's storage (one cache per workspace). */
  storagePath: string;
}

export async function activate(context: vscode.ExtensionContext): Promise<CuratorApi> {
  const locale = applyLocale();
  // one index cache per workspace (another corpus does not throw this one's away); the global
  // storage only for a window without a folder
  const storagePath = (context.storageUri ?? context.globalStorageUri).fsPath;
  const output = vscode.window.createOutputChannel('Corpus Curator', { log: true });
  // the protocol trace (corpusCurator.trace.server) in a plain channel: a log channel shows only
  // what is at or above its log level, and the client writes the trace below it
  const traceOutput = traceChannel('Corpus Curator (trace)');
  context.subscriptions.push(output, traceOutput);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const restarts = new ServerRestarts(output);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: 'corpusCurator' },
    outputChannel: output,
    traceOutputChannel: traceOutput,
    // Restricted Mode: the server refuses what writes files until the user trusts the workspace
    initializationOptions: {
      storagePath,
      workspaceTrusted: vscode.workspace.isTrusted,
      locale,
      // the quick fixes may offer this extension's commands (disable a rule, show its page)
      clientCommands: true,
    },
    // a server that dies is started again, a bounded number of times, and the user told once
    errorHandler: restarts,
  };
  client = new LanguageClient('corpusCurator', 'Corpus Curator', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => void adopt(doc)),
    vscode.commands.registerCommand(ClientCommands.treatAsNewsArticle, async (uri?: vscode.Uri) => {
      const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!doc) {
        void vscode.window.showInformationMessage(t('Open a text file first.'));
        return;
      }
      await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    }),
  );
  for (const doc of vscode.workspace.textDocuments) await adopt(doc);

  // The corpus UI. Its notification handlers are registered before the client starts, so that the
  // first progress and index notifications are not missed.
  const store = new CorpusStore(client, output);
  const tree = new CorpusTreeProvider(store, context.workspaceState);
  const explorer = new CorpusExplorer(tree, store);
  const commands = new CorpusCommands(client, store, explorer, output);
  const decorations = new CorpusDecorations(store);
  const statusBar = new CorpusStatusBar(store);
  const progress = new IndexProgressNotification(client, store);
  const ruleCommands = new RuleCommands(client, context.extensionUri);
  context.subscriptions.push(store, tree, explorer, commands, decorations, statusBar, progress, ruleCommands);

  await client.start();
  context.subscriptions.push(
    client,
    forwardTrust(client),
    // corpusCurator.locale: the extension's words at once, the server's (diagnostics, hovers, outline) after it re-checks
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('corpusCurator.locale')) return;
      const next = applyLocale();
      void client?.sendNotification(CorpusMethods.locale, { locale: next });
      tree.refresh();
      statusBar.update();
    }),
  );
  void store.refresh();
  return { client, store, explorer, tree, commands, decorations, statusBar, restarts, ruleCommands, storagePath };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
