// Writing outside the workspace, over stdio: sidecars never follow links and are written only beside
// articles inside a workspace folder, at the path the server derives; a `.corpus-curator.json` above
// the workspace folder counts only with corpusCurator.useConfigAboveWorkspace, and ignore entries and
// reviewed marks are never written above the folder; in Restricted Mode (an untrusted workspace)
// the outline, folding, hovers and diagnostics work while nothing that writes files is offered or done.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { readSeed, seedPath, startServer, VSCODE_LIKE_CAPABILITIES, type LspClient, type StartOptions } from './client';
import { registered, removeDir, SEED0, tempCorpus } from './helpers';
import { analyze } from '../../server/src/engine/analyze';
import { CorpusMethods } from '../../server/src/protocol';

const HAS_DUMP = registered('php-dump');
const fileUri = (p: string) => pathToFileURL(p).href;
const SECRET = 'TOP-SECRET-d41d8cd98f00';
const PROJECT = '.corpus-curator.json';
const META = SEED0.replace(/\.txt$/, '.meta.json');

/** Capabilities of a client without file creation in workspace edits: the server writes the sidecar. */
function serverSideCaps() {
  const caps = structuredClone(VSCODE_LIKE_CAPABILITIES);
  caps.workspace!.workspaceEdit = { documentChanges: true };
  return caps;
}

async function openAndWait(lsp: LspClient, uri: string, text: string): Promise<Diagnostic[]> {
  const since = lsp.notifications.length;
  await lsp.open(uri, text);
  return (await lsp.waitForDiagnostics(uri, () => true, 5000, since)).diagnostics;
}

async function actionsFor(lsp: LspClient, uri: string, d: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  return ((await lsp.codeActions(uri, d.range, { diagnostics: [d], triggerKind: 1, ...(only ? { only } : {}) })) ?? []) as CodeAction[];
}

function firstDump(diags: Diagnostic[]): Diagnostic {
  const d = diags.find((x) => x.code === 'php-dump' && x.range.start.line === 53);
  assert.ok(d, `php-dump diagnostic on line 54 (got ${diags.map((x) => x.code).join(',')})`);
  return d;
}

/** The writeSidecar arguments for the first dump of `file` (what the server's action carries). */
function dumpArgs(file: string, uri: string, version = 1): { uri: string; version: number; code: string; hash?: string; start: number; end: number } {
  const f = analyze(readFileSync(file, 'utf8'), { file }).findings.find((x) => x.code === 'php-dump');
  assert.ok(f);
  return { uri, version, code: f.code, hash: f.hash, start: f.start, end: f.end };
}

function messages(lsp: LspClient): string[] {
  return lsp.notifications.filter((n) => n.method === 'window/showMessage').map((n) => String(n.params.message));
}

/** A workspace folder `ws` with SEED0, beside an `outside` folder, both under a fresh temporary folder. */
function layout(): { top: string; ws: string; outside: string; file: string; uri: string } {
  const top = tempCorpus();
  const ws = path.join(top, 'ws');
  const outside = path.join(top, 'outside');
  mkdirSync(ws);
  mkdirSync(outside);
  const file = path.join(ws, SEED0);
  copyFileSync(seedPath(SEED0), file);
  return { top, ws, outside, file, uri: fileUri(file) };
}

async function withServer(options: StartOptions, fn: (lsp: LspClient) => Promise<void>): Promise<void> {
  const lsp = await startServer(options);
  try {
    await fn(lsp);
    assert.equal(await lsp.stop(), 0, `server exit code (stderr: ${lsp.stderr})`);
  } finally {
    lsp.kill();
  }
}

