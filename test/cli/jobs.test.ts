// lint streams its files through worker threads in three passes (server/src/batch/): its report
// must be the one an in-memory run of the engine gives, byte for byte, whatever --jobs says, on a
// corpus where the corpus-wide rules speak (copies of an article, a footer line on every page, a
// site's recurring template lines) and where some files are not articles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, withCorpusFindings } from '../../server/src/engine/analyze';
import { articleJson, diagnosticJson } from '../../server/src/engine/report';
import { buildCorpusFromTexts } from '../../server/src/index/corpus';
import { lineCountsOf } from '../../server/src/model/frequency';
import { tempDir } from '../../server/src/testing/tempDir';

const CLI = path.resolve('dist/cli.js');

function corpus(): string {
  const dir = tempDir('cc-jobs-');
  const seeds = readdirSync('seeds').filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join('seeds', f), 'utf8'));
  // (the first 24 of the single-letter batches, the articles this test was written on: the corpus
  // grows by new batches, and the test's corpus should not change with it)
  const real = readdirSync('test/fixtures/real').filter((f) => /^[a-z]\d+_.*\.txt$/.test(f)).sort().slice(0, 24)
    .map((f) => readFileSync(path.join('test/fixtures/real', f), 'utf8'));
  const footer = 'Mời bạn đọc tham gia cuộc thi viết về gương người tốt việc tốt ở khu dân cư năm nay';
  let i = 0;
  for (const t of [...seeds, ...real]) writeFileSync(path.join(dir, `a${String(i++).padStart(3, '0')}.txt`), `${t.trimEnd()}\n\n${footer}\n`);
  writeFileSync(path.join(dir, 'copy-of-a000.txt'), seeds[0]); // an exact copy
  writeFileSync(path.join(dir, 'near-a001.txt'), seeds[1].replace(/\./, ',')); // a near copy
  writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  return dir;
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The engine over the texts in memory, as `lint --format json` reported it before it streamed. */
function reference(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f));
  const texts = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const readable = texts.filter((t) => !t.text.includes('\u0000'));
  const frequency = lineCountsOf(readable.map((t) => t.text));
  const base = new Map(readable.map((t) => [t.file, analyze(t.text, { file: t.file, frequency })]));
  const index = buildCorpusFromTexts(readable.map((t) => ({ file: t.file, text: t.text, analysis: base.get(t.file) })));
  const reports = texts.map((t) => {
    const b = base.get(t.file);
    if (!b) return { file: t.file, skipped: 'binary file (it contains NUL bytes); not an article', diagnostics: [] };
    const { article, findings } = withCorpusFindings(b, { file: t.file, corpus: index });
    return { file: t.file, article: articleJson(article), diagnostics: findings.map((f) => diagnosticJson(article, f)) };
  });
  return JSON.stringify(reports, null, 1) + '\n';
}

test('lint --format json is the same, byte for byte, as the engine in memory, with --jobs 1 and --jobs 3', () => {
  const dir = corpus();
  const expected = reference(dir);
  const parsed = JSON.parse(expected) as Array<{ file: string; diagnostics: Array<{ code: string; message: string }> }>;
  assert.ok(parsed.some((r) => r.diagnostics.some((d) => d.code === 'duplicate-article')), 'the copies are found');
  // the footer recurs in every file: read with the corpus' line counts, it is chrome
  const footerFlagged = parsed.filter((r) => r.diagnostics.some((d) => d.code === 'boilerplate' && d.message.includes('cuộc thi viết'))).length;
  assert.ok(footerFlagged >= 20, `the recurring footer is chrome in ${footerFlagged} files`);
  for (const jobs of ['1', '3']) {
    const r = run(['lint', dir, '--format', 'json', '--jobs', jobs]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.match(r.stderr, /binary\.txt: skipped: binary file/);
    assert.equal(r.stdout, expected, `--jobs ${jobs}`);
  }
});

test('lint: stylish and SARIF reports do not depend on --jobs', () => {
  const dir = corpus();
  for (const format of ['stylish', 'sarif']) {
    const one = run(['lint', dir, '--format', format, '--jobs', '1']);
    const two = run(['lint', dir, '--format', format, '--jobs', '2']);
    assert.equal(two.code, one.code);
    assert.ok(one.stdout.length > 1000);
    assert.equal(two.stdout, one.stdout, format);
  }
});

test('lint: an empty folder gives an empty JSON array; a bad --jobs is refused with exit status 2', () => {
  const dir = tempDir('cc-jobs-empty-');
  const r = run(['lint', dir, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '[]\n');
  for (const bad of ['0', 'two', '1.5']) {
    const b = run(['lint', dir, '--jobs', bad]);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /--jobs must be a whole number/);
  }
});

test('lint keeps its reports in a temporary file and leaves nothing there; where none can be written, or the disk fills, the report is the same', () => {
  const dir = corpus();
  const expected = reference(dir);
  const tmp = tempDir('cc-jobs-tmp-');
  const withEnv = (env: Record<string, string>, prefix: string[] = []) => {
    const r = prefix.length
      ? spawnSync('bash', ['-c', `${prefix.join(' ')}; exec "$0" "$@"`, process.execPath, CLI, 'lint', dir, '--format', 'json', '--jobs', '2'], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } })
      : spawnSync(process.execPath, [CLI, 'lint', dir, '--format', 'json', '--jobs', '2'], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    return r.stdout;
  };
  assert.equal(withEnv({ TMPDIR: tmp }), expected, 'in a temporary file');
  assert.deepEqual(readdirSync(tmp), [], 'nothing left in the temporary folder');
  assert.equal(withEnv({ TMPDIR: path.join(tmp, 'not-there') }), expected, 'no temporary folder');
  if (process.platform !== 'win32') {
    // files may not grow past 8 KB: the temporary file fills after a few reports (the report goes to a pipe)
    assert.equal(withEnv({ TMPDIR: tmp }, ['ulimit -f 8']), expected, 'the temporary file fills');
    assert.deepEqual(readdirSync(tmp), []);
  }
});
