// A crawler's URL field (`URL: https://…`, `Link: https://…`, or as a Markdown heading) is the
// record's metadata: chrome, never the headline or a heading; a source credit with an address is not one.
// So is its keyword field (tags joined by bare commas).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKeywordField, prepare, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { oneKindModel, readWith } from './testModels';

const BODY = 'Phó Chủ tịch Ủy ban nhân dân thành phố đã ký ban hành quyết định về danh mục các bài toán lớn của Thủ đô giai đoạn tới.';

function read(lines: string[]) {
  return readWith(oneKindModel('byline', 1), lines.join('\n'));
}

test('a URL field is chrome, as a plain line or a Markdown heading; the Markdown headline below it stays the headline', () => {
  const lines = read(['URL: https://example.vn/30-bai-toan-lon-99879.html', '# URL: https://example.vn/a.html', '# 30 "bài toán" lớn của Thủ đô giai đoạn 2026-2030', BODY]);
  assert.deepEqual(lines.filter((l) => /URL field/.test(l.why ?? '')).map((l) => [l.text, l.kind]), [
    ['URL: https://example.vn/30-bai-toan-lon-99879.html', 'boilerplate'],
    ['# URL: https://example.vn/a.html', 'boilerplate'],
  ]);
  assert.equal(lines.find((l) => l.text.startsWith('# 30'))?.kind, 'headline');
});

test('a URL field is a label, a colon and one address, nothing else; a source credit is not one', () => {
  const f = defaultKnowledge.urlField;
  for (const line of ['URL: https://a.vn/x', 'Link: http://baobacgiang.com.vn/bg/419470/', '  link : www.example.vn/a', '## Source URL: https://a.vn/b', 'Đường dẫn: https://a.vn/c']) assert.ok(f.test(line), line);
  for (const line of ['Nguồn: https://a.vn/x', 'URL: https://a.vn/x và https://b.vn/y', 'Xem link: bấm vào đây', 'URL của bài viết đã thay đổi', 'Link: https://a.vn/x (bản gốc)']) assert.ok(!f.test(line), line);
});

test('a crawler\'s keyword field (tags joined by bare commas) is chrome; a list in the text is not one', () => {
  for (const line of ['Môi,Âm đạo,Âm hộ,Viêm nhiễm,Âm môi,Bộ phận sinh dục,Bác sĩ', 'Quốc Cường,Ngọc lan,Lăng nhăng,Điện ảnh,Lừa lọc', ' The Voice,Củng cố vị trí,Nỗ lực,May mắn,Nhạc nhẹ ']) assert.ok(isKeywordField(line), line);
  for (const line of [
    'Hà Nội, Hải Phòng, Đà Nẵng, Cần Thơ, TP.HCM', // a list in the text puts a space after its commas
    'Môi,Âm đạo,Âm hộ,Viêm nhiễm', // four tags
    '1,2,3,4,5,6', // numbers
    'Môi,Âm đạo,Âm hộ,Viêm nhiễm,Bé gái.', // a sentence's end
    'Môi,Âm đạo,,Âm hộ,Viêm nhiễm,Bé gái', // an empty tag
    'Bác sĩ cho biết bệnh này thường gặp ở bé gái dưới sáu tuổi,Âm đạo,Âm hộ,Viêm nhiễm,Bé gái', // a sentence, not a tag
  ]) assert.ok(!isKeywordField(line), line);
});

test('with a model that reads every line as text, a keyword field is chrome and the text stays text', () => {
  const lines = ['Khi bé bị dính âm môi', BODY, 'Môi,Âm đạo,Âm hộ,Viêm nhiễm,Âm môi,Bé gái', 'Hà Nội, Hải Phòng, Đà Nẵng, Cần Thơ, TP.HCM'];
  const p = prepare(lines.join('\n'), defaultKnowledge);
  const r = recognize(p, oneKindModel('paragraph'));
  const k = new Map(p.content.map((i, j) => [p.lines[i].text, r.kinds[j]]));
  assert.equal(k.get(lines[2]), 'boilerplate');
  for (const l of [BODY, lines[3]]) assert.equal(k.get(l), 'paragraph', l);
});
