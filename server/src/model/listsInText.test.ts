// A list inside the article's text, without list marks (recognize.ts listsInText): its short items
// read like a menu, but between the article's lines they are its text, not chrome to delete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { longParagraphsModel } from './testModels';

const BEFORE = [
  'Sốt xuất huyết là bệnh truyền nhiễm cấp tính do virus Dengue gây ra, lây truyền qua muỗi vằn và thường bùng phát vào mùa mưa.',
  'Khi bệnh tiến triển nặng, người bệnh sẽ có các biểu hiện được các bác sĩ liệt kê dưới đây, cần được theo dõi sát sao tại nhà.',
];
const ITEMS = ['Đau bụng nặng', 'Nôn ra máu', 'Thở nhanh, thở khó', 'Chảy máu chân răng', 'Mệt mỏi, bồn chồn'];
const AFTER = [
  'Khi có các triệu chứng trên, người bệnh nên đến bệnh viện để được thăm khám và tư vấn điều trị kịp thời, tránh các biến chứng nguy hiểm.',
];

/** Each line's kind under a model that reads the long sentences as text and every other line as chrome. */
function kinds(lines: string[]): Map<string, string> {
  const p = prepare(lines.join('\n'), defaultKnowledge);
  const r = recognize(p, longParagraphsModel('boilerplate'));
  return new Map(p.content.map((i, j) => [p.lines[i].text, r.kinds[j]]));
}

test('three short lines or more between the article\'s lines are its own list: paragraphs, not chrome', () => {
  const k = kinds([...BEFORE, ...ITEMS, ...AFTER]);
  for (const item of ITEMS) assert.equal(k.get(item), 'paragraph', item);
});

test('two items, a repeated item, an address, a chrome phrase, or no text below: left as read', () => {
  const chrome = (lines: string[]) => lines.map((l) => kinds([...BEFORE, ...lines, ...AFTER]).get(l));
  assert.deepEqual(chrome(ITEMS.slice(0, 2)), ['boilerplate', 'boilerplate'], 'two items');
  assert.ok(chrome(['Kherson', 'Khám phá', 'Kherson']).every((k) => k === 'boilerplate'), 'a tag list that repeats');
  assert.ok(chrome(['Đau bụng nặng', 'www.benhvien.vn', 'Nôn ra máu', 'Phát ban']).slice(0, 2).every((k) => k === 'boilerplate'), 'an address');
  assert.ok(chrome(['Chia sẻ', 'Bình luận', 'In bài viết']).every((k) => k === 'boilerplate'), 'chrome phrases');
  const end = kinds([...BEFORE, ...ITEMS]);
  assert.ok(ITEMS.every((i) => end.get(i) === 'boilerplate'), 'no text below: a menu at the foot');
});
