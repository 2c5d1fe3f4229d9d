// The article model against the gold labels: every scored line of every seed gets the gold kind,
// and the dateline parses to the gold ISO date. Also the held-out articles, when present, are held
// to the 95% line-accuracy target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../server/src/model/article';
import type { Article, BlockKind } from '../../server/src/model/types';

interface Gold {
  file: string;
  isoDate: string | null;
  blocks: Array<{ kind: BlockKind; startLine: number; endLine: number }>;
}

function loadGold(dir: string): Array<{ gold: Gold; text: string }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => {
      const gold = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Gold;
      const txt = [path.join(dir, gold.file), path.join('seeds', gold.file)].find((p) => existsSync(p))!;
      return { gold, text: readFileSync(txt, 'utf8') };
    });
}

/** Lines where the model disagrees with the gold (blank lines inside multi-line gold blocks are not scored). */
function mismatches(gold: Gold, text: string, a: Article): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const got = new Map<number, BlockKind>();
  for (const b of a.blocks) for (let l = b.startLine; l <= b.endLine; l++) got.set(l + 1, b.kind);
  const out: string[] = [];
  for (const b of gold.blocks) {
    for (let l = b.startLine; l <= b.endLine; l++) {
      if (b.kind !== 'blank' && (lines[l - 1] ?? 'x').replace(/[\s\u00a0\u200b\ufeff]/g, '') === '') continue;
      const g = got.get(l) ?? 'blank';
      if (g !== b.kind) out.push(`${gold.file}:${l} gold ${b.kind}, got ${g}: ${JSON.stringify((lines[l - 1] ?? '').slice(0, 60))}`);
    }
  }
  return out;
}

function scored(gold: Gold, text: string): number {
  const lines = text.split(/\r\n|\r|\n/);
  let n = 0;
  for (const b of gold.blocks) for (let l = b.startLine; l <= b.endLine; l++) {
    if (b.kind !== 'blank' && (lines[l - 1] ?? 'x').replace(/[\s\u00a0\u200b\ufeff]/g, '') === '') continue;
    n++;
  }
  return n;
}

const seeds = loadGold('test/fixtures/gold');

test('the five seed gold files are present', () => {
  assert.equal(seeds.length, 5);
});

for (const { gold, text } of seeds) {
  test(`seed ${gold.file}: every line has its gold kind`, () => {
    const a = parseArticle(text);
    assert.deepEqual(mismatches(gold, text, a), []);
  });
  test(`seed ${gold.file}: the date is ${gold.isoDate ?? 'absent'}`, () => {
    const a = parseArticle(text);
    if (gold.isoDate === null) assert.equal(a.date, null);
    else assert.equal(a.date?.iso.slice(0, 16), gold.isoDate.slice(0, 16));
  });
}

test('seed 000: headline with an inline kicker, the dateline, the byline', () => {
  const { text } = seeds.find((s) => s.gold.file.startsWith('000'))!;
  const a = parseArticle(text);
  assert.equal(a.headline?.startLine, 0);
  assert.equal(a.headline?.inlineKicker?.text, 'Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh');
  assert.equal(a.dateline?.startLine, 2);
  assert.equal(a.byline?.text, 'ĐỖ TRỌNG');
});

test('seed 003: the lead keeps its (GLO)- source prefix, the kicker line is found', () => {
  const { text } = seeds.find((s) => s.gold.file.startsWith('003'))!;
  const a = parseArticle(text);
  assert.equal(a.kicker?.startLine, 3);
  assert.equal(a.blocks.find((b) => b.kind === 'paragraph')?.sourcePrefix, '(GLO)-');
});

const heldout = loadGold('test/fixtures/heldout');
if (heldout.length) {
  test(`held-out articles (${heldout.length}): at least 95% of lines right`, () => {
    let total = 0;
    const wrong: string[] = [];
    for (const { gold, text } of heldout) {
      total += scored(gold, text);
      wrong.push(...mismatches(gold, text, parseArticle(text)));
    }
    const acc = 1 - wrong.length / total;
    assert.ok(acc >= 0.95, `line accuracy ${(acc * 100).toFixed(1)}% < 95%:\n${wrong.slice(0, 30).join('\n')}`);
  });
}
