// The outline stays usable on a text that is no article (millions of short lines): bounded in
// size, runs of one kind grouped, the rest summed up; a paragraph's name is its first words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseArticle, splitLines } from './article';
import { buildOutline, cleanName, foldingRanges, MAX_OUTLINE_NODES, shortName, type OutlineNode } from './outline';
import type { Article, Block } from './types';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const count = (nodes: OutlineNode[]): number => nodes.reduce((n, x) => n + 1 + count(x.children), 0);
const all = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...all(n.children)]);

test('300,000 short lines: the outline is bounded, runs of one kind are one node each, spanning their lines', () => {
  const lines: string[] = [];
  for (let i = 0; i < 300_000; i++) lines.push(i % 7 === 0 ? 'x' : i % 5 === 0 ? '|' : 'a');
  const article = parseArticle(lines.join('\n'));
  assert.ok(article.blocks.length > MAX_OUTLINE_NODES, `${article.blocks.length} blocks`);
  const outline = buildOutline(article);
  assert.ok(count(outline) <= MAX_OUTLINE_NODES, `${count(outline)} nodes`);
  const groups = all(outline).filter((n) => / blocks$/.test(n.name) && /^lines [\d,]+–[\d,]+$/.test(n.detail ?? ''));
  assert.ok(groups.length > 0, JSON.stringify(outline).slice(0, 500));
  const tail = groups.find((g) => g.kind === 'paragraph')!;
  assert.equal(tail.endLine, 299_999, 'the last group reaches the last line');
  assert.ok(foldingRanges(article, outline).length < MAX_OUTLINE_NODES);
});

test('blocks of alternating kinds past the cap: the first are listed, one node sums up the others', () => {
  const n = 3 * MAX_OUTLINE_NODES;
  const text = Array.from({ length: n }, (_, i) => `dòng ${i}`).join('\n');
  const blocks: Block[] = Array.from({ length: n }, (_, i) => ({ kind: i % 2 ? 'caption' : 'paragraph', startLine: i, endLine: i, text: `dòng ${i}` }));
  const article: Article = { text, hadBom: false, lines: splitLines(text), blocks, headline: null, kicker: null, dateline: null, byline: null, date: null };
  const outline = buildOutline(article);
  const nodes = count(outline);
  assert.ok(nodes <= MAX_OUTLINE_NODES + 2 && nodes > MAX_OUTLINE_NODES - 10, `${nodes} nodes`);
  const kids = outline[0].children;
  assert.equal(kids[0].name, 'dòng 0');
  const more = kids[kids.length - 1];
  assert.equal(more.kind, 'more');
  assert.equal(more.name, `… ${(n - (kids.length - 1)).toLocaleString('en')} more entries`);
  assert.equal(more.endLine, n - 1);
  assert.equal(more.startLine, kids[kids.length - 2].endLine + 1);
});

test('an outline under the cap is not grouped (runs of paragraphs stay one node each)', () => {
  const text = Array.from({ length: 60 }, (_, i) => `Đây là đoạn văn số ${i} của bài báo, kể lại một chuyện dài với nhiều chữ.`).join('\n\n');
  const outline = buildOutline(parseArticle(text));
  assert.ok(all(outline).filter((x) => x.kind === 'paragraph').length >= 50);
  assert.ok(!all(outline).some((x) => x.kind === 'more' || / blocks$/.test(x.name)));
});

/** shortName as it was: the whole text cleaned and split. */
function shortNameWhole(text: string, words = 8): string {
  const w = cleanName(text, Number.MAX_SAFE_INTEGER).split(' ').filter(Boolean);
  if (w.length <= words) return cleanName(w.join(' '), 120);
  return cleanName(w.slice(0, words).join(' '), 119) + '…';
}

test('a long paragraph\'s name is the one its whole text gives', () => {
  const piece = fc.constantFrom('a', 'ừ', ' ', '  ', '\n', '\t', '\u200b', 'xyz', '😀', 'Một', '.', 'dàiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 3000 }), fc.integer({ min: 1, max: 12 }), (parts, words) => {
      const text = parts.join('');
      assert.equal(shortName(text, words), shortNameWhole(text, words));
    }),
    { numRuns: 300 },
  );
});

/** cleanName as it was: both replacements always made, the result cut in code points. */
function cleanNameAlways(text: string, max = 120): string {
  const s = text.replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  let cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.7) cut = cut.slice(0, space);
  return cut.trimEnd() + '…';
}

