// A listing page saved whole (a section's page with several posts, each a title, a date line and its
// text): the article's own date line, laid out again further down, opens another post, and the posts
// after the article are teasers (related), up to the page's foot. Not when the line above the date
// is the headline again (the article printed twice), nor for a date in another layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightsModel, readWith } from './testModels';
import { defaultKnowledge } from './knowledge';

/** First line: headline; first date line: dateline; long lines: paragraphs; the rest (titles, later dates): headings; a copyright: chrome. */
const MODEL = weightsModel({ bias: { heading: 5 }, long: { paragraph: 15 }, 'pos=0': { headline: 20 }, 'dateline:first': { dateline: 20 }, copyright: { boilerplate: 30 } });
const knowledge = { ...defaultKnowledge, recognizer: MODEL };

const para = (n: number) => `Đoạn văn thứ ${n} của bài viết kể lại diễn biến của sự kiện với đầy đủ các chi tiết cần thiết cho bạn đọc theo dõi.`;
const BODY = [para(1), para(2), para(3), para(4)];
const FOOT = '© 2026 Học viện Phụ nữ Việt Nam. All Rights Reserved.';

function read(lines: string[]) {
  return readWith(MODEL, lines.join('\n'), knowledge);
}

test("the article's date line again in the same layout: each opens another post, read as teasers up to the page's foot", () => {
  const k = read([
    'Đấu trường IT Esports chính thức khởi tranh', '    11/05/2026', ...BODY,
    'Khởi động cuộc thi Sinh viên thanh lịch', '    18/05/2026', para(5), para(6),
    'Ngày hội hiến máu Giọt nắng hồng', '    07/04/2026', para(7),
    FOOT,
  ]);
  const kinds = k.map((x) => x.kind);
  assert.deepEqual(kinds.slice(0, 6), ['headline', 'dateline', 'paragraph', 'paragraph', 'paragraph', 'paragraph'], JSON.stringify(k));
  assert.deepEqual(kinds.slice(6, 13), new Array(7).fill('related'), JSON.stringify(k));
  assert.match(k[7].why ?? '', /another post of a listing page/);
  assert.equal(kinds[13], 'boilerplate');
});

test('the headline again above the date (the article printed twice), another layout, or too little text first: left as read', () => {
  const twice = read(['Đấu trường IT Esports chính thức khởi tranh', '    11/05/2026', ...BODY, 'Đấu trường IT Esports chính thức khởi tranh', '    11/05/2026', ...BODY, FOOT]);
  assert.ok(twice.every((x) => x.kind !== 'related'), JSON.stringify(twice));
  const other = read(['Đấu trường IT Esports chính thức khởi tranh', '    11/05/2026', ...BODY, 'Khởi động cuộc thi Sinh viên thanh lịch', '18/05/2026', para(5), FOOT]);
  assert.ok(other.every((x) => x.kind !== 'related'), JSON.stringify(other));
  const short = read(['Đấu trường IT Esports chính thức khởi tranh', '    11/05/2026', para(1), para(2), 'Khởi động cuộc thi Sinh viên thanh lịch', '    18/05/2026', para(5), FOOT]);
  assert.ok(short.every((x) => x.kind !== 'related'), JSON.stringify(short));
});
