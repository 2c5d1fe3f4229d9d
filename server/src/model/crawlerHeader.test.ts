// A crawler's header of `#` comment lines atop the file, one of them the record's URL field
// (recognize.ts crawlerHeaderEnd): chrome, and the article's own `# Title` under it is the headline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultKnowledge } from './knowledge';
import { readWith } from './testModels';

const HEADER = [
  '# SNAPSHOT · nguoihanoi.vn · captured 2026-10-01 via web_fetch (text extraction)',
  '# URL: https://nguoihanoi.vn/30-bai-toan-lon-trong-qua-trinh-phat-trien-cua-thu-do-99879.html',
  '# Bai dang 20/03/2026. Hang de xuat B.',
];
const TITLE = '# 30 "bài toán" lớn trong quá trình phát triển của Thủ đô giai đoạn 2026 - 2030';
const BODY = [
  'Phó Chủ tịch Ủy ban nhân dân thành phố Hà Nội đã ký ban hành Quyết định về danh mục các bài toán lớn cần giải quyết trong quá trình phát triển của Thủ đô giai đoạn tới.',
  'Theo quyết định, các sở, ngành và quận, huyện được giao chủ trì nghiên cứu, đề xuất giải pháp cho từng bài toán, báo cáo kết quả trước ngày 30 tháng 6 hằng năm.',
  'Các bài toán tập trung vào giao thông đô thị, môi trường, y tế, giáo dục, quy hoạch và chuyển đổi số, gắn với các chỉ tiêu cụ thể cho từng lĩnh vực.',
];
const read = (lines: string[]) => readWith(defaultKnowledge.recognizer, lines.join('\n'));

test('a header of comment lines with the record\'s URL, then an empty line: chrome; the title under it is the headline', () => {
  const k = read([...HEADER, '', TITLE, '', ...BODY]);
  for (const h of HEADER) {
    const x = k.find((l) => l.text === h)!;
    assert.equal(x.kind, 'boilerplate', h);
  }
  assert.equal(k.find((l) => l.text === TITLE)?.kind, 'headline');
  assert.equal(k.filter((l) => l.kind === 'headline').length, 1);
});

test('without a URL field, or with no empty line under it, the comment lines are not taken for a crawler\'s header', () => {
  const why = /a crawler's header/;
  for (const lines of [[HEADER[0], HEADER[2], '', TITLE, '', ...BODY], [...HEADER, TITLE, '', ...BODY]]) {
    assert.ok(read(lines).every((l) => !why.test(l.why ?? '')), JSON.stringify(read(lines).slice(0, 4)));
  }
});
