// Tests for the repeated-word rule: typos found, reduplications and word junctions left alone, the
// fix, odd input, speed, and the seeds against the gold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from '../model/article';
import { lineOf } from './ranges';
import { rule } from './repeated-word';
import data from '../../data/reduplication.vi.json';
import { apply, loadSeeds, assertSafe, runRule } from './testkit';

const run = (text: string) => runRule(rule, text);

/** The article with one body paragraph. */
const doc = (para: string) => `Tiêu đề của bài báo\n\n${para}\n\nĐoạn cuối của bài báo này.\n`;
/** Warnings only (information findings are hints for a curator, not alarms). */
const warnings = (text: string) => run(text).findings.filter((f) => f.severity === 'warning');

test('a doubled syllable that starts a known word is flagged; the fix drops the first copy and its space', () => {
  const text = doc('Đảng bộ đã bầu chọn được 47 tập thể và 75 cá nhân tiêu tiêu biểu, xuất sắc để biểu dương.');
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.code, 'repeated-word');
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /“tiêu” in “nhân tiêu tiêu biểu” \(probably “tiêu biểu”\)/);
  assert.equal(text.slice(f.start, f.end), 'tiêu ');
  assert.equal(f.fixes[0].title, 'Remove the repeated word');
  assertSafe(article, findings);
  assert.equal(apply(text, f.fixes[0].edits), text.replace('tiêu tiêu', 'tiêu'));
});

test('the article using the words with the syllable once is evidence of a typo', () => {
  const text = doc('Có 73 tập thể, cá nhân tiêu biểu. Năm 2020 bầu chọn 75 cá nhân tiêu tiêu biểu, xuất sắc.');
  const f = warnings(text);
  assert.equal(f.length, 1);
  assert.match(f[0].message, /the article has “nhân tiêu biểu” elsewhere/);
});

test('a doubled grammatical word is a typo; right after a word it ends, it is not', () => {
  assert.equal(warnings(doc('Đây là kết quả của của cả tập thể đơn vị.')).length, 1);
  assert.equal(warnings(doc('Lãnh đạo các các đơn vị trực thuộc đã tham dự.')).length, 1);
  assert.deepEqual(warnings(doc('Những kết quả đạt được được đánh giá cao trong toàn tỉnh.')), []);
  assert.deepEqual(warnings(doc('Chương trình xây dựng nhà ở ở nông thôn tiếp tục được triển khai.')), []);
});

test('a syllable written three times is flagged once', () => {
  const f = warnings(doc('Kết quả của của của cả tập thể.'));
  assert.equal(f.length, 1);
  assert.match(f[0].message, /three times/);
});

test('a capitalized first copy keeps its capital: the second copy goes instead', () => {
  const text = doc('Các các đơn vị đã hoàn thành nhiệm vụ được giao.');
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  assert.equal(text.slice(findings[0].start, findings[0].end), ' các');
  assertSafe(article, findings);
  assert.equal(apply(text, findings[0].fixes[0].edits), doc('Các đơn vị đã hoàn thành nhiệm vụ được giao.'));
});

test('reduplications are correct Vietnamese', () => {
  for (const p of [
    'Ngày ngày, người người, nhà nhà thi đua học tập và lao động sản xuất.',
    'Cấp cấp, ngành ngành đều vào cuộc, đâu đâu cũng thấy cờ hoa.',
    'Sóng biển ào ào, sấm nổ đùng đùng, mưa rơi rầm rầm suốt đêm.',
    'Trong năm năm qua, đời sống của bà con dần dần được cải thiện.',
    'Xa xa là những dãy núi xanh xanh, hàng hàng lớp lớp người đi trẩy hội.',
    'Ông luôn luôn nhắc nhở con cháu phải từ từ mà làm, mãi mãi ghi nhớ công ơn.',
    'Các hoạt động văn hóa, thể thao, lễ hội, vân vân đều được tổ chức.',
  ]) assert.deepEqual(run(doc(p)).findings, [], p);
});

