// Hard-wrapped paragraphs are read as one unit (wrap.ts): the lines that go on from one to the
// next are joined before the recognizer reads them, and every line takes the unit's kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { joinWrapped, wrapWidth } from './wrap';
import { splitLines, prepare } from './recognize';
import { allLineFacts } from './lines';
import { defaultKnowledge } from './knowledge';
import { parseArticle } from './article';

function unitsOf(text: string) {
  const lines = splitLines(text);
  const facts = allLineFacts(lines);
  const content = lines.map((_, i) => i).filter((i) => !facts[i].blank);
  return { lines, content, units: joinWrapped(lines, facts, new Uint8Array(lines.length), content) };
}

test('a text with a paragraph per line has no joined units (it is read exactly as before)', () => {
  const { units } = unitsOf('Tiêu đề bài báo\n\nĐoạn một kết thúc ở đây.\nĐoạn hai cũng vậy.\n');
  assert.equal(units, null);
});

test('a paragraph wrapped over lines is one unit; a sentence end, a capital or a blank line starts a new one', () => {
  const text = [
    'Tin liên quan',            // 0: own unit (the next line starts with a capital)
    '    Người',                // 1 ┐ a teaser's title, wrapped
    '      dân tố dịch vụ miễn phí biển Cửa Lò "tệ", thành phố', // 2 │
    '      Vinh nói gì?',       // 3 ┘ (capital, but line 2 does not end a sentence: no, see below)
    'Những ngày qua, một số trang mạng xã hội đăng tải clip mô tô', // 4 ┐
    'nước "quần thảo" trong khu vực bãi tắm.',                        // 5 ┘
    'sau một câu đã kết thúc thì không nối',                          // 6: line 5 ends a sentence
    '',
    'còn dòng sau một dòng trống cũng không.',                        // 8
  ].join('\n');
  const { units, content } = unitsOf(text);
  assert.ok(units);
  const groups = new Map<number, number[]>();
  content.forEach((i, j) => groups.set(units.unitOf[j], [...(groups.get(units.unitOf[j]) ?? []), i]));
  // line 3 starts with a capital: a new unit, although line 2 does not end a sentence
  assert.deepEqual([...groups.values()], [[0], [1, 2], [3], [4, 5], [6], [8]]);
  assert.deepEqual(Array.from(units.size), [1, 2, 1, 2, 1, 1]);
  const joined = units.lines[units.content[units.unitOf[content.indexOf(4)]]].text;
  assert.equal(joined, 'Những ngày qua, một số trang mạng xã hội đăng tải clip mô tô nước "quần thảo" trong khu vực bãi tắm.');
  // the joined line keeps the first line's indentation and spans the lines it joins
  const teaser = units.lines[units.content[1]];
  assert.equal(teaser.text, '    Người dân tố dịch vụ miễn phí biển Cửa Lò "tệ", thành phố');
});

test('every content line belongs to exactly one unit, in order, and a unit holds its lines\' words in order', () => {
  const word = fc.constantFrom('Người', 'dân', 'tố', 'biển.', 'Cửa', 'lò', 'nói', 'gì?', 'và', 'Hà', 'nội,', '(Dân', 'trí)', '-', 'x');
  const line = fc.oneof(
    fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' ')),
    fc.constantFrom('', '   ', '\u00a0'),
  );
  fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (ls, eol) => {
    const text = ls.join(eol);
    const { lines, content, units } = unitsOf(text);
    if (!units) return;
    assert.equal(units.unitOf.length, content.length);
    let sum = 0;
    for (const s of units.size) sum += s;
    assert.equal(sum, content.length);
    for (let j = 1; j < content.length; j++) assert.ok(units.unitOf[j] === units.unitOf[j - 1] || units.unitOf[j] === units.unitOf[j - 1] + 1);
    for (let u = 0; u < units.content.length; u++) {
      const members: number[] = content.filter((_, j) => units.unitOf[j] === u);
      const words: string[] = members.flatMap((i: number) => lines[i].text.trim().split(/\s+/));
      assert.deepEqual(units.lines[units.content[u]].text.trim().split(/\s+/), words);
      // the lines of a unit are consecutive lines of the text
      for (let x = 1; x < members.length; x++) assert.equal(members[x], members[x - 1] + 1);
    }
  }), { numRuns: 300 });
});

