// Tests for the stray-token rule: fragments after the final punctuation, lone punctuation lines, seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from '../model/article';
import { defaultKnowledge } from '../model/knowledge';
import { rule, strayFragment } from './stray-token';
import { DEFAULT_RULE_OPTIONS } from './registry';
import { apply, assertSafe, displayLines, loadSeeds, onCleanBlocks, runRule } from './testkit';

const run = (text: string, file?: string) => runRule(rule, text, file);

const seeds = loadSeeds();

// ---- unit tests ------------------------------------------------------------------------------

const HEAD = 'Tiêu đề của bài báo hôm nay\n\n';
const P = 'Đoạn văn của bài báo, đủ dài để là một đoạn văn bình thường trong bài';

/** The fragment strayFragment finds at the end of a line, or null. */
function frag(line: string): string | null {
  const s = strayFragment(line);
  return s ? line.slice(s.startColumn, s.endColumn) : null;
}

test('flags a short fragment after the final punctuation: the space and the fragment only', () => {
  const text = `${HEAD}${P} quần chúng...”. r\n\n${P}.\n`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.code, 'stray-token');
  assert.equal(f.severity, 'warning');
  assert.equal(text.slice(f.start, f.end), ' r');
  assert.match(f.message, /“r”/);
  assert.equal(f.fixes[0].title, 'Remove stray “r”');
  assertSafe(article, findings);
  assert.equal(apply(text, f.fixes[0].edits), `${HEAD}${P} quần chúng...”.\n\n${P}.\n`);
});

test("a numbered item's heading (`1. Mỹ`, `IV. Úc`) is no sentence with a stray fragment; a sentence ending in a number still is", () => {
  for (const line of ['1. Mỹ', '2. EU', '12. Úc', 'IV. Úc', '- 3. Hà', '  7. Ý']) assert.equal(frag(line), null, line);
  assert.equal(frag('Năm 2019. ab'), ' ab');
  assert.equal(frag(`${P} 1. Mỹ`), ' Mỹ', 'a number ending a sentence inside a line');
  // the list under a heading of the real page this came from (thuysanvietnam.com.vn) gets no warning
  const { findings } = run(`${HEAD}${P}.\n\n1. Mỹ\n\n${P}.\n\n2. EU\n\n${P}.\n`);
  assert.deepEqual(findings.map((f) => f.message), []);
});

test('what counts as a stray fragment', () => {
  assert.equal(frag(`${P}...”. r`), ' r');
  assert.equal(frag(`${P}. ab`), ' ab');
  assert.equal(frag(`${P}? x`), ' x');
  assert.equal(frag(`${P}! k`), ' k');
  assert.equal(frag(`${P}… r`), ' r');
  assert.equal(frag(`${P} năm 2023. 5`), ' 5');
  assert.equal(frag(`Ông nói: “Đúng vậy.” r`), ' r');
  assert.equal(frag(`${P}. r   `), ' r', 'trailing white space is left to the whitespace rule');
  assert.equal(frag(`${P}.\u00a0r`), '\u00a0r');
  assert.equal(frag(`${P}. a\u0323`), ' a\u0323', 'a decomposed letter is one letter');
  assert.equal(frag(`${P}. Ở`), ' Ở');
});

test('legitimate line endings are not flagged', () => {
  for (const line of [
    `${P}./.`,
    `${P}, v.v.`,
    `${P}, v. v`,
    `${P} tại TP. HN`,
    `${P} ở Q. 1`,
    `${P} của ông Nguyễn Văn A. B`,
    `${P} (*)`,
    `${P}...”.`,
    `${P}…”`,
    `${P}! :D`,
    `${P}! xD`,
    `${P}. PV`,
    `${P}. abc`,
    `${P}. 12`,
    `${P} gọi là “Hà Nội” ở`,
    `${P}, r`,
    `${P}: r`,
    `${P}.r`,
    `${P} r`,
    '. r',
    'r',
    '',
    `${P}. ${'\ud800'}`,
  ]) {
    assert.equal(frag(line), null, JSON.stringify(line));
  }
});

