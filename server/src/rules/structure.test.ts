// Tests for the structure rule: missing headline/dateline/byline, unparsable dates, empty articles, seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../model/article';
import { defaultKnowledge } from '../model/knowledge';
import type { Article } from '../model/types';
import { lineOf } from './ranges';
import { rule } from './structure';
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
  return out + text.slice(pos);
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

const P = 'Đoạn văn của bài báo, đủ dài để là một đoạn văn bình thường trong bài báo này.';

test('a complete article has no findings', () => {
  const { findings } = run(`Tiêu đề của bài báo\n\nCập nhật: 03-12-2021 | 09:02:04\n\n${P}\n\n${P}\n\nĐỖ TRỌNG\n`);
  assert.deepEqual(findings, []);
});

test('an unparsable dateline is reported on the dateline line, as information, without a fix', () => {
  const text = `Tiêu đề của bài báo\n\nCập nhật: 32-13-2021 | 09:02:04\n\n${P}\n\nĐỖ TRỌNG\n`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.code, 'structure');
  assert.equal(f.severity, 'information');
  assert.match(f.message, /Cannot parse the date/);
  assert.match(f.message, /32-13-2021/);
  assert.equal(text.slice(f.start, f.end), 'Cập nhật: 32-13-2021 | 09:02:04');
  assert.deepEqual(f.fixes, []);
  assertSafe(article, findings);
});

test('missing headline, dateline and byline: one finding each, on the first line', () => {
  const long = Array.from({ length: 50 }, (_, i) => `chữ${i}`).join(' ') + '.';
  const text = `${long}\n\n${P}\n`;
  const { article, findings } = run(text);
  assert.deepEqual(findings.map((f) => f.message.split(':')[0]), ['Missing headline', 'Missing dateline', 'Missing byline']);
  for (const f of findings) {
    assert.equal(f.severity, 'information');
    assert.equal(f.start, 0);
    assert.equal(f.end, article.lines[0].end);
    assert.deepEqual(f.fixes, []);
  }
  assertSafe(article, findings);
});

test('an article whose first line is blank gets a zero-length range at the top', () => {
  const { findings } = run(`\n\nTiêu đề của bài báo\n\n${P}\n\nĐỖ TRỌNG\n`);
  assert.deepEqual(findings.map((f) => f.message.split(':')[0]), ['Missing dateline']);
  assert.equal(findings[0].start, 0);
  assert.equal(findings[0].end, 0);
});

test('an empty or whitespace-only article gets a single "empty article" finding', () => {
  for (const t of ['', '\n', '   \n\t\n\u00a0\u200b\n', '\r\n\r\n']) {
    const { article, findings } = run(t);
    assert.equal(findings.length, 1, JSON.stringify(t));
    assert.match(findings[0].message, /^Empty article/);
    assert.equal(findings[0].severity, 'information');
    assertSafe(article, findings);
  }
});

test('odd input does not throw', () => {
  for (const t of ['\u0000', '\ud800', '\ufeffTiêu đề\r\n', 'x\r\ry\n\rz']) {
    const { article, findings } = run(t);
    assertSafe(article, findings);
    assert.ok(findings.every((f) => f.severity === 'information'));
  }
});

// ---- seeds -----------------------------------------------------------------------------------

test('seeds: only 002 lacks structure (no dateline, no byline); never a warning', () => {
  assert.equal(seeds.length, 5);
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    assertSafe(article, findings);
    assert.deepEqual(onCleanBlocks(gold, article, findings), []);
    assert.ok(findings.every((f) => f.severity === 'information'));
    const got = findings.map((f) => f.message.split(':')[0]);
    if (gold.file.startsWith('002_')) {
      assert.deepEqual(got, ['Missing dateline', 'Missing byline']);
      assert.deepEqual(displayLines(article, findings[0]), [1, 1]);
    } else {
      assert.deepEqual(got, [], gold.file);
    }
  }
});
