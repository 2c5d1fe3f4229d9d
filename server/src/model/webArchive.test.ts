// A page saved from web.archive.org keeps the Wayback Machine's toolbar at the top (recognize.ts
// webArchiveToolbarEnd): its lines are chrome, and its capture date is never the article's date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from './article';

const TOOLBAR = ['success', 'fail', 'Jun', 'JUL', 'Aug', '08', '2016', '2017', '2018', '1 capture', '8 Jul 2017', ' About this capture', 'COLLECTED BY',
  ' Organization: Internet Archive', 'The Internet Archive discovers and captures web pages through many different web crawls. At any given time several distinct crawls are running, some for months, and some every day or longer.',
  'Collection: Wide Crawl Number 16: Started June 3rd, 2017 - Still running', 'Web wide crawl number 16', 'TIMESTAMPS'];
const ARTICLE = [
  'Những chính sách có hiệu lực trong tháng 4',
  '25/04/2019 14:04',
  'Nghị định 19/2019/NĐ-CP của Chính phủ quy định về họ, hụi, biêu, phường có hiệu lực từ ngày 15/4, quy định rõ lãi suất khi chơi họ có lãi không được vượt quá 20% mỗi năm.',
  'Người từ đủ 15 tuổi đến dưới 18 tuổi nếu có tài sản riêng có thể là thành viên của dây họ, theo quy định của Bộ luật Dân sự và các văn bản hướng dẫn thi hành.',
  'Ngoài ra, Nghị định 20/2019 sửa đổi, bổ sung quy định về tính lệ phí trước bạ đối với trường hợp đất thuê của Nhà nước theo hình thức trả tiền thuê đất một lần.',
];

test('the Wayback Machine\'s toolbar is chrome, and its capture date is never the article\'s', () => {
  for (const article of [ARTICLE, [ARTICLE[0], ...ARTICLE.slice(2)]]) {
    const a = parseArticle([...TOOLBAR, ...article].join('\n'));
    for (const b of a.blocks) {
      if (b.startLine < TOOLBAR.length) assert.ok(b.kind === 'boilerplate' || b.kind === 'blank', `line ${b.startLine + 1}: ${b.kind}`);
    }
    // the article's own date when it has one; none when it has none
    assert.equal(a.date?.iso?.slice(0, 10) ?? null, article === ARTICLE ? '2019-04-25' : null);
    assert.equal(a.headline?.text ?? null, ARTICLE[0]);
  }
});

test('without its opening line (`About this capture`), nothing is taken for the toolbar', () => {
  const lines = ['8 Jul 2017', ...ARTICLE.slice(0, 1), ...ARTICLE.slice(2)];
  const a = parseArticle(lines.join('\n'));
  assert.equal(a.date?.iso?.slice(0, 10), '2017-07-08', 'a date line above the headline is still read');
});