test('only paragraphs, captions, headings and bylines are checked for fragments', () => {
  // a headline ending with a fragment is left alone (it is the title, not body text)
  const { findings } = run(`Tiêu đề của bài báo. r\n\n${P}.\n`);
  assert.deepEqual(findings, []);
  // a caption (no final punctuation, photo cue) and a heading-like question
  const t2 = `${HEAD}${P}.\n\nẢnh: Quang cảnh hội nghị. TL r\n\n${P}.\n`;
  assert.deepEqual(run(t2).findings, []);
});

test('lone punctuation lines: flagged when the block is not boilerplate, never double-flagged', () => {
  const text = `${HEAD}${P}.\n\n.\n\n${P}.\n\n./.\n\n${P}.\n`;
  const article = parseArticle(text);
  const ctx = { article, knowledge: defaultKnowledge, options: DEFAULT_RULE_OPTIONS };
  // the parser calls the '.' and './.' lines boilerplate: the boilerplate rule flags them, this rule does not
  assert.equal(article.blocks.find((b) => b.text === '.')?.kind, 'boilerplate');
  assert.deepEqual(rule.check(ctx), []);
  // a lone punctuation line the parser took for a paragraph is flagged, its fix removes the line
  for (const b of article.blocks) if (b.text === '.' || b.text === './.') b.kind = 'paragraph';
  const fs = rule.check(ctx);
  assert.equal(fs.length, 1, './. is the Vietnamese end mark and stays');
  assert.match(fs[0].message, /Lone punctuation line “\.”/);
  assertSafe(article, fs);
  assert.equal(apply(text, fs[0].fixes[0].edits), `${HEAD}${P}.\n\n${P}.\n\n./.\n\n${P}.\n`);
});

test('php dumps, related teasers and odd input: no findings, no throw', () => {
  const dump = 'Array\n(\n    [0] => x. r\n)\n';
  assert.deepEqual(run(`${HEAD}${P}.\n\n${dump}`).findings, []);
  for (const t of ['', '\n\n', '\u0000. r', '\ud800\r\n\r\n. .', 'x. r\r\ny. z\r\n']) {
    const { article, findings } = run(t);
    assertSafe(article, findings);
  }
});

test('CRLF: the fragment range is on the line, not its line break', () => {
  const text = `${HEAD}${P}...”. r\n\n${P}.\n`.replace(/\n/g, '\r\n');
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  assert.equal(text.slice(findings[0].start, findings[0].end), ' r');
  assertSafe(article, findings);
});

test('a huge line: its end is checked', () => {
  const huge = 'chữ '.repeat(2_500_000) + 'hết. r';
  assert.equal(frag(huge), ' r');
  assert.equal(frag('chữ. '.repeat(2_500_000)), null);
});

// ---- seeds -----------------------------------------------------------------------------------

test('seeds: the stray r at 000:27 is found, nothing else is flagged', () => {
  assert.equal(seeds.length, 5);
  let total = 0;
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    assertSafe(article, findings);
    assert.deepEqual(onCleanBlocks(gold, article, findings), []);
    for (const d of gold.defects.filter((x) => x.code === 'stray-token' && !x.optional)) {
      assert.ok(findings.some((f) => {
        const [s, e] = displayLines(article, f);
        return s <= d.lines[1] && e >= d.lines[0];
      }), `${gold.file}: stray-token ${d.lines[0]} not found`);
    }
    total += findings.length;
  }
  assert.equal(total, 1);
  const s0 = seeds.find((s) => s.gold.file.startsWith('000_'))!;
  const { article, findings } = run(s0.text);
  assert.equal(s0.text.slice(findings[0].start, findings[0].end), ' r');
  assert.ok(apply(s0.text, findings[0].fixes[0].edits).split('\n')[26].endsWith('quần chúng...”.'));
  assert.deepEqual(displayLines(article, findings[0]), [27, 27]);
});

// ---- scraping debris inside lines ------------------------------------------------------------------

