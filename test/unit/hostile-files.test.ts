// Hostile and odd files where the engine reads: a FIFO, a link to /dev/zero, a file whose size is
// not what stat says, a file swapped for a FIFO between a check and the read. Only regular files are
// read, within a cap, without blocking; what is refused says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants as fsc, existsSync, lstatSync, mkdirSync, openSync, promises as fsp, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readArticleFile, readArticleFileSync, readRegularFile, readRegularFileSync, SIDECAR_MAX_BYTES } from '../../server/src/io/files';
import { findProjectRoot, loadProjectFile, PROJECT_FILE } from '../../server/src/engine/config';
import { readSidecarIfExists, sidecarContent } from '../../server/src/lsp/sidecar';
import { CACHE_FILE, loadCache, saveCache } from '../../server/src/index/cache';
import { loadFile } from '../../server/src/index/job';
import { tempDir as makeTempDir } from '../../server/src/testing/tempDir';

function tempDir(): string {
  return makeTempDir('cc-hostile-');
}

function mkfifo(p: string): void {
  execFileSync('mkfifo', [p]);
}

/** Rejects when `p` has not settled within `ms` (a read blocked on a FIFO never settles). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not end within ${ms} ms`)), ms);
    }),
  ]);
}

/** Ends a read left blocked on a FIFO (open for writing, close: the reader sees the end), so that the test process can exit. */
function releaseFifo(p: string): void {
  try {
    closeSync(openSync(p, fsc.O_WRONLY | fsc.O_NONBLOCK));
  } catch {
    /* no reader waiting */
  }
}

// ---- readRegularFile -----------------------------------------------------------------------------

test('readRegularFile: a FIFO and a link to /dev/zero are refused at once with the reason, nothing read', async () => {
  const dir = tempDir();
  try {
    const fifo = path.join(dir, 'pipe.txt');
    mkfifo(fifo);
    const zero = path.join(dir, 'zero.txt');
    symlinkSync('/dev/zero', zero);
    try {
      const r = await within(readRegularFile(fifo, { maxBytes: 1 << 20 }), 5000, 'reading a FIFO');
      assert.deepEqual(r, { ok: false, reason: 'not a regular file: it is a FIFO (named pipe)' });
    } finally {
      releaseFifo(fifo);
    }
    const z = await within(readRegularFile(zero, { maxBytes: 1 << 20 }), 5000, 'reading /dev/zero');
    assert.deepEqual(z, { ok: false, reason: 'not a regular file: it is a character device' });
    const zl = await readRegularFile(zero, { maxBytes: 1 << 20, noFollow: true });
    assert.deepEqual(zl, { ok: false, reason: 'not a regular file: it is a symbolic link' });
    // and an article that is one of those is skipped with that reason
    assert.equal((await readArticleFile(zero, 1 << 20)).skipped, 'not a regular file: it is a character device');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readRegularFile: a file larger than its stat size (/proc) is read only up to the cap and refused', async () => {
  // /proc files report size 0 and hold more: a file that grows while it is read looks the same
  const r = await readRegularFile('/proc/self/maps', { maxBytes: 1000 });
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /too large \(over the 0\.0 MB limit; it grew while it was read\)/);
  const whole = await readRegularFile('/proc/self/maps', { maxBytes: 1 << 24 });
  assert.ok(whole.ok && whole.bytes.length > 1000, 'within a large cap it is read whole');
  assert.equal((await readArticleFile('/proc/self/maps', 1000)).text, undefined);
});

