// A document re-read with the line cache of its earlier versions (model/lineCache.ts, as the
// language server does after every edit) gives exactly what reading it afresh gives: the same
// blocks, kinds, confidences, reasons and findings, edit after edit. The rules keep their per-line
// and per-block values in the same cache (RuleContext.cache): their findings are checked the same
// way, also after edits made to give them something to find (a paragraph copied and changed, a
// doubled syllable, debris).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseArticle } from './article';
import { LineCache } from './lineCache';
import { analyzeArticle } from '../engine/analyze';
import { defaultKnowledge, loadKnowledge } from './knowledge';
import { applyEdit as applyRandomEdit, editArb as randomEdit, type RandomEdit } from './randomEdits';

const DIR = 'test/fixtures/real';
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(DIR, f), 'utf8'));

const editArb = randomEdit(['a', ' ', '  ', 'ừ', '.', 'x y', '\n', '\n\n', '&amp;', 'tiêu tiêu', '20/05/2022 - 15:17', 'Theo VnExpress', 'Xem thêm:']);

/** Characters or lines inserted or deleted, a paragraph of another fixture pasted, a line duplicated. */
function applyEdit(text: string, e: RandomEdit): string {
  const other = FIXTURES[e.from % FIXTURES.length].split('\n').filter((l) => l.trim().length > 40);
  return applyRandomEdit(text, e, other[e.from % Math.max(1, other.length)] ?? 'Một đoạn văn.');
}

/** Everything a reader of an Article sees, the reasons read through their getters. */
function view(text: string, cache?: LineCache) {
  const article = parseArticle(text, defaultKnowledge, { cache });
  const { findings } = analyzeArticle(article, { cache });
  return { article: JSON.parse(JSON.stringify(article)), findings: JSON.parse(JSON.stringify(findings)) };
}

/** Reads `text` with `cache`, then after each edit checks the cached read against a fresh one; gives the last text. */
function readsAsAfresh(text: string, edits: readonly RandomEdit[], cache: LineCache): string {
  view(text, cache);
  for (const e of edits) {
    text = applyEdit(text, e);
    const cached = view(text, cache);
    const fresh = view(text);
    assert.deepStrictEqual(cached.article, fresh.article);
    assert.deepStrictEqual(cached.findings, fresh.findings);
  }
  return text;
}

test('a document re-read with its line cache after random edits is read exactly as afresh', () => {
  fc.assert(
    fc.property(fc.nat(FIXTURES.length - 1), fc.array(editArb, { minLength: 1, maxLength: 6 }), (i, edits) => {
      const cache = new LineCache();
      const text = readsAsAfresh(FIXTURES[i], edits, cache);
      // bounded: what the last two versions use
      assert.ok(cache.size <= 3 * 2 * (text.split(/\r\n|\r|\n/).length + 50) * 3, `cache size ${cache.size}`);
    }),
    { numRuns: 60, seed: 7 },
  );
});

test('a long document (over 400 lines compared for near copies: the pair search keeps its shingle numbers between analyses) re-read with its cache after random edits is read exactly as afresh', () => {
  // several fixtures' paragraphs one after another, some pasted twice with a word changed
  const paras = FIXTURES.flatMap((t) => t.split('\n').filter((l) => l.split(' ').length >= 8)).slice(0, 700);
  const long = paras.map((l, k) => (k % 9 === 4 ? `${l}\n${l.replace(' ', ' rất ')}` : l)).join('\n');
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: 4 }), (edits) => {
      readsAsAfresh(long, edits, new LineCache());
    }),
    { numRuns: 6, seed: 5 },
  );
});

/**
 * Edits that make the rules find something: a paragraph copied (whole, cut short, with a word
 * changed or dropped, or a fragment after its end) next to itself or elsewhere, then the usual edits.
 */
const ruleEditArb = fc.oneof(
  editArb.map((e) => ({ ...e, copy: undefined })),
  fc.record({
    kind: fc.constant('copy'),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    len: fc.integer({ min: 1, max: 60 }),
    text: fc.constantFrom('', 'a', 'tiêu', ' của của', 'ban hành ban hành', '&amp;', '. r'),
    from: fc.nat(),
    copy: fc.constantFrom('whole', 'cut', 'word', 'drop', 'tail'),
  }),
);

function applyRuleEdit(text: string, e: { kind: string; at: number; len: number; text: string; from: number; copy?: string }): string {
  if (e.kind !== 'copy') return applyEdit(text, e);
  const ls = text.split('\n');
  const long = ls.map((l, i) => [l, i] as const).filter(([l]) => l.trim().length > 60);
  if (long.length === 0) return applyEdit(text, { ...e, kind: 'duplicate' });
  const [line] = long[e.from % long.length];
  const ws = line.split(' ');
  const k = e.len % ws.length;
  const copy = e.copy === 'whole' ? line
    : e.copy === 'cut' ? ws.slice(0, Math.max(1, ws.length - 1 - (e.len % 8))).join(' ')
    : e.copy === 'tail' ? `${line} ${e.text.trim() || 'r'}`
    : e.copy === 'word' ? [...ws.slice(0, k), e.text || 'x', ...ws.slice(k + 1)].join(' ')
    : [...ws.slice(0, k), ...ws.slice(k + 1)].join(' ');
  const li = Math.min(ls.length, Math.floor(e.at * (ls.length + 1)));
  return [...ls.slice(0, li), '', copy, '', ...ls.slice(li)].join('\n');
}

test("the rules re-run with the document's cache after random edits find exactly what they find afresh", () => {
  fc.assert(
    fc.property(fc.nat(FIXTURES.length - 1), fc.array(ruleEditArb, { minLength: 1, maxLength: 8 }), (i, edits) => {
      const cache = new LineCache();
      let text = FIXTURES[i];
      analyzeArticle(parseArticle(text, defaultKnowledge, { cache }), { cache });
      for (const e of edits) {
        text = applyRuleEdit(text, e);
        const cached = analyzeArticle(parseArticle(text, defaultKnowledge, { cache }), { cache }).findings;
        const fresh = analyzeArticle(parseArticle(text, defaultKnowledge)).findings;
        assert.deepStrictEqual(JSON.parse(JSON.stringify(cached)), JSON.parse(JSON.stringify(fresh)));
      }
    }),
    { numRuns: 80, seed: 11 },
  );
});

test('a cache made under other knowledge is not used for its cues', () => {
  const cache = new LineCache();
  // (the fixture whose author line is “Huyền Trang”, whatever files sort before it)
  const text = FIXTURES.find((t) => t.split('\n').some((l) => l.trim() === 'Huyền Trang'));
  assert.ok(text, 'a fixture signed “Huyền Trang”');
  // a project file naming a line of the text (its author's name) as the site's chrome
  const line = text.split('\n').find((l) => l.trim() === 'Huyền Trang')!;
  const other = loadKnowledge({ boilerplate: [line.trim()] });
  const withOther = parseArticle(text, other, { cache });
  assert.notDeepStrictEqual(JSON.parse(JSON.stringify(withOther)), JSON.parse(JSON.stringify(parseArticle(text, defaultKnowledge))), 'the knowledge matters here');
  assert.deepStrictEqual(JSON.parse(JSON.stringify(parseArticle(text, defaultKnowledge, { cache }))), JSON.parse(JSON.stringify(parseArticle(text, defaultKnowledge))));
});