test('the recognizer gives every line of a wrapped unit one kind, and reads a wrapped body as paragraphs', () => {
  const body = [
    'Du khách bất an khi mô tô nước quần thảo khu vực bãi tắm biển',
    '',
    '  Những ngày qua, một số trang mạng xã hội đăng tải clip mô tô',
    '  nước "quần thảo" trong khu vực bãi tắm được cho là ở Cửa Lò,',
    '  thành phố Vinh, khiến người dân và du khách bất an.',
    '  Clip 27 giây được đăng tải trên một tài khoản Facebook cá nhân',
    '  có 113.000 lượt theo dõi nhận được sự quan tâm đặc biệt của dư',
    '  luận.',
    '  Nội dung clip thể hiện có 3 mô tô nước di chuyển trong khu vực',
    '  bãi tắm. Sau khi khách lên mô tô, người điều khiển mô tô nước',
    '  cho phương tiện di chuyển với tốc độ cao. Khi trả khách, các',
    '  mô tô nước này cũng di chuyển vào trong khu vực bãi tắm.',
  ].join('\n');
  const k = defaultKnowledge;
  const p = prepare(body, k);
  assert.ok(p.units.unitOf, 'the wrapped paragraphs are joined');
  assert.equal(p.units.count, 4);
  const a = parseArticle(body, k);
  const kindAt = new Map<number, string>();
  for (const b of a.blocks) for (let l = b.startLine; l <= b.endLine; l++) kindAt.set(l, b.kind);
  for (let l = 2; l <= 11; l++) assert.equal(kindAt.get(l), 'paragraph', `line ${l + 1}`);
});

// A text wrapped at a fixed column (a pretty-printed page, a text view cut at 80 columns) breaks a
// sentence wherever the next word does not fit, before a name as well as before a small word.
function wrapAt(words: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of words.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + w.length > width) { out.push(indent + line); line = w; } else line = line ? line + ' ' + w : w;
  }
  if (line) out.push(indent + line);
  return out;
}

const PARAGRAPHS = [
  'Từ những phân tích này, Bộ Kế hoạch và Đầu tư đề nghị Thủ tướng Chính phủ xem xét, cho ý kiến chỉ đạo. Đó là: Thông qua UBND tỉnh Tuyên Quang chủ trương tạm dừng thực hiện dự án, giao cho UBND tỉnh Tuyên Quang chủ trì, phối hợp với UBND tỉnh Phú Thọ và Bộ GTVT tổ chức triển khai thực hiện điều chỉnh chủ trương đầu tư dự án.',
  'Giao các Bộ Kế hoạch và Đầu tư, Bộ Giao thông Vận tải, Tài nguyên và Môi trường, Xây dựng tích cực phối hợp với UBND tỉnh Tuyên Quang và Phú Thọ trong quá trình thẩm định điều chỉnh chủ trương đầu tư và báo cáo đánh giá tác động môi trường.',
  'Trước đó, trong Thông báo số 311 ngày 29/9/2022 của Văn phòng Chính phủ có nội dung chỉ đạo của Thủ tướng liên quan tới 2 tuyến cao tốc Nội Bài - Phú Thọ, cơ quan chủ quản triển khai dự án là UBND tỉnh Tuyên Quang.',
];

test('a text wrapped at a fixed column: a line that reaches the column goes on, even before a capital', () => {
  const paras = PARAGRAPHS.map((p) => wrapAt(p, 64, '      '));
  const { units, content, lines } = unitsOf(paras.flat().join('\n'));
  assert.ok(units);
  // one unit per paragraph, each the paragraph's words in order
  assert.equal(units.content.length, PARAGRAPHS.length);
  PARAGRAPHS.forEach((p, u) => assert.equal(units.lines[units.content[u]].text.trim(), p));
  // (without the column, a line before a capital started a new unit)
  const capitalStarts = content.filter((i, j) => j > 0 && /^\s*\p{Lu}/u.test(lines[i].text) && units.unitOf[j] === units.unitOf[j - 1]);
  assert.ok(capitalStarts.length >= 1, `joined before capitals: ${capitalStarts.length}`);
});

test('lines of many lengths have no wrapping column: a list of titles is not joined', () => {
  const titles = [
    'Người dân tố dịch vụ miễn phí biển Cửa Lò tệ, thành phố Vinh nói gì', 'Ô tô nhích từng mét',
    'Điểm giữ xe chặt chém trong đêm khai mạc', 'Lật tàu du lịch ở Trung Quốc sau mưa đá, gần 80 người thương vong',
    'Khách Tây lặng người trước một bức ảnh', 'PTIT ra mắt khoa Trí tuệ Nhân tạo', 'Du lịch dịp 30/4 bùng nổ',
    'Thương mại điện tử - Sân chơi để hàng Việt tiếp cận người dùng', 'Vụ Hằng Du Mục và Tập đoàn Chị Em Rọt vào báo cáo gửi Quốc hội',
    'Cô gái tặng hoa cho chiến sĩ gây sốt',
  ];
  const lines = splitLines(titles.join('\n'));
  assert.equal(wrapWidth(lines, lines.map((_, i) => i)), 0);
  assert.equal(unitsOf(titles.join('\n')).units, null);
});

