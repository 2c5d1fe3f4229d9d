// A Markdown file's front matter (Jekyll, Hugo) is the file's metadata: its fields are chrome, its
// date is the dateline, its title is chrome when the headline says it again below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from './article';
import { prepare, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { oneKindModel } from './testModels';

const BODY = [
  'Có những món đồ chơi mà các em sinh từ năm 2000 trở về sau sẽ không bao giờ biết được, nhưng thế hệ 8x, 9x thì nhớ mãi.',
  'Một thời từng phát điên phát cuồng vì những món đồ chơi, vật dụng này, bạn còn nhớ chứ? Hãy cùng nhìn lại một lượt nhé.',
];

const hugo = (title: string, heading: string) => [
  '---',
  `title: "${title}"`,
  'date: 2025-06-14T09:38:16Z',
  'slug: 8x-9x-doi-dau-se-suong-dien',
  'tags:',
  '  - tuổi thơ',
  'draft: false',
  '---',
  '',
  heading,
  '',
  ...BODY,
].join('\n');

test('with the shipped model: the front matter\'s fields are chrome, its date the dateline, and its title chrome when the headline says it again', () => {
  const title = '8x, 9x đời đầu sẽ \\"sướng điên\\" khi gặp lại 25 \\"đứa bạn thơ ấu\\" này!';
  const a = parseArticle(hugo(title, '## 8x, 9x đời đầu sẽ "sướng điên" khi gặp lại 25 "đứa bạn thơ ấu" này!'));
  const kindAt = (line: number) => a.blocks.find((b) => b.startLine <= line && line <= b.endLine)?.kind;
  for (const line of [0, 1, 3, 4, 5, 6, 7]) assert.equal(kindAt(line), 'boilerplate', `line ${line + 1}`);
  assert.equal(kindAt(2), 'dateline');
  assert.equal(a.date?.iso.slice(0, 16), '2025-06-14T09:38');
  assert.equal(kindAt(9), 'headline');
  for (const line of [11, 12]) assert.equal(kindAt(line), 'paragraph');
});

test('a front matter\'s title that no line below says again is the headline; fields without their fences, or broken by text, are no front matter', () => {
  const lines = hugo('Những món đồ chơi tuổi thơ của thế hệ 8x, 9x', '## Choi Min').split('\n');
  const a = parseArticle(lines.join('\n'));
  const at = (line: number) => a.blocks.find((b) => b.startLine <= line && line <= b.endLine);
  assert.equal(at(1)?.kind, 'headline');
  for (const line of [3, 5, 6]) {
    assert.equal(at(line)?.kind, 'boilerplate', `line ${line + 1}`);
  }
  // with a model that reads every line as text, only the rule makes the fields chrome
  const asText = (text: string) => {
    const p = prepare(text, defaultKnowledge);
    const r = recognize(p, oneKindModel('paragraph'));
    return new Map(p.content.map((i, j) => [p.lines[i].text, r.kinds[j]]));
  };
  const k = asText(lines.join('\n'));
  for (const l of ['slug: 8x-9x-doi-dau-se-suong-dien', 'draft: false', '  - tuổi thơ', 'tags:']) assert.equal(k.get(l), 'boilerplate', l);
  assert.notEqual(k.get('title: "Những món đồ chơi tuổi thơ của thế hệ 8x, 9x"'), 'boilerplate');
  // the same fields without their fences, or with a line of text among them, are no front matter
  assert.equal(asText(lines.slice(1, 7).concat(BODY).join('\n')).get('draft: false'), 'paragraph');
  assert.equal(asText([...lines.slice(0, 4), BODY[0], ...lines.slice(4)].join('\n')).get('draft: false'), 'paragraph');
});

test('with no line read as the headline, the line below that says the front matter\'s title again is the headline', () => {
  const lines = [
    '---', 'layout: post', 'title: " [Chủ tịch nước] Chuyến thăm củng cố hơn nữa quan hệ hai nước ..."', 'date: Fri, 12 Jul 2024 21:00:00 +0700', '---',
    '[Chuyến thăm củng cố hơn nữa quan hệ hai nước ...](https://example.vn/chuyen-tham-cung-co-quan-he)',
    ...BODY,
  ];
  const p = prepare(lines.join('\n'), defaultKnowledge);
  const r = recognize(p, oneKindModel('boilerplate'));
  const k = new Map(p.content.map((i, j) => [p.lines[i].text, r.kinds[j]]));
  assert.equal(k.get(lines[5]), 'headline');
  assert.equal(k.get(lines[2]), 'boilerplate');
  assert.equal(r.kinds.filter((x) => x === 'headline').length, 1);
});