test('a name is cleaned as before: invisibles and whitespace runs made one space, cut in code points', () => {
  const piece = fc.constantFrom('a', 'ừ', ' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u200b', '\u2028', '\u0007', '\ufeff', '😀', 'Một', '.', 'dàiiiiiiiiiiiiiiii');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 200 }), fc.integer({ min: 1, max: 150 }), (parts, max) => {
      const text = parts.join('');
      assert.equal(cleanName(text, max), cleanNameAlways(text, max));
    }),
    { numRuns: 1000 },
  );
});

test('naming the blocks of a long article rewrites no plain text (no replacement, no code-point copy per block)', () => {
  // the worker names every block of a big document after each keystroke: a 1 MB article's outline
  // took ~40 ms, most of it in replacements that changed nothing
  const words = ['Nông', 'dân', 'phấn', 'khởi', 'vì', 'lúa', 'được', 'mùa,', 'giá', 'cả', 'ổn', 'định.'];
  let text = 'Nông dân phấn khởi vì lúa được mùa\n\n20/05/2022 - 15:17\n\n';
  for (let i = 0; i < 600; i++) text += Array.from({ length: 60 }, (_, k) => words[(i + k * 7) % words.length]).join(' ') + '\n\n';
  const article = parseArticle(text);
  const named = all(buildOutline(article)).length;
  assert.ok(named > 500, `${named} nodes`);
  const replace = String.prototype.replace;
  const from = Array.from;
  let calls = 0;
  String.prototype.replace = function (this: string, ...args: unknown[]) {
    calls++;
    return (replace as (...a: unknown[]) => string).apply(this, args);
  } as typeof replace;
  Array.from = function (...args: unknown[]) {
    calls++;
    return (from as (...a: unknown[]) => unknown[]).apply(Array, args);
  } as typeof from;
  try {
    buildOutline(article);
  } finally {
    String.prototype.replace = replace;
    Array.from = from;
  }
  assert.ok(calls < named / 10, `${calls} replacements or copies for ${named} names`);
});

test("a real article's outline lists every block; a book-length one groups its runs of paragraphs under its sections", () => {
  // the longest real pages of the labelled sets: one node per block, nothing grouped
  const dir = 'test/fixtures/real';
  let most = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
    const article = parseArticle(readFileSync(path.join(dir, f), 'utf8'));
    const outline = buildOutline(article);
    assert.ok(!all(outline).some((n) => n.kind === 'more' || / blocks$/.test(n.name)), f);
    most = Math.max(most, count(outline));
  }
  assert.ok(most > 300 && most < MAX_OUTLINE_NODES, `${most} nodes at most`);
  // 2,400 paragraphs in 40 sections (about 1 MB): every heading stays, runs of paragraphs become one
  // node each ("60 paragraph blocks", their lines), and the whole is under the cap
  const para = 'Ông Nguyễn Văn A cho biết, trong năm nay thành phố sẽ tiếp tục đầu tư nâng cấp hạ tầng giao thông và các công trình phúc lợi cho người dân, với tổng vốn hơn 3.000 tỷ đồng từ nhiều nguồn khác nhau, theo kế hoạch đã được hội đồng nhân dân thông qua.';
  // (a lead under the headline, as articles have: a short line right under it may be its byline)
  const parts = ['Thành phố công bố kế hoạch đầu tư hạ tầng năm tới', '', para, ''];
  for (let s = 0; s < 40; s++) {
    parts.push(`Phần ${s + 1}: kế hoạch của quận ${s + 1}`, '');
    for (let p = 0; p < 60; p++) parts.push(`${para} (đoạn ${s}.${p})`, '');
  }
  const big = parseArticle(parts.join('\n'));
  const outline = buildOutline(big);
  assert.ok(count(outline) <= MAX_OUTLINE_NODES, `${count(outline)} nodes`);
  const sections = all(outline).filter((n) => n.kind === 'section');
  assert.equal(sections.length, 40);
  const groups = all(outline).filter((n) => n.kind === 'paragraph' && / paragraph blocks$/.test(n.name));
  assert.ok(groups.length >= 40, `${groups.length} groups`);
  for (const g of groups) assert.match(g.detail ?? '', /^lines [\d,]+–[\d,]+$/);
  // every paragraph line is inside a group or a node of its own: nothing dropped
  const covered = new Set<number>();
  for (const n of all(outline)) if (n.kind === 'paragraph') for (let l = n.startLine; l <= n.endLine; l++) covered.add(l);
  for (const b of big.blocks) if (b.kind === 'paragraph') assert.ok(covered.has(b.startLine), `line ${b.startLine + 1}`);
});
