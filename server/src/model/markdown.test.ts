// Markdown scrapes: their heading marks (`## …`) say what a line is, whatever the line model reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { oneKindModel } from './testModels';
import { parseArticle } from './article';

const PARA = 'Giá lúa tại các tỉnh đồng bằng sông Cửu Long tăng mạnh trong tuần qua, nông dân phấn khởi vì được mùa được giá.';
const TEXT = [
  'https://www.example.vn/kinh-te/gia-lua-tang.html',
  '## Giá lúa tăng mạnh, nông dân phấn khởi',
  'TV', '', 'KINH TẾ', '',
  PARA, '',
  '### Xuất khẩu gạo tăng',
  PARA.replace('Giá lúa', 'Lượng gạo xuất khẩu'), '',
  '#### ** Thông tin cung cấp*', '',
  PARA.replace('Giá lúa', 'Giá phân bón'), '',
  '#lúa gạo #xuất khẩu #nông dân', '',
  '## Tin liên quan', '',
  'Giá gạo xuất khẩu cao nhất 10 năm',
].join('\n');

function kindsBy(model: ReturnType<typeof oneKindModel>): Map<string, string> {
  const p = prepare(TEXT, defaultKnowledge);
  const r = recognize(p, model);
  return new Map(p.content.map((i, j) => [p.lines[i].text, r.kinds[j]]));
}

test('a Markdown heading is a heading, the first above the body the headline, whatever the model reads', () => {
  for (const kind of ['boilerplate', 'paragraph', 'related', 'caption'] as const) {
    const k = kindsBy(oneKindModel(kind));
    // (a model that reads every line as chrome still gives the article a headline: the first line,
    // the URL; a headline the model chose is kept, and the Markdown heading is then a heading)
    const headlineByModel = k.get('https://www.example.vn/kinh-te/gia-lua-tang.html') === 'headline';
    assert.equal(k.get('## Giá lúa tăng mạnh, nông dân phấn khởi'), headlineByModel ? 'heading' : 'headline', `${kind}: ${JSON.stringify([...k])}`);
    assert.equal(k.get('### Xuất khẩu gạo tăng'), 'heading', kind);
    assert.equal(k.get('#### ** Thông tin cung cấp*'), 'heading', kind);
    // a tag list and a chrome header under Markdown marks are not headings
    assert.notEqual(k.get('#lúa gạo #xuất khẩu #nông dân'), 'heading', kind);
    assert.notEqual(k.get('## Tin liên quan'), 'heading', kind);
  }
});

test('with the shipped model: the outline of a Markdown scrape has its title and sections', () => {
  const a = parseArticle(TEXT);
  assert.equal(a.headline?.text, '## Giá lúa tăng mạnh, nông dân phấn khởi');
  const headings = a.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
  assert.deepEqual(headings, ['### Xuất khẩu gạo tăng', '#### ** Thông tin cung cấp*']);
  // the hover says why
  assert.match(a.blocks.find((b) => b.text === '### Xuất khẩu gạo tăng')?.reason ?? '', /Markdown heading|heading/);
});