test('readRegularFile: the file opened is the one checked — swapped for a FIFO after a check, the read neither blocks nor reads the FIFO', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'a.txt');
  writeFileSync(file, 'Tiêu đề\n\nĐoạn văn.\n');
  const original = { stat: fsp.stat, lstat: fsp.lstat, open: fsp.open };
  let swapped = false;
  // the race, made certain: right after the first stat or open of the path, it becomes a FIFO
  const swap = () => {
    if (swapped) return;
    swapped = true;
    renameSync(file, file + '.old');
    mkfifo(file);
  };
  const hooked = <F extends (...a: any[]) => Promise<any>>(f: F) =>
    (async (...a: any[]) => {
      const r = await f(...a);
      swap();
      return r;
    }) as unknown as F;
  fsp.stat = hooked(original.stat);
  fsp.lstat = hooked(original.lstat);
  fsp.open = hooked(original.open);
  try {
    const r = await within(readArticleFile(file, 1 << 20), 5000, 'reading a file swapped for a FIFO');
    assert.ok(swapped, 'the swap happened');
    // either the regular file that was opened is read, or the FIFO is refused; never a hang
    assert.ok(r.text === 'Tiêu đề\n\nĐoạn văn.\n' || /FIFO/.test(r.skipped ?? ''), JSON.stringify(r));
  } finally {
    fsp.stat = original.stat;
    fsp.lstat = original.lstat;
    fsp.open = original.open;
    releaseFifo(file);
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- the project file, sidecars, the index cache, the index worker's reads ------------------------

test('project file: a FIFO or a huge file named .corpus-curator.json is not read; loading says why', async () => {
  // (findProjectRoot and a link to /dev/zero: test/cli/hostile.test.ts, in a child process with a time
  // and memory limit, since the old synchronous read blocked the whole process)
  const dir = tempDir();
  try {
    mkfifo(path.join(dir, PROJECT_FILE));
    try {
      const r = await within(loadProjectFile(dir), 5000, 'loading a FIFO project file');
      assert.deepEqual(r, { problem: `cannot read ${PROJECT_FILE}: not a regular file: it is a FIFO (named pipe)` });
    } finally {
      releaseFifo(path.join(dir, PROJECT_FILE));
    }
    // found all the same (only a folder of that name does not count): the problem is shown, not skipped
    assert.equal(findProjectRoot(path.join(dir, 'sub')), dir);
    rmSync(path.join(dir, PROJECT_FILE));
    mkdirSync(path.join(dir, PROJECT_FILE));
    assert.notEqual(findProjectRoot(dir), dir);
    rmSync(path.join(dir, PROJECT_FILE), { recursive: true });
    // a huge project file is refused by its size
    writeFileSync(path.join(dir, PROJECT_FILE), Buffer.alloc(17 * 1024 * 1024, 0x20));
    assert.match((await loadProjectFile(dir)).problem ?? '', /too large \(17\.0 MB > 16\.0 MB limit\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sidecar: a link to /dev/zero is refused with the reason, without a large allocation', async () => {
  const dir = tempDir();
  try {
    const sidecar = path.join(dir, 'a.meta.json');
    symlinkSync('/dev/zero', sidecar);
    const rss0 = process.memoryUsage().rss;
    const r = await within(readSidecarIfExists(sidecar), 5000, 'reading the sidecar');
    assert.deepEqual(r, { ok: false, reason: 'it is a symbolic link; Corpus Curator does not follow links for sidecars' });
    const c = await within(sidecarContent(sidecar, { dumps: [1] }), 5000, 'merging the sidecar');
    assert.deepEqual(c, { ok: false, reason: 'it is a symbolic link; Corpus Curator does not follow links for sidecars' });
    assert.ok(process.memoryUsage().rss - rss0 < 64 * 1024 * 1024, `RSS grew by ${((process.memoryUsage().rss - rss0) / 1048576).toFixed(0)} MB`);
    // a FIFO sidecar: refused at once, the merge is not made
    rmSync(sidecar);
    mkfifo(sidecar);
    try {
      const f = await within(sidecarContent(sidecar, { dumps: [1] }), 5000, 'merging a FIFO sidecar');
      assert.deepEqual(f, { ok: false, reason: 'it is not a regular file' });
    } finally {
      releaseFifo(sidecar);
    }
    assert.deepEqual(await readSidecarIfExists(path.join(dir, 'none.json')), { ok: true, text: undefined });
    // a regular sidecar past the cap is refused by its size, not read
    const big = path.join(dir, 'big.meta.json');
    writeFileSync(big, Buffer.alloc(SIDECAR_MAX_BYTES + 1, 0x20));
    const b = await readSidecarIfExists(big);
    assert.equal(b.ok, false);
    assert.match((b as { reason: string }).reason, /too large/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('index cache: a FIFO at the cache path is reported and ignored, and saving leaves it alone without blocking', async () => {
  const dir = tempDir();
  try {
    const cache = path.join(dir, CACHE_FILE);
    mkfifo(cache);
    const problems: string[] = [];
    const id = { engine: 'e', config: 'c' };
    try {
      const m = await within(loadCache(dir, id, (p) => problems.push(p)), 5000, 'loading a FIFO cache');
      assert.equal(m.size, 0);
    } finally {
      releaseFifo(cache);
    }
    assert.equal(problems.length, 1);
    assert.match(problems[0], /index cache .*corpus-index\.jsonl is not used \(not a regular file: it is a FIFO \(named pipe\)\)/);
    await assert.rejects(within(saveCache(dir, id, []), 5000, 'saving over a FIFO'), /is a FIFO \(named pipe\), not a regular file; it is left as it is/);
    assert.ok(lstatSync(cache).isFIFO(), 'the FIFO is still there');
    // a link to /dev/zero: not followed, not read, not written through
    rmSync(cache);
    symlinkSync('/dev/zero', cache);
    assert.equal((await within(loadCache(dir, id, (p) => problems.push(p)), 5000, 'loading a /dev/zero cache')).size, 0);
    assert.match(problems[1], /not a regular file: it is a symbolic link/);
    await assert.rejects(saveCache(dir, id, []), /is a symbolic link/);
    assert.ok(lstatSync(cache).isSymbolicLink());
    // a regular cache still round-trips
    rmSync(cache);
    await saveCache(dir, id, []);
    assert.equal((await loadCache(dir, id, (p) => problems.push(p))).size, 0);
    assert.equal(problems.length, 2);
    assert.ok(existsSync(cache) && lstatSync(cache).isFile());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('index worker: a corpus file swapped for a FIFO after its stat is skipped, not read', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'a.txt');
  writeFileSync(file, 'Tiêu đề\n\nĐoạn văn.\n');
  const original = fsp.stat;
  fsp.stat = (async (...a: Parameters<typeof fsp.stat>) => {
    const r = await original(...a);
    if (!lstatSync(file).isFIFO()) {
      rmSync(file);
      mkfifo(file);
    }
    return r;
  }) as typeof fsp.stat;
  try {
    const r = await within(loadFile({ file }, 1 << 20), 5000, 'the index worker reading a FIFO');
    assert.deepEqual(r, { kind: 'skipped', file, reason: 'not a regular file: it is a FIFO (named pipe)' });
  } finally {
    fsp.stat = original;
    releaseFifo(file);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readRegularFileSync and readArticleFileSync (the CLI\'s batch reads) give what the asynchronous reads give, refusals and errors included', async () => {
  const dir = tempDir();
  try {
    const fifo = path.join(dir, 'pipe.txt');
    mkfifo(fifo);
    const zero = path.join(dir, 'zero.txt');
    symlinkSync('/dev/zero', zero);
    const text = path.join(dir, 'a.txt');
    writeFileSync(text, '\ufeffTiêu đề\n\nMột đoạn văn.\n');
    const big = path.join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(5000));
    const bin = path.join(dir, 'bin.txt');
    writeFileSync(bin, Buffer.alloc(100));
    const bad = path.join(dir, 'bad.txt');
    writeFileSync(bad, Buffer.from([0x61, 0xc3, 0x28]));
    const link = path.join(dir, 'link.txt');
    symlinkSync(text, link);
    const outcome = async <T>(f: () => T | Promise<T>) => {
      try {
        const r = await f();
        return { r: JSON.parse(JSON.stringify(r, (k, v) => (k === 'stats' ? undefined : v))) };
      } catch (e) {
        return { code: (e as NodeJS.ErrnoException).code };
      }
    };
    try {
      for (const file of [fifo, zero, text, big, bin, bad, link, dir, path.join(dir, 'missing.txt'), '/proc/self/status']) {
        for (const opts of [{ maxBytes: 1 << 20 }, { maxBytes: 1000 }, { maxBytes: 1 << 20, noFollow: true }]) {
          const a = await outcome(() => readRegularFile(file, opts));
          const s = await outcome(() => readRegularFileSync(file, opts));
          if (file === '/proc/self/status') assert.deepEqual([s.r?.ok, s.r?.reason], [a.r?.ok, a.r?.reason], file);
          else assert.deepEqual(s, a, `${file} ${JSON.stringify(opts)}`);
        }
        if (file !== '/proc/self/status') {
          for (const max of [1 << 20, 1000]) assert.deepEqual(await outcome(() => readArticleFileSync(file, max)), await outcome(() => readArticleFile(file, max)), file);
        }
      }
      assert.equal(readArticleFileSync(text, 1 << 20).text, '\ufeffTiêu đề\n\nMột đoạn văn.\n');
    } finally {
      releaseFifo(fifo);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
