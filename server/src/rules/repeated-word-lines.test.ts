// repeated-word reads a line's words into flat arrays (lineWords: no object per word, a word's
// `joined` worked out when asked). It must give the tokens, repeats and doubled pairs the first
// reading gave (one Tok object per word: lineToksSlow, and the pair search as it was written).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Forms, lineToksOf, lineToksSlow, lineWords } from './repeated-word';

type Tok = ReturnType<typeof lineToksSlow>[number];

/** The doubled-pair search as it was written on Tok objects. */
function pairsSlow(text: string, toks: readonly Tok[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 3 < toks.length; i++) {
    const [p, q, r, s2] = [toks[i], toks[i + 1], toks[i + 2], toks[i + 3]];
    if (!q.joined || !r.joined || !s2.joined) continue;
    if (p.w !== r.w || q.w !== s2.w || p.w === q.w) continue;
    if (/\p{N}/u.test(p.w) || /\p{N}/u.test(q.w) || /^[a-z]$/.test(p.w) || /^[a-z]$/.test(q.w)) continue;
    if (/^\p{Lu}/u.test(text.slice(r.start, r.end))) continue;
    if (i + 5 < toks.length && toks[i + 4].w === p.w && toks[i + 5].w === q.w) { i += 5; continue; }
    out.push(i);
    i += 3;
  }
  return out;
}

function repeatsSlow(toks: readonly Tok[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < toks.length; i++) if (toks[i + 1].joined && toks[i].w === toks[i + 1].w) out.push(i);
  return out;
}

const PIECES = [
  'tiêu', 'Tiêu', 'TIÊU', 'biểu', 'ban', 'hành', 'bí', 'mật', 'cố', 'lên', 'hòa', 'hoà', 'Hòa', 'ngày', 'x', 'A', '10', '2020',
  'Nguyễn', 'nguye\u0302\u0303n', 'của', 'được', 'Lan', 'ĐỖ', 'e-mail', "o'clock", 'U.S', 'a/b',
  ' ', ' ', ' ', '  ', '\u00a0', '\u202f', '\t', ', ', '. ', '-', '“', '”', '…', '\u200b', '😀',
];

const SHARED = new Forms();

function same(text: string): void {
  const forms = new Map<string, string>();
  const slow = lineToksSlow(text, forms);
  const lw = lineWords(text, new Forms());
  assert.deepEqual(lineToksOf(lw), slow, JSON.stringify(text));
  // and with the forms kept from every line before
  assert.deepEqual(lineToksOf(lineWords(text, SHARED)), slow, JSON.stringify(text));
  assert.deepEqual([...lw.repeats], repeatsSlow(slow), JSON.stringify(text));
  assert.deepEqual([...lw.pairs], pairsSlow(text, slow), JSON.stringify(text));
}

test('lineWords gives the tokens, repeats and doubled pairs of the Tok reading (generated Vietnamese-ish lines)', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join('')), same), { numRuns: 5000 });
  // lines that repeat their own words: doublings and doubled pairs come often
  const gap = fc.constantFrom(' ', ' ', ' ', '  ', ', ', '\u00a0', '-');
  fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES.slice(0, 12)), { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), gap), { maxLength: 24 }),
    (ws, picks) => same(picks.map(([k, g]) => ws[k % ws.length] + g).join(''))), { numRuns: 5000 });
});

test('lineWords finds a doubling whatever the case, tone placement or normalization of its copies', () => {
  // two or three words only, so that nothing else on the line sends it to the full reading
  const VARIANTS = [['tiêu', 'Tiêu', 'TIÊU'], ['hòa', 'hoà', 'HÒA', 'ho\u0300a', 'hoa\u0300'], ['Nguyễn', 'nguyễn', 'nguye\u0302\u0303n', 'NGUYỄN'], ['thuý', 'thúy', 'THUÝ'], ['İ', 'i', 'I']];
  fc.assert(fc.property(fc.constantFrom(...VARIANTS), fc.nat(), fc.nat(), fc.constantFrom('', 'và ', 'của '), fc.constantFrom(' ', '\u00a0', '  '),
    (forms, a, b, before, gap) => same(`${before}${forms[a % forms.length]}${gap}${forms[b % forms.length]}`)), { numRuns: 2000 });
});

test('lineWords gives what the Tok reading gives (any code units)', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), same), { numRuns: 3000 });
});

test('lineWords: a doubling and a doubled pair on a known line', () => {
  const lw = lineWords('cá nhân tiêu tiêu biểu, ban hành ban hành');
  assert.deepEqual([...lw.repeats], [2]);
  assert.deepEqual([...lw.pairs], [5]);
});

test('Forms: two words with the same hash keep their own canonical forms (the code units are compared)', () => {
  const forms = new Forms();
  // a made-up shared hash stands for a 32-bit collision
  assert.equal(forms.of('Tiêu biểu', 0, 4, 12345), 'tiêu');
  assert.equal(forms.of('Tiêu biểu', 5, 9, 12345), 'biểu');
  assert.equal(forms.of('xx TIÊU', 3, 7, 12345), 'tiêu');
  assert.equal(forms.of('Tiêu biểu', 0, 4, 12345), 'tiêu');
});
