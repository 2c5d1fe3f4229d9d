// Tests for the near-duplicate-paragraph rule: truncated copies, pull quotes, restating captions,
// which side is flagged, chains, shared boilerplate phrases, odd input, speed, seeds against the gold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../model/types';
import { lineOf } from './ranges';
import { rule } from './near-duplicate-paragraph';
import { type Finding } from './types';
import { DEFAULT_RULE_OPTIONS } from './registry';
import { LineCache } from '../model/lineCache';
import { parseArticle } from '../model/article';
import { defaultKnowledge } from '../model/knowledge';
import { apply, loadSeeds, assertSafe, displayLines, JUNK, runRule, withSeverity } from './testkit';

const run = (text: string, threshold = DEFAULT_RULE_OPTIONS.nearDuplicateThreshold) => runRule(rule, text, undefined, { nearDuplicateThreshold: threshold });

/** 1-based first line of each finding, and of the block each points at. */
function summary(a: Article, fs: readonly Finding[]): Array<[number, number]> {
  return fs.map((f) => [displayLines(a, f)[0], lineOf(a, f.related![0].start) + 1]);
}

const HEAD = 'Tiêu đề của bài báo về phong trào thi đua\n\n';
const A = 'Nhiều phong trào, hoạt động có ý nghĩa được phối hợp tổ chức trong nhiệm kỳ qua: xây dựng nhà tình nghĩa, hiến máu nhân đạo, thăm và tặng quà cho gia đình chính sách.';
const A_MORE = ' Qua hoạt động thực tiễn, xuất hiện nhiều nhân tố mới, các sáng kiến được áp dụng có hiệu quả trên các lĩnh vực.';
const B = 'Bên cạnh đó, xã còn vận động kinh phí bảo trợ hàng tháng cho trẻ em mồ côi, người già neo đơn và người khuyết tật trên địa bàn.';
const C = 'Kết quả trong thực hiện Chỉ thị số 05 đã tạo động lực để các địa phương tiếp tục đưa việc học tập trở thành việc làm tự giác, thường xuyên.';

test('a truncated copy (the prefix of an earlier paragraph) is flagged and removed', () => {
  const text = `${HEAD}${A}${A_MORE}\n\n${A}\n\n${B}\n`;
  const { article, findings } = run(text);
  assert.deepEqual(summary(article, findings), [[5, 3]]);
  const f = findings[0];
  assert.equal(f.code, 'near-duplicate-paragraph');
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /Repeats part of the paragraph at line 3/);
  assert.doesNotMatch(f.message, /drops/);
  assert.equal(f.fixes[0].title, 'Remove the repeated text');
  assertSafe(article, findings);
  assert.equal(apply(text, f.fixes[0].edits), `${HEAD}${A}${A_MORE}\n\n${B}\n`);
});

test('a paragraph that a later, longer one opens with again: the later one\'s opening is flagged, and the long one loses nothing else', () => {
  const text = `${HEAD}${A}\n\n${B}\n\n${A}${A_MORE}\n`;
  const { article, findings } = run(text);
  assert.deepEqual(summary(article, findings), [[7, 3]]);
  assertSafe(article, findings);
  assert.equal(apply(text, findings[0].fixes[0].edits), `${HEAD}${A}\n\n${B}\n\n${A_MORE.trimStart()}\n`);
  // copied in the middle of the longer paragraph, the earlier one is the copy (flagged, not the long one)
  const inside = `${HEAD}${A}\n\n${B}\n\n${C} ${A}${A_MORE}\n`;
  const r = run(inside);
  assert.deepEqual(summary(r.article, r.findings), [[3, 7]]);
});

