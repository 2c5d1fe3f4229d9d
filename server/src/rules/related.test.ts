// Tests for the related rule: one finding per teaser list, removing the whole list, seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './related';
import { apply, assertSafe, displayLines, loadSeeds, onCleanBlocks, runRule } from './testkit';

const run = (text: string, file?: string) => runRule(rule, text, file);

const seeds = loadSeeds();

// ---- unit tests ------------------------------------------------------------------------------

test('seed 000: one finding for the teaser list at 38-52, counting its 8 teaser lines', () => {
  const s0 = seeds.find((s) => s.gold.file.startsWith('000_'))!;
  const { article, findings } = run(s0.text);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.code, 'related');
  assert.equal(f.severity, 'warning');
  assert.deepEqual(displayLines(article, f), [38, 52]);
  assert.match(f.message, /\(8 lines\)/);
  assert.match(f.message, /Bài 1:/);
  assertSafe(article, findings);
  // the fix removes the whole list, lines 38-52; it sits right under line 37, so the blank line
  // after it stays and line 37 does not run into the dump
  const after = apply(s0.text, f.fixes[0].edits).split('\n');
  const before = s0.text.split('\n');
  assert.deepEqual(after.slice(0, 37), before.slice(0, 37));
  assert.equal(after[37], '');
  assert.equal(after[38], before[53]);
  assert.equal(after.length, before.length - 15);
});

test('a teaser list at the end of the text is removed with the blank lines before it', () => {
  const body = [
    'Tiêu đề của bài báo hôm nay',
    '',
    'Đoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường trong bài báo này, với nhiều chữ hơn hai mươi lăm chữ để chắc chắn.',
    '',
    'Đoạn văn thứ hai của bài báo, cũng đủ dài để là một đoạn văn bình thường trong bài báo này, với nhiều chữ hơn hai mươi lăm chữ nữa.',
    '',
    'ĐỖ TRỌNG',
    '',
  ].join('\n');
  const text = body + 'Chia sẻ bài viết\n\nTin liên quan\n\nHà Nội cấm xe tải trên một số tuyến đường vào giờ cao điểm\n\nGiá xăng dầu đồng loạt tăng nhẹ từ chiều nay\n\nCháy nhà dân ở quận 8, nhiều người may mắn thoát nạn\n';
  const { article, findings } = run(text);
  const rel = article.blocks.filter((b) => b.kind === 'related');
  assert.equal(findings.length, rel.length);
  assert.ok(findings.length >= 1, 'the parser labels the teasers related');
  assertSafe(article, findings);
  const f = findings[findings.length - 1];
  assert.match(f.message, /\(4 lines\)/);
  assert.equal(apply(text, f.fixes[0].edits), body + 'Chia sẻ bài viết\n');
});

test('no findings on clean prose and on odd input', () => {
  for (const t of ['', '\n\n', 'Tiêu đề\n\nMột đoạn văn bình thường của bài báo này.\n', '\u0000\r\n\ud800']) {
    const { article, findings } = run(t);
    assert.deepEqual(findings, [], JSON.stringify(t));
    assertSafe(article, findings);
  }
});

// ---- seeds -----------------------------------------------------------------------------------

test('seeds: gold related blocks are flagged, nothing lands on a clean block', () => {
  assert.equal(seeds.length, 5);
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    assertSafe(article, findings);
    assert.deepEqual(onCleanBlocks(gold, article, findings), []);
    for (const b of gold.blocks.filter((x) => x.kind === 'related')) {
      assert.ok(findings.some((f) => {
        const [s, e] = displayLines(article, f);
        return s <= b.startLine && e >= b.endLine;
      }), `${gold.file}:${b.startLine} related not flagged whole`);
    }
  }
});