describe('sidecars never leave the workspace', { skip: !HAS_DUMP }, () => {
  test('a symlinked sidecar (VS Code-like client): "Extract to sidecar" is disabled, the outside file is neither read nor written', async () => {
    const { top, ws, outside, uri } = layout();
    const secretFile = path.join(outside, 'secret.json');
    writeFileSync(secretFile, JSON.stringify({ token: SECRET }));
    symlinkSync(path.join('..', 'outside', 'secret.json'), path.join(ws, META));
    try {
      await withServer({ rootPath: ws }, async (lsp) => {
        const diags = await openAndWait(lsp, uri, readSeed(SEED0));
        const actions = await actionsFor(lsp, uri, firstDump(diags));
        assert.ok(!JSON.stringify(actions).includes(SECRET), 'the secret is in no action');
        const extract = actions.find((a) => a.title === 'Extract to sidecar');
        assert.ok(extract, actions.map((a) => a.title).join(' | '));
        assert.equal(extract.edit, undefined, 'no edit');
        assert.match(extract.disabled?.reason ?? '', /symbolic link/, 'the reason says why');
        assert.ok(actions.some((a) => a.title === 'Remove PHP dump' && a.edit), 'the plain removal is still offered');
      });
      assert.equal(readFileSync(secretFile, 'utf8'), JSON.stringify({ token: SECRET }));
      assert.ok(lstatSync(path.join(ws, META)).isSymbolicLink(), 'the link is left alone');
    } finally {
      removeDir(top);
    }
  });

  test('a symlinked sidecar (server-side write): corpusCurator.writeSidecar refuses with a message, nothing read or written', async () => {
    const { top, ws, outside, file, uri } = layout();
    const secretFile = path.join(outside, 'secret.json');
    writeFileSync(secretFile, JSON.stringify({ token: SECRET }));
    symlinkSync(path.join('..', 'outside', 'secret.json'), path.join(ws, META));
    try {
      await withServer({ rootPath: ws, capabilities: serverSideCaps() }, async (lsp) => {
        const diags = await openAndWait(lsp, uri, readSeed(SEED0));
        const actions = await actionsFor(lsp, uri, firstDump(diags));
        assert.ok(!JSON.stringify(actions).includes(SECRET));
        const extract = actions.find((a) => a.title === 'Extract to sidecar');
        assert.ok(extract);
        // disabled; its command, as an older action would carry it, is refused all the same
        assert.match(extract.disabled?.reason ?? '', /symbolic link/);
        const args = extract.command?.arguments ?? [dumpArgs(file, uri)];
        const before = lsp.appliedEdits.length;
        const res = await lsp.executeCommand<{ written: boolean; error?: string }>('corpusCurator.writeSidecar', args);
        assert.equal(res.written, false);
        assert.match(res.error ?? '', /symbolic link/);
        assert.ok(messages(lsp).some((m) => /symbolic link/.test(m)), 'the user is told why');
        assert.equal(lsp.appliedEdits.length, before, 'the dump is not removed');
      });
      assert.equal(readFileSync(secretFile, 'utf8'), JSON.stringify({ token: SECRET }), 'the outside file is unchanged');
      assert.ok(lstatSync(path.join(ws, META)).isSymbolicLink(), 'the link is not replaced by a copy of the secret');
      assert.deepEqual(readdirSync(ws).sort(), [SEED0, META].sort(), 'nothing else written');
    } finally {
      removeDir(top);
    }
  });

  test('corpusCurator.writeSidecar with an article outside the workspace, or a path of its own, writes nothing', async () => {
    const { top, ws, outside, uri } = layout();
    const outsideArticle = path.join(outside, SEED0);
    copyFileSync(seedPath(SEED0), outsideArticle);
    const evil = path.join(outside, 'evil.json');
    try {
      await withServer({ rootPath: ws, capabilities: serverSideCaps() }, async (lsp) => {
        // what the issue did: any *.json beside any file: URI (it wrote /etc/evil.json as root)
        const res = await lsp.executeCommand<{ written: boolean; error?: string }>('corpusCurator.writeSidecar', [
          { uri: fileUri(outsideArticle), version: 1, sidecar: evil, json: { token: SECRET } },
        ]);
        assert.equal(res.written, false);
        assert.ok(!existsSync(evil), 'no file created outside the workspace');
        // an article outside the workspace, open in the editor: the action is disabled, the command refused
        const outsideUri = fileUri(outsideArticle);
        const diags = await openAndWait(lsp, outsideUri, readSeed(SEED0));
        const extract = (await actionsFor(lsp, outsideUri, firstDump(diags))).find((a) => a.title === 'Extract to sidecar');
        assert.ok(extract);
        assert.equal(extract.command, undefined);
        assert.match(extract.disabled?.reason ?? '', /workspace folder/);
        const res2 = await lsp.executeCommand<{ written: boolean; error?: string }>('corpusCurator.writeSidecar', [dumpArgs(outsideArticle, outsideUri)]);
        assert.equal(res2.written, false);
        assert.match(res2.error ?? '', /workspace folder/);
        assert.ok(!existsSync(path.join(outside, META)), 'no sidecar beside the outside article');
        // an article inside, with a sidecar path of the caller's choosing: refused, whatever the path
        const res3 = await lsp.executeCommand<{ written: boolean; error?: string }>('corpusCurator.writeSidecar', [
          { ...dumpArgs(path.join(ws, SEED0), uri), sidecar: path.join(ws, 'chosen.json') },
        ]);
        assert.equal(res3.written, false);
        assert.match(res3.error ?? '', /derived from the article/);
        assert.deepEqual(readdirSync(ws), [SEED0]);
      });
      assert.deepEqual(readdirSync(outside), [SEED0]);
    } finally {
      removeDir(top);
    }
  });

  test('a relative sidecar path is refused, not resolved against the server\'s working directory', async () => {
    const { top, ws, file, uri } = layout();
    try {
      // the server runs in the article's folder: a relative path would land beside the article
      await withServer({ rootPath: ws, capabilities: serverSideCaps(), cwd: ws }, async (lsp) => {
        await openAndWait(lsp, uri, readSeed(SEED0));
        const res = await lsp.executeCommand<{ written: boolean; error?: string }>('corpusCurator.writeSidecar', [
          { ...dumpArgs(file, uri), sidecar: 'evil.json', json: { token: SECRET } },
        ]);
        assert.equal(res.written, false);
        assert.ok(messages(lsp).some((m) => /derived from the article/.test(m)), messages(lsp).join(' | '));
      });
      assert.ok(!existsSync(path.join(ws, 'evil.json')), 'nothing written at the relative path');
      assert.deepEqual(readdirSync(ws), [SEED0]);
    } finally {
      removeDir(top);
    }
  });

  test('the sidecar the server writes is <article>.meta.json beside the article, with the dump\'s records', async () => {
    const { top, ws, uri } = layout();
    try {
      await withServer({ rootPath: ws, capabilities: serverSideCaps() }, async (lsp) => {
        const diags = await openAndWait(lsp, uri, readSeed(SEED0));
        const extract = (await actionsFor(lsp, uri, firstDump(diags))).find((a) => a.title === 'Extract to sidecar');
        assert.ok(extract?.command);
        assert.deepEqual(Object.keys(extract.command.arguments![0]).sort(), ['code', 'end', 'hash', 'start', 'uri', 'version'], 'no path, content or edit in the arguments');
        const res = await lsp.executeCommand<{ written: boolean; applied: boolean; sidecar: string }>(extract.command.command, extract.command.arguments);
        assert.deepEqual(res, { written: true, applied: true, sidecar: path.join(ws, META) });
        assert.deepEqual(JSON.parse(readFileSync(path.join(ws, META), 'utf8')).dumps.map((d: { startLine: number }) => d.startLine), [54]);
      });
    } finally {
      removeDir(top);
    }
  });
});

