// The CLI as a user runs it: `node dist/cli.js …` in a child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../server/src/testing/tempDir';

const CLI = path.resolve('dist/cli.js');
const SEEDS = path.resolve('seeds');

function run(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function copySeeds(): string {
  const dir = tempDir('cc-cli-');
  cpSync(SEEDS, dir, { recursive: true });
  return dir;
}

test('lint --format json: one object per file with the documented schema', () => {
  const r = run(['lint', SEEDS, '--format', 'json']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const out = JSON.parse(r.stdout) as Array<Record<string, any>>;
  assert.equal(out.length, 5);
  const first = out.find((o) => o.file.endsWith('000_f4915662ab95302d.txt'))!;
  assert.deepEqual(first.article.headline, { line: 1, text: 'Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh: Lan tỏa các mô hình hay trong học tập, làm theo Bác' });
  assert.deepEqual(first.article.dateline, { line: 3, text: 'Cập nhật: 03-12-2021 | 09:02:04', iso: '2021-12-03T09:02:04' });
  assert.deepEqual(first.article.byline, { line: 31, text: 'ĐỖ TRỌNG' });
  assert.deepEqual(first.article.blocks.filter((b: any) => b.kind === 'php-dump'), [
    { kind: 'php-dump', startLine: 54, endLine: 160 },
    { kind: 'php-dump', startLine: 161, endLine: 199 },
  ]);
  for (const o of out) {
    assert.ok(Array.isArray(o.diagnostics));
    for (const d of o.diagnostics) {
      for (const k of ['code', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']) assert.ok(k in d, `diagnostic lacks ${k}`);
      assert.ok(d.line >= 1 && d.column >= 1 && d.endLine >= d.line);
    }
  }
});

test('lint: a missing path is reported on stderr with exit status 2', () => {
  const r = run(['lint', path.join(SEEDS, 'no-such-file.txt'), '--format', 'json']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot read .*no-such-file\.txt: no such file or folder/);
});

test('lint: binary, invalid UTF-8 and oversized files are skipped with a reason, the rest is linted', () => {
  const dir = copySeeds();
  writeFileSync(path.join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from('Vi\xeat Nam\n', 'latin1'));
  const r = run(['lint', dir, '--format', 'json', '--max-size', '15000']);
  assert.match(r.stderr, /image\.txt: skipped: binary file/);
  assert.match(r.stderr, /latin1\.txt: skipped: not valid UTF-8 \(first bad byte at offset 2\)/);
  assert.match(r.stderr, /000_f4915662ab95302d\.txt: skipped: too large/);
  const out = JSON.parse(r.stdout) as Array<{ file: string; skipped?: string; article?: unknown }>;
  assert.equal(out.length, 7);
  assert.equal(out.filter((o) => o.skipped).length, 3);
  assert.equal(out.filter((o) => o.article).length, 4);
  // a skipped file is never touched by --fix
  const before = readFileSync(path.join(dir, 'latin1.txt'));
  run(['lint', dir, '--fix']);
  assert.deepEqual(readFileSync(path.join(dir, 'latin1.txt')), before);
});

test('outline prints the article tree', () => {
  const r = run(['outline', path.join(SEEDS, '000_f4915662ab95302d.txt')]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^article +Đảng bộ Khối Cơ quan .*\(2021-12-03T09:02:04\)/);
  assert.ok(lines.some((l) => /^  section +Gắn với công việc hàng ngày/.test(l)));
  assert.ok(lines.some((l) => /^ +record +Sao sáng tháng giêng/.test(l)));
  assert.ok(lines.some((l) => /^  byline +ĐỖ TRỌNG/.test(l)));
});

test('outline: an unreadable or binary path exits 2 with a message', () => {
  const r = run(['outline', '/nonexistent/file.txt']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot read/);
});

test('bad usage exits 2 with the usage text', () => {
  assert.equal(run([]).code, 2);
  assert.equal(run(['lint']).code, 2);
  const r = run(['lint', SEEDS, '--format', 'xml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown --format/);
});

test('lint --format sarif is valid SARIF 2.1.0 with one result per diagnostic', () => {
  const json = JSON.parse(run(['lint', SEEDS, '--format', 'json']).stdout) as Array<{ diagnostics: unknown[] }>;
  const r = run(['lint', SEEDS, '--format', 'sarif']);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].tool.driver.name, 'corpus-curator');
  assert.equal(sarif.runs[0].results.length, json.reduce((n, f) => n + f.diagnostics.length, 0));
});

test('--fix cleans a copy of the seeds; a second run finds nothing to fix and rewrites nothing', () => {
  const dir = copySeeds();
  const first = run(['lint', dir, '--fix', '--format', 'json']);
  assert.ok(first.code === 0 || first.code === 1, first.stderr);
  assert.match(first.stderr, /applied \d+ fix(es)? in \d+ files?/);
  const after = JSON.parse(first.stdout) as Array<{ file: string; diagnostics: Array<{ fixable: boolean; code: string }> }>;
  for (const f of after) assert.deepEqual(f.diagnostics.filter((d) => d.fixable).map((d) => d.code), [], f.file);
  const mtimes = readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs);
  const second = run(['lint', dir, '--fix']);
  assert.match(second.stderr, /applied 0 fixes in 0 files; 5 unchanged/);
  assert.deepEqual(readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs), mtimes);
  // no temporary files left behind
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('--fix keeps CRLF line endings and the BOM', () => {
  const dir = tempDir('cc-cli-');
  const src = readFileSync(path.join(SEEDS, '003_a9d5c90c0c69739c.txt'), 'utf8');
  const f = path.join(dir, 'crlf.txt');
  writeFileSync(f, '\ufeff' + src.replace(/\n/g, '\r\n'));
  run(['lint', f, '--fix']);
  const out = readFileSync(f, 'utf8');
  assert.ok(out.startsWith('\ufeff'), 'BOM kept');
  assert.equal(out.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF introduced');
  assert.ok(out.includes('\r\n'));
  assert.ok(out.length < src.length + 100);
});

test('--dry-run prints a diff and writes nothing', () => {
  const dir = copySeeds();
  const before = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const r = run(['lint', dir, '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^--- .*000_f4915662ab95302d\.txt/m);
  assert.match(r.stdout, /^-Array$/m);
  assert.deepEqual(readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')), before);
});

test('--fix applies the safe fixes only; --fix --unsafe-fixes the judgement calls too', () => {
  const dir = copySeeds();
  type Report = Array<{ file: string; diagnostics: Array<{ fixable: boolean; code: string; message: string }> }>;
  const safe = run(['lint', dir, '--fix', '--format', 'json']);
  assert.ok(safe.code === 0 || safe.code === 1, safe.stderr);
  // a pull quote restating a paragraph in other words: removing it would drop words found nowhere else
  const left = (JSON.parse(safe.stdout) as Report).flatMap((f) => f.diagnostics.filter((d) => d.code === 'near-duplicate-paragraph' && !d.fixable));
  assert.ok(left.length > 0, 'an unsafe near-duplicate is left by --fix');
  const unsafe = run(['lint', dir, '--fix', '--unsafe-fixes', '--format', 'json']);
  assert.ok(unsafe.code === 0 || unsafe.code === 1, unsafe.stderr);
  assert.match(unsafe.stderr, /applied [1-9]\d* fix(es)? in [1-9]\d* files?/);
  const after = (JSON.parse(unsafe.stdout) as Report).flatMap((f) => f.diagnostics.filter((d) => d.code === 'near-duplicate-paragraph'));
  for (const d of left) assert.ok(!after.some((a) => a.message === d.message), `removed: ${d.message}`);
  // alone it means nothing: bad usage
  const bad = run(['lint', dir, '--unsafe-fixes']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--unsafe-fixes goes with --fix or --dry-run/);
});