test('a reduplicated time word before a number is a typo', () => {
  assert.equal(warnings(doc('Kế hoạch được ban hành trong năm năm 2020 và tiếp tục thực hiện.')).length, 1);
});

test('two words meeting on the same syllable are not a repeat', () => {
  for (const p of [
    'Chi bộ 2 thuộc Đảng bộ bộ phận Trung tâm Phát triển quỹ đất.',
    'Đoàn viên, học sinh sinh viên tham gia hiến máu tình nguyện.',
    'Quyền làm chủ của nhân dân dân chủ được phát huy.',
    'Phát huy vai trò của quốc gia gia đình và xã hội hội nhập.',
    'Xây dựng đội ngũ cán bộ bộ đội vững mạnh.',
  ]) assert.deepEqual(warnings(doc(p)), [], p);
});

test('two known words meeting on a syllable stay a junction even when the article has the three syllables once, as another parse', () => {
  // `hành vi phạm tội` is hành vi | phạm tội: no evidence that `hành vi vi phạm` (hành vi | vi phạm) is a typo
  const text = doc('Tùy vào mức độ hành vi vi phạm mà mức xử phạt khác nhau. Phạt tù nếu hành vi phạm tội làm nạn nhân tự sát.');
  assert.deepEqual(warnings(text), []);
  // a syllable doubled inside one known word, with the same evidence, is still a typo
  assert.equal(warnings(doc('Có 73 cá nhân tiêu biểu. Năm 2020 có 75 cá nhân tiêu tiêu biểu, xuất sắc.')).length, 1);
});

test('numbers, punctuation between, line breaks, names and single letters are not repeats', () => {
  for (const p of [
    'Đã có 10 10 đơn vị đăng ký tham gia.',
    'Theo 2 cấp, cấp trường là các hội thi.',
    'Cái đó, đó là điều quan trọng nhất.',
    'Bạn Lan Lan và bạn Na Na cùng tham gia.',
    'Chuyên mục A A và mục B B.',
    'Ông ĐỖ ĐỖ TRỌNG phát biểu.',
  ]) assert.deepEqual(run(doc(p)).findings, [], p);
  assert.deepEqual(run('Tiêu đề bài báo\n\nĐoạn văn kết thúc bằng tiêu\ntiêu biểu ở dòng sau.\n').findings, []);
});

test('either tone placement and NFD text are matched (hóa / hoá)', () => {
  const t1 = doc('Công tác văn hoá hoá học được đẩy mạnh ở địa phương.'.normalize('NFD'));
  // văn hóa | hóa học: a junction, in either spelling
  assert.deepEqual(warnings(t1), []);
});

test('a repeat that the article repeats elsewhere is deliberate', () => {
  const p = 'Mô hình “nhớ nhớ quên quên” được áp dụng. Học sinh gọi đó là cách học nhớ nhớ quên quên.';
  assert.deepEqual(warnings(doc(p)), []);
});

test('an unknown repeat is information only', () => {
  const { findings } = run(doc('Người dân trồng bàn bàn gỗ trên đồi.'));
  assert.equal(findings.length, 1);
  assert.equal(findings[0].severity, 'information');
  assert.match(findings[0].message, /^Possibly doubled word/);
});

test('the data file: lower case NFC, compounds of two syllables, no overlap between reduplications and function words', () => {
  const all = [...data.reduplications, ...data.compounds, ...data.functionWords];
  for (const w of all) assert.equal(w, w.normalize('NFC').toLowerCase(), w);
  for (const c of data.compounds) assert.equal(c.split(' ').length, 2, c);
  assert.ok(data.reduplications.length >= 200);
  const redup = new Set(data.reduplications);
  for (const w of data.functionWords) assert.ok(!redup.has(w), w);
});

test('PHP dumps are skipped', () => {
  const dump = ['Array', '(', '    [0] => Array', '        (', '            [title] => tin tin tức', '        )', ')'].join('\n');
  const text = `Tiêu đề bài báo\n\nĐoạn văn đầu tiên của bài báo.\n\n${dump}\n`;
  assert.ok(parseArticle(text).blocks.some((b) => b.kind === 'php-dump'));
  assert.deepEqual(run(text).findings, []);
});

