// Workspace trust (Restricted Mode): in an untrusted workspace the outline, folding, hovers and
// diagnostics work, while what writes files (Clean Corpus, mark reviewed; on the server's side also
// sidecars, ignore and fix on save) is disabled, with a message saying why.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CorpusMethods } from '../../server/src/protocol';
import { t } from './l10n';

/** The message shown when `what` is refused in Restricted Mode (the server's says the same). */
export function restrictedMessage(what: string): string {
  return t('{0} is disabled in Restricted Mode: it writes files, and this workspace is not trusted. Trust the workspace to use it.', what);
}

/**
 * undefined when the workspace is trusted; otherwise shows why `what` is disabled (with a button
 * to manage workspace trust) and returns that message.
 */
export function refuseIfRestricted(what: string): string | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  const message = restrictedMessage(what);
  const manage = t('Manage Workspace Trust');
  void vscode.window.showWarningMessage(`Corpus Curator: ${message}`, manage).then((choice) => {
    if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return message;
}

/** Tells the language server when the user grants trust (it starts with initializationOptions.workspaceTrusted). */
export function forwardTrust(client: LanguageClient): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    void client.sendNotification(CorpusMethods.workspaceTrust, { trusted: true });
  });
}
