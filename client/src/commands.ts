// Commands acting on articles: open, fix all in an article (the server's corpusCurator.fixAll),
// reveal in the file explorer, mark as reviewed, and Clean Corpus (the server's
// corpusCurator.cleanCorpusEdit, applied as a refactoring so that VS Code shows its preview).
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient, type WorkspaceEdit as LspWorkspaceEdit } from 'vscode-languageclient/node';
import { ClientCommands, CorpusMethods, ServerCommands, type CleanCorpusEditResult as EditResult, type FixAllResult, type MarkReviewedResult } from '../../server/src/protocol';
import { LANGUAGE_ID, uriKey, type CorpusStore } from './corpusStore';
import { articleUris, type ExplorerNode } from './explorer';
import type { CorpusExplorer } from './explorerView';
import { updateReviewed } from './reviewed';
import { fileNameOf } from './text';
import { refuseIfRestricted } from './trust';
import { t } from './l10n';

/** What corpusCurator.cleanCorpusEdit answers. */
export type CleanCorpusEditResult = EditResult<LspWorkspaceEdit>;

export interface CleanCorpusOptions {
  /** Articles (file: URIs) or folders to clean; default: every article of the corpus. */
  uris?: string[];
  /**
   * true: show the changes in the refactor preview; false: apply them at once (the tests); absent:
   * ask (a modal dialog with the counts: Apply All, or Review in the refactor preview).
   */
  preview?: boolean;
  /** Only the fixes of these rules (the explorer's Clean These Articles on a rule's group). */
  only?: string[];
  /** Clean the articles marked reviewed too (by default Clean Corpus leaves them as they are). */
  includeReviewed?: boolean;
}

export interface CleanCorpusOutcome {
  /** Some of the edit was applied. */
  applied: boolean;
  /** Why nothing was done: Restricted Mode (an untrusted workspace). */
  restricted?: string;
  /** Files changed and fixes applied: what the user applied (in the preview, what was ticked), not what was offered. */
  files: number;
  fixes: Record<string, number>;
  /** What the edit offered. */
  offered?: { files: number; fixes: Record<string, number> };
  /** Articles left out because they are marked reviewed. */
  reviewedLeftOut?: number;
  skipped: Array<{ uri: string; reason: string }>;
}

export interface FixAllOutcome {
  applied: boolean;
  fixes: Record<string, number>;
}

type Target = ExplorerNode | vscode.Uri | string;

function total(fixes: Record<string, number> | undefined): number {
  return Object.values(fixes ?? {}).reduce((s, n) => s + n, 0);
}

function describeFixes(fixes: Record<string, number>): string {
  return Object.entries(fixes)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => `${code} ×${n}`)
    .join(', ');
}

/** A rule's group (or several) chosen in the explorer: Clean These Articles fixes those rules only. */
function ruleGroupCodes(node: Target | undefined, selection: readonly ExplorerNode[] | undefined): string[] | undefined {
  const nodes = selection && selection.length > 0 ? selection : node && typeof node === 'object' && 'kind' in node ? [node as ExplorerNode] : [];
  if (nodes.length === 0 || !nodes.every((n) => n.kind === 'group' && n.group === 'rule' && n.key)) return undefined;
  return [...new Set(nodes.map((n) => (n as { key: string }).key))];
}

/** The sum of the per-file fixes of the files in `files`. */
function fixesOf(perFile: Record<string, Record<string, number>>, files: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of files) for (const [code, n] of Object.entries(perFile[f] ?? {})) out[code] = (out[code] ?? 0) + n;
  return out;
}

/**
 * The edit's text changes, each file's under a change annotation naming the rules it fixes there
 * ("php-dump ×2, whitespace ×3") and the file. With `needsConfirmation` VS Code shows the refactor
 * preview, where every change starts unchecked (microsoft/vscode#200991): grouped by change type,
 * each label is one checkbox; grouped by file, each file is. Without metadata the edit is applied
 * at once.
 */
