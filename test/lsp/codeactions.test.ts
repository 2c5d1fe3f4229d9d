// Code actions and commands over stdio: quick fixes applied to the text change only the flagged
// text, "fix all <code>", source.fixAll, the sidecar paths (CreateFile and the server-side write),
// "ignore this finding", corpusCurator.fixAll and corpusCurator.cleanCorpusEdit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Command, Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ProgressType } from 'vscode-jsonrpc/node';
import { readSeed, startServer, VSCODE_LIKE_CAPABILITIES, type LspClient } from './client';
import {
  ALL_SEEDS,
  applyTextEdits,
  createFiles,
  editsFor,
  linesOf,
  registered,
  removeDir,
  SEED0,
  SEED2,
  SEED3,
  tempCorpus,
  textDocumentEdits,
} from './helpers';
import { fixAll } from '../../server/src/engine/fix';

const HAS_DUMP = registered('php-dump');
const fileUri = (p: string) => pathToFileURL(p).href;

function actionsOnly(xs: Array<CodeAction | Command> | null): CodeAction[] {
  assert.ok(Array.isArray(xs), 'code actions returned');
  for (const x of xs) assert.ok('kind' in x || 'edit' in x || typeof (x as CodeAction).command === 'object', 'CodeAction literals');
  return xs as CodeAction[];
}

async function openAndWait(lsp: LspClient, uri: string, text: string): Promise<Diagnostic[]> {
  const since = lsp.notifications.length;
  await lsp.open(uri, text);
  return (await lsp.waitForDiagnostics(uri, () => true, 5000, since)).diagnostics;
}

/** The code actions offered for one diagnostic, as VS Code asks for them (range + context). */
async function actionsFor(lsp: LspClient, uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return actionsOnly(await lsp.codeActions(uri, d.range, { diagnostics: [d], triggerKind: 1 }));
}

function firstDump(diags: Diagnostic[]): Diagnostic {
  const d = diags.find((x) => x.code === 'php-dump' && x.range.start.line === 53);
  assert.ok(d, 'php-dump diagnostic on line 54');
  return d;
}

