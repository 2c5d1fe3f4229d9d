// A box of links to organisations (a government portal's `Sở Y tế`, `Ban Dân tộc`, `Huyện Đại Từ`
// in a row) is the site's chrome, not a list of teasers; three names, or teaser titles that are
// sentences about organisations, are left as read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { longParagraphsModel, readWith } from './testModels';
import { defaultKnowledge } from './knowledge';

const MODEL = longParagraphsModel('related');
const para = (n: number) => `Đoạn văn thứ ${n} của bài viết kể lại diễn biến của buổi lễ với đầy đủ các chi tiết cần thiết cho bạn đọc theo dõi.`;

function read(lines: string[]) {
  return readWith(MODEL, lines.join('\n'), { ...defaultKnowledge, recognizer: MODEL });
}

test('four names of offices and districts in a row are a box of links: chrome', () => {
  const k = read([para(1), para(2), 'Sở Y tế', 'Sở Giao thông vận tải', 'Ban Dân tộc', 'Chi cục Kiểm lâm', 'Huyện Đại Từ']);
  assert.deepEqual(k.slice(2).map((x) => x.kind), ['boilerplate', 'boilerplate', 'boilerplate', 'boilerplate', 'boilerplate'], JSON.stringify(k));
  assert.match(k[2].why ?? '', /links to organisations/);
});

test('three names, teaser titles about organisations, or names that end a sentence: left as read', () => {
  // (three names between two paragraphs are read as a list inside the article's text since stop 30,
  // listsInText: not as a box of links to delete)
  const three = read([para(1), 'Sở Y tế', 'Sở Tài chính', 'Ban Dân tộc', para(2)]);
  assert.ok(three.slice(1, 4).every((x) => x.kind !== 'boilerplate' && !/links to organisations/.test(x.why ?? '')), JSON.stringify(three));
  const atFoot = read([para(1), para(2), 'Sở Y tế', 'Sở Tài chính', 'Ban Dân tộc']);
  assert.deepEqual(atFoot.slice(2).map((x) => x.kind), ['related', 'related', 'related']);
  const teasers = read([para(1), 'Sở Y tế tỉnh kiểm tra công tác phòng chống dịch tại các huyện vùng cao trong tuần này', 'Huyện Đại Từ ra quân làm đường nông thôn mới với sự tham gia của hàng nghìn người dân', 'Bộ Công an thông tin về vụ việc', 'Ban Dân tộc trao quà tết.']);
  assert.ok(teasers.slice(1).every((x) => x.kind === 'related'), JSON.stringify(teasers));
});

test('four teaser titles about offices (sentences of ten words or so) are teasers, not a box of links', () => {
  const k = read([para(1), para(2), 'Sở Y tế cảnh báo dịch sốt xuất huyết tăng nhanh ở các huyện', 'Bộ Công an thông tin về vụ việc gây xôn xao dư luận tuần qua', 'Huyện Đại Từ ra quân làm đường nông thôn mới đầu năm', 'Ban Dân tộc trao quà tết cho đồng bào vùng cao khó khăn']);
  assert.deepEqual(k.slice(2).map((x) => x.kind), ['related', 'related', 'related', 'related'], JSON.stringify(k));
});
