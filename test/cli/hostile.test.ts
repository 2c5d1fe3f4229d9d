// The CLI in a hostile folder: a FIFO or a link to /dev/zero named .corpus-curator.json (in the
// corpus folder or above it), a link to /dev/zero or to a /proc file as an article. The run ends in
// bounded time and memory, says which file it did not use and why, and lints the other files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../server/src/testing/tempDir';

const CLI = path.resolve('dist/cli.js');
const SEEDS = path.resolve('seeds');
const SEED0 = '000_f4915662ab95302d.txt';
/** A run that has not ended by then is a hang. */
const TIMEOUT_MS = 20_000;

/**
 * Runs the CLI with a time limit and a 4 GB address-space limit (a run that reads /dev/zero must not
 * take the machine's memory with it).
 */
function run(args: string[]) {
  const r = spawnSync('sh', ['-c', 'ulimit -v 4000000; exec "$0" "$@"', process.execPath, CLI, ...args], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 1 << 26,
  });
  assert.equal(r.error, undefined, `corpus-curator ${args.join(' ')} did not end within ${TIMEOUT_MS / 1000} s (${r.error?.message})`);
  assert.equal(r.signal, null, `ended by ${r.signal}; stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary folder `root` with the seeds in `root/corpus`. */
function corpus(): { root: string; dir: string } {
  const root = tempDir('cc-cli-hostile-');
  const dir = path.join(root, 'corpus');
  mkdirSync(dir);
  cpSync(SEEDS, dir, { recursive: true });
  return { root, dir };
}

const seedNames = () => readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();

/** Every seed is in the JSON report, analysed (an article, not skipped). */
function assertSeedsLinted(stdout: string): void {
  const out = JSON.parse(stdout) as Array<{ file: string; article?: unknown; skipped?: string }>;
  const linted = out.filter((o) => o.article && !o.skipped).map((o) => path.basename(o.file)).sort();
  assert.deepEqual(linted, seedNames());
}

for (const where of ['in the corpus folder', 'in a parent folder'] as const) {
  test(`lint and outline: a FIFO named .corpus-curator.json ${where} is reported, not waited on; every file is linted`, () => {
    const { root, dir } = corpus();
    try {
      const project = path.join(where === 'in the corpus folder' ? dir : root, '.corpus-curator.json');
      execFileSync('mkfifo', [project]);
      const r = run(['lint', dir, '--format', 'json', '--jobs', '1']);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
      assert.ok(r.stderr.includes(`${project}: cannot read .corpus-curator.json: not a regular file: it is a FIFO (named pipe); its settings are not used`), r.stderr);
      assertSeedsLinted(r.stdout);
      // one file: said as well
      const one = run(['lint', path.join(dir, SEED0), '--format', 'json']);
      assert.ok(one.code === 0 || one.code === 1, `exit ${one.code}: ${one.stderr}`);
      assert.ok(one.stderr.includes(`${project}: cannot read .corpus-curator.json: not a regular file: it is a FIFO (named pipe)`), one.stderr);
      assert.equal((JSON.parse(one.stdout) as unknown[]).length, 1);
      const o = run(['outline', path.join(dir, SEED0)]);
      assert.equal(o.code, 0, o.stderr);
      assert.match(o.stdout, /^article +Đảng bộ Khối Cơ quan/);
      assert.match(o.stderr, /\.corpus-curator\.json: cannot read .*FIFO/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test('lint and outline: a link to /dev/zero as .corpus-curator.json is not read; a link to /dev/zero as an article is skipped; the rest is linted', () => {
  const { root, dir } = corpus();
  try {
    const project = path.join(dir, '.corpus-curator.json');
    symlinkSync('/dev/zero', project);
    const zero = path.join(dir, 'zero.txt');
    symlinkSync('/dev/zero', zero);
    const r = run(['lint', dir, zero, '--format', 'json', '--jobs', '1']);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    assert.ok(r.stderr.includes(`${project}: cannot read .corpus-curator.json: not a regular file: it is a character device`), r.stderr);
    assert.ok(r.stderr.includes(`${zero}: skipped: not a regular file: it is a character device`), r.stderr);
    assertSeedsLinted(r.stdout);
    const o = run(['outline', path.join(dir, SEED0)]);
    assert.equal(o.code, 0, o.stderr);
    assert.match(o.stdout, /^article +Đảng bộ Khối Cơ quan/);
    const oz = run(['outline', zero]);
    assert.equal(oz.code, 2);
    assert.match(oz.stderr, /zero\.txt: skipped: not a regular file: it is a character device/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('lint: an article longer than its stat size says (a link to a /proc file) is read only up to --max-size and skipped', () => {
  const { root, dir } = corpus();
  try {
    const maps = path.join(dir, 'maps.txt');
    symlinkSync('/proc/self/smaps', maps);
    const r = run(['lint', dir, maps, '--format', 'json', '--jobs', '1', '--max-size', '20000']);
    assert.ok(r.stderr.includes(`${maps}: skipped: too large (over the 0.0 MB limit; it grew while it was read)`), r.stderr);
    const out = JSON.parse(r.stdout) as Array<{ file: string; skipped?: string }>;
    assert.match(out.find((o) => o.file === maps)?.skipped ?? '', /too large/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