describe('quick fixes (VS Code-like client)', { skip: !HAS_DUMP }, () => {
  let lsp: LspClient;
  let dir: string;
  let file: string;
  let uri: string;
  const text = readSeed(SEED0);
  const lines = linesOf(text);
  let diags: Diagnostic[];

  before(async () => {
    dir = tempCorpus([SEED0]);
    file = path.join(dir, SEED0);
    uri = fileUri(file);
    lsp = await startServer({ rootPath: dir });
    diags = await openAndWait(lsp, uri, text);
  });
  after(async () => {
    if (lsp.proc.exitCode === null) {
      const code = await lsp.stop().catch(() => null);
      lsp.kill();
      assert.equal(code, 0, `server exit code (stderr: ${lsp.stderr})`);
    }
    removeDir(dir);
  });

  test('php-dump offers remove (preferred), extract to sidecar, fix all php-dump, ignore', async () => {
    const actions = await actionsFor(lsp, uri, firstDump(diags));
    const titles = actions.map((a) => a.title);
    assert.equal(actions[0].title, 'Remove PHP dump');
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions[0].kind, 'quickfix');
    assert.deepEqual(actions[0].diagnostics?.map((d) => d.code), ['php-dump']);
    assert.ok(titles.includes('Extract to sidecar'), titles.join(' | '));
    assert.ok(titles.includes('Fix all php-dump problems in this file'), titles.join(' | '));
    assert.ok(titles.some((x) => /^Ignore php-dump “.+” in this file$/.test(x)), titles.join(' | '));
    assert.equal(actions.filter((a) => a.isPreferred).length, 1, 'one preferred action');
  });

  test('applying "Remove PHP dump" deletes lines 54-160 and nothing else', async () => {
    const [remove] = await actionsFor(lsp, uri, firstDump(diags));
    const tde = textDocumentEdits(remove.edit);
    assert.equal(tde.length, 1, 'one versioned TextDocumentEdit');
    assert.deepEqual(tde[0].textDocument, { uri, version: 1 });
    const out = applyTextEdits(text, editsFor(remove.edit, uri));
    assert.equal(out, [...lines.slice(0, 53), ...lines.slice(160)].join('\n'));
  });

  test('"Fix all php-dump problems in this file" removes both dumps, nothing else', async () => {
    const actions = await actionsFor(lsp, uri, firstDump(diags));
    const all = actions.find((a) => a.title === 'Fix all php-dump problems in this file');
    assert.ok(all?.edit);
    const out = applyTextEdits(text, editsFor(all.edit, uri));
    assert.ok(!/\[news_picture\]|^Array$/m.test(out), 'no dump left');
    const expected = fixAll(text, { file, only: new Set(['php-dump']) }, 1).text;
    assert.equal(out, expected, 'the same as the engine fixing php-dump once');
    assert.ok(out.startsWith(lines.slice(0, 53).join('\n')), 'the article before the dumps is untouched');
  });

  test('source.fixAll (codeActionsOnSave) gives minimal edits equal to the engine fix-all', async () => {
    const expected = fixAll(text, { file }).text;
    for (const only of [['source.fixAll'], ['source.fixAll.corpus-curator'], ['source']]) {
      const actions = actionsOnly(
        await lsp.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only, triggerKind: 2 }),
      );
      assert.equal(actions.length, 1, `one action for only=${only}`);
      assert.equal(actions[0].kind, 'source.fixAll.corpus-curator');
      const edits = editsFor(actions[0].edit, uri);
      assert.equal(applyTextEdits(text, edits), expected, `only=${only}`);
      // minimal: no edit reaches into the unchanged head or tail of the text
      let prefix = 0;
      while (prefix < text.length && text[prefix] === expected[prefix]) prefix++;
      let suffix = 0;
      while (suffix < text.length - prefix && text[text.length - 1 - suffix] === expected[expected.length - 1 - suffix]) suffix++;
      const doc = TextDocument.create(uri, 'news-article', 1, text);
      for (const e of edits) {
        assert.ok(doc.offsetAt(e.range.start) >= prefix && doc.offsetAt(e.range.end) <= text.length - suffix, `minimal edit ${JSON.stringify(e.range)}`);
      }
      const replaced = edits.reduce((n, e) => n + doc.offsetAt(e.range.end) - doc.offsetAt(e.range.start), 0);
      assert.ok(replaced <= text.length - expected.length + 200, `edits replace little more than what goes (${replaced})`);
    }
    // not computed for the lightbulb (no `only`): quick fixes only
    const plain = actionsOnly(await lsp.codeActions(uri, firstDump(diags).range, { diagnostics: [firstDump(diags)] }));
    assert.ok(plain.every((a) => a.kind === 'quickfix'));
    const quickOnly = actionsOnly(await lsp.codeActions(uri, firstDump(diags).range, { diagnostics: [firstDump(diags)], only: ['quickfix'] }));
    assert.ok(quickOnly.length > 0 && quickOnly.every((a) => a.kind === 'quickfix'));
  });

  test('"Extract to sidecar" creates <name>.meta.json beside the article, then merges into it', async () => {
    const actions = await actionsFor(lsp, uri, firstDump(diags));
    const extract = actions.find((a) => a.title === 'Extract to sidecar');
    assert.ok(extract?.edit, 'a workspace edit (the client supports CreateFile)');
    assert.equal(extract.command, undefined);
    const sidecar = path.join(dir, SEED0.replace(/\.txt$/, '.meta.json'));
    const sidecarUri = fileUri(sidecar);
    const creates = createFiles(extract.edit);
    assert.deepEqual(creates, [{ kind: 'create', uri: sidecarUri, options: { overwrite: true } }]);
    const order = (extract.edit.documentChanges ?? []).map((d) => ('kind' in d ? d.kind : d.textDocument.uri));
    assert.deepEqual(order, ['create', sidecarUri, uri], 'sidecar first, then the article');
    // apply it as the client would: create (empty), insert the content, edit the article
    const content = applyTextEdits('', editsFor(extract.edit, sidecarUri));
    const json = JSON.parse(content);
    assert.equal(json.source, SEED0);
    assert.equal(json.dumps.length, 1);
    assert.equal(json.dumps[0].startLine, 54);
    assert.equal(applyTextEdits(text, editsFor(extract.edit, uri)), [...lines.slice(0, 53), ...lines.slice(160)].join('\n'));
    writeFileSync(sidecar, JSON.stringify({ ...json, reviewer: 'an' }, null, 2));

    // the second dump's sidecar action merges: existing dumps kept, other keys kept
    const second = diags.find((d) => d.code === 'php-dump' && d.range.start.line === 160);
    assert.ok(second);
    const extract2 = (await actionsFor(lsp, uri, second)).find((a) => a.title === 'Extract to sidecar');
    assert.ok(extract2?.edit);
    const merged = JSON.parse(applyTextEdits('', editsFor(extract2.edit, sidecarUri)));
    assert.equal(merged.reviewer, 'an');
    assert.deepEqual(merged.dumps.map((d: { startLine: number }) => d.startLine), [54, 161]);

    // an existing sidecar that is not JSON is never overwritten: the action is disabled
    writeFileSync(sidecar, 'not json');
    const blocked = (await actionsFor(lsp, uri, second)).find((a) => a.title === 'Extract to sidecar');
    assert.ok(blocked?.disabled?.reason, 'disabled with a reason');
    assert.equal(blocked.edit, undefined);
  });

  test('"Ignore this finding" writes .corpus-curator.json at the workspace root and re-validates', async () => {
    const target = firstDump(lsp.diagnostics(uri) ?? []);
    const ignore = (await actionsFor(lsp, uri, target)).find((a) => a.title.startsWith('Ignore '));
    assert.ok(ignore?.command, 'a command');
    assert.equal(ignore.command.command, 'corpusCurator.ignoreFinding');
    const projectFile = path.join(dir, '.corpus-curator.json');
    assert.ok(!existsSync(projectFile));
    const since = lsp.notifications.length;
    const res = await lsp.executeCommand<{ added: boolean; file: string }>(ignore.command.command, ignore.command.arguments);
    assert.deepEqual(res, { added: true, file: projectFile });
    const raw = readFileSync(projectFile, 'utf8');
    const project = JSON.parse(raw);
    assert.equal(project.ignore.length, 1);
    assert.equal(project.ignore[0].file, SEED0);
    assert.equal(project.ignore[0].code, 'php-dump');
    assert.match(project.ignore[0].hash, /^[0-9a-f]{8}$/);
    assert.ok(raw.startsWith('{\n  "ignore": ['), '2-space indent');
    const pub = await lsp.waitForDiagnostics(uri, () => true, 5000, since);
    assert.ok(!pub.diagnostics.some((d) => d.code === 'php-dump' && d.range.start.line === 53), 'the ignored finding is gone');
    assert.ok(pub.diagnostics.some((d) => d.code === 'php-dump' && d.range.start.line === 160), 'the other dump stays');

    // a second entry keeps the other keys of the file
    writeFileSync(projectFile, JSON.stringify({ boilerplate: ['Quay lên trên'], ...project }, null, 2) + '\n');
    const other = pub.diagnostics.find((d) => d.code === 'php-dump' && d.range.start.line === 160)!;
    const ignore2 = (await actionsFor(lsp, uri, other)).find((a) => a.title.startsWith('Ignore '))!;
    const res2 = await lsp.executeCommand<{ added: boolean }>('corpusCurator.ignoreFinding', ignore2.command!.arguments);
    assert.equal(res2.added, true);
    const project2 = JSON.parse(readFileSync(projectFile, 'utf8'));
    assert.deepEqual(project2.boilerplate, ['Quay lên trên']);
    assert.equal(project2.ignore.length, 2);
    // the same entry again is not duplicated
    const res3 = await lsp.executeCommand<{ added: boolean }>('corpusCurator.ignoreFinding', ignore2.command!.arguments);
    assert.equal(res3.added, false);
    removeDir(projectFile);
    await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(projectFile), type: 3 }] });
  });

  test('corpusCurator.fixAll applies the whole-document fix-all through workspace/applyEdit', async () => {
    const before = lsp.appliedEdits.length;
    const res = await lsp.executeCommand<{ applied: boolean; fixes: Record<string, number> }>('corpusCurator.fixAll', [uri]);
    assert.equal(res.applied, true);
    const expected = fixAll(text, { file });
    assert.deepEqual(res.fixes, expected.applied);
    assert.ok((res.fixes['php-dump'] ?? 0) >= 2);
    const sent = lsp.appliedEdits.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(applyTextEdits(text, editsFor(sent[0].edit, uri)), expected.text);
    assert.deepEqual(textDocumentEdits(sent[0].edit)[0].textDocument, { uri, version: 1 });
  });
});

