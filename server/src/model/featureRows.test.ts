// The parse's fast path must decide exactly what the features' names decide: the emission scores
// it adds from the model's rows (featureRows.ts, without making a name per feature), the
// near-copy lines it finds by comparing sorted shingle arrays, and the line facts whose
// expressions it runs only where a cheap test says they may match. Each is checked against the
// reference it replaces on generated articles and lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { prepare } from './recognize';
import { defaultKnowledge } from './knowledge';
import { decodePosteriorScores, emissionRow, modelFromJson, modelToJson, type CrfModel } from './crf';
import { ownFacts, sortedPairShingles, sortedSimilarity } from './features';
import { lineFacts } from './lines';
import { LineCache } from './lineCache';
import { shingles, similarity } from '../text/similarity';

const K = defaultKnowledge;
const SHIPPED = K.recognizer;

/** Another model: every third feature dropped, the others' weights changed (a fold of the evaluation). */
function otherModel(): CrfModel {
  const j = modelToJson(SHIPPED);
  const features: Record<string, number[]> = {};
  Object.keys(j.features).forEach((name, i) => {
    if (i % 3 !== 0) features[name] = j.features[name].map((w, y) => w * 0.7 + (y % 2 ? 0.013 : -0.021));
  });
  return modelFromJson({ ...j, features });
}
const OTHER = otherModel();

const FIXTURES = ['test/fixtures/real', 'seeds'].flatMap((dir) =>
  readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8')));
const FIXTURE_LINES = FIXTURES.flatMap((t) => t.split('\n')).filter((l) => l.trim() !== '');

const PIECES = [
  'Hà Nội', 'TP.HCM', 'ông', 'Nguyễn Văn A', 'cho biết', 'người dân', 'và', 'của', 'các', 'đã', 'sẽ', 'không', 'năm 2024',
  '12/5/2024', '2024-05-12', '09:30', '7h30', '3 giờ trước', '5 phút trước', '02:15 / 10:40', '0912 345 678', '1900 1234',
  '(Ảnh: Minh Thoa)', '(TTXVN)', 'Hoàng Phạm/VOV.VN', 'Theo', 'Nguồn:', 'Xem thêm:', 'Tin liên quan', 'Chia sẻ', 'Facebook',
  'www.dantri.com.vn', 'https://vnexpress.net/x', 'a@b.vn', '#thoisu', '# ', '=>', '[0] =>', 'Array', '(', ')', '{', '}', ']',
  '“', '”', '"', '«', '»', ' > ', '|', '©', 'Bản quyền', 'Bài 2:', 'THỜI SỰ', 'Cần bán', 'giá rẻ', 'Tuyển dụng',
  '.', ',', ':', '!', '?', '…', ';', ' ', '  ', '\t', '\u00a0', '\u200b', 'e\u0301', 'İ', 'ΑΣ', '1', '42', '/',
];
const lineArb = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 14 }).map((a) => a.join(' ')),
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((a) => a.join('')),
  fc.constantFrom(...FIXTURE_LINES),
  fc.string({ maxLength: 40 }),
);
/** An article: lines (some repeated or nearly repeated, to give near copies), with blank lines between some. */
const articleArb = fc.array(fc.tuple(lineArb, fc.nat(5), fc.boolean()), { minLength: 1, maxLength: 40 }).map((rows) => {
  const out: string[] = [];
  rows.forEach(([line, how, blank], i) => {
    if (how === 0 && i > 1) out.push(out[out.length - 2 - (i % 2)] ?? line);
    else if (how === 1 && out.length > 0) out.push(`${out[out.length - 1]} thêm`);
    else out.push(line);
    if (blank) out.push('');
  });
  return out.join('\n');
});

const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

/** Scores through the features' names (the reference) and through the rows (the parse). */
function sameScores(text: string, model: CrfModel): void {
  const p = prepare(text, K);
  const L = model.labels.length;
  const T = p.units.count;
  const ref = new Float64Array(T * L);
  const fast = new Float64Array(T * L);
  for (let u = 0; u < T; u++) {
    emissionRow(model, p.units.featuresOf(u), ref, u * L);
    p.units.addScores(u, model, fast, u * L);
  }
  assert.equal(bits(fast), bits(ref), `scores differ for ${JSON.stringify(text.slice(0, 200))}`);
  // and so the decisions
  if (T > 0) assert.deepEqual(decodePosteriorScores(model, fast, T).path, decodePosteriorScores(model, ref, T).path);
}

