// The recognizer's per-line character checks walk a line once with a class table (lineShape.ts,
// normalize.ts's isAllCaps): they must give what the regular expressions they replace gave, on
// every line of the fixtures and on generated strings, or the model's features (and so its
// predictions) would change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { capsShare, edgeWords, endClass, functionShare, mayHoldUrl, trailing } from './lineShape';
import { fold, isAllCaps } from '../text/normalize';
import { defaultKnowledge } from './knowledge';
import { MAX_TEMPLATE_CHARS, templateKeys } from './frequency';
import { lineFacts } from './lines';

// ---- the reference: the regular expressions as features.ts and normalize.ts used them ----------
function refEndClass(folded: string): string {
  const t = folded.replace(/([.!?…”"»)])\s+[^\s]{1,2}$/u, '$1');
  const c = t.replace(/[\s"”’'»)\]]+$/u, '').slice(-1);
  if (c === '') return 'none';
  if (c === '.') return /\.\.\.$/.test(t.replace(/[\s"”’'»)\]]+$/u, '')) ? 'ellipsis' : 'period';
  if (c === '…') return 'ellipsis';
  if ('!?:;,'.includes(c)) return { '!': 'excl', '?': 'quest', ':': 'colon', ';': 'semi', ',': 'comma' }[c]!;
  if (/\p{N}/u.test(c)) return 'digit';
  if (/\p{Lu}/u.test(c)) return 'upper';
  if (/\p{L}/u.test(c)) return 'lower';
  return 'sym';
}
function refCapsShare(folded: string): number {
  const ws = folded.match(/[\p{L}][\p{L}\p{M}]*/gu);
  if (!ws || ws.length === 0) return 0;
  let up = 0;
  for (const w of ws) if (/^\p{Lu}/u.test(w)) up++;
  return up / ws.length;
}
function refFunctionShare(key: string, fw: ReadonlySet<string>): number {
  const ws = key.match(/[\p{L}\p{M}]+/gu);
  if (!ws || ws.length === 0) return 0;
  let n = 0;
  for (const w of ws) if (fw.has(w)) n++;
  return n / ws.length;
}
function refIsAllCaps(text: string): boolean {
  const letters = text.match(/\p{L}/gu);
  if (!letters || letters.length < 2) return false;
  return text === text.toUpperCase() && text !== text.toLowerCase();
}

function refTrailing(raw: string): string {
  const m = /[\s\u00a0\ufeff\u200b]*$/u.exec(raw)![0];
  if (m === '') return 'none';
  if (/[\u00a0]/.test(m)) return 'nbsp';
  return m.length === 1 ? 'sp1' : 'sp2+';
}
function refEdgeWords(key: string): { first: string; second: string; last: string } {
  const ws = key.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const w = (x: string | undefined) => (x !== undefined && !/\p{N}/u.test(x) ? x : '');
  return { first: w(ws[0]), second: ws[0] !== undefined && w(ws[0]) ? w(ws[1]) : '', last: ws.length > 1 ? w(ws[ws.length - 1]) : '' };
}
const URLISH = /(?:https?:\/\/|www\.|\b[\w-]+\.(?:vn|com|net|org|info)\b)/iu;

const FW = defaultKnowledge.functionWords;
function same(s: string): void {
  assert.equal(endClass(s), refEndClass(s), `endClass ${JSON.stringify(s)}`);
  assert.equal(capsShare(s), refCapsShare(s), `capsShare ${JSON.stringify(s)}`);
  assert.equal(isAllCaps(s), refIsAllCaps(s), `isAllCaps ${JSON.stringify(s)}`);
  const key = s.toLowerCase();
  assert.equal(functionShare(key, FW), refFunctionShare(key, FW), `functionShare ${JSON.stringify(key)}`);
  assert.equal(trailing(s), refTrailing(s), `trailing ${JSON.stringify(s)}`);
  assert.deepEqual(edgeWords(key), refEdgeWords(key), `edgeWords ${JSON.stringify(key)}`);
  if (URLISH.test(s)) assert.ok(mayHoldUrl(s), `mayHoldUrl ${JSON.stringify(s)}`);
}

function txtFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...txtFiles(p));
    else if (e.endsWith('.txt')) out.push(p);
  }
  return out;
}

test('every line of the fixtures (raw and folded): the same as the regular expressions', () => {
  let n = 0;
  for (const dir of ['seeds', 'test/fixtures/real', 'test/fixtures/blind', 'test/fixtures/heldout', 'test/fixtures']) {
    for (const file of txtFiles(dir)) {
      for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
        same(line);
        same(fold(line));
        n++;
      }
    }
  }
  assert.ok(n > 10000, `${n} lines`);
});

const PIECES = [
  'a', 'Đ', 'ư', 'Ờ', 'ng', 'Việt', 'NAM', 'e\u0301', '\u0301', '1', '٣', '²', 'ß', 'ŉ', 'İ', 'Σ', 'ǅ', 'Ж', '中', '𝐀', '𝐚', '😀',
  '\ud800', '\udc00', ' ', '  ', '\t', '\u00a0', '\u2003', '.', '..', '...', '…', '!', '?', ':', ';', ',', '"', '“', '”', '’', "'",
  '»', ')', ']', '(', '-', '/', '|', '#', '©', 'r', 'ok', '\u200b', '\ufeff', 'www', 'WWW', 'http', 'httpſ', '://', '.vn', '.Com', '.net',
  '.org', '.INFO', 'info', 'com', 'vn', '_', '@', '2025',
];

test('generated strings of letters, marks, punctuation and spaces: the same as the regular expressions', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((a) => a.join('')), same), { numRuns: 20000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 12 }), same), { numRuns: 5000 });
  fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 }), same), { numRuns: 5000 });
});

test('every UTF-16 unit, alone and between letters, after a full stop and in a tail: the same as the regular expressions', () => {
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    for (const s of [ch, `A${ch}`, `a${ch}b`, `Ab. ${ch}`, `AB ${ch}`, `x.${ch} y`]) same(s);
  }
});

test('templateKeys: the keys lineFacts gives the short lines, without working out their other facts (fixtures and generated texts)', () => {
  const ref = (text: string) => {
    const seen = new Set<string>();
    for (const line of text.split(/\r\n|\r|\n/)) {
      if (line.length > MAX_TEMPLATE_CHARS * 3) continue;
      const f = lineFacts(line);
      if (f.blank || f.folded.length > MAX_TEMPLATE_CHARS) continue;
      seen.add(f.key);
    }
    return seen;
  };
  for (const dir of ['seeds', 'test/fixtures/real', 'test/fixtures/blind']) {
    for (const file of txtFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      assert.deepEqual([...templateKeys(text)], [...ref(text)], file);
    }
  }
  const pieces = [...PIECES, '\n', '\r\n', '\r', '\u200b', ' '.repeat(300), 'x'.repeat(299), 'y'.repeat(301)];
  fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join('')), (t) => {
    assert.deepEqual([...templateKeys(t)], [...ref(t)]);
  }), { numRuns: 3000 });
});