describe('sidecar without CreateFile support: server-side atomic write', { skip: !HAS_DUMP }, () => {
  test('the action runs corpusCurator.writeSidecar, which writes the sidecar then applies the removal', async () => {
    const dir = tempCorpus([SEED0]);
    const file = path.join(dir, SEED0);
    const uri = fileUri(file);
    const text = readSeed(SEED0);
    const caps = structuredClone(VSCODE_LIKE_CAPABILITIES);
    caps.workspace!.workspaceEdit = { documentChanges: true };
    const lsp = await startServer({ capabilities: caps, rootPath: dir });
    try {
      const diags = await openAndWait(lsp, uri, text);
      const extract = (await actionsFor(lsp, uri, firstDump(diags))).find((a) => a.title === 'Extract to sidecar');
      assert.ok(extract?.command, 'a command');
      assert.equal(extract.edit, undefined, 'the edit waits until the sidecar is written');
      assert.equal(extract.command.command, 'corpusCurator.writeSidecar');
      const sidecar = path.join(dir, SEED0.replace(/\.txt$/, '.meta.json'));

      // a stale version: nothing is written
      const stale = structuredClone(extract.command.arguments![0]);
      stale.version = 99;
      const r0 = await lsp.executeCommand<{ written: boolean }>('corpusCurator.writeSidecar', [stale]);
      assert.equal(r0.written, false);
      assert.ok(!existsSync(sidecar));

      const res = await lsp.executeCommand<{ written: boolean; applied: boolean; sidecar: string }>(
        extract.command.command,
        extract.command.arguments,
      );
      assert.deepEqual(res, { written: true, applied: true, sidecar });
      const json = JSON.parse(readFileSync(sidecar, 'utf8'));
      assert.deepEqual(json.dumps.map((d: { startLine: number }) => d.startLine), [54]);
      const sent = lsp.appliedEdits.at(-1)!;
      assert.equal(applyTextEdits(text, editsFor(sent.edit, uri)), [...linesOf(text).slice(0, 53), ...linesOf(text).slice(160)].join('\n'));
      assert.deepEqual(readdirTmp(dir), [], 'no temporary file left behind');

      // running it again merges instead of duplicating or overwriting
      const again = await lsp.executeCommand<{ written: boolean }>(extract.command.command, extract.command.arguments);
      assert.equal(again.written, true);
      assert.equal(JSON.parse(readFileSync(sidecar, 'utf8')).dumps.length, 1, 'the same dump is not appended twice');

      // a sidecar path outside the article's folder is refused
      const evil = { ...extract.command.arguments![0], sidecar: path.join(dir, '..', 'evil.json') };
      const r2 = await lsp.executeCommand<{ written: boolean }>('corpusCurator.writeSidecar', [evil]);
      assert.equal(r2.written, false);
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
      removeDir(dir);
    }
  });

  test('a client without documentChanges gets `changes` edits', async () => {
    const lsp = await startServer({ capabilities: { textDocument: VSCODE_LIKE_CAPABILITIES.textDocument, workspace: { applyEdit: true } } });
    try {
      const uri = 'untitled:changes-000.txt';
      const text = readSeed(SEED0);
      const diags = await openAndWait(lsp, uri, text);
      const actions = await actionsFor(lsp, uri, firstDump(diags));
      assert.equal(actions[0].title, 'Remove PHP dump');
      assert.ok(actions[0].edit?.changes?.[uri], 'changes map');
      assert.equal(actions[0].edit?.documentChanges, undefined);
      assert.ok(!actions.some((a) => a.title === 'Extract to sidecar'), 'no folder for a sidecar of an unsaved document');
      assert.ok(!actions.some((a) => a.title.startsWith('Ignore ')), 'no project file for an unsaved document');
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
    }
  });
});