describe('a .corpus-curator.json above the workspace folder', { skip: !HAS_DUMP }, () => {
  /** top/.corpus-curator.json turns php-dump off; the workspace folder is top/ws. */
  function above(): ReturnType<typeof layout> & { aboveFile: string; aboveText: string } {
    const l = layout();
    const aboveFile = path.join(l.top, PROJECT);
    const aboveText = JSON.stringify({ rules: { 'php-dump': 'off' } }, null, 2) + '\n';
    writeFileSync(aboveFile, aboveText);
    return { ...l, aboveFile, aboveText };
  }

  test('is not used by default; "Ignore" writes inside the workspace folder, the file above is untouched', async () => {
    const { top, ws, uri, aboveFile, aboveText } = above();
    try {
      await withServer({ rootPath: ws }, async (lsp) => {
        const diags = await openAndWait(lsp, uri, readSeed(SEED0));
        assert.ok(diags.some((d) => d.code === 'php-dump'), 'php-dump is reported: the file above does not turn it off');
        const ignore = (await actionsFor(lsp, uri, firstDump(diags))).find((a) => a.title.startsWith('Ignore '));
        assert.ok(ignore?.command);
        const res = await lsp.executeCommand<{ added: boolean; file: string }>(ignore.command.command, ignore.command.arguments);
        assert.deepEqual(res, { added: true, file: path.join(ws, PROJECT) });
        assert.equal(JSON.parse(readFileSync(path.join(ws, PROJECT), 'utf8')).ignore.length, 1);
        // mark reviewed: also inside
        const r = await lsp.request<{ ok: boolean; file?: string }>(CorpusMethods.markReviewed, { uris: [uri], reviewed: true });
        assert.deepEqual(r, { ok: true, file: path.join(ws, PROJECT), changed: 1 });
        assert.deepEqual(JSON.parse(readFileSync(path.join(ws, PROJECT), 'utf8')).reviewed, [SEED0]);
      });
      assert.equal(readFileSync(aboveFile, 'utf8'), aboveText, 'the file above the workspace is not written');
    } finally {
      removeDir(top);
    }
  });

  test('is used with corpusCurator.useConfigAboveWorkspace; ignore and mark reviewed still never write above', async () => {
    const { top, ws, file, uri, aboveFile, aboveText } = above();
    try {
      await withServer({ rootPath: ws, settings: { useConfigAboveWorkspace: true } }, async (lsp) => {
        const diags = await openAndWait(lsp, uri, readSeed(SEED0));
        assert.ok(!diags.some((d) => d.code === 'php-dump'), 'the file above turns php-dump off');
        const f = analyze(readFileSync(file, 'utf8'), { file }).findings.find((x) => x.code === 'whitespace' || x.code === 'php-dump')!;
        const res = await lsp.executeCommand<{ added: boolean; error?: string }>('corpusCurator.ignoreFinding', [{ uri, code: f.code, hash: f.hash }]);
        assert.equal(res.added, false);
        assert.match(res.error ?? '', /above the workspace folder/);
        assert.ok(messages(lsp).some((m) => /above the workspace folder/.test(m)), 'the user is told why');
        const r = await lsp.request<{ ok: boolean; reason?: string }>(CorpusMethods.markReviewed, { uris: [uri], reviewed: true });
        assert.equal(r.ok, false);
        assert.match(r.reason ?? '', /above the workspace folder/);
      });
      assert.equal(readFileSync(aboveFile, 'utf8'), aboveText, 'the file above is not written');
      assert.ok(!existsSync(path.join(ws, PROJECT)), 'no file inside that would hide it');
    } finally {
      removeDir(top);
    }
  });

  test('a project file inside the workspace folder that links out is not written through', async () => {
    const { top, ws, outside, uri } = layout();
    const target = path.join(outside, 'config.json');
    const text = JSON.stringify({ token: SECRET }) + '\n';
    writeFileSync(target, text);
    symlinkSync(path.join('..', 'outside', 'config.json'), path.join(ws, PROJECT));
    try {
      await withServer({ rootPath: ws }, async (lsp) => {
        const diags = await openAndWait(lsp, uri, readSeed(SEED0));
        const ignore = (await actionsFor(lsp, uri, firstDump(diags))).find((a) => a.title.startsWith('Ignore '));
        assert.ok(ignore?.command);
        const res = await lsp.executeCommand<{ added: boolean; error?: string }>(ignore.command.command, ignore.command.arguments);
        assert.equal(res.added, false);
        assert.match(res.error ?? '', /symbolic link/);
      });
      assert.equal(readFileSync(target, 'utf8'), text);
      assert.ok(lstatSync(path.join(ws, PROJECT)).isSymbolicLink(), 'the link is not replaced by a copy of what it points to');
    } finally {
      removeDir(top);
    }
  });
});

