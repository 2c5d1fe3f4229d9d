// lint --fix under faults, as a user meets them: a file edited, deleted or replaced while the run
// holds its text; a folder it may not write (run as an unprivileged user); a full disk (a small
// tmpfs); and a file's metadata (mode, owner, xattrs, hard links, symbolic links) kept.
import { test } from 'node:test';
import { tempDir } from '../../server/src/testing/tempDir';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync, chownSync, cpSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync,
  realpathSync, rmdirSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import * as path from 'node:path';

const CLI = path.resolve('dist/cli.js');
const SEEDS = path.resolve('seeds');
const NAMES = readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort();
const [FIRST, SECOND] = NAMES;

/**
 * Runs the CLI; `asNobody`: as uid/gid 65534 with no groups, from a copy of the CLI bundle in the
 * folder given, readable by that user wherever this checkout lies (CI's may be under /root).
 */
function run(args: string[], { env = {}, asNobody }: { env?: Record<string, string>; asNobody?: string } = {}) {
  const opts = { encoding: 'utf8' as const, maxBuffer: 1 << 28, env: { ...process.env, ...env } };
  let r;
  if (asNobody) {
    const cli = path.join(asNobody, 'cli.js');
    cpSync(CLI, cli);
    r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli, ...args], { ...opts, cwd: asNobody });
  } else {
    r = spawnSync(process.execPath, [CLI, ...args], opts);
  }
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder that every user can read, holding a copy of the seeds under `sub`. */
function corpus(sub = 'corpus'): { root: string; dir: string } {
  const root = realpathSync(tempDir('cc-fix-'));
  chmodSync(root, 0o755);
  const dir = path.join(root, sub);
  cpSync(SEEDS, dir, { recursive: true });
  return { root, dir };
}

const seed = (name: string) => readFileSync(path.join(SEEDS, name), 'utf8');

/** Every file name under a folder, deep (temp files included). */
function allNames(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

function reportOf(stdout: string): Array<{ file: string; fixed?: Record<string, number>; diagnostics: unknown[] }> {
  const r = JSON.parse(stdout);
  assert.ok(Array.isArray(r), 'the JSON report is printed');
  return r;
}

/** The test hook: a shell command the CLI runs just before it replaces a file (CORPUS_CURATOR_FILE). */
const onlyFor = (name: string, cmd: string) => ({ CORPUS_CURATOR_TEST_BEFORE_WRITE: `case "$CORPUS_CURATOR_FILE" in */${name}) ${cmd};; esac` });

test('--fix: two lines appended while the run holds the file are kept; the file is reported not fixed, the others are fixed', () => {
  const { root, dir } = corpus();
  const r = run(['lint', dir, '--fix', '--format', 'json'], { env: onlyFor(FIRST, `printf 'added one\\nadded two\\n' >> "$CORPUS_CURATOR_FILE"`) });
  assert.equal(readFileSync(path.join(dir, FIRST), 'utf8'), seed(FIRST) + 'added one\nadded two\n');
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`${FIRST}: changed since it was read; not fixed`));
  assert.match(r.stderr, /applied \d+ fixes in 4 files; 0 unchanged; 1 not fixed/);
  for (const n of NAMES.slice(1)) assert.notEqual(readFileSync(path.join(dir, n), 'utf8'), seed(n), `${n} is fixed`);
  const report = reportOf(r.stdout);
  assert.equal(report.length, 5);
  assert.equal(report.find((x) => x.file.endsWith(FIRST))!.fixed, undefined);
  assert.deepEqual(allNames(root), ['corpus', ...NAMES.map((n) => `corpus/${n}`)]);
});

test('--fix: a file deleted while the run holds it is not re-created', () => {
  const { root, dir } = corpus();
  const r = run(['lint', dir, '--fix', '--format', 'json'], { env: onlyFor(SECOND, 'rm "$CORPUS_CURATOR_FILE"') });
  assert.deepEqual(allNames(root), ['corpus', ...NAMES.filter((n) => n !== SECOND).map((n) => `corpus/${n}`)]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`${SECOND}: deleted since it was read; not re-created; not fixed`));
  assert.equal(reportOf(r.stdout).length, 5);
});

