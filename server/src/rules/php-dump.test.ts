// Tests for the php-dump rule: findings on dump blocks, removal and sidecar fixes, seeds against the gold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultKnowledge } from '../model/knowledge';
import { rule, sidecarJson, sidecarName } from './php-dump';
import { DEFAULT_RULE_OPTIONS } from './registry';
import { apply, assertSafe, displayLines, loadSeeds, onCleanBlocks, runRule, withSeverity } from './testkit';

const run = (text: string, file?: string) => runRule(rule, text, file);

const seeds = loadSeeds();

// ---- unit tests ------------------------------------------------------------------------------

const PRINT_R = [
  'Array',
  '(',
  '    [0] => Array',
  '        (',
  '            [news_id] => 1',
  '            [news_title] => Tin một',
  '        )',
  '',
  '    [1] => Array',
  '        (',
  '            [news_id] => 2',
  '            [news_title] => Tin hai',
  '        )',
  '',
  ')',
].join('\n');

const HEAD = 'Tiêu đề của bài báo\n\nĐoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường.\n\n';
const TAIL = '\n\nĐoạn văn cuối cùng của bài báo cũng là một đoạn văn bình thường.\n';

test('flags a print_r dump with format and record count; fix 1 removes it and its blank lines', () => {
  const text = HEAD + PRINT_R + TAIL;
  const { article, findings } = run(text, '/corpus/a/123_abc.txt');
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.code, 'php-dump');
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /print_r/);
  assert.match(f.message, /\b2 records\b/);
  assert.equal(f.fixes[0].title, 'Remove PHP dump');
  assert.notEqual(f.fixes[0].applicability, 'unsafe');
  assertSafe(article, findings);
  assert.equal(apply(text, f.fixes[0].edits), HEAD + TAIL.replace(/^\n\n/, ''));
});

test('fix 2 extracts the dump to <name>.meta.json with the parsed value and is not for fix-all', () => {
  const text = HEAD + PRINT_R + TAIL;
  const { findings } = run(text, '/corpus/a/123_abc.txt');
  const fix = findings[0].fixes[1];
  assert.equal(fix.title, 'Extract to sidecar');
  assert.equal(fix.applicability, 'unsafe');
  assert.deepEqual(fix.edits, findings[0].fixes[0].edits);
  assert.ok(fix.sidecar);
  assert.equal(fix.sidecar.fileName, '123_abc.meta.json');
  assert.deepEqual(fix.sidecar.json, {
    source: '123_abc.txt',
    dumps: [{
      format: 'print_r', startLine: 5, endLine: 19, truncated: false,
      value: [{ news_id: '1', news_title: 'Tin một' }, { news_id: '2', news_title: 'Tin hai' }],
    }],
  });
  // the sidecar is plain JSON
  assert.deepEqual(JSON.parse(JSON.stringify(fix.sidecar.json)), fix.sidecar.json);
});

test('each dump gets its own finding and its own sidecar record', () => {
  const text = HEAD + PRINT_R + '\n' + PRINT_R + TAIL;
  const { article, findings } = run(text, 'x.txt');
  assert.equal(findings.length, 2);
  const lines = findings.map((f) => (f.fixes[1].sidecar!.json as { dumps: Array<{ startLine: number }> }).dumps[0].startLine);
  assert.deepEqual(lines, [5, 20]);
  assertSafe(article, findings);
  // both removals together leave the prose only (the blank lines between are the whitespace rule's)
  assert.equal(apply(text, findings.flatMap((f) => f.fixes[0].edits)).replace(/\n{3,}/g, '\n\n'), HEAD + TAIL.replace(/^\n\n/, ''));
});

test('var_dump scalars become JSON numbers, booleans and null in the sidecar', () => {
  const dump = 'array(3) {\n  ["id"]=>\n  int(42)\n  ["ok"]=>\n  bool(true)\n  ["x"]=>\n  NULL\n}';
  const { findings } = run(HEAD + dump + TAIL);
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /var_dump/);
  assert.match(findings[0].message, /1 record\b/);
  const json = findings[0].fixes[1].sidecar!.json as { dumps: Array<{ value: unknown; format: string }> };
  assert.equal(json.dumps[0].format, 'var_dump');
  assert.deepEqual(json.dumps[0].value, { id: 42, ok: true, x: null });
});

