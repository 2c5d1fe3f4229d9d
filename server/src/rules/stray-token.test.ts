// Tests for the stray-token rule: fragments after the final punctuation, lone punctuation lines, seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../model/article';
import { defaultKnowledge } from '../model/knowledge';
import type { Article } from '../model/types';
import { lineOf } from './ranges';
import { rule, strayFragment } from './stray-token';
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

const HEAD = 'Tiêu đề của bài báo hôm nay\n\n';
const P = 'Đoạn văn của bài báo, đủ dài để là một đoạn văn bình thường trong bài';

/** The fragment strayFragment finds at the end of a line, or null. */
function frag(line: string): string | null {
  const s = strayFragment(line);
  return s ? line.slice(s.startColumn, s.endColumn) : null;
}

test('flags a short fragment after the final punctuation: the space and the fragment only', () => {
  const text = `${HEAD}${P} quần chúng...”. r\n\n${P}.\n`;
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.code, 'stray-token');
  assert.equal(f.severity, 'warning');
  assert.equal(text.slice(f.start, f.end), ' r');
  assert.match(f.message, /“r”/);
  assert.equal(f.fixes[0].title, 'Remove stray “r”');
  assertSafe(article, findings);
  assert.equal(apply(text, f.fixes[0].edits), `${HEAD}${P} quần chúng...”.\n\n${P}.\n`);
});

test('what counts as a stray fragment', () => {
  assert.equal(frag(`${P}...”. r`), ' r');
  assert.equal(frag(`${P}. ab`), ' ab');
  assert.equal(frag(`${P}? x`), ' x');
  assert.equal(frag(`${P}! k`), ' k');
  assert.equal(frag(`${P}… r`), ' r');
  assert.equal(frag(`${P} năm 2023. 5`), ' 5');
  assert.equal(frag(`Ông nói: “Đúng vậy.” r`), ' r');
  assert.equal(frag(`${P}. r   `), ' r', 'trailing white space is left to the whitespace rule');
  assert.equal(frag(`${P}.\u00a0r`), '\u00a0r');
  assert.equal(frag(`${P}. a\u0323`), ' a\u0323', 'a decomposed letter is one letter');
  assert.equal(frag(`${P}. Ở`), ' Ở');
});

test('legitimate line endings are not flagged', () => {
  for (const line of [
    `${P}./.`,
    `${P}, v.v.`,
    `${P}, v. v`,
    `${P} tại TP. HN`,
    `${P} ở Q. 1`,
    `${P} của ông Nguyễn Văn A. B`,
    `${P} (*)`,
    `${P}...”.`,
    `${P}…”`,
    `${P}! :D`,
    `${P}! xD`,
    `${P}. PV`,
    `${P}. abc`,
    `${P}. 12`,
    `${P} gọi là “Hà Nội” ở`,
    `${P}, r`,
    `${P}: r`,
    `${P}.r`,
    `${P} r`,
    '. r',
    'r',
    '',
    `${P}. ${'\ud800'}`,
  ]) {
    assert.equal(frag(line), null, JSON.stringify(line));
  }
});

test('only paragraphs, captions, headings and bylines are checked for fragments', () => {
  // a headline ending with a fragment is left alone (it is the title, not body text)
  const { findings } = run(`Tiêu đề của bài báo. r\n\n${P}.\n`);
  assert.deepEqual(findings, []);
  // a caption (no final punctuation, photo cue) and a heading-like question
  const t2 = `${HEAD}${P}.\n\nẢnh: Quang cảnh hội nghị. TL r\n\n${P}.\n`;
  assert.deepEqual(run(t2).findings, []);
});

test('lone punctuation lines: flagged when the block is not boilerplate, never double-flagged', () => {
  const text = `${HEAD}${P}.\n\n.\n\n${P}.\n\n./.\n\n${P}.\n`;
  const article = parseArticle(text);
  const ctx = { article, knowledge: defaultKnowledge, options: DEFAULT_RULE_OPTIONS };
  // the parser calls the '.' and './.' lines boilerplate: the boilerplate rule flags them, this rule does not
  assert.equal(article.blocks.find((b) => b.text === '.')?.kind, 'boilerplate');
  assert.deepEqual(rule.check(ctx), []);
  // a lone punctuation line the parser took for a paragraph is flagged, its fix removes the line
  for (const b of article.blocks) if (b.text === '.' || b.text === './.') b.kind = 'paragraph';
  const fs = rule.check(ctx);
  assert.equal(fs.length, 1, './. is the Vietnamese end mark and stays');
  assert.match(fs[0].message, /Lone punctuation line “\.”/);
  assertSafe(article, fs);
  assert.equal(apply(text, fs[0].fixes[0].edits), `${HEAD}${P}.\n\n${P}.\n\n./.\n\n${P}.\n`);
});

test('php dumps, related teasers and odd input: no findings, no throw', () => {
  const dump = 'Array\n(\n    [0] => x. r\n)\n';
  assert.deepEqual(run(`${HEAD}${P}.\n\n${dump}`).findings, []);
  for (const t of ['', '\n\n', '\u0000. r', '\ud800\r\n\r\n. .', 'x. r\r\ny. z\r\n']) {
    const { article, findings } = run(t);
    assertSafe(article, findings);
  }
});

test('CRLF: the fragment range is on the line, not its line break', () => {
  const text = `${HEAD}${P}...”. r\n\n${P}.\n`.replace(/\n/g, '\r\n');
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  assert.equal(text.slice(findings[0].start, findings[0].end), ' r');
  assertSafe(article, findings);
});

test('fast: only the end of a huge line is looked at', () => {
  const huge = 'chữ '.repeat(2_500_000) + 'hết. r';
  const t0 = performance.now();
  assert.equal(frag(huge), ' r');
  assert.equal(frag('chữ. '.repeat(2_500_000)), null);
  assert.ok(performance.now() - t0 < 200);
});

// ---- seeds -----------------------------------------------------------------------------------

test('seeds: the stray r at 000:27 is found, nothing else is flagged', () => {
  assert.equal(seeds.length, 5);
  let total = 0;
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    assertSafe(article, findings);
    assert.deepEqual(onCleanBlocks(gold, article, findings), []);
    for (const d of gold.defects.filter((x) => x.code === 'stray-token' && !x.optional)) {
      assert.ok(findings.some((f) => {
        const [s, e] = displayLines(article, f);
        return s <= d.lines[1] && e >= d.lines[0];
      }), `${gold.file}: stray-token ${d.lines[0]} not found`);
    }
    total += findings.length;
  }
  assert.equal(total, 1);
  const s0 = seeds.find((s) => s.gold.file.startsWith('000_'))!;
  const { article, findings } = run(s0.text);
  assert.equal(s0.text.slice(findings[0].start, findings[0].end), ' r');
  assert.ok(apply(s0.text, findings[0].fixes[0].edits).split('\n')[26].endsWith('quần chúng...”.'));
  assert.deepEqual(displayLines(article, findings[0]), [27, 27]);
});
