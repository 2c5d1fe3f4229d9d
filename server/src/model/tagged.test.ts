// Tag-prefixed scrapes (`[H1] …`, `[P] …`, `[LI] …`): the model reads each line without its tag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tagPrefixLength, taggedReadings } from './tagged';
import { analyze } from '../engine/analyze';
import { prepare, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { oneKindModel, longParagraphsModel } from './testModels';

test('a tag prefix is an HTML element\'s name in brackets, then a space, then text', () => {
  assert.equal(tagPrefixLength('[P] Đoạn văn.'), 4);
  assert.equal(tagPrefixLength('[H2] Tin liên quan'), 5);
  assert.equal(tagPrefixLength('  [li] Gia Lai'), 7);
  for (const line of ['[P]', '[P]   ', '[Ảnh] Toàn cảnh', '[1] Chú thích', '[Video] Clip', 'P] x', '[XYZ] a', 'Đoạn [P] giữa']) assert.equal(tagPrefixLength(line), 0, line);
  // the text after the prefix is the line's own, whatever it is
  fc.assert(fc.property(fc.constantFrom('P', 'H1', 'H3', 'LI', 'td'), fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /^\S/.test(s)), (tag, rest) => {
    const line = `[${tag}] ${rest}`;
    assert.equal(line.slice(tagPrefixLength(line)), rest);
  }));
});

test('a text is a tag-prefixed scrape only when at least 5 of its content lines, and 40% of them, carry a tag', () => {
  const lines = (texts: string[]) => texts.map((text) => ({ text }));
  const all = (ts: string[]) => ts.map((_, i) => i);
  const five = ['[H1] Tiêu đề', '[P] Một.', '[P] Hai.', '[P] Ba.', '[LI] Bốn'];
  assert.deepEqual(taggedReadings(lines(five), all(five)), ['Tiêu đề', 'Một.', 'Hai.', 'Ba.', 'Bốn']);
  assert.equal(taggedReadings(lines(five.slice(0, 4)), all(five.slice(0, 4))), null);
  const diluted = [...five, ...Array.from({ length: 8 }, (_, i) => `Dòng ${i}`)];
  assert.equal(taggedReadings(lines(diluted), all(diluted)), null);
  const mixed = [...five, 'Title: x', 'URL: y'];
  assert.deepEqual(taggedReadings(lines(mixed), all(mixed))?.slice(5), [null, null]);
});

test('with the shipped model, a tag-prefixed article is read as its text, not as teasers; its lines keep their text', () => {
  const places = ['Thắng cố Ngọc Cừ', 'Phở chua Bắc Hà', 'Cá hồi Thác Bạc', 'Quán ông Há', 'Bít tết Âu Việt'];
  const lines = [
    'Title: Top 5 quán ăn ngon ở Lào Cai du khách nên thử',
    'URL: https://example.vn/quan-an-ngon-lao-cai/',
    '',
    'Content with tag:',
    '[P] Mùa hè đến rồi, bạn đã có cho mình kế hoạch du lịch nào chưa? Nếu chọn Lào Cai thì đừng bỏ qua những quán ăn dưới đây.',
    '[H2] I. Những quán ăn ngon phục vụ ba bữa chính',
    ...places.flatMap((name, i) => [
      `[H3] ${i + 1}. ${name}`,
      `[P] Với ẩm thực của đồng bào vùng cao, ${name} được xem là một trong những địa chỉ đáng nhớ nhất mà du khách nên ghé khi đến đây.`,
      `[P] Quán mở cửa từ sáng đến tối, giá mỗi suất ăn dao động từ 50.000 đến 150.000 đồng, phục vụ nhanh và chu đáo.`,
      `[P] Địa chỉ: số ${10 + i} Lương Khánh Thiện, phường Duyên Hải, Lào Cai`,
    ]),
  ];
  const text = lines.join('\n');
  const a = analyze(text);
  const kindAt = (line: number) => a.article.blocks.find((b) => b.startLine <= line && line <= b.endLine)?.kind;
  const sentences = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('[P] Với') || l.startsWith('[P] Quán'));
  assert.deepEqual(sentences.filter(([, i]) => kindAt(i) !== 'paragraph').map(([l]) => l), []);
  // the article's lines are the text as written, tags included
  for (const b of a.article.blocks) assert.equal(b.text, lines.slice(b.startLine, b.endLine + 1).join('\n'));
});

test('inside the article\'s text, a heading\'s tag makes a subheading and a list item\'s tag makes text; around the text the tags are not obeyed', () => {
  const long = (n: number) => `[P] Đoạn văn thứ ${n} kể về chuyến đi dài ngày qua những bản làng vùng cao, nơi du khách được đón tiếp nồng hậu.`;
  const lines = [
    '[H2] Tin nổi bật', // above the text: a teaser's or a menu's <h2>
    '[LI] Trang chủ',
    long(1),
    '[H2] 1. Núi Đôi Quản Bạ',
    '[LI] Địa chỉ: xã Tùng Vài, huyện Quản Bạ',
    '[P] Giá vé: 20.000 đồng', // a <p> says nothing: a subheading in bold is one too
    '[H3] Tin liên quan', // a chrome phrase keeps its kind
    long(2),
    '[H2] Khám phá Hà Giang mùa hoa', // below the text
    '[LI] Liên hệ',
  ];
  const kinds = (model: ReturnType<typeof oneKindModel>) => {
    const p = prepare(lines.join('\n'), defaultKnowledge);
    assert.ok(p.tagged);
    const r = recognize(p, model);
    return new Map(p.content.map((i, j) => [p.lines[i].text, r.kinds[j]]));
  };
  const asText = kinds(oneKindModel('paragraph'));
  assert.equal(asText.get('[H2] 1. Núi Đôi Quản Bạ'), 'heading');
  for (const l of ['[H2] Tin nổi bật', '[H2] Khám phá Hà Giang mùa hoa', '[P] Giá vé: 20.000 đồng', '[LI] Địa chỉ: xã Tùng Vài, huyện Quản Bạ']) assert.equal(asText.get(l), 'paragraph', l);
  assert.notEqual(asText.get('[H3] Tin liên quan'), 'heading');
  // (a model that reads the long sentences as text and every other line as a subheading)
  const asHeadings = kinds(longParagraphsModel('heading'));
  assert.equal(asHeadings.get('[LI] Địa chỉ: xã Tùng Vài, huyện Quản Bạ'), 'paragraph');
  for (const l of ['[LI] Trang chủ', '[LI] Liên hệ', '[P] Giá vé: 20.000 đồng']) assert.equal(asHeadings.get(l), 'heading', l);
  // an article without tags is read as the model says
  const plain = prepare(lines.map((l) => l.replace(/^\[\w+\] /, '')).join('\n'), defaultKnowledge);
  assert.ok(!plain.tagged);
});