test('sidecar names: base name without .txt, any path separator, article.meta.json when unknown', () => {
  assert.equal(sidecarName('/a/b/000_f49.txt'), '000_f49.meta.json');
  assert.equal(sidecarName('C:\\corpus\\x\\Bai.TXT'), 'Bai.meta.json');
  assert.equal(sidecarName('relative.txt'), 'relative.meta.json');
  assert.equal(sidecarName('notes.md'), 'notes.md.meta.json');
  assert.equal(sidecarName(undefined), 'article.meta.json');
  assert.equal(sidecarName(''), 'article.meta.json');
  assert.equal(sidecarName('/dir/'), 'article.meta.json');
  const { findings } = run(HEAD + PRINT_R + TAIL);
  assert.equal(findings[0].fixes[1].sidecar!.fileName, 'article.meta.json');
  const { article } = run(HEAD + PRINT_R + TAIL);
  const dump = article.blocks.find((b) => b.kind === 'php-dump')!.dump!;
  assert.equal(sidecarJson(undefined, dump).source, 'article.txt');
});

test('a dump at the very end takes the blank lines before it, keeping the final line break', () => {
  const text = HEAD + PRINT_R + '\n';
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  assertSafe(article, findings);
  assert.equal(apply(text, findings[0].fixes[0].edits), HEAD.replace(/\n\n$/, '\n'));
});

test('CRLF text: the range and the edit stay inside the text and remove the dump cleanly', () => {
  const text = (HEAD + PRINT_R + TAIL).replace(/\n/g, '\r\n');
  const { article, findings } = run(text);
  assert.equal(findings.length, 1);
  assertSafe(article, findings);
  assert.equal(apply(text, findings[0].fixes[0].edits), (HEAD + TAIL.replace(/^\n\n/, '')).replace(/\n/g, '\r\n'));
});

test('no findings on prose, on text that mentions Array or =>, and on odd input', () => {
  for (const t of ['', '\n\n', '   ', HEAD + TAIL, 'Array\nvăn bản => không phải dump.\n', '\u0000\ud800\r\n', '\ufeff']) {
    const { article, findings } = run(t);
    assert.deepEqual(findings, [], JSON.stringify(t));
    assertSafe(article, findings);
  }
});

test('a truncated dump says so', () => {
  const cut = PRINT_R.split('\n').slice(0, 8).join('\n');
  const { findings } = run(HEAD + cut + TAIL);
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /truncated/);
  assert.equal((findings[0].fixes[1].sidecar!.json as { dumps: Array<{ truncated: boolean }> }).dumps[0].truncated, true);
});

test('a large article with many dumps: every dump found', () => {
  const text = HEAD + Array.from({ length: 500 }, () => PRINT_R).join('\n\nMột đoạn văn chen giữa.\n\n') + TAIL;
  const { article } = run(text);
  const findings = withSeverity(rule, rule.check({ article, knowledge: defaultKnowledge, options: DEFAULT_RULE_OPTIONS, file: 'big.txt' }));
  assert.equal(findings.length, 500);
});

// ---- seeds -----------------------------------------------------------------------------------

test('seeds: the gold php-dump defects are found, nothing lands on a clean block', () => {
  assert.equal(seeds.length, 5);
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text, path.join('seeds', gold.file));
    assertSafe(article, findings);
    assert.deepEqual(onCleanBlocks(gold, article, findings), []);
    for (const d of gold.defects.filter((x) => x.code === 'php-dump' && !x.optional)) {
      assert.ok(findings.some((f) => {
        const [s, e] = displayLines(article, f);
        return s === d.lines[0] && e >= d.lines[1];
      }), `${gold.file}: php-dump ${d.lines.join('-')} not found`);
    }
    const expected = gold.defects.filter((x) => x.code === 'php-dump').length;
    assert.equal(findings.length, expected, gold.file);
  }
  const s0 = seeds.find((s) => s.gold.file.startsWith('000_'))!;
  const { findings } = run(s0.text, '/c/seeds/000_f4915662ab95302d.txt');
  assert.match(findings[0].message, /print_r dump .*8 records/);
  assert.match(findings[1].message, /3 records/);
  assert.equal(findings[0].fixes[1].sidecar!.fileName, '000_f4915662ab95302d.meta.json');
  const j = findings[0].fixes[1].sidecar!.json as { source: string; dumps: Array<{ startLine: number; endLine: number; value: Array<Record<string, unknown>> }> };
  assert.equal(j.source, '000_f4915662ab95302d.txt');
  assert.equal(j.dumps[0].startLine, 54);
  assert.equal(j.dumps[0].endLine, 160);
  assert.equal(j.dumps[0].value.length, 8);
  assert.equal(j.dumps[0].value[0].news_id, '263820');
});
