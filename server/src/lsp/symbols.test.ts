// The outline asked for right after an edit of a big document (symbols.ts shiftSymbols): the
// symbols of the last outlined analysis moved onto the edited text are what the outline moved
// past the edit gives, and the symbols the edit did not reach are given as they were, not made again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { DocumentSymbol } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseArticle } from '../model/article';
import { buildOutline, MAX_OUTLINE_NODES, type OutlineNode } from '../model/outline';
import { applyEdit, editArb as randomEdit } from '../model/randomEdits';
import { editSpan, type EditSpan } from './shift';
import { shiftSymbols, toDocumentSymbol } from './symbols';
import { lastLineOf, lineLength, type LineView } from './positions';

const DIR = 'test/fixtures/real';
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort().slice(0, 30).map((f) => readFileSync(path.join(DIR, f), 'utf8'));
const editArb = randomEdit(['a', ' ', 'ừ', '.', 'x y', '\n', '\n\n', 'Tiêu đề mới\n', '\r\n'], 40);

/** An article's symbols on its own text, and what the handler needs to move them. */
function outlined(text: string) {
  const article = parseArticle(text);
  const view: LineView = { article, bomShift: article.hadBom && text.charCodeAt(0) === 0xfeff ? 1 : 0 };
  const doc = TextDocument.create('untitled:a.txt', 'news-article', 1, text);
  const outline = buildOutline(article);
  return { article, view, outline, symbols: outline.map((n) => toDocumentSymbol(view, doc, n)) };
}

/** What the server gave before: the outline's lines moved by the edit, made into symbols on the new text. */
function reference(base: ReturnType<typeof outlined>, span: EditSpan, doc: TextDocument): DocumentSymbol[] {
  const map = span.mapLine;
  const mapNode = (n: OutlineNode): OutlineNode => ({ ...n, startLine: map(n.startLine), endLine: Math.max(map(n.startLine), map(n.endLine)), selectionStartLine: map(n.selectionStartLine), children: n.children.map(mapNode) });
  const view: LineView = { article: { ...base.article, text: span.text, lines: span.lines }, bomShift: base.view.bomShift };
  return base.outline.map(mapNode).map((n) => toDocumentSymbol(view, doc, n));
}

function moved(base: ReturnType<typeof outlined>, oldText: string, text: string) {
  const raw = base.view.bomShift ? text.slice(1) : text;
  const span = editSpan(base.article.text, raw, base.article.lines);
  const doc = TextDocument.create('untitled:a.txt', 'news-article', 2, text);
  const view: LineView = { article: { ...base.article, text: span.text, lines: span.lines }, bomShift: base.view.bomShift };
  return { span, doc, symbols: shiftSymbols(base.symbols, span, lastLineOf(view, doc), (l) => lineLength(view, l)) };
}

function all(xs: DocumentSymbol[]): DocumentSymbol[] {
  return xs.flatMap((x) => [x, ...all(x.children ?? [])]);
}

test('the symbols moved past an edit are those of the outline moved past it, byte for byte', () => {
  const bases = new Map<number, ReturnType<typeof outlined>>();
  fc.assert(
    fc.property(fc.nat(FIXTURES.length - 1), fc.nat(FIXTURES.length - 1), editArb, fc.constantFrom('', '\ufeff'), fc.boolean(), (i, j, e, bom, crlf) => {
      let old = FIXTURES[i].replace(/^\ufeff/, '');
      if (crlf) old = old.replace(/\r?\n/g, '\r\n');
      old = bom + old;
      const key = i * 4 + (bom ? 2 : 0) + (crlf ? 1 : 0);
      if (!bases.has(key)) bases.set(key, outlined(old));
      const base = bases.get(key)!;
      const paste = FIXTURES[j].split('\n').find((l) => l.length > 80) ?? 'Một đoạn văn.';
      const text = bom + applyEdit(old.slice(bom.length), e, paste);
      const m = moved(base, old, text);
      assert.equal(JSON.stringify(m.symbols), JSON.stringify(reference(base, m.span, m.doc)));
    }),
    { numRuns: 400 },
  );
});

function bigArticle(chars: number): string {
  const paras = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort()
    .flatMap((f) => readFileSync(path.join(DIR, f), 'utf8').split(/\r?\n/).filter((l) => l.length > 200 && !/=>|[[\]{}]/.test(l)));
  let text = 'Nông dân phấn khởi vì lúa được mùa\n\n20/05/2022 - 15:17\n\n';
  for (let i = 0; text.length < chars; i++) text += (i % 40 === 39 ? 'Một tiêu đề giữa bài\n\n' : '') + paras[i % paras.length] + '\n\n';
  return text;
}

function typeInMiddleParagraph(text: string) {
  const base = outlined(text);
  const paragraphs = base.article.blocks.filter((b) => b.kind === 'paragraph');
  const line = paragraphs[paragraphs.length >> 1].startLine;
  const at = base.article.lines[line].start + 30;
  const m = moved(base, text, text.slice(0, at) + 'ừ' + text.slice(at));
  const before = new Set(all(base.symbols));
  const made = all(m.symbols).filter((x) => !before.has(x));
  assert.equal(JSON.stringify(m.symbols), JSON.stringify(reference(base, m.span, m.doc)));
  return { line, symbols: all(m.symbols), made };
}

test('typing in a paragraph of a big article: only the symbols holding the edited line are made anew', () => {
  // hundreds of symbols, under the outline's cap (one per block)
  const { line, symbols, made } = typeInMiddleParagraph(bigArticle(450_000));
  assert.ok(symbols.length > 500 && symbols.length <= MAX_OUTLINE_NODES, `${symbols.length} symbols`);
  // the article, the section holding the paragraph, and the paragraph
  assert.ok(made.length >= 2 && made.length <= 3, `${made.length} symbols made anew: ${made.map((x) => x.name).join(' | ')}`);
  assert.ok(made.every((x) => x.range.start.line <= line && line <= x.range.end.line));
});

test('typing in a book-length article past the outline cap: the grouped outline is the one made afresh', () => {
  const { symbols } = typeInMiddleParagraph(bigArticle(600_000));
  assert.ok(symbols.length <= MAX_OUTLINE_NODES && symbols.some((x) => / paragraph blocks$/.test(x.name)), `${symbols.length} symbols`);
});