test('a body line that opens with the whole of the sapo above it loses that opening; a sapo the body restates otherwise is information; a later truncated copy stays a warning', () => {
  // the crawler's description field above the body, which opens with the same sentence and goes on:
  // the labelled sets flag the body's line, and the fix takes the repeated opening off it
  const text = `${HEAD}${A}\n\n${A}${A_MORE}\n\n${B}\n`;
  const { article, findings } = run(text);
  assertSafe(article, findings);
  assert.deepEqual(summary(article, findings), [[5, 3]]);
  assert.equal(findings[0].severity, 'warning');
  assert.equal(text.slice(findings[0].start, findings[0].end), `${A} `);
  assert.equal(apply(text, findings[0].fixes[0].edits), `${HEAD}${A}\n\n${A_MORE.trimStart()}\n\n${B}\n`);
  assert.equal(findings[0].fixes[0].applicability, undefined, 'nothing is lost: fix-all may remove it');
  // a description cut short (`…`) is not the body's opening word for word: the description is the
  // copy, information, and its fix removes exactly it
  const cut = `${A.slice(0, 80)}...`;
  const truncated = `${HEAD}${cut}\n\n${A}${A_MORE}\n\n${B}\n`;
  const t = run(truncated);
  assert.deepEqual(summary(t.article, t.findings), [[3, 5]]);
  assert.equal(t.findings[0].severity, 'information');
  assert.equal(t.findings[0].demoted, 'style');
  assert.equal(apply(truncated, t.findings[0].fixes[0].edits), `${HEAD}${A}${A_MORE}\n\n${B}\n`);
  // the opening of a line far below (a quote in the conclusion) is not the crawler's doubling
  const far = `${HEAD}${A}\n\n${B}\n\n${C}\n\n${B.replace('Bên cạnh đó', 'Ngoài ra')}\n\n${C.replace('Kết quả', 'Thành quả')}\n\n${A}${A_MORE}\n`;
  const f = run(far).findings.filter((x) => displayLines(run(far).article, x)[0] === 13);
  assert.deepEqual(f.map((x) => x.message.startsWith('Opens with')), []);
  // the same two texts the other way round: the copy after the full paragraph is damage
  const later = run(`${HEAD}${A}${A_MORE}\n\n${A}\n\n${B}\n`).findings;
  assert.equal(later.length, 1);
  assert.equal(later[0].severity, 'warning');
});

test('a pull quote or caption placed before the paragraph it quotes stays a warning; the same text read as a paragraph (a sapo) is information', () => {
  const body = `Phó Bí thư Tỉnh ủy Nguyễn Văn An nhận định, ${C.charAt(0).toLowerCase()}${C.slice(1)} ${B}`;
  const quote = `“${C.slice(0, -1)}”`;
  const text = `${HEAD}${A}\n\n${quote}\n\n${body}\n`;
  const severityAt5 = (kind: 'caption' | 'paragraph') => {
    const article = parseArticle(text);
    const block = article.blocks.find((b) => b.startLine === 4)!;
    block.kind = kind; // what the recognizer read the quote as
    const findings = withSeverity(rule, rule.check({ article, knowledge: defaultKnowledge, options: DEFAULT_RULE_OPTIONS }));
    const f = findings.find((x) => displayLines(article, x)[0] === 5);
    assert.ok(f, findings.map((x) => x.message).join(' | '));
    return f.severity;
  };
  assert.equal(severityAt5('caption'), 'warning');
  assert.equal(severityAt5('paragraph'), 'information');
});

test('a pull quote with an attribution: the later block is flagged and the message names the extra words', () => {
  const body = `Phó Bí thư Tỉnh ủy Nguyễn Văn An nhận định, ${C.charAt(0).toLowerCase()}${C.slice(1)}`;
  const quote = `“${C.slice(0, -1)}” - Phó Bí thư Tỉnh ủy Nguyễn Văn An`;
  const text = `${HEAD}${body}\n\n${B}\n\n${quote}\n\n${A}\n`;
  const { article, findings } = run(text);
  assert.deepEqual(summary(article, findings), [[7, 3]]);
  assert.match(findings[0].message, /removing it also drops 8 words: “Phó Bí thư Tỉnh ủy Nguyễn Văn An” \(line 3 has them too\)/);
  assertSafe(article, findings);
});

test('a caption restating one sentence of a paragraph is flagged', () => {
  const para = `${B} Qua 4 năm thực hiện Chỉ thị số 05, xã đã tuyên dương 73 tập thể và 167 cá nhân điển hình tiên tiến.`;
  const cap = 'Qua 4 năm thực hiện Chỉ thị số 05 của Bộ Chính trị, có 73 tập thể và 167 cá nhân điển hình tiên tiến trong Đảng bộ được tuyên dương';
  const text = `${HEAD}${para}\n\n${cap}\n\n${C}\n`;
  const { article, findings } = run(text);
  assert.deepEqual(summary(article, findings), [[5, 3]]);
  assert.match(findings[0].message, /^Restates a sentence of the paragraph at line 3/);
  assertSafe(article, findings);
});

test('never both sides of a pair, and in a chain A~B~C the first copy stays', () => {
  const v1 = A;
  const v2 = A.replace('nhà tình nghĩa', 'nhà tình thương');
  const v3 = v2.replace('gia đình chính sách', 'các gia đình chính sách');
  const text = `${HEAD}${v1}\n\n${B}\n\n${v2}\n\n${C}\n\n${v3}\n`;
  const { article, findings } = run(text);
  const flagged = summary(article, findings).map(([l]) => l);
  assert.ok(!flagged.includes(3), 'the first copy is kept');
  for (const [l, of] of summary(article, findings)) assert.ok(!flagged.includes(of), `line ${l} points at a flagged block ${of}`);
  assert.equal(findings.length, 2);
  assertSafe(article, findings);
  // applying every fix keeps one copy
  const fixed = apply(text, findings.flatMap((f) => f.fixes[0].edits));
  assert.ok(fixed.includes(v1));
});

