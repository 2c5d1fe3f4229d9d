// Tests for the structure rule: missing headline/dateline/byline, unparsable dates, empty articles, seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './structure';
import { assertSafe, displayLines, loadSeeds, onCleanBlocks, runRule } from './testkit';

const run = (text: string, file?: string) => runRule(rule, text, file);

const seeds = loadSeeds();

// ---- unit tests ------------------------------------------------------------------------------

const P = 'Đoạn văn của bài báo, đủ dài để là một đoạn văn bình thường trong bài báo này.';

test('a complete article has no findings', () => {
  const { findings } = run(`Tiêu đề của bài báo\n\nCập nhật: 03-12-2021 | 09:02:04\n\n${P}\n\n${P}\n\nĐỖ TRỌNG\n`);
  assert.deepEqual(findings, []);
});

test('an unparsable dateline is reported on the dateline line, as a hint, without a fix', () => {
  const text = `Tiêu đề của bài báo\n\nCập nhật: 32-13-2021 | 09:02:04\n\n${P}\n\nĐỖ TRỌNG\n`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.code, 'structure');
  assert.equal(f.severity, 'hint');
  assert.match(f.message, /Cannot parse the date/);
  assert.match(f.message, /32-13-2021/);
  assert.equal(text.slice(f.start, f.end), 'Cập nhật: 32-13-2021 | 09:02:04');
  assert.deepEqual(f.fixes, []);
  assertSafe(article, findings);
});

test('missing headline, dateline and byline: one finding each, on the first line', () => {
  const long = Array.from({ length: 50 }, (_, i) => `chữ${i}`).join(' ') + '.';
  const text = `${long}\n\n${P}\n`;
  const { article, findings } = run(text);
  assert.deepEqual(findings.map((f) => f.message.split(':')[0]), ['Missing headline', 'Missing dateline', 'Missing byline']);
  for (const f of findings) {
    assert.equal(f.severity, 'hint');
    assert.equal(f.start, 0);
    assert.equal(f.end, article.lines[0].end);
    assert.deepEqual(f.fixes, []);
  }
  assertSafe(article, findings);
});

test('an article whose first line is blank gets a zero-length range at the top', () => {
  const { findings } = run(`\n\nTiêu đề của bài báo\n\n${P}\n\nĐỖ TRỌNG\n`);
  assert.deepEqual(findings.map((f) => f.message.split(':')[0]), ['Missing dateline']);
  assert.equal(findings[0].start, 0);
  assert.equal(findings[0].end, 0);
});

test('an empty or whitespace-only article gets a single "empty article" finding', () => {
  for (const t of ['', '\n', '   \n\t\n\u00a0\u200b\n', '\r\n\r\n']) {
    const { article, findings } = run(t);
    assert.equal(findings.length, 1, JSON.stringify(t));
    assert.match(findings[0].message, /^Empty article/);
    assert.equal(findings[0].severity, 'hint');
    assertSafe(article, findings);
  }
});

test('odd input does not throw', () => {
  for (const t of ['\u0000', '\ud800', '\ufeffTiêu đề\r\n', 'x\r\ry\n\rz']) {
    const { article, findings } = run(t);
    assertSafe(article, findings);
    assert.ok(findings.every((f) => f.severity === 'hint'));
  }
});

// ---- seeds -----------------------------------------------------------------------------------

test('seeds: only 002 lacks structure (no dateline, no byline); never a warning', () => {
  assert.equal(seeds.length, 5);
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    assertSafe(article, findings);
    assert.deepEqual(onCleanBlocks(gold, article, findings), []);
    assert.ok(findings.every((f) => f.severity === 'hint'));
    const got = findings.map((f) => f.message.split(':')[0]);
    if (gold.file.startsWith('002_')) {
      assert.deepEqual(got, ['Missing dateline', 'Missing byline']);
      assert.deepEqual(displayLines(article, findings[0]), [1, 1]);
    } else {
      assert.deepEqual(got, [], gold.file);
    }
  }
});
