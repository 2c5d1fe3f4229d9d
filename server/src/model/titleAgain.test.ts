// A saved page begins with its <title>; the headline comes again below the page's menus, above the
// body. The copy below is the headline, the title at the top chrome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { longParagraphsModel, readWith } from './testModels';
import { analyze } from '../engine/analyze';

const TITLE = 'Khởi công nhà ga T3 sân bay Tân Sơn Nhất trong tháng tới';
const MENU = ['Đăng nhập', 'Xã hội', 'Thế giới', 'Kinh doanh', 'Thể thao', 'Giải trí', 'Sức khỏe'];
const BODY = [
  '(Dân trí) - Dự án nhà ga hành khách T3 sân bay Tân Sơn Nhất được khởi công sáng nay với tổng vốn đầu tư gần 11.000 tỷ đồng.',
  'Theo chủ đầu tư, nhà ga có công suất 20 triệu hành khách mỗi năm và dự kiến hoàn thành vào năm 2025.',
];

function read(lines: string[]) {
  // a model that reads every line but the long sentences as the headline leaves the choice to the rules after it
  return readWith(longParagraphsModel('headline', 1), lines.join('\n'));
}

test('the title at the top of a saved page is chrome when the headline comes again below the menus', () => {
  for (const top of [TITLE, `${TITLE} | Báo Dân trí`]) {
    const lines = read(['<%@ page language="java" contentType="text/html; charset=UTF-8"%>', top, ...MENU, TITLE, ...BODY]);
    const byLine = new Map(lines.map((l) => [l.line, l]));
    assert.equal(byLine.get(2)!.kind, 'boilerplate', top);
    assert.match(byLine.get(2)!.why ?? '', /page's title/);
    assert.equal(byLine.get(10)!.kind, 'headline', top);
    assert.deepEqual(lines.filter((l) => l.kind === 'headline').map((l) => l.line), [10]);
  }
  // the headline wrapped over two lines: its first line, five words or more of the title, is it
  const wrapped = read([TITLE, ...MENU, 'Khởi công nhà ga T3 sân bay Tân Sơn', 'Nhất trong tháng tới', ...BODY]);
  assert.equal(wrapped.find((l) => l.line === 9)!.kind, 'headline');
  assert.equal(wrapped.find((l) => l.line === 1)!.kind, 'boilerplate');
});

test('a copy just under the title (a sapo or a caption repeating it), or one after the body began, leaves the title the headline', () => {
  const near = read([TITLE, 'Xã hội', TITLE, ...BODY]);
  assert.deepEqual(near.filter((l) => l.why !== undefined && /page's title/.test(l.why)), []);
  const after = read([TITLE, ...MENU, ...BODY, TITLE]);
  assert.deepEqual(after.filter((l) => l.why !== undefined && /page's title/.test(l.why)), []);
});

test('with the shipped model, the outline of such a page is titled by the headline below the menus', () => {
  const text = ['<%@ page language="java" contentType="text/html; charset=UTF-8"%>', `${TITLE} | Báo Dân trí`, ...MENU, TITLE, ...BODY].join('\n');
  const a = analyze(text);
  assert.equal(a.article.headline?.text, TITLE);
  assert.equal(a.article.headline?.startLine, 9);
});
