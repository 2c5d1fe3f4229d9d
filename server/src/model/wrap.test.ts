// Hard-wrapped paragraphs are read as one unit (wrap.ts): the lines that go on from one to the
// next are joined before the recognizer reads them, and every line takes the unit's kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { joinWrapped } from './wrap';
import { splitLines, prepare } from './recognize';
import { allLineFacts } from './lines';
import { defaultKnowledge } from './knowledge';
import { parseArticle } from './article';

function unitsOf(text: string) {
  const lines = splitLines(text);
  const facts = allLineFacts(lines);
  const content = lines.map((_, i) => i).filter((i) => !facts[i].blank);
  return { lines, content, units: joinWrapped(lines, facts, new Uint8Array(lines.length), content) };
}

test('a text with a paragraph per line has no joined units (it is read exactly as before)', () => {
  const { units } = unitsOf('Tiêu đề bài báo\n\nĐoạn một kết thúc ở đây.\nĐoạn hai cũng vậy.\n');
  assert.equal(units, null);
});

test('a paragraph wrapped over lines is one unit; a sentence end, a capital or a blank line starts a new one', () => {
  const text = [
    'Tin liên quan',            // 0: own unit (the next line starts with a capital)
    '    Người',                // 1 ┐ a teaser's title, wrapped
    '      dân tố dịch vụ miễn phí biển Cửa Lò "tệ", thành phố', // 2 │
    '      Vinh nói gì?',       // 3 ┘ (capital, but line 2 does not end a sentence: no, see below)
    'Những ngày qua, một số trang mạng xã hội đăng tải clip mô tô', // 4 ┐
    'nước "quần thảo" trong khu vực bãi tắm.',                        // 5 ┘
    'sau một câu đã kết thúc thì không nối',                          // 6: line 5 ends a sentence
    '',
    'còn dòng sau một dòng trống cũng không.',                        // 8
  ].join('\n');
  const { units, content } = unitsOf(text);
  assert.ok(units);
  const groups = new Map<number, number[]>();
  content.forEach((i, j) => groups.set(units.unitOf[j], [...(groups.get(units.unitOf[j]) ?? []), i]));
  // line 3 starts with a capital: a new unit, although line 2 does not end a sentence
  assert.deepEqual([...groups.values()], [[0], [1, 2], [3], [4, 5], [6], [8]]);
  assert.deepEqual(Array.from(units.size), [1, 2, 1, 2, 1, 1]);
  const joined = units.lines[units.content[units.unitOf[content.indexOf(4)]]].text;
  assert.equal(joined, 'Những ngày qua, một số trang mạng xã hội đăng tải clip mô tô nước "quần thảo" trong khu vực bãi tắm.');
  // the joined line keeps the first line's indentation and spans the lines it joins
  const teaser = units.lines[units.content[1]];
  assert.equal(teaser.text, '    Người dân tố dịch vụ miễn phí biển Cửa Lò "tệ", thành phố');
});

test('every content line belongs to exactly one unit, in order, and a unit holds its lines\' words in order', () => {
  const word = fc.constantFrom('Người', 'dân', 'tố', 'biển.', 'Cửa', 'lò', 'nói', 'gì?', 'và', 'Hà', 'nội,', '(Dân', 'trí)', '-', 'x');
  const line = fc.oneof(
    fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' ')),
    fc.constantFrom('', '   ', '\u00a0'),
  );
  fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (ls, eol) => {
    const text = ls.join(eol);
    const { lines, content, units } = unitsOf(text);
    if (!units) return;
    assert.equal(units.unitOf.length, content.length);
    let sum = 0;
    for (const s of units.size) sum += s;
    assert.equal(sum, content.length);
    for (let j = 1; j < content.length; j++) assert.ok(units.unitOf[j] === units.unitOf[j - 1] || units.unitOf[j] === units.unitOf[j - 1] + 1);
    for (let u = 0; u < units.content.length; u++) {
      const members: number[] = content.filter((_, j) => units.unitOf[j] === u);
      const words: string[] = members.flatMap((i: number) => lines[i].text.trim().split(/\s+/));
      assert.deepEqual(units.lines[units.content[u]].text.trim().split(/\s+/), words);
      // the lines of a unit are consecutive lines of the text
      for (let x = 1; x < members.length; x++) assert.equal(members[x], members[x - 1] + 1);
    }
  }), { numRuns: 300 });
});

test('the recognizer gives every line of a wrapped unit one kind, and reads a wrapped body as paragraphs', () => {
  const body = [
    'Du khách bất an khi mô tô nước quần thảo khu vực bãi tắm biển',
    '',
    '  Những ngày qua, một số trang mạng xã hội đăng tải clip mô tô',
    '  nước "quần thảo" trong khu vực bãi tắm được cho là ở Cửa Lò,',
    '  thành phố Vinh, khiến người dân và du khách bất an.',
    '  Clip 27 giây được đăng tải trên một tài khoản Facebook cá nhân',
    '  có 113.000 lượt theo dõi nhận được sự quan tâm đặc biệt của dư',
    '  luận.',
    '  Nội dung clip thể hiện có 3 mô tô nước di chuyển trong khu vực',
    '  bãi tắm. Sau khi khách lên mô tô, người điều khiển mô tô nước',
    '  cho phương tiện di chuyển với tốc độ cao. Khi trả khách, các',
    '  mô tô nước này cũng di chuyển vào trong khu vực bãi tắm.',
  ].join('\n');
  const k = defaultKnowledge;
  const p = prepare(body, k);
  assert.ok(p.units.unitOf, 'the wrapped paragraphs are joined');
  assert.equal(p.units.count, 4);
  const a = parseArticle(body, k);
  const kindAt = new Map<number, string>();
  for (const b of a.blocks) for (let l = b.startLine; l <= b.endLine; l++) kindAt.set(l, b.kind);
  for (let l = 2; l <= 11; l++) assert.equal(kindAt.get(l), 'paragraph', `line ${l + 1}`);
});
