// What the recognizer decides after the CRF (recognize.ts decided()): known chrome phrases settle a
// line's kind whatever the model's weights say. Tested with a model that calls every line a teaser,
// so that only the rules speak.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, reasonFor, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { oneKindModel } from './testModels';
import { bestDateline, parseArticle } from './article';
import { findDate } from './dates';

const allRelated = oneKindModel('related');

function kindsOf(lines: string[]): Map<string, string> {
  const p = prepare(lines.join('\n'), defaultKnowledge);
  const r = recognize(p, allRelated);
  return new Map(p.content.map((i, j) => [p.lines[i].text, r.kinds[j]]));
}

test('a chrome phrase other than a teaser\'s (share bar, footer, menu item, comment form) is boilerplate, never a teaser', () => {
  const chrome = ['In bài | Gửi cho bạn bè | Lượt xem: 2.187', '© Bản quyền thuộc về Báo điện tử VOV', 'Về đầu trang', 'Gửi bình luận'];
  const teasers = ['Giá lúa gạo hôm nay: Lúa tươi tiếp tục tăng', 'Nông dân Hậu Giang trúng mùa, trúng giá lúa hè thu'];
  const k = kindsOf(['Tin liên quan', ...teasers, ...chrome]);
  for (const c of chrome) assert.equal(k.get(c), 'boilerplate', c);
  // the teasers and their header stay what the model says
  for (const t of ['Tin liên quan', ...teasers]) assert.equal(k.get(t), 'related', t);
});

test('with no line read as the dateline, a line stating the publication time among other words is the dateline', () => {
  const text = [
    'Xã hội  | Cập nhật thứ hai, ngày 24/12/12 11:05 tối',
    'Mọi ngả đường về nhà thờ tắc nghẽn đêm Giáng sinh',
    'Giấy phép xuất bản số 14GP/BC cấp ngày 25.9.2003',
  ];
  const p = prepare(text.join('\n'), defaultKnowledge);
  const r = recognize(p, allRelated);
  assert.equal(r.kinds[0], 'dateline');
  assert.equal(r.kinds.filter((k) => k === 'dateline').length, 1);
  // a footer's licence date is never the dateline
  const footer = prepare([text[1], text[2]].join('\n'), defaultKnowledge);
  assert.ok(!recognize(footer, allRelated).kinds.includes('dateline'));
});

test('the article\'s date comes from such a line', () => {
  const a = parseArticle(['Đường về quê hương', 'Được đăng bởi bauxitevn trên 18/06/2011', 'Bài viết kể lại một chuyến đi dài về quê hương sau nhiều năm xa cách, với những ký ức đẹp đẽ.'].join('\n'));
  assert.equal(a.date?.iso.slice(0, 10), '2011-06-18');
});

test('a hover says which rule decided a line, and what the model alone said', () => {
  const lines = ['Xã hội | Cập nhật thứ hai, ngày 24/12/12 11:05 tối', 'Giá lúa gạo hôm nay: Lúa tươi tiếp tục tăng', '© Bản quyền thuộc về Báo điện tử VOV'];
  const p = prepare(lines.join('\n'), defaultKnowledge);
  const r = recognize(p, allRelated);
  assert.deepEqual([...r.ruled.keys()].sort(), [0, 2]);
  const footer = reasonFor(allRelated, p.featuresOf(2), r.kinds[2], r.confidence[2], r.second[2], r.ruled.get(2));
  assert.match(footer, /^boilerplate: a chrome phrase of the site, not a link to other articles; the model alone: related \d+%$/);
  const date = reasonFor(allRelated, p.featuresOf(0), r.kinds[0], r.confidence[0], r.second[0], r.ruled.get(0));
  assert.match(date, /^dateline: it states the publication time/);
  // a line the model decided alone has no rule
  assert.equal(r.ruled.has(1), false);
});

test('of two lines read as datelines, the article\'s date is the one that gives the time too', () => {
  const day = findDate('Sunday, 2 November 2025');
  const withTime = findDate('Đăng ngày: 02/11/2025 - 15:03');
  assert.ok(day && withTime && day.hour === undefined && withTime.hour === 15);
  // the day-only line is the more probable: the time still wins
  assert.equal(bestDateline([{ line: 1, p: 0.99, date: day }, { line: 4, p: 0.6, date: withTime }])?.line, 4);
  // a line whose date reads wins over a more probable one whose date does not
  assert.equal(bestDateline([{ line: 1, p: 0.99, date: null }, { line: 4, p: 0.3, date: day }])?.line, 4);
  // between equals, the more probable
  assert.equal(bestDateline([{ line: 1, p: 0.5, date: day }, { line: 4, p: 0.7, date: day }])?.line, 4);
  assert.equal(bestDateline([]), null);
});
