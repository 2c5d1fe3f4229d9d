// Tests for the whitespace rule: each kind of defect, its range and fix, odd input, seeds against the gold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from '../model/article';
import { rule } from './whitespace';
import { type TextEdit } from './types';
import { loadSeeds, assertSafe, displayLines, JUNK, runRule } from './testkit';

const run = (text: string) => runRule(rule, text);

function apply(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    assert.ok(e.start >= pos && e.end >= e.start && e.end <= text.length, 'edits overlap or leave the text');
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** Every first fix at once (they must not overlap). */
function fixAll(text: string): string {
  const { findings } = run(text);
  return apply(text, findings.flatMap((f) => f.fixes[0].edits));
}

const P1 = 'Đoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường.';
const P2 = 'Đoạn văn thứ hai cũng là một đoạn văn bình thường của bài báo.';

test('space + NBSP inside text: a doubled space, fixed to one space', () => {
  const text = `Tiêu đề\n\nĐảng bộ quận Đống Đa \u00A0tổ chức hội nghị sơ kết hai năm thực hiện.\n`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /space \+ NBSP/);
  assert.equal(text.slice(f.start, f.end), ' \u00A0');
  assertSafe(article, findings);
  assert.equal(apply(text, f.fixes[0].edits), text.replace(' \u00A0', ' '));
});

test('two or more plain spaces, and NBSP + NBSP, are doubled spaces', () => {
  const text = `${P1.replace('thứ nhất', 'thứ   nhất')}\n\n${P2.replace('cũng là', 'cũng\u00A0\u00A0là')}`;
  const { article, findings } = run(text);
  assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['   ', '\u00A0\u00A0']);
  assert.match(findings[0].message, /3 spaces/);
  assertSafe(article, findings);
  assert.equal(fixAll(text), `${P1}\n\n${P2}`);
});

test('leading NBSP and trailing NBSPs are removed; the range is exactly the whitespace', () => {
  const text = `\u00A0${P1}\n\n${P2}\u00A0\u00A0\n\n${P1} \n`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 3);
  assert.match(findings[0].message, /^Leading whitespace \(NBSP\)/);
  assert.equal(findings[0].start, 0);
  assert.equal(findings[0].end, 1);
  assert.match(findings[1].message, /^Trailing whitespace \(2 NBSPs\)/);
  assert.equal(text.slice(findings[1].start, findings[1].end), '\u00A0\u00A0');
  assert.match(findings[2].message, /Trailing whitespace \(space\)/);
  assertSafe(article, findings);
  assert.equal(fixAll(text), `${P1}\n\n${P2}\n\n${P1}\n`);
});

test('a line holding only NBSP is made empty', () => {
  const text = `${P1}\n\u00A0\n${P2}`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /Line holds only NBSP/);
  assert.equal(text.slice(findings[0].start, findings[0].end), '\u00A0');
  assertSafe(article, findings);
  assert.equal(fixAll(text), `${P1}\n\n${P2}`);
});

test('NBSP-only lines separating the paragraphs: one finding, drawn on the first, one fix that empties each and nothing else', () => {
  const text = `${P1}\n\u00A0\n${P2}\n\u00A0\u00A0\n${P1}\n\u00A0\n${P2}\n`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 1, findings.map((f) => f.message).join(' | '));
  const f = findings[0];
  assert.equal(f.severity, 'warning');
  assert.equal(f.message, '3 lines hold only NBSP');
  // the span from the first to the last such line; drawn on the first; the others are related places
  const lineStart = (i: number) => article.lines[i].start;
  assert.equal(f.start, lineStart(1));
  assert.equal(f.end, lineStart(5) + 1);
  assert.deepEqual(f.anchor, { start: lineStart(1), end: lineStart(1) + 1 });
  assert.deepEqual((f.related ?? []).map((r) => text.slice(r.start, r.end)), ['\u00A0\u00A0', '\u00A0']);
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0].title, 'Make the 3 lines empty');
  assert.deepEqual(f.fixes[0].edits.map((e) => text.slice(e.start, e.end)), ['\u00A0', '\u00A0\u00A0', '\u00A0']);
  assertSafe(article, findings);
  assert.equal(fixAll(text), `${P1}\n\n${P2}\n\n${P1}\n\n${P2}\n`);
  assert.equal(run(fixAll(text)).findings.length, 0);
});

test('runs of blank lines collapse to one; NBSP-only lines inside go with them', () => {
  const text = `${P1}\n\n\u00A0\n\n${P2}\n\n\n\n${P1}`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 2);
  assert.match(findings[0].message, /^3 blank lines in a row \(one holds only NBSP\)/);
  assert.match(findings[1].message, /^3 blank lines in a row$/);
  assertSafe(article, findings);
  assert.equal(fixAll(text), `${P1}\n\n${P2}\n\n${P1}`);
});

test('a run of NBSP-only lines: both ends made empty, the run collapsed, all fixes together', () => {
  const text = `${P1}\n\u00A0\n\u00A0\n${P2}\n\u00A0\n\n\u00A0 \n${P1}`;
  const { article, findings } = run(text);
  assertSafe(article, findings);
  assert.equal(fixAll(text), `${P1}\n\n${P2}\n\n${P1}`);
  // applying them is stable: nothing left to fix
  assert.equal(run(fixAll(text)).findings.length, 0);
});