describe('Restricted Mode (initializationOptions.workspaceTrusted: false)', { skip: !HAS_DUMP }, () => {
  let lsp: LspClient;
  let l: ReturnType<typeof layout>;
  let diags: Diagnostic[];

  before(async () => {
    l = layout();
    lsp = await startServer({ rootPath: l.ws, capabilities: serverSideCaps(), initializationOptions: { workspaceTrusted: false } });
    diags = await openAndWait(lsp, l.uri, readSeed(SEED0));
  });
  after(async () => {
    if (lsp.proc.exitCode === null) {
      const code = await lsp.stop().catch(() => null);
      lsp.kill();
      assert.equal(code, 0, `server exit code (stderr: ${lsp.stderr})`);
    }
    removeDir(l.top);
  });

  test('diagnostics, outline, folding and hovers work', async () => {
    assert.ok(diags.some((d) => d.code === 'php-dump'));
    const symbols = await lsp.documentSymbols(l.uri);
    assert.ok(symbols && symbols.length > 0, 'outline');
    const folds = await lsp.foldingRanges(l.uri);
    assert.ok(folds && folds.length > 0, 'folding');
    const hover = await lsp.hover(l.uri, { line: 53, character: 0 });
    assert.ok(hover, 'hover on the dump');
  });

  test('quick fixes that edit the text are offered; sidecars, ignore and fix on save are not', async () => {
    const titles = (await actionsFor(lsp, l.uri, firstDump(diags))).map((a) => a.title);
    assert.ok(titles.includes('Remove PHP dump'), titles.join(' | '));
    assert.ok(!titles.includes('Extract to sidecar'), titles.join(' | '));
    assert.ok(!titles.some((x) => x.startsWith('Ignore ')), titles.join(' | '));
    const onSave = await actionsFor(lsp, l.uri, firstDump(diags), ['source.fixAll']);
    assert.deepEqual(onSave.map((a) => a.kind), [], 'no source.fixAll: fix on save does nothing');
  });

  test('the commands that write files refuse with a message saying why; nothing is written', async () => {
    const since = lsp.notifications.length;
    const s = await lsp.executeCommand<{ written: boolean; error?: string }>('corpusCurator.writeSidecar', [dumpArgs(l.file, l.uri)]);
    assert.equal(s.written, false);
    assert.match(s.error ?? '', /Restricted Mode/);
    const f = analyze(readSeed(SEED0), { file: l.file }).findings.find((x) => x.code === 'php-dump')!;
    const i = await lsp.executeCommand<{ added: boolean; error?: string }>('corpusCurator.ignoreFinding', [{ uri: l.uri, code: f.code, hash: f.hash }]);
    assert.equal(i.added, false);
    assert.match(i.error ?? '', /Restricted Mode/);
    await assert.rejects(lsp.executeCommand('corpusCurator.cleanCorpusEdit', [[l.uri]]), /Restricted Mode/);
    const r = await lsp.request<{ ok: boolean; reason?: string }>(CorpusMethods.markReviewed, { uris: [l.uri], reviewed: true });
    assert.equal(r.ok, false);
    assert.match(r.reason ?? '', /Restricted Mode/);
    const shown = lsp.notifications.slice(since).filter((n) => n.method === 'window/showMessage');
    assert.ok(shown.length >= 3 && shown.every((n) => /Restricted Mode/.test(n.params.message)), JSON.stringify(shown));
    assert.deepEqual(readdirSync(l.ws), [SEED0], 'nothing written');
    assert.equal(lsp.appliedEdits.length, 0);
  });

  test('once the client says trust was granted, they are offered again', async () => {
    await lsp.notify(CorpusMethods.workspaceTrust, { trusted: true });
    const titles = (await actionsFor(lsp, l.uri, firstDump(diags))).map((a) => a.title);
    assert.ok(titles.includes('Extract to sidecar') && titles.some((x) => x.startsWith('Ignore php-dump')), titles.join(' | '));
  });
});
