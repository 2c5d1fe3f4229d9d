// When junk reads as the article's text (rules/prose.ts): several sentences of running text, text
// wrapped across lines, a block that cuts a sentence of the text around it. Menus and teaser titles
// do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from '../model/article';
import { knowledgeFor } from '../engine/analyze';
import { DEFAULT_CONFIG } from '../engine/config';
import type { Block } from '../model/types';
import { readsAsProse } from './prose';

const k = knowledgeFor(DEFAULT_CONFIG);
const PARA =
  'Năm qua, tỉnh đã triển khai nhiều giải pháp đồng bộ để phát triển kinh tế nông nghiệp bền vững, với sự tham gia của các cấp ủy, chính quyền và người dân ở khắp các địa phương trong tỉnh.';
const SENTENCES = [
  'Theo báo cáo của Sở Nông nghiệp, diện tích lúa chất lượng cao tăng hơn 12% so với cùng kỳ năm trước và năng suất bình quân đạt mức cao nhất từ trước đến nay.',
  'Người dân phấn khởi vì giá bán ổn định, thương lái đến tận ruộng thu mua, nhiều hộ đã có lãi sau khi trừ mọi chi phí sản xuất trong vụ.',
  'Ông Nguyễn Văn An, Chủ tịch UBND xã cho biết, địa phương sẽ tiếp tục hỗ trợ giống và kỹ thuật cho bà con trong các vụ tới.',
  'Dự kiến đến cuối năm, toàn tỉnh sẽ hoàn thành 35 công trình giao thông nông thôn với tổng vốn hơn 200 tỷ đồng từ nhiều nguồn.',
  'Các cấp ủy, chính quyền đã vào cuộc quyết liệt, tạo chuyển biến rõ nét trong nhận thức và hành động của cán bộ, đảng viên.',
];

/** The article of `lines`, and a block of `kind` over lines [s, e] (0-based), as the recognizer might have made it. */
function setUp(lines: string[], s: number, e: number, kind: Block['kind'] = 'related') {
  const a = parseArticle(lines.join('\n'), k);
  const b = { kind, startLine: s, endLine: e } as Block;
  return { a, b };
}

test('a block of several sentences inside the body reads as the article\'s text; teaser titles there do not', () => {
  const lines = ['Tiêu đề bài báo về nông nghiệp', '', PARA, '', ...SENTENCES, '', PARA];
  const { a, b } = setUp(lines, 4, 8);
  assert.equal(readsAsProse(a, b, k, true), true);
  const titles = ['Tiêu đề bài báo về nông nghiệp', '', PARA, '', 'Giá lúa tăng mạnh đầu vụ', 'Nông dân phấn khởi vì được mùa', 'Hoàn thành 35 công trình giao thông', 'Tỉnh hỗ trợ giống cho bà con', '', PARA];
  const t = setUp(titles, 4, 7);
  assert.equal(readsAsProse(t.a, t.b, k, true), false);
});

test('text wrapped into lines (each line goes on in lower case) reads as the article\'s text', () => {
  const wrapped = SENTENCES.join(' ').replace(/(.{60,80}?) (?=\p{Ll})/gu, '$1\n').split('\n');
  assert.ok(wrapped.length >= 6, String(wrapped.length));
  const lines = ['Tiêu đề bài báo về nông nghiệp', '', PARA, '', ...wrapped];
  const { a, b } = setUp(lines, 4, 4 + Math.min(4, wrapped.length - 1));
  assert.equal(readsAsProse(a, b, k, false), true);
});

test('a block that cuts a sentence of the paragraph above it reads as the article\'s text; a menu does not', () => {
  const lines = ['Tiêu đề bài báo về nông nghiệp', '', PARA.replace(/\.$/, ', và đặc biệt là'), 'các hộ nghèo ở vùng sâu', '', PARA];
  const { a, b } = setUp(lines, 3, 3);
  assert.equal(a.blocks.find((x) => x.startLine <= 2 && 2 <= x.endLine)?.kind, 'paragraph', 'the line above is text');
  assert.equal(readsAsProse(a, b, k, true), true);
  const menu = ['Trang chủ', 'Xã hội', 'Kinh doanh', 'Thể thao', 'Giải trí', '', 'Tiêu đề bài báo về nông nghiệp', '', PARA];
  const m = setUp(menu, 0, 4, 'boilerplate');
  assert.equal(readsAsProse(m.a, m.b, k, false), false);
});

test('more running text than all the article\'s paragraphs reads as the article\'s text', () => {
  const lines = ['Tiêu đề bài báo về nông nghiệp', '', 'Tin liên quan', ...SENTENCES];
  const { a, b } = setUp(lines, 3, 7);
  assert.equal(readsAsProse(a, b, k, false), true);
});
