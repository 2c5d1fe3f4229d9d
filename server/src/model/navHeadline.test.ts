// A breadcrumb or a menu item is the site's navigation, never the headline; and when no line is
// read as the headline, a bare web address above the body (a crawler's record puts the article's
// address above its title) is not taken for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelFromJson } from './crf';
import { prepare, recognize, RECOGNIZED_KINDS } from './recognize';
import { boilerplateCategory, defaultKnowledge } from './knowledge';

const L = RECOGNIZED_KINDS.length;
const w = (m: Partial<Record<string, number>>) => RECOGNIZED_KINDS.map((k) => m[k] ?? 0);
/** Short lines: chrome, headline the runner-up; a breadcrumb: the headline; long sentences: paragraphs. */
function model(addressRunnerUp: boolean) {
  return modelFromJson({
    labels: [...RECOGNIZED_KINDS],
    features: {
      bias: w({ boilerplate: 5, headline: 2 }),
      long: w({ paragraph: 15 }),
      crumb: w({ headline: 10 }),
      // the address more likely the headline than any other line, after chrome
      'url:short': w({ headline: addressRunnerUp ? 2.5 : -5 }),
    },
    trans: Array.from({ length: L + 1 }, () => new Array(L).fill(0)),
    end: new Array(L).fill(0),
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
  const p = prepare(TEXT, defaultKnowledge);
  const r = recognize(p, model(addressRunnerUp));
  return p.content.map((i, j) => ({ text: p.lines[i].text, kind: r.kinds[j], why: r.ruled.get(j) }));
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
