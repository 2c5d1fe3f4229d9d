/// <reference types="mocha" />
// One index cache per workspace, and no work where there is no corpus (issue #10): the launcher
// (test/e2e/run-code-server.mjs) runs this file in four phases, in the same VS Code (same user
// data): in the first corpus after the rest of the suite, in a second corpus, in the first one
// again, then in a folder of notes that is no corpus. The phase is read from
// `.corpus-e2e-phase` in the workspace folder (none: the first); what one phase saw is handed to the
// next through CORPUS_E2E_STATE_DIR. Opening another corpus must not throw the first one's cache
// away, and coming back to it must read none of its unchanged articles.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CuratorApi } from '../../../client/src/extension';
import { EXTENSION_ID, phaseOf, waitFor, workspaceFolder } from './util';

interface FirstState {
  storagePath: string;
  folder: string;
  articles: string[];
}

const stateDir = process.env.CORPUS_E2E_STATE_DIR;
const stateFile = stateDir ? path.join(stateDir, 'first-workspace.json') : undefined;
const CACHE = 'corpus-index.jsonl';

async function curator(): Promise<CuratorApi> {
  const ext = vscode.extensions.getExtension<CuratorApi>(EXTENSION_ID);
  assert.ok(ext, 'the extension is installed');
  return ext.activate();
}

/** The header and the entries (file → mtime, size) of a cache file's text. */
function parseCache(text: string): { header: Record<string, unknown> | undefined; entries: Map<string, string> } {
  const entries = new Map<string, string>();
  let header: Record<string, unknown> | undefined;
  for (const line of text.split('\n')) {
    try {
      const o = JSON.parse(line) as Record<string, unknown>;
      if (typeof o.file === 'string') entries.set(o.file, `${String(o.mtimeMs)}/${String(o.size)}`);
      else header ??= o;
    } catch {
      /* a blank last line, or a line being written */
    }
  }
  return { header, entries };
}