function readdirTmp(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.tmp'));
}

describe('corpusCurator.cleanCorpusEdit', () => {
  test('returns (does not apply) an annotated edit fixing every file; skips what cannot be read', async () => {
    const dir = tempCorpus(ALL_SEEDS);
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'binary.txt'), Buffer.from([0x41, 0, 0, 0, 0x42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const lsp = await startServer({ rootPath: dir });
    try {
      // one seed is open with an unsaved edit: its editor text is used, with its version
      const openFile = path.join(dir, SEED3);
      const openUri = fileUri(openFile);
      const editorText = 'Dòng thêm ở đầu\n\n' + readSeed(SEED3);
      await openAndWait(lsp, openUri, editorText);
      const mtimes = ALL_SEEDS.map((s) => statSync(path.join(dir, s)).mtimeMs);
      const missing = fileUri(path.join(dir, 'missing.txt'));
      const uris = [...ALL_SEEDS.map((s) => fileUri(path.join(dir, s))), fileUri(path.join(dir, 'sub')), missing, openUri];
      const res = await lsp.executeCommand<{
        edit: WorkspaceEdit;
        files: number;
        fixes: Record<string, number>;
        skipped: Array<{ uri: string; reason: string }>;
      }>('corpusCurator.cleanCorpusEdit', [uris]);

      assert.deepEqual(
        res.skipped.map((s) => s.uri).sort(),
        [fileUri(path.join(dir, 'sub', 'binary.txt')), missing].sort(),
        JSON.stringify(res.skipped),
      );
      assert.ok(res.skipped.every((s) => s.reason.length > 0));
      assert.match(res.skipped.find((s) => s.uri.endsWith('binary.txt'))!.reason, /binary/);

      const expectedFixes: Record<string, number> = {};
      let expectedFiles = 0;
      for (const s of ALL_SEEDS) {
        const f = path.join(dir, s);
        const u = fileUri(f);
        const before = s === SEED3 ? editorText : readSeed(s);
        const expected = fixAll(before, { file: f });
        const edits = editsFor(res.edit, u);
        assert.equal(applyTextEdits(before, edits), expected.text, `${s}: the edit is the engine fix-all`);
        if (expected.text !== before) {
          expectedFiles++;
          for (const [c, n] of Object.entries(expected.applied)) expectedFixes[c] = (expectedFixes[c] ?? 0) + n;
        }
      }
      assert.equal(res.files, expectedFiles);
      assert.deepEqual(res.fixes, expectedFixes);
      const docEdits = textDocumentEdits(res.edit);
      assert.equal(docEdits.length, expectedFiles, 'one TextDocumentEdit per changed file (duplicates merged)');
      for (const de of docEdits) {
        assert.equal(de.textDocument.version, de.textDocument.uri === openUri ? 1 : null, 'open document versioned, files on disk not');
        // one change per file: ticking it in the preview applies all of the file's fixes, and the
        // report (perFile) is what was applied; a file's clean-up cannot be half ticked
        assert.equal(de.edits.length, 1, `${de.textDocument.uri}: one change`);
        const ids = new Set(de.edits.map((e) => (e as { annotationId?: string }).annotationId));
        assert.equal(ids.size, 1, 'every edit of a file carries its annotation');
        const ann = res.edit.changeAnnotations?.[[...ids][0]!];
        assert.ok(ann?.needsConfirmation, 'needs confirmation');
        assert.equal(ann.label, `Clean ${path.basename(new URL(de.textDocument.uri).pathname)}`);
        assert.match(ann.description ?? '', /×\d/);
      }
      if (HAS_DUMP) assert.ok((res.fixes['php-dump'] ?? 0) >= 2);
      // per file, what the edit fixes there (the client reports only what the user ticks)
      const perFile = (res as unknown as { perFile: Record<string, Record<string, number>> }).perFile;
      for (const s of ALL_SEEDS) {
        const u = fileUri(path.join(dir, s));
        const expected = fixAll(s === SEED3 ? editorText : readSeed(s), { file: path.join(dir, s) });
        if (Object.keys(expected.applied).length) assert.deepEqual(perFile[u], expected.applied, `${s}: its fixes`);
      }
      // one rule's group: that rule's fixes only
      const only = await lsp.executeCommand<{ edit: WorkspaceEdit; fixes: Record<string, number> }>('corpusCurator.cleanCorpusEdit', [uris, { only: ['whitespace'] }]);
      assert.deepEqual(Object.keys(only.fixes), ['whitespace'], JSON.stringify(only.fixes));
      for (const s of ALL_SEEDS) {
        const f = path.join(dir, s);
        const before = s === SEED3 ? editorText : readSeed(s);
        assert.equal(applyTextEdits(before, editsFor(only.edit, fileUri(f))), fixAll(before, { file: f, only: new Set(['whitespace']) }).text, `${s}: whitespace only`);
      }
      assert.deepEqual(ALL_SEEDS.map((s) => statSync(path.join(dir, s)).mtimeMs), mtimes, 'nothing written to disk');
      assert.equal(readFileSync(path.join(dir, SEED0), 'utf8'), readSeed(SEED0));

      // with a work-done token: progress begin/end on that token
      const kinds: string[] = [];
      const sub = lsp.conn.onProgress(new ProgressType<{ kind: string }>(), 'clean-1', (v) => void kinds.push(v.kind));
      const withProgress = await lsp.request<{ files: number }>('workspace/executeCommand', {
        command: 'corpusCurator.cleanCorpusEdit',
        arguments: [ALL_SEEDS.map((s) => fileUri(path.join(dir, s)))],
        workDoneToken: 'clean-1',
      });
      assert.equal(withProgress.files, res.files);
      sub.dispose();
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds.at(-1), 'end');

      // no arguments: the open documents
      const openOnly = await lsp.executeCommand<{ edit: WorkspaceEdit; files: number }>('corpusCurator.cleanCorpusEdit', []);
      const touched = textDocumentEdits(openOnly.edit).map((d) => d.textDocument.uri);
      assert.ok(touched.every((u) => u === openUri));
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
      removeDir(dir);
    }
  });
});