test('NBSP used as a single word space is information, not a warning', () => {
  const text = `Tiêu đề bài báo\n\nNăm qua, thực hiện Kết luận số\u00A001-KL/TW của Bộ Chính trị về tiếp tục thực hiện.\n`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].severity, 'information');
  assert.match(findings[0].message, /NBSP used as a word space/);
  assert.equal(findings[0].end - findings[0].start, 1);
  assertSafe(article, findings);
  assert.equal(fixAll(text), text.replace('\u00A0', ' '));
});

test('zero-width characters inside text are the unicode rule\'s, not whitespace', () => {
  const text = `${P1.replace('thứ nhất', 'thứ\u200B nhất').replace('bài báo', 'bài\u200Bbáo')}\n\nGia đình 👨\u200D👩\u200D👧 vui vẻ bên nhau trong ngày hội.\n`;
  const { article, findings } = run(text);
  assert.deepEqual(findings, []);
  assertSafe(article, findings);
});

test('tab indentation, tab-separated columns, CRLF line endings and single blank lines are not defects', () => {
  const text = `Tiêu đề\r\n\r\n\t${P1}\r\n\r\nCột một\tCột hai\t\tCột ba\r\n\r\n${P2}\r\n`;
  assert.deepEqual(run(text).findings, []);
});

test('CRLF: a run of blank lines keeps the CRLF style', () => {
  const text = `${P1}\r\n\r\n\r\n\r\n${P2}\r\n`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  assertSafe(article, findings);
  assert.equal(fixAll(text), `${P1}\r\n\r\n${P2}\r\n`);
});

test('a final line break is not a blank line; blank lines after the last text line go', () => {
  assert.deepEqual(run(`${P1}\n`).findings, []);
  assert.deepEqual(run(`${P1}\n\n`).findings.map((f) => f.message), ['A blank line after the last line of text']);
  assert.equal(fixAll(`${P1}\n\n\n\n`), `${P1}\n`);
  assert.equal(fixAll(`${P1}\n\u00a0\n`), `${P1}\n`);
  assert.equal(fixAll(`${P1}\r\n\r\n`), `${P1}\r\n`);
});

test('PHP dumps are skipped', () => {
  const dump = ['Array', '(', '    [0] => Array', '        (', '            [news_id] => 1  ', '        )', '', '', ')'].join('\n');
  const text = `${P1}\n\n${dump}\n\n${P2}\n`;
  const a = parseArticle(text);
  assert.ok(a.blocks.some((b) => b.kind === 'php-dump'), 'the fixture parses as a dump');
  assert.deepEqual(run(text).findings, []);
});

test('odd input does not throw', () => {
  for (const t of ['', '\n', '\u00A0', '\n\n\n', '\u0000\u0000  x', '\uD800 \u00A0 \uDC00', ' ', '\r\r\r', '\uFEFF\uFEFF', 'a\u200D']) {
    const { article, findings } = run(t);
    assertSafe(article, findings);
    fixAll(t);
  }
});

test('a large article: every finding, no crash', () => {
  const para = `${P1} \u00A0${P2}\u00A0\n\n\n`;
  const text = para.repeat(20000);
  const { findings } = run(text);
  assert.ok(findings.length >= 60000);
});

// ---- seeds against the gold -----------------------------------------------------------------

const seeds = loadSeeds();

test('seeds: every gold whitespace defect is found, and nothing lands on a clean block', { skip: seeds.length === 0 }, () => {
  const problems: string[] = [];
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    assertSafe(article, findings);
    const shown = findings.map((f) => ({ f, lines: displayLines(article, f) }));
    for (const d of gold.defects) {
      if (d.code !== 'whitespace' || d.optional) continue;
      const hit = shown.some(({ f, lines: [s, e] }) => f.severity === 'warning' && s <= d.lines[1] && e >= d.lines[0]);
      if (!hit) problems.push(`${gold.file}:${d.lines[0]} gold whitespace defect not found`);
    }
    for (const { f, lines: [s, e] } of shown) {
      if (f.severity !== 'warning' && f.severity !== 'error') continue;
      for (const b of gold.blocks) {
        if (JUNK.has(b.kind) || b.endLine < s || b.startLine > e) continue;
        const explained = gold.defects.some((d) => d.code === 'whitespace' && d.lines[0] <= e && d.lines[1] >= s);
        if (!explained) problems.push(`${gold.file}:${s}-${e} on clean ${b.kind}: ${f.message}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('seeds: NBSP-as-space findings match the optional gold defects', { skip: seeds.length === 0 }, () => {
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    for (const f of findings.filter((x) => x.severity === 'information')) {
      const [s, e] = displayLines(article, f);
      assert.ok(gold.defects.some((d) => d.code === 'whitespace' && d.lines[0] <= e && d.lines[1] >= s), `${gold.file}:${s} ${f.message}`);
    }
  }
});
