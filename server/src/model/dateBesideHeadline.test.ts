// With no line read as the dateline, a date right beside the headline is the dateline: a CMS page
// prints the article's date just above its title, and the model, seeing bare dates in the page's
// teaser lists too, read it as chrome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightsModel, readWith } from './testModels';
import { prepare, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { parseArticle } from './article';

/** Dates: chrome; long lines: paragraphs; the line before the first long one: the headline. */
const MODEL = weightsModel({ bias: { boilerplate: 5 }, long: { paragraph: 15 }, 'n1:long': { headline: 8 }, dateline: { boilerplate: 3 } });
const knowledge = { ...defaultKnowledge, recognizer: MODEL };

const BODY = [
  'Thủ tướng Chính phủ vừa ban hành Chỉ thị về đẩy mạnh thực hiện chủ trương tinh giản biên chế trong các cơ quan hành chính nhà nước năm nay.',
  'Các Bộ, ngành, địa phương đã phê duyệt Đề án tinh giản biên chế và triển khai thực hiện theo đúng lộ trình được giao từ đầu năm.',
];

function read(lines: string[]) {
  return readWith(MODEL, lines.join('\n'), knowledge);
}

test('a date just above the headline, none read as the dateline: the dateline, and the article\'s date', () => {
  const lines = ['Văn bản của Huyện', '08/01/2017', 'Đẩy mạnh thực hiện chủ trương tinh giản biên chế', ...BODY];
  const k = read(lines);
  assert.equal(k[2].kind, 'headline', JSON.stringify(k));
  assert.equal(k[1].kind, 'dateline', JSON.stringify(k));
  assert.match(k[1].why ?? '', /beside the headline/);
  assert.equal(parseArticle(lines.join('\n'), knowledge).date?.iso.slice(0, 10), '2017-01-08');
});

test('a date further from the headline, or a dateline already read, is left as read', () => {
  const far = read(['08/01/2017', 'Văn bản của Huyện', 'Ý kiến chỉ đạo', 'Chính sách ưu đãi', 'Đẩy mạnh thực hiện chủ trương tinh giản biên chế', ...BODY]);
  assert.equal(far[0].kind, 'boilerplate', JSON.stringify(far));
  // a dateline read elsewhere (the model sure of a full date line): the bare date beside the headline stays chrome
  const sure = weightsModel({ bias: { boilerplate: 5 }, long: { paragraph: 15 }, 'n1:long': { headline: 8 }, dateline: { boilerplate: 3 }, time: { dateline: 20 } });
  const lines = ['Cập nhật lúc 09:15 ngày 08/01/2017', 'Văn bản của Huyện', '08/01/2017', 'Đẩy mạnh thực hiện chủ trương tinh giản biên chế', ...BODY];
  const p = prepare(lines.join('\n'), { ...defaultKnowledge, recognizer: sure });
  const r = recognize(p, sure);
  assert.equal(r.kinds[0], 'dateline', JSON.stringify(r.kinds));
  assert.equal(r.kinds[2], 'boilerplate', JSON.stringify(r.kinds));
});
