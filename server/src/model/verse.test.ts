// A poem quoted in the article, one verse per line (lục bát: 6 and 8 syllables in turn), is the
// article's text, not a list of teasers: fix-all deleted two poems of an article on a poet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightsModel, readWith } from './testModels';
import { defaultKnowledge, loadKnowledge, type Knowledge } from './knowledge';

/** Long lines: paragraphs; every short line: a teaser. */
const MODEL = weightsModel({ bias: { related: 5 }, long: { paragraph: 15 } });

const INTRO = 'Năm 1968, kỷ niệm ngày sinh nhật Bác, Trần Đăng Khoa được mời lên Hà Nội và đến thăm nơi Bác sống, rồi viết bài thơ này trong đêm.';
const AFTER = 'Điểm hay nhất của bài thơ là Hà Nội giữa mùa hè, nhưng trên mái nhà Bác lại là bầu trời mùa thu, như lời nhà thơ kể lại nhiều năm sau.';
const POEM = [
  '“Bác ơi! Cháu đến đây rồi',
  'Ba Đình phượng đỏ, một trời tiếng ve',
  'Cháu nghe Hà Nội vào hè',
  'Hồ Gươm nước biếc, bốn bề hoa tươi',
  '',
  'Sang năm Bác tám mươi rồi',
  'Bác ơi! Bác thấy trong người khỏe không?',
];

function read(lines: string[], k = defaultKnowledge) {
  return readWith(MODEL, lines.join('\n'), k);
}

test('the lines of a lục bát poem (6 and 8 syllables in turn, through a stanza break) are the article\'s text', () => {
  const k = read([INTRO, '', ...POEM, '', AFTER]);
  const verses = k.filter((x) => POEM.includes(x.text));
  assert.equal(verses.length, 6);
  for (const v of verses) {
    assert.equal(v.kind, 'paragraph', JSON.stringify(k));
    assert.match(v.why ?? '', /verse/);
  }
});

test('three lines in the meter are no poem; a line with a chrome phrase or a web address breaks the run', () => {
  const three = read([INTRO, '', ...POEM.slice(0, 3), '', AFTER]);
  // (between two paragraphs they are a list inside the article's text since stop 30, listsInText: not verse)
  assert.ok(three.filter((x) => POEM.includes(x.text)).every((x) => !/a line of verse/.test(x.why ?? '')), JSON.stringify(three));
  const atFoot = read([INTRO, '', ...POEM.slice(0, 3)]);
  assert.ok(atFoot.filter((x) => POEM.includes(x.text)).every((x) => x.kind === 'related'), JSON.stringify(atFoot));
  // 6, 8, a 6-word line with a web address, 8, 6: in the meter, but the address breaks the run
  const broken = read([INTRO, '', POEM[0], POEM[1], 'Xem tại https://baohaiduong.vn/tho.html hôm nay', POEM[3], POEM[5], '', AFTER]);
  assert.ok(broken.filter((x) => POEM.includes(x.text)).every((x) => x.kind === 'related'), JSON.stringify(broken));
});

test('the meter is the language data\'s: without it, the same lines stay as the model read them', () => {
  const none: Knowledge = { ...loadKnowledge({ recognizer: MODEL }), verse: { meters: [], minLines: 4 } };
  const k = read([INTRO, '', ...POEM, '', AFTER], none);
  assert.ok(k.filter((x) => POEM.includes(x.text)).every((x) => !/a line of verse/.test(x.why ?? '')), JSON.stringify(k));
  const atFoot = read([INTRO, '', ...POEM], none);
  assert.ok(atFoot.filter((x) => POEM.includes(x.text)).every((x) => x.kind === 'related'), JSON.stringify(atFoot));
});