test('odd input does not throw', () => {
  for (const t of ['', '\n', 'a a', 'các các', '\u0000 của của \u0000', '\uD800 và và \uDC00', 'tiêu\u00A0tiêu biểu', 'x\r\nx x\r\n']) {
    const { article, findings } = run(t);
    assertSafe(article, findings);
  }
});

test('a large article: every finding, no crash', () => {
  const para = 'Năm 2020, các tổ chức cơ sở đảng đã bầu chọn được 47 tập thể và 75 cá nhân tiêu tiêu biểu, xuất sắc. ';
  const text = 'Tiêu đề\n\nCác cá nhân tiêu biểu được khen thưởng.\n\n' + (para.repeat(10) + '\n\n').repeat(3000);
  const { findings } = run(text);
  assert.equal(findings.length, 30000);
});

// ---- seeds against the gold -----------------------------------------------------------------

const seeds = loadSeeds();

test('seeds: the gold repeated word is found, nothing else is flagged', { skip: seeds.length === 0 }, () => {
  const problems: string[] = [];
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    assertSafe(article, findings);
    const lines = findings.map((f) => lineOf(article, f.start) + 1);
    for (const d of gold.defects) {
      if (d.code === 'repeated-word' && !lines.some((l) => l >= d.lines[0] && l <= d.lines[1])) problems.push(`${gold.file}:${d.lines[0]} not found`);
    }
    findings.forEach((f, k) => {
      if (!gold.defects.some((d) => d.code === 'repeated-word' && lines[k] >= d.lines[0] && lines[k] <= d.lines[1])) {
        problems.push(`${gold.file}:${lines[k]} unexpected (${f.severity}): ${f.message}`);
      }
    });
  }
  assert.deepEqual(problems, []);
});

test('a pair of words typed twice is a typo (ban hành ban hành); a chant repeated three times is not', () => {
  const text = 'Nông dân phấn khởi vì lúa được mùa, được giá\n\nQuyết định có hiệu lực kể từ ngày ban hành ban hành quyết định này, ông cho biết.\n\nĐám đông hô cố lên cố lên cố lên suốt trận đấu.\n';
  const { article, findings } = run(text);
  assertSafe(article, findings);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].severity, 'warning');
  assert.match(findings[0].message, /ban hành/);
  assert.match(apply(text, findings[0].fixes[0].edits), /kể từ ngày ban hành quyết định này/);
});

test('a small-letter word written again with a capital is only a suggestion (Lương thực Thực phẩm is a name)', () => {
  const text = 'Nông dân phấn khởi vì lúa được mùa, được giá\n\nCải cách tiếng Tiếng Việt được bàn tại hội thảo của Tổng công ty Lương thực Thực phẩm hôm qua.\n';
  const { findings } = run(text);
  assert.ok(findings.length >= 1);
  assert.ok(findings.every((f) => f.severity === 'information' && f.fixes[0].applicability === 'unsafe'));
});

test('the findings of an article do not depend on the articles checked before it (word forms are kept from one to the next)', () => {
  const texts = [
    doc('Đảng bộ đã bầu chọn được 47 tập thể và 75 cá nhân tiêu tiêu biểu, xuất sắc để biểu dương.'),
    doc('Hoà Hòa HOÀ hoà bình, người người nhà nhà, ban hành ban hành quyết định, ngày ngày đi làm.'),
    doc('Thuỷ thủy lợi và hoá hóa chất: tiếng Tiếng Việt, bà Bà Dương, năm năm 2020 và của của anh.'),
  ];
  const key = (t: string) => JSON.stringify(run(t).findings.map((f) => [f.start, f.end, f.severity, f.message]));
  const first = texts.map(key);
  for (const order of [[2, 1, 0], [1, 0, 2], [0, 0, 1, 1, 2, 2]]) for (const i of order) assert.equal(key(texts[i]), first[i]);
});