/** The index cache at `storagePath`: its header and its entries (file → `mtime/size`); empty when there is none. */
function readCache(storagePath: string): { header: Record<string, unknown> | undefined; entries: Map<string, string> } {
  const file = path.join(storagePath, CACHE);
  return parseCache(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
}

/** The files the index cache at `storagePath` holds summaries of. */
function cachedFiles(storagePath: string): string[] {
  return [...readCache(storagePath).entries.keys()];
}

/** When the index cache file at `storagePath` was last written, or 0. */
function cacheWritten(storagePath: string): number {
  const file = path.join(storagePath, CACHE);
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

/** The latest modification time of anything under `folder` (articles, the project file, settings). */
function latestChange(folder: string): number {
  let latest = fs.statSync(folder).mtimeMs;
  for (const e of fs.readdirSync(folder, { withFileTypes: true })) {
    const p = path.join(folder, e.name);
    latest = Math.max(latest, e.isDirectory() ? latestChange(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

/** The server saves its cache this long after a change (IndexService saveDelayMs), plus a margin for the re-read. */
const SAVE_SETTLED_MS = 6_000;

/** The index's first pass in this window, once it has ended, and the articles then. */
async function indexed(api: CuratorApi): Promise<{ read: number | undefined; total: number; articles: string[] }> {
  await waitFor('the index to finish its pass', () => api.store.indexing.phase === 'done' && api.store.articles.length > 0, 60_000, 200);
  const p = api.store.indexing;
  return { read: p.read, total: p.total, articles: api.store.articles.map((a) => vscode.Uri.parse(a.uri).fsPath).sort() };
}

/**
 * Why the return phase read articles again: the cache as it was on disk before this window opened
 * (snapshot by the launcher) against the cache this window's server wrote, and against the files.
 */
function whyRead(first: FirstState): string {
  const snap = stateDir ? path.join(stateDir, 'before-return.jsonl') : '';
  if (!snap || !fs.existsSync(snap)) return 'no snapshot of the cache before this phase';
  const before = parseCache(fs.readFileSync(snap, 'utf8'));
  const now = readCache(first.storagePath);
  const h = (x: Record<string, unknown> | undefined) => (x ? `engine ${String(x.engine)}, config ${String(x.config)}, saved ${String(x.savedAt)}` : 'none');
  const files = first.articles.map((a) => {
    const st = fs.statSync(a);
    return `${path.basename(a)}: disk ${st.mtimeMs}/${st.size}, cached before ${before.entries.get(a) ?? '-'}`;
  });
  return `cache before this window: ${h(before.header)}; cache now: ${h(now.header)}; ${files.join('; ')}`;
}

const phase = phaseOf();

describe(`one index cache per workspace (phase: ${phase})`, function () {
  this.timeout(90_000);

  if (phase === 'first') {
    it('the first corpus keeps its cache in its own workspace storage; the phases that follow are told where', async function () {
      if (!stateFile) this.skip(); // (not under the launcher's phases: nothing to hand on)
      const api = await curator();
      const { articles } = await indexed(api);
      assert.ok(api.storagePath.includes('workspaceStorage'), api.storagePath);
      await waitFor('the cache to hold every article', () => articles.every((a) => cachedFiles(api.storagePath).includes(a)), 30_000, 250);
      // the suite's last edits (a fix, a copy made and removed, a rule disabled and brought back) are
      // saved into the cache by the server itself a few seconds after each change, not only at
      // shutdown, which a web host may cut short (a clean-clone CI run read all 5 articles again on
      // return). What is handed on is the cache once those saves have landed: the last change is
      // SAVE_SETTLED_MS old and the cache file has not been written for a second.
      const folder = workspaceFolder().uri.fsPath;
      await waitFor('the server\'s saves after the suite\'s last changes', () => {
        const now = Date.now();
        return now > latestChange(folder) + SAVE_SETTLED_MS && now - cacheWritten(api.storagePath) >= 1_000;
      }, 45_000, 250);
      const state: FirstState = { storagePath: api.storagePath, folder: workspaceFolder().uri.fsPath, articles };
      fs.writeFileSync(stateFile!, JSON.stringify(state));
    });
  }

  if (phase === 'second-workspace') {
    it('a second corpus gets a cache of its own, and the first corpus\'s cache stays as it was', async () => {
      assert.ok(stateFile && fs.existsSync(stateFile), 'the first phase ran');
      const first = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as FirstState;
      const api = await curator();
      const { read, articles } = await indexed(api);
      assert.notEqual(api.storagePath, first.storagePath, 'another storage folder');
      assert.ok(api.storagePath.includes('workspaceStorage'), api.storagePath);
      assert.equal(articles.length, 2, `this corpus's two articles: ${articles.join(', ')}`);
      assert.equal(read, 2, 'a corpus never opened before is read');
      await waitFor('this corpus\'s cache', () => articles.every((a) => cachedFiles(api.storagePath).includes(a)), 30_000, 250);
      assert.ok(!cachedFiles(api.storagePath).some((f) => f.startsWith(first.folder + path.sep)), 'none of the first corpus in it');
      const kept = cachedFiles(first.storagePath);
      for (const a of first.articles) assert.ok(kept.includes(a), `the first corpus's cache still holds ${path.basename(a)}`);
    });
  }

  if (phase === 'no-corpus') {
    it('a folder of .txt files that is no corpus: no language server until the user opens the explorer', async () => {
      const api = await curator();
      assert.equal(api.started(), false, 'activated, but idle');
      // a plain-text file outside the include globs stays plain text, and starts nothing
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, 'readme.txt'));
      await vscode.window.showTextDocument(doc);
      await new Promise((r) => setTimeout(r, 1_500));
      assert.equal(doc.languageId, 'plaintext');
      assert.equal(api.started(), false, 'still idle after a note was opened');
      assert.equal(vscode.languages.getDiagnostics(doc.uri).length, 0);
      // the user asks for the corpus explorer: the server starts (and finds no article)
      await vscode.commands.executeCommand('corpusCurator.explorer.focus');
      await waitFor('the language server to start', () => api.started(), 15_000);
      await waitFor('an index pass', () => api.store.indexing.phase === 'done', 30_000, 200);
      assert.equal(api.store.articles.length, 0, 'no article here');
    });
  }

  if (phase === 'return') {
    it('coming back to the first corpus reads none of its unchanged articles (its cache was kept)', async () => {
      assert.ok(stateFile && fs.existsSync(stateFile), 'the first phase ran');
      const first = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as FirstState;
      const api = await curator();
      assert.equal(api.storagePath, first.storagePath, 'the same storage as the first time');
      const { read, total, articles } = await indexed(api);
      assert.deepEqual(articles, first.articles, 'the same articles');
      assert.equal(total, first.articles.length);
      assert.equal(read, 0, `no article read again (${read} of ${total} were)${read ? `; ${whyRead(first)}` : ''}`);
      // nor just after: the client's first settings push must not start a second pass that reads them
      await new Promise((r) => setTimeout(r, 2_000));
      const later = api.store.indexing;
      assert.equal(later.read ?? 0, 0, `no pass after the first read any article (${JSON.stringify(later)})`);
    });
  }
});
