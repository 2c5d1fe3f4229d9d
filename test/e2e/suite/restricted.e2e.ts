/// <reference types="mocha" />
// Restricted Mode in a real VS Code: the launcher opens the workspace untrusted (E2E_UNTRUSTED=1,
// see test/e2e/run-code-server.mjs), and only this file runs. The outline, folding, hovers and
// diagnostics work; Clean Corpus and Mark as Reviewed say they are disabled in Restricted Mode;
// no quick fix that writes a file and no fix on save is offered; the server refuses too.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { CuratorApi } from '../../../client/src/extension';
import type { CleanCorpusOutcome } from '../../../client/src/commands';
import { EXTENSION_ID, waitFor, workspaceUri } from './util';

const SOURCE = 'corpus-curator';
const S000 = '000_f4915662ab95302d.txt';

describe('Restricted Mode (an untrusted workspace)', function () {
  let uri: vscode.Uri;
  let onDisk: string;
  let dump: vscode.Diagnostic;

  before(async function () {
    this.timeout(60_000);
    assert.equal(vscode.workspace.isTrusted, false, 'the launcher opens the workspace untrusted');
    const ext = vscode.extensions.getExtension<CuratorApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    const api = await ext.activate();
    assert.ok(api?.client, 'the extension activates in Restricted Mode ("limited" support)');
    uri = workspaceUri(S000);
    onDisk = fs.readFileSync(uri.fsPath, 'utf8');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    await waitFor(`${S000} to become news-article`, () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId === 'news-article');
  });

  it('diagnostics, outline, folding and hovers work', async () => {
    const diags = await waitFor('diagnostics', () => {
      const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
      return ds.some((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'php-dump') ? ds : undefined;
    }, 30_000);
    dump = diags!.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'php-dump')!;
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.ok(symbols && symbols.length > 0, 'the outline has entries');
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
    assert.ok(folds && folds.length > 0, 'folding ranges');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, dump.range.start);
    assert.ok(hovers && hovers.length > 0, 'a hover on the dump');
  });

  it('Clean Corpus says it is disabled in Restricted Mode and changes nothing', async () => {
    const outcome = await vscode.commands.executeCommand<CleanCorpusOutcome>('corpusCurator.cleanCorpus', { uris: [uri.toString()], preview: false });
    assert.equal(outcome.applied, false);
    assert.match(outcome.restricted ?? '', /Clean Corpus is disabled in Restricted Mode/);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
    assert.equal(doc.isDirty, false);
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), onDisk);
  });

  it('Mark as Reviewed says it is disabled; no project file is written', async () => {
    const res = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('corpusCurator.explorer.markReviewed', uri);
    assert.equal(res.ok, false);
    assert.match(res.reason ?? '', /Restricted Mode/);
    assert.ok(!fs.existsSync(workspaceUri('.corpus-curator.json').fsPath));
  });

  it('quick fixes that edit the text are offered; sidecars, ignore and fix on save are not', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, dump.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Remove PHP dump'), titles.join(' | '));
    assert.ok(!titles.includes('Extract to sidecar'), titles.join(' | '));
    assert.ok(!titles.some((x) => x.startsWith('Ignore ')), titles.join(' | '));
    const onSave = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, dump.range, vscode.CodeActionKind.SourceFixAll.value);
    assert.deepEqual(onSave.filter((a) => a.kind?.value.startsWith('source.fixAll')).map((a) => a.title), []);
  });

  it('the server refuses its commands that write files', async () => {
    const res = await vscode.commands.executeCommand<{ added: boolean; error?: string }>('corpusCurator.ignoreFinding', { uri: uri.toString(), code: 'php-dump', hash: '00000000' });
    assert.equal(res.added, false);
    assert.match(res.error ?? '', /Restricted Mode/);
    assert.ok(!fs.existsSync(workspaceUri('.corpus-curator.json').fsPath));
  });
});
