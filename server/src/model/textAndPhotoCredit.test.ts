// A credit of both the text and the photos (`Tin, ảnh: TRUNG HẢI`) is the article's byline, though
// it holds a photo credit's `ảnh:`; a photo's own credit (`Ảnh: Minh Thoa`) stays what it was read as,
// and so does a long line that opens so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { longParagraphsModel, readWith } from './testModels';
import { defaultKnowledge } from './knowledge';

const MODEL = longParagraphsModel('caption');
const para = (n: number) => `Đoạn văn thứ ${n} của bài viết kể lại diễn biến của buổi lễ với đầy đủ các chi tiết cần thiết cho bạn đọc theo dõi.`;

function read(lines: string[]) {
  return readWith(MODEL, lines.join('\n'), { ...defaultKnowledge, recognizer: MODEL });
}

test('Tin, ảnh: NAME and Bài và ảnh: NAME are bylines; Ảnh: NAME and a long line so opened are left as read', () => {
  const k = read([para(1), 'Ảnh: Minh Thoa', para(2), 'Tin, ảnh: TRUNG HẢI', 'Bài và ảnh: Đỗ Phương', 'Tin, ảnh: những hình ảnh đẹp nhất của lễ hội năm nay được ghi lại bởi nhiều phóng viên']);
  assert.deepEqual(k.map((x) => x.kind), ['paragraph', 'caption', 'paragraph', 'byline', 'byline', 'caption'], JSON.stringify(k));
  assert.match(k[3].why ?? '', /credit of the text and the photos/);
});