describe('CRLF and BOM documents', { skip: !HAS_DUMP }, () => {
  test('quick fixes and source.fixAll keep CRLF line endings and the BOM', async () => {
    const lsp = await startServer();
    try {
      const lf = readSeed(SEED0);
      const text = '\uFEFF' + lf.replace(/\n/g, '\r\n');
      const uri = 'untitled:crlf-bom-000.txt';
      const diags = await openAndWait(lsp, uri, text);
      const [remove] = await actionsFor(lsp, uri, firstDump(diags));
      assert.equal(remove.title, 'Remove PHP dump');
      const lines = linesOf(lf);
      const out = applyTextEdits(text, editsFor(remove.edit, uri));
      assert.equal(out, '\uFEFF' + [...lines.slice(0, 53), ...lines.slice(160)].join('\r\n'));

      const [all] = actionsOnly(
        await lsp.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: ['source.fixAll'] }),
      );
      const fixed = applyTextEdits(text, editsFor(all.edit, uri));
      assert.equal(fixed, fixAll(text).text);
      assert.ok(fixed.startsWith('\uFEFF'), 'BOM kept');
      assert.ok(!/(^|[^\r])\n/.test(fixed), 'no bare LF introduced');
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
    }
  });
});

describe('Vietnamese UI', { skip: !HAS_DUMP }, () => {
  test("locale 'vi': code action titles from the l10n bundle", async () => {
    const dir = tempCorpus([SEED0]);
    const uri = fileUri(path.join(dir, SEED0));
    const lsp = await startServer({ locale: 'vi', rootPath: dir });
    try {
      const diags = await openAndWait(lsp, uri, readSeed(SEED0));
      const titles = (await actionsFor(lsp, uri, firstDump(diags))).map((a) => a.title);
      assert.ok(titles.some((x) => /^Bỏ qua php-dump “.+” trong tệp này$/.test(x)), titles.join(' | '));
      assert.ok(titles.includes('Sửa tất cả vấn đề php-dump trong tệp này'), titles.join(' | '));
      const bundle = JSON.parse(readFileSync(path.join(process.cwd(), 'l10n', 'bundle.l10n.vi.json'), 'utf8'));
      assert.equal(bundle['Ignore this finding'], 'Bỏ qua phát hiện này');
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
      removeDir(dir);
    }
  });
});