test('debris: undecoded entities, markup, JSON escapes, escaped line breaks, crawler commas, a glued pipe and spam', () => {
  const H = 'Nông dân phấn khởi vì lúa được mùa, được giá\n\n';
  const body = [
    'Nguyên nhân kh&ocirc;ng x&aacute;c định được, theo QU&#7888;C NAM và &quot;nhóm PV&quot; cho biết sáng nay.',
    'Ông cho biết <bold>dự án</bold> đã hoàn thành ngày 25\\/3 và ghi nhận tại <a href="x">đây</a> nhiều ý kiến.',
    'CTCP xa0 công bố kết quả , , kinh doanh quý một r n , r n , tăng mạnh so với cùng kỳ năm trước.',
    'Khi được hỏi về| sự việc này, ông không trả lời mà chỉ nói sẽ báo cáo lại cấp trên xem xét.',
    'Bài viết kết thúc ở đây, cảm ơn bạn đọc đã theo dõi. sex sex sex sex sex sex sex sex',
  ];
  const text = H + body.join('\n\n') + '\n';
  const { article, findings } = run(text);
  assertSafe(article, findings);
  const flagged = findings.map((f) => text.slice(f.start, f.end));
  for (const piece of ['&ocirc;', '&aacute;', '&#7888;', '&quot;', '<bold>', '</bold>', '\\/', '<a href="x">', '</a>', 'xa0', '|']) {
    assert.ok(flagged.includes(piece), `${piece} flagged (got ${JSON.stringify(flagged)})`);
  }
  assert.ok(flagged.some((f) => /^sex( sex){4,}/.test(f.trim())), 'spam flagged');
  assert.ok(flagged.some((f) => f.includes(', ,')), 'crawler commas flagged');
  const fixed = apply(text, findings.flatMap((f) => f.fixes[0].edits));
  assert.match(fixed, /Nguyên nhân không xác định được, theo QUỐC NAM và "nhóm PV" cho biết/);
  assert.match(fixed, /dự án đã hoàn thành ngày 25\/3/);
  assert.doesNotMatch(fixed, /<|&|\\\/|xa0|\| /);
});

test('debris: a Python list repr holding the body is flagged, its fix (a suggestion) gives the items one per line', () => {
  const text = "Nông dân phấn khởi vì lúa được mùa, được giá\n\nTóm tắt của bài viết.['\\r\\n   ', 'Năm nay, sản lượng lúa tăng mạnh so với năm trước.', '\\r\\n', 'Giá bán cũng ổn định hơn.']\n";
  const { article, findings } = run(text);
  assertSafe(article, findings);
  const f = findings.find((x) => /Python list/.test(x.message));
  assert.ok(f, JSON.stringify(findings.map((x) => x.message)));
  assert.equal(f.fixes[0].applicability, 'unsafe');
  assert.equal(apply(text, f.fixes[0].edits), 'Nông dân phấn khởi vì lúa được mùa, được giá\n\nTóm tắt của bài viết.Năm nay, sản lượng lúa tăng mạnh so với năm trước.\nGiá bán cũng ổn định hơn.\n');
});

test('debris: a field a crawler stored as a one-item Python list (a title, a date, a body with escaped line breaks) is flagged; its fix gives the item', () => {
  const title = "['Sau lần giao dịch \"bất thành\", Phó Tổng PGT tiếp tục đăng ký thoái toàn bộ vốn']";
  const body = "['Phó Tổng Giám đốc kiêm Kế toán trưởng CTCP PGT Holdings mới đây đã đăng ký bán toàn bộ cổ phần đang nắm giữ.\\nVới thị giá hiện nay, bà có thể thu về khoảng 6,6 tỷ đồng từ giao dịch này.']";
  const text = `${title}\n${"['Thứ hai, 26/10/2020, 22:40 (GMT+7)']"}\n${body}\n`;
  const { article, findings } = run(text);
  assertSafe(article, findings);
  const lists = findings.filter((x) => /one-item Python list/.test(x.message));
  assert.equal(lists.length, 3, JSON.stringify(findings.map((x) => x.message)));
  // a one-line field comes out as its text (a safe fix); a body whose escaped line breaks become lines is a suggestion
  assert.equal(lists[0].fixes[0].applicability, undefined);
  assert.equal(apply(text, lists[0].fixes[0].edits).split('\n')[0], 'Sau lần giao dịch "bất thành", Phó Tổng PGT tiếp tục đăng ký thoái toàn bộ vốn');
  assert.equal(lists[2].fixes[0].applicability, 'unsafe');
  assert.deepEqual(apply(text, lists[2].fixes[0].edits).split('\n').slice(2, 4), [
    'Phó Tổng Giám đốc kiêm Kế toán trưởng CTCP PGT Holdings mới đây đã đăng ký bán toàn bộ cổ phần đang nắm giữ.',
    'Với thị giá hiện nay, bà có thể thu về khoảng 6,6 tỷ đồng từ giao dịch này.',
  ]);
  // brackets around words in text, or a list with something after it, are not a stored field
  for (const line of ["[Ảnh minh họa] Người dân xếp hàng chờ tiêm vắc xin tại trạm y tế phường.", "['Hà Nội'] là tên một cuốn sách được nhắc đến trong bài viết này.", "Theo ông A, ['x'] là ký hiệu trong mã nguồn.", "['', '']", "['123']"]) {
    const r = run(`${HEAD}${P}.\n\n${line}\n`);
    assert.deepEqual(r.findings.filter((x) => /Python list/.test(x.message)).map((x) => x.message), [], line);
  }
});

