// writeFileAtomic: never over a change made meanwhile, never re-creating a deleted file, no temp
// file left by a failure, and the file's metadata kept (mode, owner, xattrs, hard links, links).
import { test } from 'node:test';
import { tempDir } from '../testing/tempDir';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync, chownSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync,
  realpathSync, rmSync, statSync, symlinkSync, unlinkSync, appendFileSync, writeFileSync, promises as fsp,
} from 'node:fs';
import * as path from 'node:path';
import { NotWritten, stampOf, writeChunksAtomic, writeFileAtomic, type WriteFs } from './files';
import { writeSidecar } from '../lsp/sidecar';
import { addIgnoreEntry } from '../lsp/project';

function folder(): string {
  return realpathSync(tempDir('cc-write-'));
}

/** A file with `text`, and the stamp of what was read from it. */
function article(dir: string, name: string, text: string) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return { file, stamp: stampOf(statSync(file), readFileSync(file)) };
}

const temps = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

async function refused(p: Promise<unknown>, why: NotWritten['why']): Promise<NotWritten> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof NotWritten, `expected a refusal, got ${(e as Error).stack}`);
    assert.equal(e.why, why, e.message);
    return e;
  }
  assert.fail(`written, though it should have been refused (${why})`);
}

test('a line appended after the read (even while the new text waits in its temp file) is kept: the write is refused', async () => {
  const dir = folder();
  const { file, stamp } = article(dir, 'a.txt', 'one\ntwo\n');
  const e = await refused(writeFileAtomic(file, 'fixed\n', { expect: stamp, beforeCommit: () => appendFileSync(file, 'three\nfour\n') }), 'changed');
  assert.match(e.message, /changed since it was read/);
  assert.equal(readFileSync(file, 'utf8'), 'one\ntwo\nthree\nfour\n');
  assert.deepEqual(temps(dir), []);
});

test('an edit of the same size and the same mtime is still seen (the bytes are hashed)', async () => {
  const dir = folder();
  const { file, stamp } = article(dir, 'a.txt', 'one\ntwo\n');
  const { atime, mtime } = statSync(file);
  await refused(writeFileAtomic(file, 'fixed\n', {
    expect: stamp,
    beforeCommit: async () => {
      const fh = await fsp.open(file, 'r+');
      await fh.write('ONE', 0);
      await fh.close();
      await fsp.utimes(file, atime, mtime);
    },
  }), 'changed');
  assert.equal(readFileSync(file, 'utf8'), 'ONE\ntwo\n');
});

test('a file deleted after the read is not re-created, whether before the write or while its temp is written', async () => {
  const dir = folder();
  const a = article(dir, 'a.txt', 'one\n');
  unlinkSync(a.file);
  const e = await refused(writeFileAtomic(a.file, 'fixed\n', { expect: a.stamp }), 'deleted');
  assert.match(e.message, /deleted since it was read; not re-created/);
  const b = article(dir, 'b.txt', 'one\n');
  await refused(writeFileAtomic(b.file, 'fixed\n', { expect: b.stamp, beforeCommit: () => unlinkSync(b.file) }), 'deleted');
  assert.deepEqual(readdirSync(dir), []);
});

test('a file replaced by a folder meanwhile is left alone, and no temp file stays', async () => {
  const dir = folder();
  const { file, stamp } = article(dir, 'a.txt', 'one\n');
  await refused(writeFileAtomic(file, 'fixed\n', {
    expect: stamp,
    beforeCommit: () => {
      unlinkSync(file);
      mkdirSync(file);
      writeFileSync(path.join(file, 'inside.txt'), 'kept\n');
    },
  }), 'changed');
  assert.equal(readFileSync(path.join(file, 'inside.txt'), 'utf8'), 'kept\n');
  assert.deepEqual(temps(dir), []);
});

test('the file as read is written, its temp file gone', async () => {
  const dir = folder();
  const { file, stamp } = article(dir, 'a.txt', 'one\n');
  await writeFileAtomic(file, 'fixed\n', { expect: stamp });
  assert.equal(readFileSync(file, 'utf8'), 'fixed\n');
  assert.deepEqual(readdirSync(dir), ['a.txt']);
});

