// VS Code glue: start the language server, give corpus .txt files the news-article language, and
// set up the corpus UI around it (the explorer view, file decorations, the status bar item, the
// indexing progress and the corpus commands), all fed by the server's corpus index.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Minimatch } from 'minimatch';
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

/** How many files the start-up look at the workspace checks, at most. */
const CORPUS_PROBE_LIMIT = 2_000;

/**
 * Is there a corpus in this workspace: a project file, or a .txt file under the include globs
 * (matched on the whole path, as the server matches them)? Looks at no more than a few thousand
 * files: the extension is also activated by any plain-text file, and stays idle where it is not wanted.
 */
async function workspaceHasCorpus(): Promise<boolean> {
  if (!vscode.workspace.workspaceFolders?.length) return false;
  if ((await vscode.workspace.findFiles('**/.corpus-curator.json', '**/node_modules/**', 1)).length > 0) return true;
  const globs = (vscode.workspace.getConfiguration('corpusCurator').get<string[]>('include') ?? []).map((g) => new Minimatch(g, { dot: false, nocase: true }));
  const txt = await vscode.workspace.findFiles('**/*.txt', '**/node_modules/**', CORPUS_PROBE_LIMIT);
  return txt.some((u) => globs.some((m) => m.match(u.path)));
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
  /** Has the language server been started (it is not where the workspace holds no corpus)? */
  started(): boolean;
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

  // The language server starts where there is a corpus: a project file or articles under the
  // include globs in the workspace, an article opened, the explorer shown, or a corpus command run.
  // Elsewhere (the extension is activated by any plain-text file) it stays idle.
  let started: Promise<void> | undefined;
  let store: CorpusStore | undefined;
  const start = (why: string): Promise<void> =>
    (started ??= (async () => {
      output.info(`starting the language server: ${why}`);
      await client!.start();
      void store?.refresh();
    })());

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(async (doc) => {
      await adopt(doc);
      if (doc.languageId === LANGUAGE_ID || isCorpusFile(doc)) void start('an article was opened');
    }),
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
  store = new CorpusStore(client, output);
  const tree = new CorpusTreeProvider(store, context.workspaceState);
  const explorer = new CorpusExplorer(tree, store);
  const commands = new CorpusCommands(client, store, explorer, output, () => start('a corpus command'));
  const decorations = new CorpusDecorations(store);
  const statusBar = new CorpusStatusBar(store);
  const progress = new IndexProgressNotification(client, store);
  const ruleCommands = new RuleCommands(client, context.extensionUri);
  context.subscriptions.push(store, tree, explorer, commands, decorations, statusBar, progress, ruleCommands);

  context.subscriptions.push(
    client,
    forwardTrust(client),
    explorer.view.onDidChangeVisibility((e) => e.visible && void start('the explorer was opened')),
    // corpusCurator.locale: the extension's words at once, the server's (diagnostics, hovers, outline) after it re-checks
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('corpusCurator.locale')) return;
      const next = applyLocale();
      if (started) void client?.sendNotification(CorpusMethods.locale, { locale: next });
      tree.refresh();
      statusBar.update();
    }),
  );
  if (vscode.workspace.textDocuments.some((d) => d.languageId === LANGUAGE_ID)) await start('an article is open');
  else if (explorer.view.visible) await start('the explorer is open');
  else if (await workspaceHasCorpus()) await start('the workspace holds a corpus');
  else output.info('no corpus here (no project file, no .txt file under corpusCurator.include): the language server starts when an article is opened, the explorer shown or a command run');
  return { client, store, explorer, tree, commands, decorations, statusBar, restarts, ruleCommands, storagePath, started: () => started !== undefined };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