test('the rows path adds the same emission scores as the features by name, to the last bit (generated articles, two models)', () => {
  fc.assert(fc.property(articleArb, (text) => {
    sameScores(text, SHIPPED);
    sameScores(text, OTHER);
  }), { numRuns: 400 });
});

test('the rows path on the fixtures (real and seeds): the same scores, and so the same labels', () => {
  for (const text of FIXTURES) {
    sameScores(text, SHIPPED);
    sameScores(text, OTHER);
  }
});

test('near-copy lines: the sorted shingle arrays give what the shingle sets give', () => {
  const textArb = fc.array(fc.constantFrom(...PIECES, 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu'), { minLength: 2, maxLength: 30 }).map((a) => a.join(' '));
  fc.assert(fc.property(textArb, textArb, (a, b) => {
    const arrays = sortedPairShingles([a, b]);
    const sa = shingles(a, 2), sb = shingles(b, 2);
    if (arrays === null) return; // fewer than two words: the sets' path
    assert.deepEqual([...arrays[0]], [...sa].sort((x, y) => x - y));
    assert.deepEqual(sortedSimilarity(arrays[0], arrays[1]), similarity(sa, sb));
  }), { numRuns: 2000 });
});

test('near-copy lines: a parse without a line cache (pairs compared directly) gives the features of one with it (candidate pairs)', () => {
  fc.assert(fc.property(articleArb, (text) => {
    const plain = prepare(text, K);
    const cached = prepare(text, K, undefined, undefined, new LineCache());
    for (let u = 0; u < plain.units.count; u++) assert.deepEqual(plain.units.featuresOf(u), cached.units.featuresOf(u));
  }), { numRuns: 300 });
});

// ---- a line's own facts: the expressions as they ran before their gates -------------------------
const REL_TIME = /^\s*\d{1,3}\s*(?:giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)\s+trước\b/iu;
const MEDIA_TIME = /^\s*\d{1,2}:\d{2}(?:\s*\/\s*\d{1,2}:\d{2})?\s*$/u;
const NAME_SLASH = /^[\p{Lu}][\p{L}.\s]{1,40}\s?\/\s?[\p{L}\d.\s-]{2,40}$/u;
const PAREN_SOURCE = /\((?:[\p{Lu}\d][\p{L}\d .&/-]{1,30})\)\s*$/u;
const DUMP_SHAPE = /(?:^\s*\[[^\]]{0,80}\]\s*=>|=>\s*(?:Array|array|\w+ Object)?\s*\(?\s*$|^\s*[()\]{}]\s*,?;?\s*$|^\s*'[^']{0,80}'\s*=>|^\s*(?:string|int|float|bool)\(\d*\)|::__set_state\()/u;
const PHONE = /(?:\(\d{2,4}\)\s?)?\b0\d{2,3}[\s.-]?\d{3}[\s.-]?\d{3,4}\b|\b1[89]00[\s.]?\d{4}\b/u;

function sameOwnFacts(raw: string): void {
  const f = lineFacts(raw);
  if (f.blank) return;
  const o = ownFacts(raw, f, K);
  const t = f.folded;
  const ref = {
    dateInText: /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\b/.test(t),
    time: /\b\d{1,2}[:h]\d{2}\b/.test(t),
    relTime: REL_TIME.test(t),
    media: MEDIA_TIME.test(t),
    nameShape: f.nWords >= 1 && f.nWords <= 5 && o.cs === 1 && !/[.!?:;,]$/.test(t) && !/\d/.test(t) && /\p{L}{2}/u.test(t),
    nameSlash: NAME_SLASH.test(t),
    parenSource: PAREN_SOURCE.test(t),
    phone: PHONE.test(t),
    colonEnd: /[:]$/.test(t),
    hashtag: /^#|\s#\p{L}/u.test(t),
    dumpShape: DUMP_SHAPE.test(raw),
    arrowOp: /=>/.test(t),
    quote: /^["“«].*["”»]$/u.test(t) ? 'quoted' : /^["“«]/u.test(t) ? 'quoteStart' : null,
  };
  const got = Object.fromEntries(Object.keys(ref).map((k) => [k, o[k as keyof typeof o]]));
  assert.deepEqual(got, ref, JSON.stringify(raw));
}

test("a line's own facts: the gated expressions give what the expressions alone give (generated lines, the fixtures' lines)", () => {
  fc.assert(fc.property(lineArb, sameOwnFacts), { numRuns: 5000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), sameOwnFacts), { numRuns: 2000 });
  for (const line of FIXTURE_LINES) sameOwnFacts(line);
});