test('exact duplicates are left to duplicate-paragraph', () => {
  assert.deepEqual(run(`${HEAD}${A}\n\n${B}\n\n${A}\n`).findings, []);
});

test('paragraphs sharing long political phrases are not near-duplicates', () => {
  const p1 = 'Đảng ủy đã chỉ đạo các chi bộ đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với thực hiện nhiệm vụ chính trị của đơn vị.';
  const p2 = 'Nhiều tập thể, cá nhân có thành tích xuất sắc trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh đã được khen thưởng kịp thời.';
  const p3 = 'Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh đã trở thành nhiệm vụ thường xuyên của cán bộ, đảng viên.';
  assert.deepEqual(run(`${HEAD}${p1}\n\n${p2}\n\n${p3}\n`).findings, []);
});

test('a short heading or caption quoting a phrase of the text is not flagged', () => {
  const text = `${HEAD}Tiếp tục tạo sức lan tỏa sâu rộng\n\n${B} Phong trào tiếp tục tạo sức lan tỏa sâu rộng trong toàn Đảng bộ.\n\nQuang cảnh hội nghị\n\n${C} Quang cảnh hội nghị rất trang trọng.\n`;
  assert.deepEqual(run(text).findings, []);
});

test('the threshold option is honoured', () => {
  const changed = A.replace('xây dựng nhà tình nghĩa', 'sửa chữa nhà cho hộ nghèo').replace('thăm và tặng quà', 'tặng quà');
  const text = `${HEAD}${A}\n\n${B}\n\n${changed}\n`;
  assert.equal(run(text, 0.95).findings.length, 0);
  assert.equal(run(text, 0.6).findings.length, 1);
});

test('odd input does not throw', () => {
  for (const t of ['', '\n', 'a', `\u0000${A}\n\n\u0000${A.slice(0, 80)}`, `\uD800${A}\n\n${A.slice(0, 90)}\uDC00`, `${A}\r\n\r\n${A.slice(0, 100)}\r\n`]) {
    const { article, findings } = run(t);
    assertSafe(article, findings);
  }
});

test('a large article: every finding, no crash', () => {
  const parts: string[] = [HEAD];
  for (let i = 0; i < 5000; i++) {
    parts.push(`Đoạn ${i}: ${i % 2 ? A : B} Số liệu ${i} và ${i * 7} được cập nhật, mã ${i.toString(36)} xong.\n\n`);
  }
  const text = parts.join('');
  const { article, findings } = run(text);
  assertSafe(article, findings);
});

/** `n` copies of a paragraph, each with its own number: near copies, not exact ones. */
function numberedCopies(n: number): string {
  const parts: string[] = [HEAD, `${C}\n\n`];
  for (let i = 1; i <= n; i++) parts.push(`${A.replace('trong nhiệm kỳ qua', `trong nhiệm kỳ ${i}`)}\n\n`);
  parts.push(`${B}\n`);
  return parts.join('');
}

test('many near copies of a paragraph (more than share any word pair the lookup keeps): every copy but the first is flagged', () => {
  // 10 copies were found before; past about 32, every word pair of the copies was too common to
  // look up and none was found
  for (const n of [10, 33, 50, 400]) {
    const text = numberedCopies(n);
    const { article, findings } = run(text);
    const s = summary(article, findings);
    const flagged = s.map(([l]) => l);
    const expected = Array.from({ length: n - 1 }, (_, k) => 7 + 2 * k); // copies 2..n (the first is line 5)
    assert.deepEqual(flagged, expected, `${n} copies`);
    for (const [l, of] of s) assert.ok(!flagged.includes(of), `${n} copies: line ${l} points at a flagged block (${of})`);
    assertSafe(article, findings);
    // fixing them all keeps exactly one copy, and the other paragraphs
    const fixed = apply(text, findings.flatMap((f) => f.fixes[0].edits));
    assert.equal(fixed.split('trong nhiệm kỳ ').length - 1, 1, `${n} copies: one copy left`);
    assert.ok(fixed.includes(B) && fixed.includes(C));
  }
});

// ---- seeds against the gold -----------------------------------------------------------------

const seeds = loadSeeds();

