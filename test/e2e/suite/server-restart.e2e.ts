/// <reference types="mocha" />
// The language server's process dies (killed): the client starts it again, the server answers
// (the outline of an open article comes back), and the user is told once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CuratorApi } from '../../../client/src/extension';
import { EXTENSION_ID, waitFor, workspaceUri } from './util';

const ARTICLE = '001_a4534dbc61da94dd.txt';

async function outline(uri: vscode.Uri): Promise<vscode.DocumentSymbol[] | undefined> {
  const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
  return s && s.length > 0 ? s : undefined;
}

describe('language server restart', () => {
  it('a killed server is restarted, answers again, and the user is told once', async function () {
    this.timeout(90_000);
    const api = await vscode.extensions.getExtension<CuratorApi>(EXTENSION_ID)!.activate();
    const uri = workspaceUri(ARTICLE);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    await waitFor(`${ARTICLE} to become news-article`, () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId === 'news-article');
    const before = await waitFor('the outline before', () => outline(uri), 30_000);
    const pid = api.client.serverProcess?.pid;
    assert.ok(pid, 'the server process is known');
    const notices = api.restarts.notices.length;

    process.kill(pid, 'SIGKILL');
    await waitFor('a new server process', () => api.client.isRunning() && api.client.serverProcess?.pid !== undefined && api.client.serverProcess.pid !== pid, 30_000);
    const after = await waitFor('the outline from the new server', () => outline(uri), 30_000);
    assert.deepEqual(after!.map((s) => s.name), before!.map((s) => s.name));
    assert.equal(api.restarts.restarts, 1);
    assert.deepEqual(api.restarts.notices.slice(notices), ['The Corpus Curator language server stopped unexpectedly and was restarted.']);
    // the corpus index answers again too
    await waitFor('the corpus summary from the new server', async () => (await api.client.sendRequest<{ articles: unknown[] }>('corpusCurator/corpusSummary', {})).articles.length > 0, 30_000);
  });
});
