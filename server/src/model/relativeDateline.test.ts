// An article that states its publication time only as a relative time (`3 ngày trước`): that line
// is the dateline when it is the article's only relative time and no other line is the dateline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { oneKindModel } from './testModels';

const TITLE = 'Nhà ở xã hội của Vingroup có giá gần 1 tỷ đồng một căn';
const SAPO = 'Thời gian dự kiến ký hợp đồng mua bán căn hộ tại Thanh Hóa vào tháng 5/2025 và thời điểm dự kiến bàn giao nhà vào năm sau.';

function kinds(lines: string[], kind: 'boilerplate' | 'related' = 'boilerplate'): Map<string, string> {
  const p = prepare(lines.join('\n'), defaultKnowledge);
  const r = recognize(p, oneKindModel(kind));
  return new Map(p.content.map((i, j) => [p.lines[i].text, r.kinds[j]]));
}

test('the article\'s only relative time, with no other dateline, is the dateline (with or without a field\'s label)', () => {
  assert.equal(kinds([TITLE, SAPO, '3 ngày trước', 'neutral']).get('3 ngày trước'), 'dateline');
  assert.equal(kinds([TITLE, SAPO, '   Ngày đăng: 14 giờ trước']).get('   Ngày đăng: 14 giờ trước'), 'dateline');
});

test('two relative times (teasers\' time stamps), a dateline elsewhere, or a line read as a teaser: left as read', () => {
  const two = kinds([TITLE, SAPO, '3 ngày trước', 'Tin khác về nhà ở xã hội tại Thanh Hóa', '5 giờ trước']);
  assert.equal(two.get('3 ngày trước'), 'boilerplate');
  assert.equal(two.get('5 giờ trước'), 'boilerplate');
  const dated = kinds([TITLE, 'Cập nhật: 24/03/2025 10:30', SAPO, '3 ngày trước']);
  assert.equal(dated.get('Cập nhật: 24/03/2025 10:30'), 'dateline');
  assert.notEqual(dated.get('3 ngày trước'), 'dateline');
  assert.equal(kinds([TITLE, SAPO, '3 ngày trước'], 'related').get('3 ngày trước'), 'related');
  // a sentence that mentions a relative time is no dateline
  const sentence = 'Cách đây đúng 3 ngày trước, dự án này đã được khởi công với sự tham dự của lãnh đạo tỉnh và nhà đầu tư.';
  assert.notEqual(kinds([TITLE, SAPO, sentence]).get(sentence), 'dateline');
});
