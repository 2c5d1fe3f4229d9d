// The server's words in the client's language over LSP: with initializationOptions.locale 'vi'
// (what the client sends for corpusCurator.locale), no diagnostic, hover, outline label or quick-fix
// title reads as it does in English; corpusCurator/locale switches the language of a running server;
// Format Document applies the safe fixes; a squiggle covers the junk, not the blank lines after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SymbolKind, type CodeAction, type Diagnostic, type DocumentSymbol, type Hover, type MarkupContent, type TextEdit } from 'vscode-languageserver';
import { readSeed, startServer, type LspClient } from './client';
import { applyTextEdits, removeDir, SEED0, SEED2, tempCorpus } from './helpers';
import { fixAll } from '../../server/src/engine/fix';

async function waitUntil(pred: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const fileUri = (p: string) => pathToFileURL(p).href;

async function openAndWait(lsp: LspClient, uri: string, text: string): Promise<Diagnostic[]> {
  const since = lsp.notifications.length;
  await lsp.open(uri, text);
  return (await lsp.waitForDiagnostics(uri, () => true, 10000, since)).diagnostics;
}

/** What the server says about a document, in whatever language it speaks. */
async function words(lsp: LspClient, uri: string, diags: Diagnostic[]) {
  const hovers: string[] = [];
  for (const d of diags.slice(0, 12)) {
    const h = (await lsp.hover(uri, d.range.start)) as Hover | null;
    if (h) hovers.push((h.contents as MarkupContent).value);
  }
  const symbols = ((await lsp.documentSymbols(uri)) ?? []) as DocumentSymbol[];
  const labels: string[] = [];
  const walk = (xs: DocumentSymbol[]) => {
    for (const s of xs) {
      // the names the server makes (the junk group, a teaser run, a dump), chosen by kind, not by their words
      if (s.kind === SymbolKind.Package || s.kind === SymbolKind.Array || s.kind === SymbolKind.Object) labels.push(s.name);
      if (s.detail && !/^\d{4}-\d\d/.test(s.detail) && !s.detail.startsWith('[')) labels.push(s.detail);
      walk(s.children ?? []);
    }
  };
  walk(symbols);
  const titles: string[] = [];
  for (const d of diags.slice(0, 12)) {
    const actions = ((await lsp.codeActions(uri, d.range, { diagnostics: [d], triggerKind: 1 })) ?? []) as CodeAction[];
    titles.push(...actions.map((a) => a.title));
  }
  return { messages: diags.map((d) => String(d.message)), hovers, labels, titles };
}

test("locale 'vi' from initializationOptions: diagnostics, hovers, outline labels and fix titles, none as in English; corpusCurator/locale switches back", async () => {
  const dir = tempCorpus([SEED0, SEED2]);
  const en = await startServer({ rootPath: dir, locale: 'en' });
  // VS Code in English, corpusCurator.locale 'vi': the option wins
  const vi = await startServer({ rootPath: dir, locale: 'en', initializationOptions: { locale: 'vi' } });
  try {
    for (const seed of [SEED0, SEED2]) {
      const uri = fileUri(path.join(dir, seed));
      const text = readSeed(seed);
      const de = await openAndWait(en, uri, text);
      const dv = await openAndWait(vi, uri, text);
      assert.deepEqual(dv.map((d) => d.range), de.map((d) => d.range), 'the same findings');
      const we = await words(en, uri, de);
      const wv = await words(vi, uri, dv);
      for (const k of ['messages', 'hovers', 'labels', 'titles'] as const) {
        assert.equal(wv[k].length, we[k].length, `${seed}: as many ${k}`);
        assert.ok(we[k].length > 0, `${seed}: some ${k}`);
        we[k].forEach((e, i) => assert.notEqual(wv[k][i], e, `${seed} ${k}: “${e}” reads the same in Vietnamese`));
      }
    }
    // the setting changed to English: the server re-checks open documents in English
    const uri = fileUri(path.join(dir, SEED0));
    const since = vi.notifications.length;
    const requestsBefore = vi.serverRequests.length;
    await vi.notify('corpusCurator/locale', { locale: 'en' });
    const again = (await vi.waitForDiagnostics(uri, () => true, 10000, since)).diagnostics;
    const english = (await en.waitForDiagnostics(uri, () => true, 10000, 0)).diagnostics;
    assert.deepEqual(again.map((d) => d.message), english.map((d) => d.message));
    // and the outline it gave in Vietnamese before is not served again
    assert.deepEqual(await vi.documentSymbols(uri), await en.documentSymbols(uri));
    // VS Code keeps an outline until the document or its provider changes: the provider is
    // registered again (VS Code then asks for the outline in the new language)
    const symbolRegs = (reqs: typeof vi.serverRequests) =>
      reqs.flatMap((r) =>
        r.method === 'client/registerCapability'
          ? (r.params as { registrations: Array<{ id: string; method: string }> }).registrations.filter((g) => g.method === 'textDocument/documentSymbol').map((g) => `+${g.id}`)
          : r.method === 'client/unregisterCapability'
            ? (r.params as { unregisterations: Array<{ id: string; method: string }> }).unregisterations.filter((g) => g.method === 'textDocument/documentSymbol').map((g) => `-${g.id}`)
            : [],
      );
    const atStart = symbolRegs(vi.serverRequests.slice(0, requestsBefore));
    assert.equal(atStart.length, 1, `registered once at start: ${atStart}`);
    assert.equal((vi.initializeResult.capabilities as { documentSymbolProvider?: unknown }).documentSymbolProvider, undefined, 'not also static');
    await waitUntil(() => symbolRegs(vi.serverRequests.slice(requestsBefore)).length >= 2, 5000);
    assert.deepEqual(symbolRegs(vi.serverRequests.slice(requestsBefore)).map((x) => x[0]), ['-', '+'], 'unregistered, then registered again');
    assert.equal(symbolRegs(vi.serverRequests.slice(requestsBefore))[0], '-' + atStart[0].slice(1), 'the first registration goes');
  } finally {
    for (const s of [en, vi]) {
      await s.stop().catch(() => null);
      s.kill();
    }
    removeDir(dir);
  }
});

test('Format Document applies the safe fixes (the engine fix-all), as minimal edits', async () => {
  const dir = tempCorpus([SEED2]);
  const file = path.join(dir, SEED2);
  const uri = fileUri(file);
  const text = readSeed(SEED2);
  const lsp = await startServer({ rootPath: dir });
  try {
    assert.equal((lsp.initializeResult?.capabilities as { documentFormattingProvider?: unknown }).documentFormattingProvider, true);
    await openAndWait(lsp, uri, text);
    const edits = (await lsp.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })) ?? [];
    assert.ok(edits.length > 0, 'edits');
    const out = applyTextEdits(text, edits);
    assert.equal(out, fixAll(text, { file }).text);
    assert.notEqual(out, fixAll(text, { file, unsafe: true }).text, 'the unsafe fixes are not applied');
  } finally {
    await lsp.stop().catch(() => null);
    lsp.kill();
    removeDir(dir);
  }
});

test("a junk block's squiggle covers its lines, not the blank lines its removal takes", async () => {
  const dir = tempCorpus([SEED0]);
  const uri = fileUri(path.join(dir, SEED0));
  const text = readSeed(SEED0);
  const lines = text.split('\n');
  const lsp = await startServer({ rootPath: dir });
  try {
    const diags = await openAndWait(lsp, uri, text);
    const junk = diags.filter((d) => ['php-dump', 'boilerplate', 'related'].includes(String(d.code)));
    assert.ok(junk.length > 0);
    for (const d of junk) {
      const first = lines[d.range.start.line].slice(d.range.start.character);
      const lastLine = lines[d.range.end.line].slice(0, d.range.end.character);
      assert.notEqual(first.trim(), '', `${d.code} at ${d.range.start.line + 1} starts on text`);
      assert.notEqual(lastLine.trim(), '', `${d.code} at ${d.range.start.line + 1} ends on text, not on a blank line (ends ${d.range.end.line + 1}:${d.range.end.character})`);
    }
  } finally {
    await lsp.stop().catch(() => null);
    lsp.kill();
    removeDir(dir);
  }
});
