// Tests for the boilerplate rule: one finding per site-chrome block, removal with its blank lines, seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../model/article';
import { defaultKnowledge } from '../model/knowledge';
import type { Article } from '../model/types';
import { lineOf } from './ranges';
import { rule } from './boilerplate';
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

/**
 * Applies the first finding's fix and re-checks until nothing is left. (The removal range of the
 * last block of a text takes the line break before it, which the removal of the block before that
 * takes too: the two meet, so fix-all applies them in two passes.)
 */
function fixOneByOne(text: string): string {
  let t = text;
  for (let n = 0; n < 50; n++) {
    const fs = run(t).findings;
    if (fs.length === 0) break;
    t = apply(t, fs[0].fixes[0].edits);
  }
  return t;
}

// ---- unit tests ------------------------------------------------------------------------------

const BODY = [
  'Tiêu đề của bài báo hôm nay',
  '',
  'Đoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường trong bài.',
  '',
  'A A',
  '',
  'Đoạn văn thứ hai của bài báo, cũng đủ dài để là một đoạn văn bình thường trong bài.',
  '',
  'ĐỖ TRỌNG',
  '',
  'Chia sẻ bài viết',
  '',
  'Quay lên trên',
  '',
].join('\n');

test('flags each chrome block with its kind and quotes it; the fix removes it with its blank lines', () => {
  const { article, findings } = run(BODY);
  assert.deepEqual(findings.map((f) => lineOf(article, f.end - 1) + 1), [6, 12, 13]);
  assert.deepEqual(findings.map((f) => article.text.slice(f.start, f.end).trim()), ['A A', 'Chia sẻ bài viết', 'Quay lên trên']);
  assert.ok(findings.every((f) => f.code === 'boilerplate' && f.severity === 'warning'));
  assert.match(findings[0].message, /^Page widget .*“A A”/);
  assert.match(findings[1].message, /^Share\/tag widget .*“Chia sẻ bài viết”/);
  assert.match(findings[2].message, /^Navigation link .*“Quay lên trên”/);
  assertSafe(article, findings);
  assert.equal(apply(BODY, findings[0].fixes[0].edits), BODY.replace('A A\n\n', ''));
  // all of them (one at a time, as fix-all's passes do): the body and byline are left, ending with one line break
  assert.equal(fixOneByOne(BODY), BODY.replace('A A\n\n', '').split('\n').slice(0, 7).join('\n') + '\n');
});

test('lone punctuation lines and comment-form notices are chrome too', () => {
  const text = '.\n.\nTiêu đề của bài báo\n\nĐoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường.\n\nTrả lời\n\nEmail của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *\n';
  const { article, findings } = run(text);
  assert.equal(findings.length, 4);
  assert.match(findings[0].message, /^Lone punctuation line/);
  assert.match(findings[2].message, /^Comment-form text .*“Trả lời”/);
  assert.match(findings[3].message, /Email của bạn/);
  assertSafe(article, findings);
  assert.equal(fixOneByOne(text),
    'Tiêu đề của bài báo\n\nĐoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường.\n');
});

test('a long chrome line is quoted briefly', () => {
  const { findings } = run('Tiêu đề\n\nĐoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường.\n\nEmail của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu * và phải điền đủ\n');
  assert.equal(findings.length, 1);
  assert.ok(findings[0].message.length < 120, findings[0].message);
  assert.match(findings[0].message, /…”$/);
});

test('no findings on clean prose and on odd input; CRLF handled', () => {
  for (const t of ['', '\n', 'Tiêu đề\n\nMột đoạn văn bình thường của bài báo này.\n']) {
    const { article, findings } = run(t);
    assert.deepEqual(findings, [], JSON.stringify(t));
    assertSafe(article, findings);
  }
  // NUL bytes and lone surrogates: no throw, safe ranges (the parser may call such lines chrome)
  for (const t of ['\u0000', '\ud800\n\ud800', '\udc00\r\n\r\nx\u0000y.']) {
    const { article, findings } = run(t);
    assertSafe(article, findings);
  }
  const crlf = BODY.replace(/\n/g, '\r\n');
  const { article, findings } = run(crlf);
  assert.equal(findings.length, 3);
  assertSafe(article, findings);
  assert.equal(apply(crlf, findings[0].fixes[0].edits), BODY.replace('A A\n\n', '').replace(/\n/g, '\r\n'));
});

test('fast on a large article', () => {
  const text = Array.from({ length: 20000 }, (_, i) => (i % 5 === 0 ? 'A A' : `Đoạn văn số ${i} của bài báo, đủ dài để là một đoạn văn bình thường.`)).join('\n\n');
  const { article } = run(text);
  const t0 = performance.now();
  rule.check({ article, knowledge: defaultKnowledge, options: DEFAULT_RULE_OPTIONS });
  assert.ok(performance.now() - t0 < 1000);
});

// ---- seeds -----------------------------------------------------------------------------------

test('seeds: every gold boilerplate line is flagged, nothing lands on a clean block', () => {
  assert.equal(seeds.length, 5);
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    assertSafe(article, findings);
    assert.deepEqual(onCleanBlocks(gold, article, findings), []);
    const lines = text.split(/\r\n|\r|\n/);
    for (const b of gold.blocks.filter((x) => x.kind === 'boilerplate')) {
      for (let l = b.startLine; l <= b.endLine; l++) {
        if (lines[l - 1].trim() === '') continue;
        assert.ok(findings.some((f) => {
          const [s, e] = displayLines(article, f);
          return s <= l && l <= e;
        }), `${gold.file}:${l} boilerplate not flagged`);
      }
    }
  }
});
