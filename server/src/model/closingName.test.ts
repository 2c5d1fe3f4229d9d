// A name right after the article's last paragraph is its byline (recognize.ts closingName).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { longParagraphsModel } from './testModels';

const TEXT = [
  'Thủ tướng Chính phủ vừa ký quyết định phê duyệt đề án phát triển hạ tầng giao thông vùng Đồng bằng sông Cửu Long đến năm 2030.',
  'Theo đề án, tổng vốn đầu tư dự kiến hơn 200.000 tỷ đồng, trong đó vốn ngân sách nhà nước chiếm khoảng một nửa tổng mức đầu tư.',
];

function kinds(tail: string[]): Map<string, string> {
  const p = prepare(['Phê duyệt đề án hạ tầng giao thông', ...TEXT, ...tail].join('\n'), defaultKnowledge);
  // a model that reads long sentences as text and every other line as chrome
  const r = recognize(p, longParagraphsModel('boilerplate'));
  return new Map(p.content.map((i, j) => [p.lines[i].text, r.kinds[j]]));
}

test('a name right after the last paragraph is the byline; a source after Theo too', () => {
  assert.equal(kinds(['Thu Lương', 'Tin liên quan']).get('Thu Lương'), 'byline');
  assert.equal(kinds(['Trần Thị Tú Anh']).get('Trần Thị Tú Anh'), 'byline');
  assert.equal(kinds(['Theo Forbes']).get('Theo Forbes'), 'byline');
});

test('a name further down, a sentence, or a chrome phrase after the last paragraph keeps its kind', () => {
  const further = kinds(['Chia sẻ bài viết', 'Minh Nhật']);
  assert.equal(further.get('Minh Nhật'), 'boilerplate');
  assert.equal(kinds(['Xem thêm các tin khác']).get('Xem thêm các tin khác'), 'boilerplate');
  assert.equal(kinds(['Bình luận']).get('Bình luận'), 'boilerplate');
});
