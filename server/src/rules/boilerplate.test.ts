// Tests for the boilerplate rule: one finding per site-chrome block, removal with its blank lines, seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultKnowledge } from '../model/knowledge';
import { lineOf } from './ranges';
import { rule } from './boilerplate';
import { DEFAULT_RULE_OPTIONS } from './registry';
import { apply, assertSafe, displayLines, loadSeeds, onCleanBlocks, runRule, withSeverity } from './testkit';

const run = (text: string, file?: string) => runRule(rule, text, file);

const seeds = loadSeeds();

/**
 * Applies the first finding's fix and re-checks until nothing is left. (The removal range of the
 * last block of a text takes the line break before it, which the removal of the block before that
 * takes too: the two meet, so fix-all applies them in two passes.)
 */
function fixOneByOne(text: string): string {
  let t = text;
  for (let n = 0; n < 50; n++) {
    const fs = run(t).findings;
    if (fs.length === 0) break;
    t = apply(t, fs[0].fixes[0].edits);
  }
  return t;
}

// ---- unit tests ------------------------------------------------------------------------------

const BODY = [
  'Tiêu đề của bài báo hôm nay',
  '',
  'Đoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường trong bài.',
  '',
  'A A',
  '',
  'Đoạn văn thứ hai của bài báo, cũng đủ dài để là một đoạn văn bình thường trong bài.',
  '',
  'ĐỖ TRỌNG',
  '',
  'Chia sẻ bài viết',
  '',
  'Quay lên trên',
  '',
].join('\n');

test('flags each chrome block with its kind and quotes it; the fix removes it with its blank lines', () => {
  const { article, findings } = run(BODY);
  assert.deepEqual(findings.map((f) => lineOf(article, f.end - 1) + 1), [6, 12, 13]);
  assert.deepEqual(findings.map((f) => article.text.slice(f.start, f.end).trim()), ['A A', 'Chia sẻ bài viết', 'Quay lên trên']);
  assert.ok(findings.every((f) => f.code === 'boilerplate' && f.severity === 'warning'));
  assert.match(findings[0].message, /^Page widget .*“A A”/);
  assert.match(findings[1].message, /^Share\/tag widget .*“Chia sẻ bài viết”/);
  assert.match(findings[2].message, /^Navigation link .*“Quay lên trên”/);
  assertSafe(article, findings);
  assert.equal(apply(BODY, findings[0].fixes[0].edits), BODY.replace('A A\n\n', ''));
  // all of them (one at a time, as fix-all's passes do): the body and byline are left, ending with one line break
  assert.equal(fixOneByOne(BODY), BODY.replace('A A\n\n', '').split('\n').slice(0, 7).join('\n') + '\n');
});

// the texts below have a headline of realistic length: the recognizer reads a two-word first line
// above one sentence as a section label, as it is on real pages
test('lone punctuation lines and comment-form notices are chrome too', () => {
  const text = '.\n.\nNông dân phấn khởi vì lúa được mùa, được giá\n\nĐoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường.\n\nTrả lời\n\nEmail của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *\n';
  const { article, findings } = run(text);
  assert.equal(findings.length, 4);
  assert.match(findings[0].message, /^Lone punctuation line/);
  assert.match(findings[2].message, /^Comment-form text .*“Trả lời”/);
  assert.match(findings[3].message, /Email của bạn/);
  assertSafe(article, findings);
  assert.equal(fixOneByOne(text),
    'Nông dân phấn khởi vì lúa được mùa, được giá\n\nĐoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường.\n');
});

test('a line that is only an image\'s markup (Markdown or HTML) is chrome; the caption under it stays, not a copy', () => {
  const img = '![Ma túy đã được cất giấu](https://example.vn/stores/news/2705_DSCF0172.jpg?rt=20200716 "Ma túy được các đối tượng cất giấu lẫn lộn với một số mặt hàng khác. Ảnh: N.Linh")';
  const caption = 'Ma túy được các đối tượng cất giấu lẫn lộn với một số mặt hàng khác. Ảnh: N.Linh';
  const para = 'Lực lượng Hải quan đã phát hiện một lô hàng có dấu hiệu bất thường khi kiểm tra hồ sơ tại cửa khẩu.';
  const text = ['Phát hiện ma túy giấu trong lô hàng thực phẩm chức năng', '', para, '', '', img, '', '', caption, '', '', '[![](https://example.vn/a.png)](https://example.vn/bai-viet)', '', '<img src="https://example.vn/b.jpg" alt="Ảnh">', '', para.replace('Lực lượng', 'Sau đó, lực lượng'), ''].join('\n');
  const { article, findings } = run(text);
  assert.deepEqual(findings.map((f) => [lineOf(article, f.start) + 1, f.message.split(' left')[0]]), [[6, 'Image markup'], [12, 'Image markup'], [14, 'Image markup']]);
  assert.ok(findings.every((f) => !f.demoted && f.fixes[0].applicability !== 'unsafe'));
  assertSafe(article, findings);
  const fixed = fixOneByOne(text);
  assert.ok(fixed.includes(caption) && !fixed.includes('![') && !fixed.includes('<img'));
  // a line with words beside the image, or a text link, is not markup alone
  for (const line of [`${img} Ảnh minh họa của lực lượng hải quan`, '[Xem bài gốc tại đây](https://example.vn/bai-viet)', 'Ảnh: ![x](y)']) {
    assert.equal(run([para, '', line, '', para].join('\n')).findings.filter((f) => f.message.startsWith('Image markup')).length, 0, line);
  }
});

