// A crawler's URL field (`URL: https://…`, `Link: https://…`, or as a Markdown heading) is the
// record's metadata: chrome, never the headline or a heading; a source credit with an address is not one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { oneKindModel } from './testModels';

const BODY = 'Phó Chủ tịch Ủy ban nhân dân thành phố đã ký ban hành quyết định về danh mục các bài toán lớn của Thủ đô giai đoạn tới.';

function read(lines: string[]) {
  const p = prepare(lines.join('\n'), defaultKnowledge);
  const r = recognize(p, oneKindModel('byline', 1));
  return p.content.map((i, j) => ({ text: p.lines[i].text, kind: r.kinds[j], why: r.ruled.get(j) }));
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
