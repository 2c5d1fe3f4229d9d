// The quick fixes' companions (offered by the server when the client says it runs them):
// "Disable rule X in this workspace", "Show documentation for X", and the list of ignored findings,
// where one can be brought back (the undo of "Ignore …").
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { ClientCommands, ServerCommands, type IgnoredFinding } from '../../server/src/protocol';
import { t } from './l10n';

export class RuleCommands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: LanguageClient,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      vscode.commands.registerCommand(ClientCommands.disableRule, (code?: string) => this.disableRule(code)),
      vscode.commands.registerCommand(ClientCommands.showRuleDocs, (code?: string) => this.showRuleDocs(code)),
      vscode.commands.registerCommand(ClientCommands.showIgnored, () => this.showIgnored()),
    );
  }

  /** corpusCurator.rules[code] = off in the workspace settings; the message offers to undo it. */
  async disableRule(code?: string): Promise<boolean> {
    if (typeof code !== 'string' || !/^[a-z][a-z-]*$/.test(code)) return false;
    const config = vscode.workspace.getConfiguration('corpusCurator');
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    const before = config.inspect<Record<string, string>>('rules');
    const current = (target === vscode.ConfigurationTarget.Workspace ? before?.workspaceValue : before?.globalValue) ?? {};
    await config.update('rules', { ...current, [code]: 'off' }, target);
    const undo = t('Undo');
    void vscode.window.showInformationMessage(t('Corpus Curator: rule {0} is off in this workspace (corpusCurator.rules).', code), undo).then(async (choice) => {
      if (choice !== undo) return;
      const now = vscode.workspace.getConfiguration('corpusCurator').inspect<Record<string, string>>('rules');
      const value = { ...((target === vscode.ConfigurationTarget.Workspace ? now?.workspaceValue : now?.globalValue) ?? {}) };
      if (code in current) value[code] = current[code];
      else delete value[code];
      await vscode.workspace.getConfiguration('corpusCurator').update('rules', Object.keys(value).length ? value : undefined, target);
    });
    return true;
  }

  /** The rule's page, bundled with the extension (docs/rules/<code>.md), in the Markdown preview. */
  async showRuleDocs(code?: string): Promise<boolean> {
    if (typeof code !== 'string' || !/^[a-z][a-z-]*$/.test(code)) return false;
    const page = vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', `${code}.md`);
    try {
      await vscode.workspace.fs.stat(page);
    } catch {
      return vscode.env.openExternal(vscode.Uri.parse(`https://github.com/corpus-curator/corpus-curator/blob/main/docs/rules/${code}.md`));
    }
    await vscode.commands.executeCommand('markdown.showPreview', page);
    return true;
  }

  /** The ignored findings, one per entry; the one picked is no longer ignored. Returns what was brought back. */
  async showIgnored(pick?: (items: Array<vscode.QuickPickItem & { entry: IgnoredFinding }>) => Promise<(vscode.QuickPickItem & { entry: IgnoredFinding }) | undefined>): Promise<IgnoredFinding | undefined> {
    let entries: IgnoredFinding[];
    try {
      entries = ((await this.client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.ignoredFindings, arguments: [] })) as IgnoredFinding[] | null) ?? [];
    } catch (e) {
      void vscode.window.showErrorMessage(t('Corpus Curator: {0}', (e as Error).message));
      return undefined;
    }
    if (entries.length === 0) {
      void vscode.window.showInformationMessage(t('No finding is ignored in this workspace.'));
      return undefined;
    }
    const items = entries.map((entry) => ({
      label: `${entry.code} · ${entry.file}`,
      description: entry.hash,
      detail: t('Pick to show this finding again (it is removed from {0})', vscode.workspace.asRelativePath(vscode.Uri.parse(entry.projectFile))),
      entry,
    }));
    const chosen = pick ? await pick(items) : await vscode.window.showQuickPick(items, { title: t('Ignored findings'), placeHolder: t('Pick one to show it again') });
    if (!chosen) return undefined;
    const res = (await this.client.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.unignoreFinding,
      arguments: [{ uri: chosen.entry.uri, code: chosen.entry.code, hash: chosen.entry.hash }],
    })) as { removed: boolean; error?: string } | null;
    if (!res?.removed) return undefined;
    vscode.window.setStatusBarMessage(t('Corpus Curator: {0} in {1} is shown again', chosen.entry.code, chosen.entry.file), 5000);
    return chosen.entry;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
