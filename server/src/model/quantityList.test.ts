// A list of quantities inside the article (a recipe's ingredients) is the article's own list, not
// chrome for the boilerplate fix to delete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultKnowledge } from './knowledge';
import { longParagraphsModel, readWith } from './testModels';

const INTRO = 'Chè hạt kê đậu xanh là món chè dân dã, dễ nấu, có vị ngọt thanh và mùi thơm đặc trưng của nước cốt dừa.';
const ITEMS = ['200g hạt kê', '300g đậu xanh bỏ vỏ', '30g bột sắn dây', 'Vani', '2 muỗng nước cốt dừa', '1,5 lít nước'];

function read(lines: string[]) {
  // a model that reads every short line as chrome leaves the choice to the rules after it
  return readWith(longParagraphsModel('boilerplate'), lines.join('\n'));
}

test('the lines of a list of quantities after the article\'s text are paragraphs, a short line between two of them too', () => {
  const lines = read(['Cách nấu chè hạt kê đậu xanh', INTRO, 'Nguyên liệu', ...ITEMS, 'Bước 1: Sơ chế nguyên liệu']);
  for (const l of lines.filter((x) => ITEMS.includes(x.text))) {
    assert.equal(l.kind, 'paragraph', l.text);
    assert.match(l.why ?? '', /quantities/);
  }
  // the heading above and the step after are not items
  assert.deepEqual(lines.filter((l) => /quantities/.test(l.why ?? '')).map((l) => l.text), ITEMS);
});

test('no list of quantities: fewer than three, none before the article\'s text began, or not quantities', () => {
  assert.deepEqual(read(['Cách nấu chè', INTRO, '200g hạt kê', '300g đậu xanh', 'Bước 1: Sơ chế']).filter((l) => /quantities/.test(l.why ?? '')), []);
  assert.deepEqual(read(['200g hạt kê', '300g đậu xanh', '30g bột sắn', INTRO]).filter((l) => /quantities/.test(l.why ?? '')), []);
  assert.deepEqual(read([INTRO, '2 giờ trước', '3 phòng ngủ', '2021 là năm bản lề', '5 lần vô địch']).filter((l) => /quantities/.test(l.why ?? '')), []);
});

test('a quantity opens the line: a number, its unit, no more letters of that word', () => {
  const q = defaultKnowledge.quantityLine;
  for (const line of ['30g hạt kê', '2 muỗng bột năng', '1,5 kg thịt bò', '1/2 chén đường', '- 3 lát gừng', '10 lít nước', '200 gram bột mì', '3 tép tỏi']) assert.ok(q.test(line), line);
  for (const line of ['2 giờ trước', '2021 là năm bản lề', '3 lần', 'Thêm 30g đường', '2 lần nấu', '5 lượt']) assert.ok(!q.test(line), line);
});
