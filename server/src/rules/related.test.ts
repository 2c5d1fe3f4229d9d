// Tests for the related rule: one finding per teaser list, removing the whole list, seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../model/article';
import { defaultKnowledge } from '../model/knowledge';
import type { Article } from '../model/types';
import { lineOf } from './ranges';
import { rule } from './related';
import { DEFAULT_RULE_OPTIONS, type Finding, type TextEdit } from './types';

// ---- helpers (seeds, gold, applying edits) ---------------------------------------------------

interface Gold {
  file: string;
  blocks: Array<{ kind: string; startLine: number; endLine: number }>;
  defects: Array<{ code: string; lines: [number, number]; optional?: boolean }>;
}

function loadSeeds(): Array<{ gold: Gold; text: string }> {
  const dir = path.join('test', 'fixtures', 'gold');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.gold.json')).sort().map((f) => {
    const gold = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Gold;
    return { gold, text: readFileSync(path.join('seeds', gold.file), 'utf8') };
  });
}

function run(text: string, file?: string): { article: Article; findings: Finding[] } {
  const article = parseArticle(text);
  return { article, findings: rule.check({ article, knowledge: defaultKnowledge, options: DEFAULT_RULE_OPTIONS, file }) };
}

function apply(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    assert.ok(e.start >= pos && e.end >= e.start && e.end <= text.length, 'edits overlap or leave the text');
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  // blank lines a removal leaves at the very end are the whitespace rule's to remove (next pass)
  return (out + text.slice(pos)).replace(/(\r?\n)(?:[ \t\u00a0]*\r?\n)+$/, '$1');
}

/** The safety property: every edit of every fix inside the finding's range, no overlaps. */
function assertSafe(a: Article, fs: readonly Finding[]): void {
  for (const f of fs) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= a.text.length, `bad range ${f.start}-${f.end}`);
    for (const fix of f.fixes) {
      assert.ok(fix.title.length > 0);
      for (const e of fix.edits) assert.ok(e.start >= f.start && e.end <= f.end, `${fix.title}: edit outside the finding`);
      apply(a.text, fix.edits);
    }
  }
}

/**
 * 1-based lines a finding covers, as a reader sees them: a range that starts in a line's EOL begins
 * on the next line; one that ends at a line start ends on the line before.
 */
function displayLines(a: Article, f: Finding): [number, number] {
  let s = lineOf(a, f.start);
  if (f.end > f.start && f.start >= a.lines[s].end && s + 1 < a.lines.length) s++;
  const e = Math.max(s, lineOf(a, Math.max(f.start, f.end - 1)));
  return [s + 1, e + 1];
}

const JUNK = new Set(['boilerplate', 'related', 'php-dump', 'blank']);

/** Findings of the rule that overlap a block the gold calls clean (and no defect of this code there). */
function onCleanBlocks(gold: Gold, a: Article, fs: readonly Finding[]): string[] {
  const bad: string[] = [];
  for (const f of fs) {
    if (f.severity !== 'warning' && f.severity !== 'error') continue;
    const [s, e] = displayLines(a, f);
    for (const b of gold.blocks) {
      if (JUNK.has(b.kind) || b.endLine < s || b.startLine > e) continue;
      const explained = gold.defects.some((d) => d.code === f.code && d.lines[0] <= e && d.lines[1] >= s);
      if (!explained) bad.push(`${gold.file}:${s}-${e} on clean ${b.kind} ${b.startLine}: ${f.message}`);
    }
  }
  return bad;
}

const seeds = loadSeeds();

// ---- unit tests ------------------------------------------------------------------------------

test('seed 000: one finding for the teaser list at 38-52, counting its 8 teaser lines', () => {
  const s0 = seeds.find((s) => s.gold.file.startsWith('000_'))!;
  const { article, findings } = run(s0.text);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.code, 'related');
  assert.equal(f.severity, 'warning');
  assert.deepEqual(displayLines(article, f), [38, 52]);
  assert.match(f.message, /\(8 lines\)/);
  assert.match(f.message, /Bài 1:/);
  assertSafe(article, findings);
  // the fix removes the whole list, lines 38-52; it sits right under line 37, so the blank line
  // after it stays and line 37 does not run into the dump
  const after = apply(s0.text, f.fixes[0].edits).split('\n');
  const before = s0.text.split('\n');
  assert.deepEqual(after.slice(0, 37), before.slice(0, 37));
  assert.equal(after[37], '');
  assert.equal(after[38], before[53]);
  assert.equal(after.length, before.length - 15);
});

test('a teaser list at the end of the text is removed with the blank lines before it', () => {
  const body = [
    'Tiêu đề của bài báo hôm nay',
    '',
    'Đoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường trong bài báo này, với nhiều chữ hơn hai mươi lăm chữ để chắc chắn.',
    '',
    'Đoạn văn thứ hai của bài báo, cũng đủ dài để là một đoạn văn bình thường trong bài báo này, với nhiều chữ hơn hai mươi lăm chữ nữa.',
    '',
    'ĐỖ TRỌNG',
    '',
  ].join('\n');
  const text = body + 'Chia sẻ bài viết\n\nTin cùng chuyên mục một\n\nTin cùng chuyên mục hai\n\nTin cùng chuyên mục ba\n';
  const { article, findings } = run(text);
  const rel = article.blocks.filter((b) => b.kind === 'related');
  assert.equal(findings.length, rel.length);
  assert.ok(findings.length >= 1, 'the parser labels the teasers related');
  assertSafe(article, findings);
  const f = findings[findings.length - 1];
  assert.match(f.message, /\(3 lines\)/);
  assert.equal(apply(text, f.fixes[0].edits), body + 'Chia sẻ bài viết\n');
});

test('no findings on clean prose and on odd input', () => {
  for (const t of ['', '\n\n', 'Tiêu đề\n\nMột đoạn văn bình thường của bài báo này.\n', '\u0000\r\n\ud800']) {
    const { article, findings } = run(t);
    assert.deepEqual(findings, [], JSON.stringify(t));
    assertSafe(article, findings);
  }
});

// ---- seeds -----------------------------------------------------------------------------------

test('seeds: gold related blocks are flagged, nothing lands on a clean block', () => {
  assert.equal(seeds.length, 5);
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    assertSafe(article, findings);
    assert.deepEqual(onCleanBlocks(gold, article, findings), []);
    for (const b of gold.blocks.filter((x) => x.kind === 'related')) {
      assert.ok(findings.some((f) => {
        const [s, e] = displayLines(article, f);
        return s <= b.startLine && e >= b.endLine;
      }), `${gold.file}:${b.startLine} related not flagged whole`);
    }
  }
});
