// Teaser cards that each show a section's name above a post's title (recognize.ts labelledTeasers):
// the cards are teasers, the labels included; a menu of sections and their items is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { longParagraphsModel } from './testModels';

const TEXT = [
  'Người cao tuổi nên đi bộ mỗi ngày khoảng ba mươi phút, theo lời khuyên của các bác sĩ tại bệnh viện tỉnh trong buổi tư vấn sáng nay.',
  'Theo các chuyên gia, giày đi bộ cần có đế mềm, ôm chân và đủ độ bám để tránh trơn trượt khi trời mưa hoặc khi đi trên nền gạch.',
  'Những người mắc bệnh huyết áp nên đi bộ vào buổi chiều, khi nhiệt độ ngoài trời đã dịu, và mang theo nước uống trong suốt quãng đường.',
];
const CARDS: Array<[string, string]> = [
  ['Sức khỏe', 'Người bị huyết áp cao nên kiêng những thức ăn gì?'],
  ['Ghế massage', 'Địa chỉ bán ghế massage Hạ Long, Quảng Ninh chất lượng...'],
  ['Sức khỏe', 'Giày đi bộ tốt nhất cho người già'],
  ['Máy chạy bộ', 'Những điều cần biết về máy tập chạy bộ trên không?'],
];

/** Each line's kind under a model that reads the long sentences as text and every other line as chrome. */
function kinds(lines: string[]): Map<string, string> {
  const p = prepare(lines.join('\n'), defaultKnowledge);
  const r = recognize(p, longParagraphsModel('boilerplate'));
  return new Map(p.content.map((i, j) => [p.lines[i].text, r.kinds[j]]));
}

test('three cards or more of a section label and a title, a label coming again, are teasers, labels included', () => {
  for (const lines of [[...TEXT, ...CARDS.flat()], [...CARDS.flat(), ...TEXT]]) {
    const k = kinds(lines);
    for (const t of TEXT) assert.equal(k.get(t), 'paragraph');
    for (const [label, title] of CARDS) {
      assert.equal(k.get(label), 'related', label);
      assert.equal(k.get(title), 'related', title);
    }
  }
});

test('no label coming again, two cards, titles as short as a menu item, sentences or a header for a label: left as read', () => {
  const chrome = (lines: string[]) => [...kinds([...TEXT, ...lines]).entries()].filter(([t]) => !TEXT.includes(t)).map(([, kind]) => kind);
  const distinct = CARDS.map(([l, t], i) => [`${l} ${i}`.replace(/\d/, 'x'.repeat(i + 1)), t]);
  assert.ok(chrome(distinct.flat()).every((k) => k === 'boilerplate'), 'each label once: a menu');
  assert.ok(chrome(CARDS.slice(0, 2).flat()).every((k) => k === 'boilerplate'), 'two cards');
  // a menu's sections and their items (`Ô tô`, `Xe máy`, `Review`, `Công nghệ`, `Sản phẩm mới`, …)
  const menu = ['Ô tô', 'Xe máy', 'Review', 'Công nghệ', 'Sản phẩm mới', 'Xu hướng công nghệ', 'Review', 'Tài chính', 'Blockchain', 'Kinh doanh', 'Ô tô', 'Xe đạp điện'];
  assert.ok(chrome(menu).every((k) => k === 'boilerplate'), 'a menu');
  const sentences = CARDS.map(([l, t]) => [l, t.replace(/[?.…]*$/u, '.')]);
  assert.ok(chrome(sentences.flat()).every((k) => k === 'boilerplate'), 'sentences');
  const header = CARDS.map(([, t]) => ['Thông báo', t]);
  header[2][0] = 'Tin liên quan';
  assert.ok(chrome(header.flat().slice(0, 6)).every((k) => k === 'boilerplate'), 'a teaser header among the labels');
});
