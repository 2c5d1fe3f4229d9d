// A breadcrumb or a menu item is the site's navigation, never the headline; and when no line is
// read as the headline, a bare web address above the body (a crawler's record puts the article's
// address above its title) is not taken for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightsModel, readWith } from './testModels';
import { prepare, recognize } from './recognize';
import { boilerplateCategory, defaultKnowledge } from './knowledge';

/** Short lines: chrome, headline the runner-up; a breadcrumb: the headline; long sentences: paragraphs. */
function model(addressRunnerUp: boolean) {
  return weightsModel({
    bias: { boilerplate: 5, headline: 2 },
    long: { paragraph: 15 },
    crumb: { headline: 10 },
    // the address more likely the headline than any other line, after chrome
    'url:short': { headline: addressRunnerUp ? 2.5 : -5 },
  });
}

const TEXT = [
  'https://www.baomoi.com/Giao-hoa-tan-co/148/13451902.epi',
  '01/04/2014 12:50',
  'Giao hòa tân cổ',
  'Tin tức > Nhà đất > Đầu tư - Quy hoạch',
  '(Xây dựng) - Bên cạnh các công trình kiến trúc Pháp cổ và cách tân cổ điển, TP Đà Lạt hiện nay còn trở nên đa dạng hơn nhờ những công trình mới.',
  'Dù chịu ảnh hưởng bởi nhiều phong cách kiến trúc khác nhau, những công trình ấy vẫn giữ được nét riêng của thành phố cao nguyên này.',
].join('\n');

function kinds(addressRunnerUp: boolean) {
  return readWith(model(addressRunnerUp), TEXT);
}

test('a breadcrumb whose last section has a dash between its words is navigation', () => {
  assert.equal(boilerplateCategory(defaultKnowledge, 'Tin tức > Nhà đất > Đầu tư - Quy hoạch'), 'nav');
  assert.equal(boilerplateCategory(defaultKnowledge, 'Thời sự » Trong nước'), 'nav');
  // a sentence with an arrow is not a breadcrumb, nor a section of five words
  assert.equal(boilerplateCategory(defaultKnowledge, 'Giá vàng > 80 triệu đồng một lượng trong phiên sáng nay'), null);
});

test('a breadcrumb the model reads as the headline is chrome, and the headline is sought elsewhere', () => {
  const k = kinds(false);
  const crumb = k.find((x) => x.text.startsWith('Tin tức >'))!;
  assert.equal(crumb.kind, 'boilerplate', JSON.stringify(k));
  assert.match(crumb.why ?? '', /navigation/);
  // the runner-up fallback then takes the title line, whose runner-up is the headline
  assert.deepEqual(k.filter((x) => x.kind === 'headline').map((x) => x.text), ['Giao hòa tân cổ'], JSON.stringify(k));
});

test('the headline fallback never takes a bare web address, even when it is the likeliest runner-up', () => {
  const k = kinds(true);
  assert.notEqual(k[0].kind, 'headline', JSON.stringify(k));
  assert.deepEqual(k.filter((x) => x.kind === 'headline').map((x) => x.text), ['Giao hòa tân cổ'], JSON.stringify(k));
});

test('a title the decoded path read as a byline, though the headline was its likelier reading, is the headline once a breadcrumb above is ruled out', () => {
  const text = [
    'Tin tức > Giải trí > Sân khấu - Điện ảnh',
    '',
    '5 lần xuất hiện hiếm hoi của hoàng tử bé nước Anh',
    '',
    '01/04/2014 12:08',
    '',
    'Sáng 4/5, huyện Mường Lát tổ chức khánh thành cây cầu treo mới, giúp hàng trăm học sinh qua suối an toàn trong mùa mưa lũ sắp tới.',
    '',
    'Cây cầu dài 80 m được xây dựng bằng nguồn vốn xã hội hóa và ngân sách địa phương, hoàn thành sau bốn tháng thi công liên tục.',
  ].join('\n');
  const m = (titleByline: number) => weightsModel({
    bias: { boilerplate: 5 },
    long: { paragraph: 15 },
    crumb: { headline: 12 },
    'dateline:sure': { dateline: 12 },
    // the title: a headline more than a byline, but the path keeps one headline, the breadcrumb's
    'pos=1': { headline: 7, byline: titleByline },
  });
  const read = (titleByline: number) => {
    const p = prepare(text, defaultKnowledge);
    const r = recognize(p, m(titleByline));
    return p.content.map((i, j) => ({ text: p.lines[i].text, kind: r.kinds[j], p: r.confidence[j], second: r.second[j], why: r.ruled.get(j) }));
  };
  const k = read(6.5);
  assert.equal(k[0].kind, 'boilerplate', JSON.stringify(k));
  assert.equal(k[1].kind, 'headline', JSON.stringify(k));
  assert.match(k[1].why ?? '', /no line was read as the headline/);
  // a title the model reads as a byline more surely than as a headline stays the byline
  const sure = read(9);
  assert.equal(sure[1].kind, 'byline', JSON.stringify(sure));
});
