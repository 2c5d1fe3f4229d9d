// Big documents are read off the server's main thread (server/src/lsp/offThread.ts): while one is
// being analysed, requests about other documents are answered; its diagnostics and outline are the
// engine's; a new version supersedes the one under way; a huge file of short lines is handled.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, DocumentSymbol, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readSeed, startServer, type LspClient } from './client';
import { analyze } from '../../server/src/engine/analyze';
import { parseArticle } from '../../server/src/model/article';
import { buildOutline } from '../../server/src/model/outline';
import { OFF_THREAD_CHARS } from '../../server/src/lsp/offThread';

let lsp: LspClient;
before(async () => { lsp = await startServer(); });
after(async () => { await lsp.stop(); });

/** An article of about `chars` characters: a headline, a dateline, real paragraphs, some with defects. */
function bigArticle(chars: number): string {
  const dir = 'test/fixtures/real';
  const paras = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.length > 200));
  let text = 'Nông dân phấn khởi vì lúa được mùa, được giá\n\n20/05/2022 - 15:17\n\n';
  for (let i = 0; text.length < chars; i++) text += paras[i % paras.length].replace(' ', i % 5 === 0 ? '  ' : ' ') + '\n\n';
  return text;
}

test('while a big document is analysed, a hover in another document is answered first; then its diagnostics are the engine\'s', async () => {
  const small = 'untitled:small.txt';
  await lsp.open(small, readSeed('001_a4534dbc61da94dd.txt'));
  await lsp.waitForDiagnostics(small);
  const text = bigArticle(Math.max(OFF_THREAD_CHARS * 3, 600_000));
  const big = 'untitled:big.txt';
  const since = lsp.notifications.length;
  const order: string[] = [];
  await lsp.open(big, text);
  const diagnostics = lsp.waitForDiagnostics(big, () => true, 120_000, since).then((p) => { order.push('big diagnostics'); return p; });
  const hover = await lsp.hover(small, { line: 0, character: 2 });
  order.push('hover');
  assert.ok(hover, 'the hover is answered');
  const published = await diagnostics;
  assert.deepEqual(order, ['hover', 'big diagnostics'], 'the hover did not wait for the big document');
  const expected = analyze(text).findings;
  assert.equal(published.diagnostics.length, expected.length);
  assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), expected.map((f) => f.code).sort());
  const symbols = (await lsp.documentSymbols(big)) as DocumentSymbol[];
  assert.ok(symbols.length > 0 && JSON.stringify(symbols).includes('Nông dân phấn khởi'), 'the outline names the headline');
  // the outline is the engine's, and a hover gives the model's reason (both follow the findings
  // from the worker in a second message)
  const article = parseArticle(text);
  const outline = buildOutline(article);
  const names = (ns: Array<{ name: string; children?: unknown[] }>): string[] => ns.flatMap((n) => [n.name, ...names((n.children ?? []) as never)]);
  assert.deepEqual(names(symbols), names(outline));
  const para = article.blocks.find((b) => b.kind === 'paragraph' && b.startLine > 100)!;
  const h = await lsp.hover(big, { line: para.startLine, character: 1 });
  // (the hover is Markdown: its text with Markdown's escapes undone, `\<.3` is `<.3`)
  const contents = h?.contents as { value?: string } | string | undefined;
  const value = (typeof contents === 'string' ? contents : contents?.value ?? '').replace(/\\([\\`*_{}[\]()#+\-.!<>|])/g, '$1');
  assert.ok(para.reason && value.includes(para.reason.slice(0, 40)), `the hover gives the reason "${para.reason}": ${value.slice(0, 300)}`);
});

test('an edit to a big document during its analysis: the diagnostics published are for the last version', async () => {
  const uri = 'untitled:big-edited.txt';
  const text = bigArticle(OFF_THREAD_CHARS * 2);
  const since = lsp.notifications.length;
  await lsp.open(uri, text);
  const version = await lsp.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Cập nhật  ' }]);
  const p = await lsp.waitForDiagnostics(uri, (d) => d.version === version, 120_000, since);
  const expected = analyze('Cập nhật  ' + text).findings;
  assert.equal(p.diagnostics.length, expected.length);
});

test('5 MB of short lines: a first look at its beginning is published, then the whole file\'s problems; the outline, folding and a hover are answered, bounded', async () => {
  const lines: string[] = [];
  for (let i = 0; i < 2_400_000; i++) lines.push(i % 7 === 0 ? 'x' : i % 5 === 0 ? '|' : 'a');
  const uri = 'untitled:short-lines.txt';
  const since = lsp.notifications.length;
  const text = lines.join('\n');
  await lsp.open(uri, text);
  // first: the beginning read on its own, said so at the top
  const first = await lsp.waitForDiagnostics(uri, () => true, 180_000, since);
  const note = first.diagnostics.find((d) => /a first look at lines 1–5,000 of 2,400,000/.test(String(d.message)));
  assert.ok(note, `a note says what was read: ${first.diagnostics.slice(-1).map((d) => d.message)}`);
  assert.equal(note.range.start.line, 0);
  assert.ok(first.diagnostics.length > 1, 'problems of the beginning are shown');
  assert.ok(first.diagnostics.every((d) => d.range.end.line < 5_000), 'all within the lines read');
  // a quick fix asked from a first-look diagnostic is the whole analysis' fix of the same characters
  const fixable = first.diagnostics.find((d) => d.range.start.line > 100 && (d.data as { n?: number } | undefined)?.n);
  assert.ok(fixable, 'a first-look problem with a fix');
  const fromFirst = (await lsp.codeActions(uri, fixable.range, { diagnostics: [fixable] })) as CodeAction[];
  const quick = fromFirst.find((a) => a.isPreferred);
  assert.ok(quick?.edit, JSON.stringify(fromFirst.map((a) => a.title)));
  const edits = (quick.edit.documentChanges?.[0] as TextDocumentEdit | undefined)?.edits ?? quick.edit.changes?.[uri] ?? [];
  assert.ok(edits.length > 0 && edits.every((e) => e.range.start.line >= fixable.range.start.line && e.range.end.line <= fixable.range.end.line + 1), JSON.stringify(edits));
  // then the whole file's, which replace them
  const whole = await lsp.waitForDiagnostics(uri, (d) => !d.diagnostics.some((x) => /a first look/.test(String(x.message))), 180_000, since);
  assert.equal(whole.diagnostics.length, 10_001);
  assert.match(String(whole.diagnostics[10_000].message), /first 10,000 of the [\d,]+ problems/);
  const symbols = await lsp.documentSymbols(uri);
  assert.ok(Array.isArray(symbols) && symbols.length > 0);
  assert.ok(JSON.stringify(symbols).length < 1_000_000, 'the outline is bounded');
  const folds = await lsp.foldingRanges(uri);
  assert.ok(Array.isArray(folds) && JSON.stringify(folds).length < 1_000_000);
  const hover = await lsp.hover(uri, { line: 2_000_000, character: 0 });
  assert.ok(hover === null || typeof hover === 'object');
  // a quick fix on a line far past the beginning (its diagnostic is not published: only the first 10,000 are)
  const actions = (await lsp.codeActions(uri, { start: { line: 2_000_005, character: 0 }, end: { line: 2_000_005, character: 1 } }, { diagnostics: [] })) as CodeAction[];
  assert.ok(Array.isArray(actions));
});

test('the outline asked right after an edit of a big document comes before its new diagnostics, shifted past the edit', async () => {
  const uri = 'untitled:big-outline.txt';
  const text = bigArticle(OFF_THREAD_CHARS * 2);
  let since = lsp.notifications.length;
  await lsp.open(uri, text);
  await lsp.waitForDiagnostics(uri, () => true, 120_000, since);
  const before = (await lsp.documentSymbols(uri)) as DocumentSymbol[];
  const headlineLine = (syms: DocumentSymbol[]): number => {
    const all: DocumentSymbol[] = [];
    const walk = (xs: DocumentSymbol[]) => { for (const x of xs) { all.push(x); walk(x.children ?? []); } };
    walk(syms);
    return all.find((x) => x.name.startsWith('Nông dân phấn khởi'))!.selectionRange.start.line;
  };
  assert.equal(headlineLine(before), 0);
  since = lsp.notifications.length;
  const order: string[] = [];
  const version = await lsp.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Trang chủ » Kinh tế\n' }]);
  const fresh = lsp.waitForDiagnostics(uri, (d) => d.version === version, 120_000, since).then(() => order.push('diagnostics'));
  const after = (await lsp.documentSymbols(uri)) as DocumentSymbol[];
  order.push('outline');
  assert.equal(headlineLine(after), 1, 'the headline moved down a line');
  await fresh;
  assert.deepEqual(order, ['outline', 'diagnostics']);
});

test('a file with more problems than the editor can use: the first 10,000 are published and a note says how many there are', async () => {
  const lines: string[] = [];
  for (let i = 0; i < 30_000; i++) lines.push(i % 2 ? '.' : '|');
  const uri = 'untitled:many-problems.txt';
  const since = lsp.notifications.length;
  const text = lines.join('\n\n');
  await lsp.open(uri, text);
  const p = await lsp.waitForDiagnostics(uri, () => true, 120_000, since);
  const total = analyze(text).findings.length;
  assert.ok(total > 10_000, `${total} findings`);
  assert.equal(p.diagnostics.length, 10_001);
  const note = p.diagnostics[10_000];
  assert.match(String(note.message), new RegExp(`first 10,000 of the ${total.toLocaleString('en')} problems`));
});

test('a quick fix asked right after an edit of a big document comes before its new diagnostics, for the current version, and fixes the same characters', async () => {
  const uri = 'untitled:big-action.txt';
  const text = bigArticle(OFF_THREAD_CHARS * 2);
  let since = lsp.notifications.length;
  await lsp.open(uri, text);
  const published = await lsp.waitForDiagnostics(uri, () => true, 120_000, since);
  const diag = published.diagnostics.find((d) => d.code === 'whitespace' && d.range.start.line > 10)!;
  assert.ok(diag, 'a doubled space is reported');
  since = lsp.notifications.length;
  const order: string[] = [];
  const inserted = 'Trang chủ » Kinh tế\n';
  const version = await lsp.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }]);
  const fresh = lsp.waitForDiagnostics(uri, (d) => d.version === version, 120_000, since).then(() => order.push('diagnostics'));
  // the editor moves the diagnostic with the text: one line down
  const moved = { ...diag, range: { start: { ...diag.range.start, line: diag.range.start.line + 1 }, end: { ...diag.range.end, line: diag.range.end.line + 1 } } };
  const actions = (await lsp.codeActions(uri, moved.range, { diagnostics: [moved] })) as CodeAction[];
  const atEdit = (await lsp.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [] })) as CodeAction[];
  order.push('actions');
  const fix = actions.find((a) => a.isPreferred)!;
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.ok(!actions.some((a) => /^Fix all/.test(a.title)), 'no fix-all from the last findings');
  assert.deepEqual(atEdit, [], 'nothing at the edited line');
  const change = fix.edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(change.textDocument.version, version, 'for the current version');
  const current = TextDocument.create(uri, 'plaintext', version, inserted + text);
  const fixed = TextDocument.applyEdits(current, change.edits as TextEdit[]);
  const original = TextDocument.create(uri, 'plaintext', 1, text);
  const expected = TextDocument.applyEdits(original, change.edits.map((e) => ({ ...e, range: { start: { ...e.range.start, line: e.range.start.line - 1 }, end: { ...e.range.end, line: e.range.end.line - 1 } } })) as TextEdit[]);
  assert.equal(fixed, inserted + expected, 'the same characters as in the last version are fixed');
  assert.notEqual(fixed, inserted + text);
  await fresh;
  assert.deepEqual(order, ['actions', 'diagnostics']);
});