test('in a wrapped text, a line that stops short of the column (a title, a block\'s end) ends its unit', () => {
  const text = [
    ...wrapAt(PARAGRAPHS[0], 64, '  '),
    '  Loạt đề xuất',
    ...wrapAt(PARAGRAPHS[1], 64, '  '),
    ...wrapAt(PARAGRAPHS[2], 64, '  '),
  ].join('\n');
  const { units, lines, content } = unitsOf(text);
  assert.ok(units);
  assert.ok(wrapWidth(lines, content) > 0);
  const texts = Array.from(units.content, (i) => units.lines[i].text.trim());
  assert.deepEqual(texts, [PARAGRAPHS[0], 'Loạt đề xuất', PARAGRAPHS[1], PARAGRAPHS[2]]);
});

test('a list of titles of about one length is no wrapped text: no title goes on to the next', () => {
  const titles = [
    'Người dân tố dịch vụ miễn phí biển Cửa Lò tệ, thành phố Vinh nói gì',
    'Lật tàu du lịch ở Trung Quốc sau mưa đá, gần 80 người thương vong',
    'Thương mại điện tử - Sân chơi để hàng Việt tiếp cận người dùng Việt',
    'Vụ Hằng Du Mục và Tập đoàn Chị Em Rọt vào báo cáo gửi Quốc hội khóa',
    'Khách Tây lặng người trước một bức ảnh tại Bảo tàng Chứng tích',
    'Điểm giữ xe chặt chém trong đêm khai mạc lễ hội du lịch biển Cửa Lò',
    'Sinh viên diện váy ngắn, trường đại học đồng loạt siết trang phục',
    'Vấn đề pháp lý từ vụ ô tô doanh nhân chặn ngang quốc lộ mở đường',
    'Cô gái tặng hoa cho chiến sĩ gây sốt: Dừng chia sẻ thông tin vì áp lực',
    'Hải sản Lộc: Hành trình hơn 15 năm khẳng định thương hiệu hải sản',
  ];
  const lines = splitLines(titles.join('\n'));
  assert.equal(wrapWidth(lines, lines.map((_, i) => i)), 0);
  assert.equal(unitsOf(titles.join('\n')).units, null);
});

test('a link\'s few words the markup put on a line of their own inside a wrapped sentence go on with it', () => {
  const pad = '                  ';
  const text = [
    'Chật vật đi tìm nhà',
    `${pad}Bởi thế dù đã tham khảo nhiều dự án nhưng anh buộc phải chuyển`,
    `${pad}ra mua chung cư ở ngoại thành. Anh cho biết: "Vợ chồng tôi là`,
    `${pad}công chức nhà nước, thu nhập không quá cao, có lẽ chỉ`,
    `${pad}mua nhà`, // the link's words
    `${pad}ở ngoại thành mới phù hợp về tài chính".`,
    'Tháo gỡ những dự án còn vướng mắc',
  ].join('\n');
  const { units, content } = unitsOf(text);
  assert.ok(units);
  const groups = new Map<number, number[]>();
  content.forEach((i, j) => groups.set(units.unitOf[j], [...(groups.get(units.unitOf[j]) ?? []), i]));
  assert.deepEqual([...groups.values()], [[0], [1, 2, 3, 4, 5], [6]]);
  // not when the piece is set in otherwise, nor when it opens a parenthesis (a teaser's title
  // ending where its summary's `(Dân trí) -` starts), nor when the line after starts a new sentence
  const variants: Array<[string, string, number[][]]> = [
    [`    mua nhà`, `${pad}ở ngoại thành mới phù hợp về tài chính".`, [[0], [1, 2, 3], [4], [5], [6]]],
    [`${pad}người dùng(Dân`, `${pad}trí) - Chương trình mang đến sân chơi trực tuyến.`, [[0], [1, 2, 3], [4], [5], [6]]],
    [`${pad}mua nhà`, `${pad}Ở ngoại thành mới phù hợp về tài chính".`, [[0], [1, 2, 3], [4], [5], [6]]],
  ];
  for (const [piece, after, want] of variants) {
    const lines = text.split('\n');
    lines[4] = piece;
    lines[5] = after;
    const u = unitsOf(lines.join('\n'));
    assert.ok(u.units);
    const g = new Map<number, number[]>();
    u.content.forEach((i, j) => g.set(u.units!.unitOf[j], [...(g.get(u.units!.unitOf[j]) ?? []), i]));
    assert.deepEqual([...g.values()], want, `${piece} / ${after}`);
  }
});
