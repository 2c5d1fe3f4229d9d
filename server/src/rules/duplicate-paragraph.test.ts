// Tests for the duplicate-paragraph rule: exact repeats after normalization, related lines, the
// removal fix, trivial lines, odd input, speed, and the seeds against the gold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOf } from './ranges';
import { rule } from './duplicate-paragraph';
import { apply, loadSeeds, assertSafe, displayLines, JUNK, runRule } from './testkit';

const run = (text: string) => runRule(rule, text);

const HEAD = 'Tiêu đề của bài báo hôm nay\n\n';
const P1 = 'Đoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường.';
const P2 = 'Đoạn văn thứ hai cũng là một đoạn văn bình thường của bài báo.';
const P3 = 'Đoạn văn thứ ba kết thúc bài báo bằng một câu hoàn chỉnh.';

test('an exact repeat of a paragraph: the later copy is flagged and removed with its blank line', () => {
  const text = `${HEAD}${P1}\n\n${P2}\n\n${P1}\n\n${P3}\n`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.code, 'duplicate-paragraph');
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /line 3/);
  assert.deepEqual(displayLines(article, f).slice(0, 1), [7]);
  assert.equal(f.related?.[0].message, 'first copy');
  assert.equal(text.slice(f.related![0].start, f.related![0].end), P1);
  assert.equal(f.fixes[0].title, 'Remove the duplicate');
  assertSafe(article, findings);
  assert.equal(apply(text, f.fixes[0].edits), `${HEAD}${P1}\n\n${P2}\n\n${P3}\n`);
});

test('normalization: NBSP, doubled spaces, case and NFD still count as the same text', () => {
  // (case changed on some words: a line wholly in capitals reads as chrome to the recognizer)
  const variant = P1.replace(' ', '\u00A0').replace('bài báo', 'BÀI  Báo').replace('đoạn văn', 'Đoạn Văn').normalize('NFD');
  const { findings } = run(`${HEAD}${P1}\n\n${P2}\n\n${variant}\n`);
  assert.equal(findings.length, 1);
});

test('three copies: both later copies point at the first', () => {
  const text = `${HEAD}${P1}\n\n${P1}\n\n${P2}\n\n${P1}\n`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 2);
  for (const f of findings) assert.equal(f.related![0].start, article.lines[2].start);
  assertSafe(article, findings);
  assert.equal(apply(text, findings.flatMap((f) => f.fixes[0].edits)), `${HEAD}${P1}\n\n${P2}\n`);
});

test('adjacent copies without a blank line between them (a repeated caption)', () => {
  const cap = 'Đảng ủy Khối phối hợp bàn giao nhà tình nghĩa cho hộ nghèo xã Ia O. Ảnh: Minh Thoan';
  const text = `${HEAD}${P1}\n\n${cap}\n${cap}\n\n${P2}\n`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  assert.deepEqual(displayLines(article, findings[0]).slice(0, 1), [6]);
  assertSafe(article, findings);
});

test('different paragraphs, trivial short lines and blank lines are not duplicates', () => {
  const text = `${HEAD}${P1}\n\nXem thêm\n\n${P2}\n\nXem thêm\n\n\u00A0\n\n\u00A0\n\n${P3}\n`;
  assert.deepEqual(run(text).findings, []);
});

test('a line of numbers alone (kick-off times in a schedule, a date) recurs by nature: not a duplicate; a text line with them still is', () => {
  const schedule = ['05/04/2025 21:00:00', ' Ipswich  1 - 2   Wolves ', '05/04/2025 21:00:00', ' Crystal Palace  2 - 1   Brighton ', '05/04/2025 21:00:00', ' West Ham  2 - 2   Bournemouth '];
  assert.deepEqual(run(`${HEAD}${schedule.join('\n\n')}\n`).findings.map((f) => f.message), []);
  const line = 'Trận đấu diễn ra lúc 21:00 ngày 05/04/2025';
  assert.equal(run(`${HEAD}${line}\n\n${line}\n`).findings.length, 1);
});

test('a near copy (one word changed) is not an exact duplicate', () => {
  const { findings } = run(`${HEAD}${P1}\n\n${P2}\n\n${P1.replace('thứ nhất', 'thứ tư')}\n`);
  assert.deepEqual(findings, []);
});

test('odd input does not throw', () => {
  for (const t of ['', '\n', 'a', '\u0000\u0000\u0000 a b c\n\n\u0000\u0000\u0000 a b c', '\uD800 x y z\n\n\uD800 x y z', 'a b c\r\n\r\na b c\r\n']) {
    const { article, findings } = run(t);
    assertSafe(article, findings);
  }
});

test('a large article: every finding, no crash', () => {
  const parts: string[] = [];
  for (let i = 0; i < 20000; i++) parts.push(`Đoạn văn số ${i % 10000} của bài báo rất dài này, với nội dung bình thường.`);
  const text = HEAD + parts.join('\n\n') + '\n';
  const { findings } = run(text);
  assert.equal(findings.length, 10000);
});

// ---- seeds against the gold -----------------------------------------------------------------

const seeds = loadSeeds();

test('seeds: every gold duplicate is found with its first copy, and nothing lands on a clean block', { skip: seeds.length === 0 }, () => {
  const problems: string[] = [];
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    assertSafe(article, findings);
    const shown = findings.map((f) => ({ f, lines: displayLines(article, f) }));
    for (const d of gold.defects) {
      if (d.code !== 'duplicate-paragraph') continue;
      const hit = shown.find(({ lines: [s] }) => s === d.lines[0]);
      if (!hit) {
        problems.push(`${gold.file}:${d.lines[0]} gold duplicate not found`);
        continue;
      }
      const rel = hit.f.related?.[0];
      const relLine = rel ? lineOf(article, rel.start) + 1 : -1;
      if (d.of && relLine !== d.of[0]) problems.push(`${gold.file}:${d.lines[0]} points at ${relLine}, gold ${d.of[0]}`);
    }
    for (const { f, lines: [s, e] } of shown) {
      const explained = gold.defects.some((d) => d.code === 'duplicate-paragraph' && d.lines[0] === s);
      if (!explained) problems.push(`${gold.file}:${s} unexpected: ${f.message}`);
      for (const b of gold.blocks) {
        if (JUNK.has(b.kind) || b.endLine < s || b.startLine > e) continue;
        if (!gold.defects.some((d) => d.code === 'duplicate-paragraph' && d.lines[0] <= e && d.lines[1] >= s)) {
          problems.push(`${gold.file}:${s}-${e} on clean ${b.kind}: ${f.message}`);
        }
      }
    }
  }
  assert.deepEqual(problems, []);
});