test('a line that is only the page\'s code (a JSP directive, HTML tags) is chrome the fix removes, and the headline under it is read as one', () => {
  const directive = '<%@ page language="java" contentType="text/html; charset=UTF-8" pageEncoding="UTF-8"%>';
  const headline = 'Phát hiện ma túy giấu trong lô hàng thực phẩm chức năng';
  const para = 'Lực lượng Hải quan đã phát hiện một lô hàng có dấu hiệu bất thường khi kiểm tra hồ sơ tại cửa khẩu.';
  const text = [directive, headline, '', para, '', '<div class="box-related">', '', para.replace('Lực lượng', 'Sau đó, lực lượng'), ''].join('\n');
  const { article, findings } = run(text);
  assert.deepEqual(findings.map((f) => [lineOf(article, f.start) + 1, f.message.split(' left')[0]]), [[1, 'Page code'], [6, 'Page code']]);
  assert.ok(findings.every((f) => !f.demoted && f.fixes[0].applicability !== 'unsafe'));
  assertSafe(article, findings);
  const fixed = fixOneByOne(text);
  assert.ok(fixed.startsWith(headline) && !fixed.includes('<%') && !fixed.includes('<div'));
  assert.equal(run(fixed).article.blocks.find((b) => b.kind === 'headline')?.text, headline);
});

test('a long chrome line is quoted briefly', () => {
  const { findings } = run('Nông dân phấn khởi vì lúa được mùa, được giá\n\nĐoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường.\n\nEmail của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu * và phải điền đủ\n');
  assert.equal(findings.length, 1);
  assert.ok(findings[0].message.length < 120, findings[0].message);
  assert.match(findings[0].message, /…”$/);
});

test('no findings on clean prose and on odd input; CRLF handled', () => {
  for (const t of ['', '\n', 'Nông dân phấn khởi vì lúa được mùa, được giá\n\nMột đoạn văn bình thường của bài báo này.\n']) {
    const { article, findings } = run(t);
    assert.deepEqual(findings, [], JSON.stringify(t));
    assertSafe(article, findings);
  }
  // NUL bytes and lone surrogates: no throw, safe ranges (the parser may call such lines chrome)
  for (const t of ['\u0000', '\ud800\n\ud800', '\udc00\r\n\r\nx\u0000y.']) {
    const { article, findings } = run(t);
    assertSafe(article, findings);
  }
  const crlf = BODY.replace(/\n/g, '\r\n');
  const { article, findings } = run(crlf);
  assert.equal(findings.length, 3);
  assertSafe(article, findings);
  assert.equal(apply(crlf, findings[0].fixes[0].edits), BODY.replace('A A\n\n', '').replace(/\n/g, '\r\n'));
});

test('a large article: every finding, no crash', () => {
  const text = Array.from({ length: 20000 }, (_, i) => (i % 5 === 0 ? 'A A' : `Đoạn văn số ${i} của bài báo, đủ dài để là một đoạn văn bình thường.`)).join('\n\n');
  const { article } = run(text);
  withSeverity(rule, rule.check({ article, knowledge: defaultKnowledge, options: DEFAULT_RULE_OPTIONS }));
});

// ---- seeds -----------------------------------------------------------------------------------

test('seeds: every gold boilerplate line is flagged, nothing lands on a clean block', () => {
  assert.equal(seeds.length, 5);
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    assertSafe(article, findings);
    assert.deepEqual(onCleanBlocks(gold, article, findings), []);
    const lines = text.split(/\r\n|\r|\n/);
    for (const b of gold.blocks.filter((x) => x.kind === 'boilerplate')) {
      for (let l = b.startLine; l <= b.endLine; l++) {
        if (lines[l - 1].trim() === '') continue;
        assert.ok(findings.some((f) => {
          const [s, e] = displayLines(article, f);
          return s <= l && l <= e;
        }), `${gold.file}:${l} boilerplate not flagged`);
      }
    }
  }
});