test('debris: clean prose with ampersands, slashes, commas and pipes in their normal use is left alone', () => {
  const text = 'Nông dân phấn khởi vì lúa được mùa, được giá\n\nCông ty M&A và Q&A cho biết, tỷ lệ 3/4 đạt yêu cầu; bảng giá | ngày | mức giá được cập nhật. Ông A, bà B, anh C đều đồng ý.\n';
  const { findings } = run(text);
  assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), []);
});

test('debris: a line of word-segmented text (a dataset\'s tokenised title or summary) is flagged; its suggestion writes the words back', () => {
  const title = 'TITLE: Mỹ_Tâm về Đà_Nẵng hát cho sinh_viên nghe vào tối 2/11 ';
  const summary = 'SUMMARY: ICTnews - Nhạc_sĩ Nguyễn_Đức_Cường , Văn_Mai_Hương ( ca sĩ ) … sẽ cùng đứng chung sân_khấu với Mỹ_Tâm . ';
  const body = 'Ca sĩ Mỹ Tâm sẽ biểu diễn trong chương trình nghệ thuật diễn ra tại Cung Thể thao Tiên Sơn (Đà Nẵng).';
  const text = `${title}\n${summary}\n${body}\n`;
  const { article, findings } = run(text);
  assertSafe(article, findings);
  const seg = findings.filter((x) => /word-segmented/.test(x.message));
  assert.equal(seg.length, 2, JSON.stringify(findings.map((x) => x.message)));
  for (const f of seg) assert.equal(f.fixes[0].applicability, 'unsafe');
  const fixed = apply(apply(text, seg[1].fixes[0].edits), seg[0].fixes[0].edits).split('\n');
  assert.deepEqual(fixed.slice(0, 2), [
    'TITLE: Mỹ Tâm về Đà Nẵng hát cho sinh viên nghe vào tối 2/11 ',
    'SUMMARY: ICTnews - Nhạc sĩ Nguyễn Đức Cường, Văn Mai Hương (ca sĩ)… sẽ cùng đứng chung sân khấu với Mỹ Tâm. ',
  ]);
  // names of code, addresses and one joined word are not segmented text
  for (const line of [
    'Hàm get_user_name trả về tên, còn set_user_id và delete_user_cache ghi lại mã người dùng trong bảng user_table của hệ thống.',
    'Xem thêm tại https://example.vn/tin_tuc/thoi_su/bai_viet_moi.html hoặc gửi thư tới ban_bien_tap@example.vn.',
    'Nhóm nghiên cứu gọi phương pháp này là phân_tích trong báo cáo gửi hội đồng khoa học của trường đại học.',
    'Tài khoản nguyen_van_a và tran_thi_b đã bị khóa sau khi đăng tin sai sự thật về dịch bệnh trên mạng xã hội.',
  ]) {
    const r = run(`${HEAD}${P}.\n\n${line}\n`);
    assert.deepEqual(r.findings.filter((x) => /word-segmented/.test(x.message)).map((x) => x.message), [], line);
  }
});
