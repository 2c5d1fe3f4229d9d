// A passage the article quotes over several lines (a poem in free verse, lyrics, a letter), from an
// opening quotation mark to its closing one, is the article's text, not a list of teasers: fix-all
// deleted a poem of an article on a poet (an01), its short lines read as a teaser run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightsModel, readWith } from './testModels';

/** Long sentences: paragraphs; every other line: a teaser. */
const MODEL = weightsModel({ bias: { related: 5 }, long: { paragraph: 15 } });

const INTRO = 'Ngày 9/9/1969, tại lễ truy điệu Bác ở bệnh viện, cậu bé Trần Đăng Khoa lại viết tiếp một bài thơ mà nhiều thế hệ học trò còn thuộc lòng đến hôm nay.';
const AFTER = 'Bài thơ được in trong tập thơ đầu tay của nhà thơ, và đến nay vẫn được nhiều thế hệ bạn đọc yêu mến như một trong những bài thơ hay nhất về Bác.';
const POEM = [
  '“Rồi Bác ra rất êm…',
  'Bác đi, Bác đi rồi',
  'Em bỗng òa lên khóc',
  'Tỉnh dậy thấy ướt đầm mái tóc',
  'Nhìn xem Bác có đâu đây',
  'Nhất là đứa nào phải nằm trong bệnh viện”…',
];

test('a quoted passage over several lines after the article\'s text is its text: every line a paragraph, the hover says why', () => {
  const lines = readWith(MODEL, ['Bài thơ viết trong ngày Bác mất', INTRO, ...POEM, AFTER].join('\n'));
  for (const verse of POEM) {
    const l = lines.find((x) => x.text === verse)!;
    assert.equal(l.kind, 'paragraph', verse);
    assert.match(l.why ?? '', /quotes/);
  }
});

test('no passage: an unclosed quotation, one opened again before it closes, two lines, or no text above', () => {
  const teasers = (text: string[]) => readWith(MODEL, text.join('\n')).filter((l) => /quotes/.test(l.why ?? '')).map((l) => l.text);
  // never closed
  assert.deepEqual(teasers(['Tiêu đề', INTRO, ...POEM.slice(0, 5), 'Tin liên quan', 'Một bài báo khác về nhà thơ']), []);
  // a teaser title that quotes something, between the opening and the closing
  assert.deepEqual(teasers(['Tiêu đề', INTRO, POEM[0], 'Nhà thơ kể về “Cháu thề phấn đấu suốt đời”', POEM[5]]), []);
  // two lines are a quotation broken once, not a passage
  assert.deepEqual(teasers(['Tiêu đề', INTRO, POEM[0], POEM[5]]), []);
  // above the article's text: a menu or a title, not its text
  assert.deepEqual(teasers(['Tiêu đề', ...POEM, INTRO]), []);
});