test('--fix: a file replaced by a folder meanwhile is left alone; the run goes on and prints its report', () => {
  const { root, dir } = corpus();
  const r = run(['lint', dir, '--fix', '--format', 'json'], { env: onlyFor(FIRST, 'rm "$CORPUS_CURATOR_FILE" && mkdir "$CORPUS_CURATOR_FILE"') });
  assert.equal(r.code, 2, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.match(r.stderr, new RegExp(`${FIRST}: changed since it was read.*; not fixed`));
  assert.ok(statSync(path.join(dir, FIRST)).isDirectory());
  for (const n of NAMES.slice(1)) assert.notEqual(readFileSync(path.join(dir, n), 'utf8'), seed(n), `${n} is fixed`);
  assert.equal(reportOf(r.stdout).length, 5);
  assert.deepEqual(allNames(root).filter((n) => n.endsWith('.tmp')), []);
});

test('--fix as an unprivileged user: the files of a read-only folder are reported (EACCES) one by one, the others fixed, the report printed, exit 2', () => {
  const { root, dir: ro } = corpus('ro');
  const rw = path.join(root, 'rw');
  cpSync(SEEDS, rw, { recursive: true });
  // ro/ and its files belong to root (0755, 0644): readable, not writable, by uid 65534
  chownSync(rw, 65534, 65534);
  for (const n of NAMES) chownSync(path.join(rw, n), 65534, 65534);
  const r = run(['lint', ro, rw, '--fix', '--format', 'json'], { asNobody: root });
  assert.equal(r.code, 2, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  for (const n of NAMES) {
    assert.match(r.stderr, new RegExp(`ro/${n}: cannot write: permission denied \\(EACCES\\); not fixed`));
    assert.equal(readFileSync(path.join(ro, n), 'utf8'), seed(n));
    assert.notEqual(readFileSync(path.join(rw, n), 'utf8'), seed(n), `rw/${n} is fixed`);
    assert.equal(statSync(path.join(rw, n)).uid, 65534);
  }
  assert.match(r.stderr, /in 5 files; 0 unchanged; 5 not fixed/);
  const report = reportOf(r.stdout);
  assert.equal(report.length, 10);
  assert.equal(report.filter((x) => x.fixed).length, 5);
  assert.deepEqual(allNames(root).filter((n) => n.endsWith('.tmp')), []);
});

test('--fix on a full disk (a small tmpfs): each file is reported (ENOSPC), left intact, no temp file stays, the report is printed', (t) => {
  assert.equal(process.getuid!(), 0, 'this test mounts a tmpfs: it needs root (CI runs as root)');
  const mnt = realpathSync(tempDir('cc-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0755', 'cc-full', mnt], { stdio: 'pipe' });
  } catch (e) {
    assert.fail(`cannot mount a tmpfs to fill (this test needs root and mount): ${(e as { stderr?: Buffer }).stderr?.toString().trim() || (e as Error).message}`);
  }
  t.after(() => {
    execFileSync('umount', [mnt]);
    rmdirSync(mnt);
  });
  const dir = path.join(mnt, 'corpus');
  cpSync(SEEDS, dir, { recursive: true });
  // fill what is left, a page at a time
  const page = Buffer.alloc(4096, 120);
  const filler = path.join(mnt, 'filler');
  writeFileSync(filler, '');
  for (;;) {
    try {
      writeFileSync(filler, page, { flag: 'a' });
    } catch (e) {
      assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
      break;
    }
  }
  const r = run(['lint', dir, '--fix', '--format', 'json']);
  assert.equal(r.code, 2, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  for (const n of NAMES) {
    assert.match(r.stderr, new RegExp(`${n}: cannot write: no space left on the device \\(ENOSPC\\); not fixed`));
    assert.equal(readFileSync(path.join(dir, n), 'utf8'), seed(n));
  }
  assert.equal(reportOf(r.stdout).length, 5);
  assert.deepEqual(allNames(dir), NAMES);
});

test('--fix keeps mode 0664, the owner, extended attributes and hard links, writes through a symbolic link inside the corpus and refuses one outside', () => {
  assert.equal(process.getuid!(), 0, 'this test gives a file another owner: it needs root (CI runs as root)');
  const { root, dir } = corpus();
  const [a, b, c, d, e] = NAMES.map((n) => path.join(dir, n));
  chmodSync(a, 0o664);
  chownSync(b, 65534, 65534);
  execFileSync('setfattr', ['-n', 'user.source', '-v', 'https://example.org/article', c]);
  // a second name for d, outside the folder linted
  mkdirSync(path.join(root, 'elsewhere'));
  const dOther = path.join(root, 'elsewhere', 'same.txt');
  linkSync(d, dOther);
  const dIno = statSync(d).ino;
  // e is moved into a dot-folder of the corpus (not linted itself) and linked to; a link to a file outside the corpus too
  mkdirSync(path.join(dir, '.store'));
  const eReal = path.join(dir, '.store', 'e.txt');
  cpSync(e, eReal);
  const eLink = path.join(dir, 'e-link.txt');
  symlinkSync('.store/e.txt', eLink);
  const outside = path.join(root, 'elsewhere', 'outside.txt');
  cpSync(e, outside);
  const badLink = path.join(dir, 'bad-link.txt');
  symlinkSync(outside, badLink);

  const r = run(['lint', a, b, c, d, eLink, badLink, '--fix', '--format', 'json']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /bad-link\.txt: a symbolic link to .*elsewhere\/outside\.txt, outside the corpus; not written through; not fixed/);
  assert.match(r.stderr, /applied \d+ fixes in 5 files; 0 unchanged; 1 not fixed/);

  const fixed = (f: string, name: string) => assert.notEqual(readFileSync(f, 'utf8'), seed(name), `${f} is fixed`);
  fixed(a, NAMES[0]);
  assert.equal(statSync(a).mode & 0o7777, 0o664, 'mode 0664 kept');
  fixed(b, NAMES[1]);
  assert.deepEqual([statSync(b).uid, statSync(b).gid], [65534, 65534], 'owner kept');
  fixed(c, NAMES[2]);
  assert.equal(execFileSync('getfattr', ['--absolute-names', '--only-values', '-n', 'user.source', c], { encoding: 'utf8' }), 'https://example.org/article', 'xattr kept');
  fixed(d, NAMES[3]);
  assert.equal(statSync(d).ino, dIno, 'the same file');
  assert.equal(statSync(d).nlink, 2, 'hard link kept');
  assert.equal(readFileSync(dOther, 'utf8'), readFileSync(d, 'utf8'));
  assert.ok(lstatSync(eLink).isSymbolicLink(), 'the link stays a link');
  assert.equal(readlinkSync(eLink), '.store/e.txt');
  fixed(eReal, NAMES[4]);
  assert.ok(lstatSync(badLink).isSymbolicLink());
  assert.equal(readFileSync(outside, 'utf8'), seed(NAMES[4]), 'nothing written outside the corpus');
  assert.deepEqual(allNames(root).filter((n) => n.endsWith('.tmp')), []);
});