test('seeds: every gold near-duplicate is found with its target, nothing else is flagged', { skip: seeds.length === 0 }, () => {
  const problems: string[] = [];
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    assertSafe(article, findings);
    const shown = findings.map((f) => ({ f, lines: displayLines(article, f) }));
    for (const d of gold.defects) {
      if (d.code !== 'near-duplicate-paragraph') continue;
      const hit = shown.find(({ lines: [s] }) => s === d.lines[0]);
      if (!hit) {
        problems.push(`${gold.file}:${d.lines[0]} gold near-duplicate not found`);
        continue;
      }
      const relLine = lineOf(article, hit.f.related![0].start) + 1;
      if (d.of && relLine !== d.of[0]) problems.push(`${gold.file}:${d.lines[0]} points at ${relLine}, gold ${d.of[0]}`);
    }
    for (const { f, lines: [s, e] } of shown) {
      if (!gold.defects.some((d) => d.code === 'near-duplicate-paragraph' && d.lines[0] === s)) problems.push(`${gold.file}:${s} unexpected: ${f.message}`);
      for (const b of gold.blocks) {
        if (JUNK.has(b.kind) || b.endLine < s || b.startLine > e) continue;
        if (!gold.defects.some((d) => d.code === 'near-duplicate-paragraph' && d.lines[0] <= e && d.lines[1] >= s)) {
          problems.push(`${gold.file}:${s}-${e} on clean ${b.kind}: ${f.message}`);
        }
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('seeds: no false alarm at any threshold from 0.6 to 0.85', { skip: seeds.length === 0 }, () => {
  for (const t of [0.6, 0.7, 0.75, 0.85]) {
    for (const { gold, text } of seeds) {
      const { article, findings } = run(text, t);
      for (const f of findings) {
        const s = displayLines(article, f)[0];
        assert.ok(gold.defects.some((d) => d.code === 'near-duplicate-paragraph' && d.lines[0] === s), `τ=${t} ${gold.file}:${s} ${f.message}`);
      }
    }
  }
});

test('the items of a templated list repeat their template, not each other: no near-duplicate among them', () => {
  const items = ['Quy Nhơn', 'Quy Nhơn Nam', 'Quy Nhơn Bắc', 'Quy Nhơn Tây', 'An Nhơn', 'An Nhơn Đông'].map((n, i) =>
    `- Phường ${n} có diện tích tự nhiên là ${20 + i * 7},${i}6 km2 (đạt ${300 + i * 41}% so với quy định), quy mô dân số là ${40 + i * 9}.${i}26 người (đạt ${200 + i * 13}% so với quy định).`);
  const text = `${HEAD}Kết quả sau sắp xếp, tỉnh còn 58 đơn vị hành chính cấp xã, giảm 97 đơn vị so với trước khi sắp xếp theo nghị quyết.\n\n${items.join('\n\n')}\n`;
  const { article, findings } = run(text);
  assertSafe(article, findings);
  assert.deepEqual(findings.map((f) => lineOf(article, f.start) + 1), []);
});

test("with a document's cache: a list's template dropped in one analysis stays in the kept units for the next", () => {
  // the same item but for its name: six of them are a templated list (no finding); two alone are not a
  // list (fewer than its three items) and repeat each other
  const item = (n: string) => `- Phường ${n} có diện tích tự nhiên là 20,6 km2 (đạt 300% so với quy định), quy mô dân số là 40.126 người (đạt 200% so với quy định).`;
  const intro = 'Kết quả sau sắp xếp, tỉnh còn 58 đơn vị hành chính cấp xã, giảm 97 đơn vị so với trước khi sắp xếp theo nghị quyết.';
  const names = ['Quy Nhơn', 'Quy Nhơn Nam', 'Quy Nhơn Bắc', 'Quy Nhơn Tây', 'An Nhơn', 'An Nhơn Đông'];
  const versions = [
    `${HEAD}${intro}\n\n${names.map(item).join('\n\n')}\n`,
    `${HEAD}${intro}\n\n${names.slice(1, 3).map(item).join('\n\n')}\n`,
    `${HEAD}${intro}\n\n${names.map(item).join('\n\n')}\n`,
  ];
  const cache = new LineCache();
  const found: number[] = [];
  for (const text of versions) {
    const article = parseArticle(text, defaultKnowledge, { cache });
    const ctx = { article, knowledge: defaultKnowledge, options: DEFAULT_RULE_OPTIONS };
    const cached = rule.check({ ...ctx, cache });
    assert.deepEqual(cached, rule.check(ctx));
    found.push(cached.length);
  }
  assert.deepEqual(found, [0, 1, 0]);
});