describe('safe and unsafe fixes', () => {
  test('an unsafe quick fix says so and is not preferred; the unsafe fix-all is a source action never run on save', async () => {
    const dir = tempCorpus([SEED2]);
    const file = path.join(dir, SEED2);
    const uri = fileUri(file);
    const text = readSeed(SEED2);
    const lsp = await startServer({ rootPath: dir });
    try {
      const diags = await openAndWait(lsp, uri, text);
      // a pull quote restating a paragraph in other words: removing it drops words found nowhere else
      const d = diags.find((x) => x.code === 'near-duplicate-paragraph' && /removing it/.test(String(x.message)));
      assert.ok(d, 'the unsafe near-duplicate is reported');
      const quick = (await actionsFor(lsp, uri, d)).filter((a) => a.kind === 'quickfix' && a.edit);
      const own = quick.find((a) => a.title === 'Remove the repeated text (unsafe fix)');
      assert.ok(own, `titles: ${quick.map((a) => a.title).join(' | ')}`);
      assert.notEqual(own.isPreferred, true);
      const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const kinds = async (only: string[]) =>
        actionsOnly(await lsp.codeActions(uri, at, { diagnostics: [], only, triggerKind: 2 })).map((a) => a.kind).sort();
      // on save (source.fixAll…): the safe fix-all only
      assert.deepEqual(await kinds(['source.fixAll']), ['source.fixAll.corpus-curator']);
      assert.deepEqual(await kinds(['source.fixAll.corpus-curator']), ['source.fixAll.corpus-curator']);
      // the Source Action menu: both, and the unsafe one is the engine's fix-all with unsafe fixes
      assert.deepEqual(await kinds(['source']), ['source.corpus-curator.fixAllUnsafe', 'source.fixAll.corpus-curator']);
      const unsafe = actionsOnly(await lsp.codeActions(uri, at, { diagnostics: [], only: ['source.corpus-curator.fixAllUnsafe'], triggerKind: 2 }));
      assert.equal(unsafe.length, 1);
      assert.equal(unsafe[0].title, 'Fix all Corpus Curator problems, including unsafe fixes');
      const out = applyTextEdits(text, editsFor(unsafe[0].edit, uri));
      assert.equal(out, fixAll(text, { file, unsafe: true }).text);
      assert.notEqual(out, fixAll(text, { file }).text, 'it does more than the safe fix-all');
    } finally {
      await lsp.stop().catch(() => null);
      lsp.kill();
      removeDir(dir);
    }
  });
});

