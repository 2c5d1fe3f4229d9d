// An article has a headline: when the model reads no line as one, its runner-up above the body is
// it (a page's title under a long menu, read as chrome, was deleted by the boilerplate fix).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightsModel, readWith } from './testModels';

/**
 * Short lines: chrome first, headline second; the third line (the title) a little more like a
 * headline, though still chrome first; long sentences: paragraphs. `withHeadline`: the title line
 * is read as the headline.
 */
function model(withHeadline = false) {
  return weightsModel({
    bias: { boilerplate: 5, headline: 2 },
    long: { paragraph: 15 },
    'pos=2': { headline: withHeadline ? 10 : 2.5 },
  });
}

const TEXT = [
  'Thời sự',
  'Tin liên quan',
  'Thanh Hóa: Huyện miền núi khánh thành cầu treo cho học sinh',
  'Thứ Năm, 4/5/2023, 17:16 (GMT+7)',
  'Sáng 4/5, huyện Mường Lát tổ chức khánh thành cây cầu treo mới, giúp hàng trăm học sinh qua suối an toàn trong mùa mưa lũ sắp tới.',
  'Cây cầu dài 80 m được xây dựng bằng nguồn vốn xã hội hóa và ngân sách địa phương, hoàn thành sau bốn tháng thi công liên tục.',
].join('\n');

function kinds(withHeadline: boolean) {
  return readWith(model(withHeadline), TEXT);
}

test('no line read as the headline: the line above the body most likely to be it after what the model read, not chrome, not the dateline, is it', () => {
  const k = kinds(false);
  const heads = k.filter((x) => x.kind === 'headline');
  // `Tin liên quan` is a teaser header (a chrome phrase), the date line is no headline, and `Thời sự`
  // was less likely a headline than the title
  assert.deepEqual(heads.map((x) => x.text), ['Thanh Hóa: Huyện miền núi khánh thành cầu treo cho học sinh'], JSON.stringify(k));
  assert.match(heads[0].why ?? '', /no line was read as the headline/);
  assert.notEqual(k.find((x) => x.text.startsWith('Thứ Năm'))?.kind, 'headline');
});

test('a headline the model reads is kept, and no other line becomes one', () => {
  const k = kinds(true);
  assert.equal(k.filter((x) => x.kind === 'headline').length, 1);
  assert.ok(k.every((x) => !/no line was read as the headline/.test(x.why ?? '')));
});
