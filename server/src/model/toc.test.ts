// A table of contents (a WordPress plugin's `Nội dung bài viết` box): its entries come again
// further down as the article's headings. The box is the page's navigation; the headings below are
// not copies of it to delete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { longParagraphsModel, readWith } from './testModels';
import { analyze } from '../engine/analyze';

const HEADINGS = [
  '1. Bà bầu sử dụng nước dừa có tác dụng gì?',
  '1.1. Uống nước dừa giúp mẹ tăng cường hệ miễn dịch',
  '2. Bầu 4 tháng uống nước dừa được không?',
  '3. Lưu ý khi cho mẹ bầu sử dụng nước dừa',
];
const para = (i: number) => `Đoạn văn thứ ${i + 1} của bài viết giải thích kỹ lưỡng cho người đọc về lợi ích và những điều cần lưu ý khi dùng nước dừa trong thai kỳ.`;

function page(sectionBody: (i: number) => string[]): string {
  return [
    'Góc giải đáp: bầu 4 tháng uống nước dừa được không?',
    'Bài viết sau đây sẽ giúp bạn tìm hiểu rõ hơn về chủ đề có bầu 4 tháng uống nước dừa được không và những lưu ý khi sử dụng.',
    'Nội dung bài viết',
    ...HEADINGS,
    ...HEADINGS.flatMap((h, i) => [h, ...sectionBody(i)]),
  ].join('\n');
}

function read(text: string) {
  return readWith(longParagraphsModel('related'), text);
}

test('the entries of a table of contents are chrome; the headings they point to stay where the model put them', () => {
  const lines = read(page((i) => [para(i)]));
  for (const l of lines.filter((x) => x.line >= 4 && x.line <= 7)) {
    assert.equal(l.kind, 'boilerplate', l.text);
    assert.match(l.why ?? '', /table of contents/);
  }
  // the copies further down are not touched by the rule
  for (const l of lines.filter((x) => x.line > 7 && HEADINGS.includes(x.text))) assert.equal(l.why, undefined, l.text);
});

test('with the shipped model, no heading of the article is reported as a copy of its table of contents', () => {
  const text = page((i) => [para(i)]);
  const a = analyze(text);
  const flagged = a.findings.filter((f) => f.code === 'duplicate-paragraph').map((f) => text.slice(f.start, f.end).trim());
  for (const h of HEADINGS) assert.ok(!flagged.includes(h), `${h} flagged: ${JSON.stringify(flagged)}`);
});

test('a teaser list printed twice, or lines repeated next to each other, is no table of contents', () => {
  const teasers = ['Giá cà phê hôm nay tăng mạnh ở Tây Nguyên', 'Hồ tiêu rớt giá sau nhiều tuần đi ngang', 'Lúa gạo xuất khẩu đạt mức kỷ lục mới', 'Sầu riêng vào vụ thu hoạch rộ'];
  const twice = [para(0), 'Tin liên quan', ...teasers, para(1), para(2), 'Đọc nhiều', ...teasers].join('\n');
  assert.deepEqual(read(twice).filter((l) => /table of contents/.test(l.why ?? '')), []);
  // the copies below the box followed by other titles, not by text: not one
  const interleaved = [para(0), ...teasers, para(1), ...teasers.flatMap((t) => [t, 'Xem thêm'])].join('\n');
  assert.deepEqual(read(interleaved).filter((l) => /table of contents/.test(l.why ?? '')), []);
});