/** The real file system, but a write to a temp file fills the disk after half of its bytes. */
function fullDisk(): WriteFs & { opened: string[] } {
  const opened: string[] = [];
  const open = (async (p: string, flags: number, mode?: number) => {
    const fh = await fsp.open(p, flags, mode);
    if (!String(p).endsWith('.tmp')) return fh;
    opened.push(String(p));
    const enospc = () => Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    return new Proxy(fh, {
      get(target, prop) {
        if (prop === 'writeFile' || prop === 'write') {
          return async (data: Buffer) => {
            await target.write(data, 0, Math.floor(data.length / 2), 0);
            throw enospc();
          };
        }
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  }) as unknown as typeof fsp.open;
  return { open, lstat: fsp.lstat, realpath: fsp.realpath, rename: fsp.rename, rm: fsp.rm, opened };
}

test('ENOSPC while the temp file is written: the error is raised, the original is intact, the partial temp file removed', async () => {
  const dir = folder();
  const { file, stamp } = article(dir, 'a.txt', 'one\ntwo\n');
  const xfs = fullDisk();
  await assert.rejects(writeFileAtomic(file, 'fixed text, longer than the original\n', { expect: stamp, fs: xfs }), { code: 'ENOSPC' });
  assert.equal(xfs.opened.length, 1, 'a temp file was written');
  assert.equal(readFileSync(file, 'utf8'), 'one\ntwo\n');
  assert.deepEqual(readdirSync(dir), ['a.txt']);
});

test('ENOSPC while a hard-linked file is written in place: the old bytes are put back, no temp file stays', async () => {
  const dir = folder();
  const { file, stamp } = article(dir, 'a.txt', 'one\ntwo\n');
  linkSync(file, path.join(dir, 'b.txt'));
  const xfs = fullDisk();
  // the temp file fills the disk first: nothing is written in place
  await assert.rejects(writeFileAtomic(file, 'fixed\n', { expect: stamp, fs: xfs }), { code: 'ENOSPC' });
  assert.equal(readFileSync(file, 'utf8'), 'one\ntwo\n');
  assert.deepEqual(readdirSync(dir).sort(), ['a.txt', 'b.txt']);
  // the disk fills during the in-place write itself
  const open = (async (p: string, flags: number, mode?: number) => {
    const fh = await fsp.open(p, flags, mode);
    if (String(p) !== file) return fh;
    let writes = 0;
    return new Proxy(fh, {
      get(target, prop) {
        if (prop === 'write') {
          return async (data: Buffer, off: number, len: number, pos: number) => {
            if (writes++ === 0) {
              await target.write(data, off, Math.min(len, 3), pos);
              throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            }
            return target.write(data, off, len, pos);
          };
        }
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  }) as unknown as typeof fsp.open;
  await assert.rejects(writeFileAtomic(file, 'FIXED and longer than before\n', { expect: stamp, fs: { ...fsp, open } }), { code: 'ENOSPC' });
  assert.equal(readFileSync(file, 'utf8'), 'one\ntwo\n');
  assert.deepEqual(readdirSync(dir).sort(), ['a.txt', 'b.txt']);
});

test('mode 0664 is kept whatever the umask; a new file gets the usual 0644', async () => {
  const dir = folder();
  const old = process.umask(0o022);
  try {
    const { file, stamp } = article(dir, 'a.txt', 'one\n');
    chmodSync(file, 0o664);
    await writeFileAtomic(file, 'fixed\n', { expect: { ...stamp, mtimeMs: statSync(file).mtimeMs } });
    assert.equal(statSync(file).mode & 0o7777, 0o664);
    await writeFileAtomic(path.join(dir, 'new.json'), '{}\n');
    assert.equal(statSync(path.join(dir, 'new.json')).mode & 0o7777, 0o644);
  } finally {
    process.umask(old);
  }
});

test('the owner and group are kept (root: CI runs as root)', async () => {
  assert.equal(process.getuid!(), 0, 'this test needs root (CI runs as root), to give the file another owner');
  const dir = folder();
  const file = path.join(dir, 'a.txt');
  writeFileSync(file, 'one\n');
  chownSync(file, 65534, 65534);
  await writeFileAtomic(file, 'fixed\n');
  const st = statSync(file);
  assert.deepEqual([st.uid, st.gid], [65534, 65534]);
  assert.equal(readFileSync(file, 'utf8'), 'fixed\n');
});

test('extended attributes are kept (set and read with setfattr/getfattr)', async () => {
  const dir = folder();
  const file = path.join(dir, 'a.txt');
  writeFileSync(file, 'one\n');
  execFileSync('setfattr', ['-n', 'user.source', '-v', 'https://example.org/a', file]);
  execFileSync('setfattr', ['-n', 'user.checked', '-v', 'yes', file]);
  await writeFileAtomic(file, 'fixed\n');
  assert.equal(readFileSync(file, 'utf8'), 'fixed\n');
  assert.equal(execFileSync('getfattr', ['--absolute-names', '--only-values', '-n', 'user.source', file], { encoding: 'utf8' }), 'https://example.org/a');
  assert.equal(execFileSync('getfattr', ['--absolute-names', '--only-values', '-n', 'user.checked', file], { encoding: 'utf8' }), 'yes');
});

test('a hard-linked file is written in place: every name sees the new text, the link is not split', async () => {
  const dir = folder();
  const { file, stamp } = article(dir, 'a.txt', 'one\ntwo\nthree\n');
  const other = path.join(dir, 'b.txt');
  linkSync(file, other);
  const ino = statSync(file).ino;
  await writeFileAtomic(file, 'fixed\n', { expect: { ...stamp, mtimeMs: statSync(file).mtimeMs } });
  assert.equal(readFileSync(other, 'utf8'), 'fixed\n');
  assert.equal(statSync(file).ino, ino);
  assert.equal(statSync(file).nlink, 2);
  assert.deepEqual(readdirSync(dir).sort(), ['a.txt', 'b.txt']);
  // and a change made meanwhile is kept there too
  const s2 = stampOf(statSync(file), readFileSync(file));
  await refused(writeFileAtomic(file, 'again\n', { expect: s2, beforeCommit: () => appendFileSync(other, 'added\n') }), 'changed');
  assert.equal(readFileSync(file, 'utf8'), 'fixed\nadded\n');
  assert.deepEqual(readdirSync(dir).sort(), ['a.txt', 'b.txt']);
});

test('a symbolic link to a file inside the roots is written through; one to a file outside is refused', async () => {
  const root = folder();
  const outside = folder();
  const real = article(root, 'real.txt', 'one\n');
  const link = path.join(root, 'link.txt');
  symlinkSync('real.txt', link);
  await writeFileAtomic(link, 'fixed\n', { expect: real.stamp, roots: [root] });
  assert.equal(readlinkSync(link), 'real.txt');
  assert.equal(readFileSync(real.file, 'utf8'), 'fixed\n');

  const secret = article(outside, 'secret.txt', 'secret\n');
  const bad = path.join(root, 'bad.txt');
  symlinkSync(secret.file, bad);
  const e = await refused(writeFileAtomic(bad, 'overwritten\n', { expect: secret.stamp, roots: [root] }), 'link-outside');
  assert.match(e.message, /outside the corpus/);
  assert.equal(readFileSync(secret.file, 'utf8'), 'secret\n');
  assert.ok(lstatSync(bad).isSymbolicLink());
  assert.deepEqual(temps(root), []);
});

test('without roots (the language server own files) a symbolic link is replaced, never written through', async () => {
  const root = folder();
  const outside = folder();
  const target = path.join(outside, 'x.json');
  writeFileSync(target, '{"secret":1}\n');
  const link = path.join(root, 'x.meta.json');
  symlinkSync(target, link);
  await writeFileAtomic(link, '{}\n');
  assert.equal(readFileSync(target, 'utf8'), '{"secret":1}\n');
  assert.ok(lstatSync(link).isFile());
});

test('a sidecar written by the language server keeps its mode, owner and extended attributes', async () => {
  const dir = folder();
  const file = path.join(dir, 'a.meta.json');
  writeFileSync(file, '{"source":"x"}\n');
  chmodSync(file, 0o664);
  chownSync(file, 65534, 65534);
  execFileSync('setfattr', ['-n', 'user.origin', '-v', 'crawler', file]);
  const r = await writeSidecar(file, { reviewed: true });
  assert.deepEqual(r, { ok: true });
  assert.match(readFileSync(file, 'utf8'), /reviewed/);
  const st = statSync(file);
  assert.equal(st.mode & 0o7777, 0o664);
  assert.deepEqual([st.uid, st.gid], [65534, 65534]);
  assert.equal(execFileSync('getfattr', ['--absolute-names', '--only-values', '-n', 'user.origin', file], { encoding: 'utf8' }), 'crawler');
  rmSync(dir, { recursive: true });
});

test('an ignore entry added to .corpus-curator.json keeps its mode, owner, extended attributes and hard link', async () => {
  const dir = folder();
  const file = path.join(dir, '.corpus-curator.json');
  writeFileSync(file, '{\n  "rules": {}\n}\n');
  chmodSync(file, 0o664);
  chownSync(file, 65534, 65534);
  execFileSync('setfattr', ['-n', 'user.origin', '-v', 'team', file]);
  const shared = path.join(dir, 'shared.json');
  linkSync(file, shared);
  const r = await addIgnoreEntry(dir, { file: 'a.txt', code: 'boilerplate', hash: 'abc' });
  assert.deepEqual(r, { ok: true, file, added: true });
  assert.match(readFileSync(shared, 'utf8'), /"boilerplate"/);
  const st = statSync(file);
  assert.equal(st.mode & 0o7777, 0o664);
  assert.deepEqual([st.uid, st.gid, st.nlink], [65534, 65534, 2]);
  assert.equal(execFileSync('getfattr', ['--absolute-names', '--only-values', '-n', 'user.origin', file], { encoding: 'utf8' }), 'team');
  rmSync(dir, { recursive: true });
});

test('writeChunksAtomic: the chunks in order, made as they are written; a failure midway leaves the old file and no temp file', async () => {
  const dir = tempDir('cc-chunks-');
  try {
    const file = path.join(dir, 'cache.jsonl');
    writeFileSync(file, 'old\n');
    async function* ok(): AsyncGenerator<string> {
      for (let i = 0; i < 1000; i++) yield `{"n":${i},"t":"Tiếng Việt ${'x'.repeat(i % 50)}"}\n`;
    }
    await writeChunksAtomic(file, ok());
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 1000);
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as { n: number }).n), Array.from({ length: 1000 }, (_, i) => i));
    async function* failing(): AsyncGenerator<string> {
      yield 'partial\n';
      throw new Error('summaries gone');
    }
    await assert.rejects(writeChunksAtomic(file, failing()), /summaries gone/);
    assert.equal(readFileSync(file, 'utf8').split('\n').length, 1001, 'the last good file is kept');
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