function relabel(edit: vscode.WorkspaceEdit, metadata: ((uri: vscode.Uri) => vscode.WorkspaceEditEntryMetadata) | undefined): vscode.WorkspaceEdit {
  const out = new vscode.WorkspaceEdit();
  for (const [uri, edits] of edit.entries()) {
    if (metadata) {
      const m = metadata(uri);
      for (const e of edits) out.replace(uri, e.range, e.newText, m);
    } else out.set(uri, edits.map((e) => new vscode.TextEdit(e.range, e.newText)));
  }
  return out;
}

export class CorpusCommands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: LanguageClient,
    private readonly store: CorpusStore,
    private readonly explorer: CorpusExplorer,
    private readonly output: vscode.LogOutputChannel,
    /** Starts the language server if it is not running yet (a command asks for the corpus). */
    private readonly ensureStarted: () => Promise<void> = async () => undefined,
  ) {
    const reg = (id: string, fn: (...args: any[]) => unknown) =>
      this.disposables.push(
        vscode.commands.registerCommand(id, async (...args: any[]) => {
          await this.ensureStarted();
          return fn(...args);
        }),
      );
    reg(ClientCommands.open, (n?: Target, sel?: ExplorerNode[]) => this.open(n, sel));
    reg(ClientCommands.explorerFixAll, (n?: Target) => this.fixAll(n));
    reg(ClientCommands.revealInExplorer, (n?: Target) => this.revealInExplorer(n));
    reg(ClientCommands.markReviewed, (n?: Target, sel?: ExplorerNode[]) => this.markReviewed(n, sel, true));
    reg(ClientCommands.unmarkReviewed, (n?: Target, sel?: ExplorerNode[]) => this.markReviewed(n, sel, false));
    reg(ClientCommands.cleanSelection, (n?: Target, sel?: ExplorerNode[]) => this.cleanCorpus({ uris: this.uris(n, sel), only: ruleGroupCodes(n, sel) }));
    reg(ClientCommands.cleanCorpus, (opts?: CleanCorpusOptions) => this.cleanCorpus(opts && typeof opts === 'object' && !(opts instanceof vscode.Uri) ? opts : {}));
    reg(ClientCommands.reindex, () => this.reindex());
    this.disposables.push(vscode.commands.registerCommand(ClientCommands.showOutput, () => this.output.show(true)));
  }

  /** URIs of the targets: a node (with the multi-selection), a Uri, a string, else the active editor. */
  private uris(node: Target | undefined, selected?: readonly ExplorerNode[]): string[] {
    if (node instanceof vscode.Uri) return [node.toString()];
    if (typeof node === 'string') return [node];
    const nodes = this.explorer.targets(node, selected);
    if (nodes.length > 0) return [...new Set(nodes.flatMap(articleUris))];
    const active = vscode.window.activeTextEditor?.document.uri;
    return active && this.store.article(active) ? [active.toString()] : [];
  }

  async open(node?: Target, selected?: readonly ExplorerNode[]): Promise<void> {
    const uris = this.uris(node, selected);
    for (const u of uris.slice(0, 20)) {
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(u), { preview: uris.length === 1 } satisfies vscode.TextDocumentShowOptions);
    }
  }

  async revealInExplorer(node?: Target): Promise<void> {
    const [u] = this.uris(node);
    if (u) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.parse(u));
  }

  /** Opens the article (as a news article), runs the server's fix-all on it and shows the result. */
  async fixAll(node?: Target): Promise<FixAllOutcome> {
    const [u] = this.uris(node);
    if (!u) return { applied: false, fixes: {} };
    let doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(u));
    if (doc.languageId !== LANGUAGE_ID) doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: true });
    let res: FixAllResult | null;
    try {
      res = (await this.client.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommands.fixAll,
        arguments: [doc.uri.toString()],
      })) as FixAllResult | null;
    } catch (e) {
      void vscode.window.showErrorMessage(t('Fix all failed: {0}', (e as Error).message));
      return { applied: false, fixes: {} };
    }
    const outcome: FixAllOutcome = { applied: !!res?.applied, fixes: res?.fixes ?? {} };
    const name = fileNameOf(doc.uri);
    if (outcome.applied) {
      vscode.window.setStatusBarMessage(
        '$(check) ' + t('Corpus Curator: fixed {0} problems in {1} ({2})', total(outcome.fixes), name, describeFixes(outcome.fixes)),
        8000,
      );
    } else {
      vscode.window.setStatusBarMessage(t('Corpus Curator: nothing to fix automatically in {0}', name), 5000);
    }
    return outcome;
  }

  async markReviewed(node: Target | undefined, selected: readonly ExplorerNode[] | undefined, reviewed: boolean): Promise<MarkReviewedResult> {
    const restricted = refuseIfRestricted(reviewed ? t('Mark as Reviewed') : t('Unmark as Reviewed'));
    if (restricted) return { ok: false, reason: restricted };
    const uris = this.uris(node, selected);
    if (uris.length === 0) return { ok: false, reason: 'no article' };
    let res: MarkReviewedResult;
    try {
      res = await this.client.sendRequest<MarkReviewedResult>(CorpusMethods.markReviewed, { uris, reviewed });
    } catch (e) {
      // The server does not know the request: edit the project file here.
      this.output.info(`markReviewed via the server failed (${(e as Error).message}); editing the project file directly`);
      const root = this.store.root;
      if (!root) return { ok: false, reason: 'no workspace folder' };
      const r = await updateReviewed(root, uris.map((u) => vscode.Uri.parse(u)), reviewed);
      res = r.ok ? { ok: true, file: r.file.toString(), changed: r.changed } : { ok: false, file: r.file.toString(), reason: r.reason };
    }
    if (!res.ok) {
      void vscode.window.showErrorMessage(t('Could not update {0}: {1}', res.file ?? '.corpus-curator.json', res.reason));
    } else {
      const n = uris.length;
      vscode.window.setStatusBarMessage(
        reviewed
          ? n === 1 ? t('Marked {0} as reviewed', this.label(uris[0])) : t('Marked {0} articles as reviewed', n)
          : n === 1 ? t('{0} is no longer marked as reviewed', this.label(uris[0])) : t('{0} articles are no longer marked as reviewed', n),
        5000,
      );
    }
    await this.store.refresh();
    return res;
  }

  private label(uri: string): string {
    return this.store.article(uri)?.headline ?? fileNameOf(uri);
  }

  /** Clean Corpus: the server's fix-all edit for many articles, applied with VS Code's refactor preview. */
  async cleanCorpus(opts: CleanCorpusOptions = {}): Promise<CleanCorpusOutcome> {
    const restricted = refuseIfRestricted(t('Clean Corpus'));
    if (restricted) return { applied: false, files: 0, fixes: {}, skipped: [], restricted };
    let uris = opts.uris?.filter((u) => typeof u === 'string');
    let reviewedLeftOut = 0;
    if (!uris || uris.length === 0) {
      // the whole corpus: the articles marked reviewed stay as the curator left them, unless asked
      const all = this.store.articles;
      const kept = opts.includeReviewed ? all : all.filter((a) => !a.reviewed);
      reviewedLeftOut = all.length - kept.length;
      uris = kept.map((a) => a.uri);
      if (all.length === 0) uris = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    }
    const none: CleanCorpusOutcome = { applied: false, files: 0, fixes: {}, skipped: [] };
    if (uris.length === 0) {
      void vscode.window.showInformationMessage(t('Open a folder of articles first.'));
      return none;
    }
    const count = uris.length;
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: count === 1 ? t('Corpus Curator: computing the clean-up of 1 article…') : t('Corpus Curator: computing the clean-up of {0} articles…', count),
        cancellable: true,
      },
      async (_progress, token) => {
        try {
          return (await this.client.sendRequest(
            ExecuteCommandRequest.type,
            { command: ServerCommands.cleanCorpusEdit, arguments: opts.only?.length ? [uris, { only: opts.only }] : [uris] },
            token,
          )) as CleanCorpusEditResult | null;
        } catch (e) {
          if (!token.isCancellationRequested) void vscode.window.showErrorMessage(t('Clean Corpus failed: {0}', (e as Error).message));
          return null;
        }
      },
    );
    if (!result) return none;
    for (const s of result.skipped ?? []) this.output.info(`clean corpus: skipped ${s.uri}: ${s.reason}`);
    const offered = { files: result.files ?? 0, fixes: result.fixes ?? {} };
    const outcome: CleanCorpusOutcome = { applied: false, files: 0, fixes: {}, offered, skipped: result.skipped ?? [], ...(reviewedLeftOut ? { reviewedLeftOut } : {}) };
    if (reviewedLeftOut) this.output.info(`clean corpus: ${reviewedLeftOut} articles marked reviewed left out`);
    if (!result.edit || offered.files === 0) {
      void vscode.window.showInformationMessage(
        outcome.skipped.length
          ? t('Nothing to clean automatically ({0} files skipped; see the output).', outcome.skipped.length)
          : t('Nothing to clean automatically.'),
      );
      return outcome;
    }
    const edit = await this.client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    const summary = describeFixes(offered.fixes);
    // per file, what the edit fixes there (the server's URIs, as the client spells them)
    const perFile: Record<string, Record<string, number>> = {};
    for (const [u, f] of Object.entries(result.perFile ?? {})) perFile[uriKey(u)] = f;
    let preview = opts.preview;
    if (preview === undefined) {
      const applyAll = t('Apply All');
      const review = t('Review in Preview…');
      const choice = await vscode.window.showInformationMessage(
        t('Clean Corpus: {0} fixes in {1} files.', total(offered.fixes), offered.files),
        { modal: true, detail: t('{0}\n\nThe changes can be undone (Edit > Undo). In the preview, tick the changes to apply.', summary) },
        applyAll,
        review,
      );
      if (!choice) return outcome;
      preview = choice === review;
    }
    const metadata = preview
      ? (uri: vscode.Uri): vscode.WorkspaceEditEntryMetadata => ({
        label: describeFixes(perFile[uriKey(uri)] ?? {}) || t('Clean Corpus'),
        description: fileNameOf(uri.toString()),
        needsConfirmation: true,
      })
      : undefined;
    // what is applied is what changes: in the preview the user may tick only some files
    const changed = new Set<string>();
    const listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) changed.add(uriKey(e.document.uri));
    });
    let ok: boolean;
    try {
      // isRefactoring: VS Code saves the files it changes when `files.refactoring.autoSave` is on
      ok = await vscode.workspace.applyEdit(relabel(edit, metadata), { isRefactoring: true });
    } finally {
      listener.dispose();
    }
    const appliedFiles = [...changed].filter((u) => u in perFile);
    outcome.applied = ok && appliedFiles.length > 0;
    outcome.files = outcome.applied ? appliedFiles.length : 0;
    outcome.fixes = outcome.applied ? fixesOf(perFile, appliedFiles) : {};
    if (outcome.applied) {
      const msg = outcome.files === 1
        ? t('Corpus Curator: applied {0} fixes in 1 file ({1}).', total(outcome.fixes), describeFixes(outcome.fixes))
        : t('Corpus Curator: applied {0} fixes in {1} files ({2}).', total(outcome.fixes), outcome.files, describeFixes(outcome.fixes));
      this.output.info(msg);
      vscode.window.setStatusBarMessage('$(check) ' + msg, 8000);
    }
    return outcome;
  }

  async reindex(): Promise<void> {
    try {
      await this.client.sendRequest(CorpusMethods.reindex, {});
    } catch (e) {
      this.output.warn(`reindex: ${(e as Error).message}`);
    }
    await this.store.refresh();
  }

  /** For the tests: is this URI an article of the index? */
  isArticle(uri: vscode.Uri | string): boolean {
    return !!this.store.article(uriKey(uri));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