describe('the quick-fix menu names what each entry does; ignores can be listed and undone', () => {
  test('ignore entries named by rule and text; disable-rule and documentation entries for a client that runs them; unignore', async () => {
    const dir = tempCorpus([SEED0]);
    const file = path.join(dir, SEED0);
    const uri = fileUri(file);
    const text = readSeed(SEED0);
    const plain = await startServer({ rootPath: dir });
    const vsc = await startServer({ rootPath: dir, initializationOptions: { clientCommands: true } });
    try {
      const diags = await openAndWait(vsc, uri, text);
      await openAndWait(plain, uri, text);
      // two findings at one place are two distinct ignore entries, each naming its rule and text
      const titles = new Set<string>();
      for (const d of diags.slice(0, 10)) {
        const acts = await actionsFor(vsc, uri, d);
        const ignore = acts.filter((a) => a.title.startsWith('Ignore '));
        assert.equal(ignore.length, 1, `one ignore entry for ${d.code}: ${acts.map((a) => a.title).join(' | ')}`);
        assert.ok(ignore[0].title.includes(String(d.code)), ignore[0].title);
        titles.add(ignore[0].title);
        const disable = acts.find((a) => a.title === `Disable rule ${d.code} in this workspace`);
        assert.ok(disable?.command, 'disable-rule entry');
        assert.deepEqual([disable.command.command, disable.command.arguments], ['corpusCurator.disableRule', [d.code]]);
        const docs = acts.find((a) => a.title === `Show documentation for ${d.code}`);
        assert.deepEqual([docs?.command?.command, docs?.command?.arguments], ['corpusCurator.showRuleDocs', [d.code]]);
        // a client that does not run these commands is not offered them
        const other = (await actionsFor(plain, uri, d)).map((a) => a.title);
        assert.ok(!other.some((x) => x.startsWith('Disable rule') || x.startsWith('Show documentation')), other.join(' | '));
      }
      assert.ok(titles.size > 1, 'different findings, different titles');
      // ignore one, list it, bring it back
      const target = diags.find((d) => d.code === 'boilerplate') ?? diags[0];
      const ignore = (await actionsFor(vsc, uri, target)).find((a) => a.title.startsWith('Ignore '))!;
      const since = vsc.notifications.length;
      await vsc.executeCommand(ignore.command!.command, ignore.command!.arguments ?? []);
      const after = (await vsc.waitForDiagnostics(uri, (p) => p.diagnostics.length === diags.length - 1, 10000, since)).diagnostics;
      assert.equal(after.length, diags.length - 1);
      const listed = await vsc.executeCommand<Array<{ uri: string; file: string; code: string; hash: string; projectFile: string }>>('corpusCurator.ignoredFindings', []);
      assert.equal(listed.length, 1);
      assert.equal(listed[0].file, SEED0);
      assert.equal(listed[0].code, target.code);
      assert.equal(listed[0].projectFile, fileUri(path.join(dir, '.corpus-curator.json')));
      const since2 = vsc.notifications.length;
      const res = await vsc.executeCommand<{ removed: boolean }>('corpusCurator.unignoreFinding', [{ uri: listed[0].uri, code: listed[0].code, hash: listed[0].hash }]);
      assert.equal(res.removed, true);
      const back = (await vsc.waitForDiagnostics(uri, (p) => p.diagnostics.length === diags.length, 10000, since2)).diagnostics;
      assert.deepEqual(back.map((d) => d.message).sort(), diags.map((d) => d.message).sort(), 'the finding shows again');
      assert.deepEqual(JSON.parse(readFileSync(path.join(dir, '.corpus-curator.json'), 'utf8')).ignore, []);
      assert.deepEqual(await vsc.executeCommand('corpusCurator.ignoredFindings', []), []);
    } finally {
      for (const s of [plain, vsc]) {
        await s.stop().catch(() => null);
        s.kill();
      }
      removeDir(dir);
    }
  });
});
