/// <reference types="mocha" />
// Smoke test: the extension is installed in a real VS Code, activates, and gives corpus files
// the news-article language.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, host, screenshot, waitFor, workspaceUri } from './util';

const ARTICLE = '000_f4915662ab95302d.txt';

describe('smoke', () => {
  it('is installed and activates', async () => {
    console.log(`VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}, launcher: ${host ?? 'unknown'})`);
    if (host === 'code-server') {
      assert.match(vscode.version, /^1\.100\./, 'code-server 4.100.3 should be VS Code 1.100');
    }
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('opens a seed article as news-article', async () => {
    const uri = workspaceUri(ARTICLE);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    // The client switches the language after the document opens: poll the live document.
    const languageId = await waitFor(
      `${ARTICLE} to become news-article`,
      () => {
        const live = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        return live?.languageId === 'news-article' ? live.languageId : undefined;
      },
      15_000,
    ).catch(() => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId);
    assert.equal(languageId, 'news-article');
    await screenshot('news-article-editor');
  });

  after(async () => {
    // Leave a useful final state for the launcher's workbench.png: the article with its Outline.
    await vscode.commands.executeCommand('outline.focus').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  });
});
