// Reading and writing corpus files safely: clear reasons for what cannot be read, atomic writes.
import { promises as fs, closeSync, constants as fsc, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The encoding a byte-order mark names, for the BOMs of encodings other than UTF-8 (UTF-32 first: its LE mark starts like UTF-16's). */
function foreignBom(b: Uint8Array): string | undefined {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return 'UTF-32 LE';
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32 BE';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'UTF-16 LE';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'UTF-16 BE';
  return undefined;
}

/** Decodes a file's bytes as UTF-8 text, or says why it is not a text article. The BOM is kept in the text. */
export function decodeArticle(bytes: Uint8Array): Decoded {
  // before the NUL count: UTF-16 and UTF-32 text has NUL bytes too, and is text in another encoding
  const bom = foreignBom(bytes);
  if (bom) return { ok: false, reason: `${bom} text (it starts with a ${bom} byte-order mark); convert it to UTF-8 first` };
  const probe = bytes.subarray(0, 8192);
  let nul = 0;
  for (let i = 0; i < probe.length; i++) if (probe[i] === 0) nul++;
  // binary files have NUL bytes throughout; a single stray NUL in text is kept (the unicode rule flags it),
  // however short the file
  if (nul > 1 && (nul > probe.length / 64 || nul > 16)) return { ok: false, reason: 'binary file (it contains NUL bytes); not an article' };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return { ok: false, reason: `not valid UTF-8 (first bad byte at offset ${at}); skipped so that nothing is corrupted` };
  }
}

/**
 * Offset of the first byte that breaks UTF-8 (the lead byte of a bad sequence), -1 when there is
 * none. As the WHATWG decoder: overlong forms (C0, C1, E0 80..9F, F0 80..8F), UTF-16 surrogates
 * (ED A0..BF) and code points past U+10FFFF (F4 90.., F5..FF) are errors, and so is a sequence cut short.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    // the range the second byte must be in (the others: 80..BF)
    let lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + 1 >= b.length || b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= need; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

// ---- reading only regular files, with a size cap -------------------------------------------------

/** Caps for the files the engine reads besides articles (articles: `maxFileSize` / `--max-size`). */
export const PROJECT_FILE_MAX_BYTES = 16 * 1024 * 1024;
export const SIDECAR_MAX_BYTES = 64 * 1024 * 1024;
export const INDEX_CACHE_MAX_BYTES = 512 * 1024 * 1024;

const MB = (n: number) => (n / 1048576).toFixed(1);

/** What a directory entry is, in words ("a FIFO (named pipe)"), for a file that is not a regular one. */
export function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export type RegularRead =
  | { ok: true; bytes: Buffer; stats: Stats }
  | { ok: false; reason: string };

export interface RegularReadOptions {
  /** Larger files are refused, and so is a file that grows past this while it is read. */
  maxBytes: number;
  /** Refuse a symbolic link instead of following it (O_NOFOLLOW: also when one is put in place meanwhile). */
  noFollow?: boolean;
  /**
   * Hands the file over in pieces of at most 4 MB instead of returning it whole (`bytes` is then
   * empty): a file of hundreds of MB is never in memory at once. The piece's buffer is reused once
   * onChunk returns. A refusal after some pieces (the file grew past the cap) means they are void.
   */
  onChunk?: (chunk: Buffer) => void | Promise<void>;
}

/** 0 where the platform has no such flag (Windows). */
const O_NONBLOCK = fsc.O_NONBLOCK ?? 0;
const O_NOFOLLOW = fsc.O_NOFOLLOW ?? 0;

/** A buffer twice as large (at least 8 KiB, at most max + 1 bytes) holding the first `n` bytes of `buf`. */
function grown<B extends Buffer>(buf: B, n: number, max: number): B {
  const bigger = Buffer.allocUnsafe(Math.min(max + 1, Math.max(8192, buf.length * 2)));
  buf.copy(bigger, 0, 0, n);
  return bigger as B;
}

/**
 * Reads a file only if it is a regular file of at most `maxBytes`: a FIFO, a device (a link to
 * /dev/zero), a socket or a folder is refused with the reason, never opened for a blocking read, never
 * read without end. Race-free: the file is opened without blocking (O_NONBLOCK: opening a FIFO does not
 * wait for a writer), the open file is checked (fstat), and at most `maxBytes + 1` bytes are read from
 * it, so that a file swapped or grown after a check cannot slip through. Errors opening the file
 * (ENOENT, EACCES…) are thrown as they are; refusals are returned.
 */
export async function readRegularFile(file: string, opts: RegularReadOptions): Promise<RegularRead> {
  const max = Math.max(0, Math.floor(opts.maxBytes));
  const tooLarge = (size: number): RegularRead => ({ ok: false, reason: `too large (${MB(size)} MB > ${MB(max)} MB limit)` });
  const notRegular = (st: Stats): RegularRead => ({ ok: false, reason: `not a regular file: it is ${kindOf(st)}` });
  // a first look without opening (opening some devices has effects of its own)
  const pre = opts.noFollow ? await fs.lstat(file) : await fs.stat(file);
  if (!pre.isFile()) return notRegular(pre);
  if (pre.size > max) return tooLarge(pre.size);
  let fh: FileHandle;
  try {
    fh = await fs.open(file, fsc.O_RDONLY | O_NONBLOCK | (opts.noFollow ? O_NOFOLLOW : 0));
  } catch (e) {
    if (opts.noFollow && (e as NodeJS.ErrnoException).code === 'ELOOP') return { ok: false, reason: 'not a regular file: it is a symbolic link' };
    throw e;
  }
  try {
    // what was opened decides, whatever the path names now
    const st = await fh.stat();
    if (!st.isFile()) return notRegular(st);
    if (st.size > max) return tooLarge(st.size);
    if (opts.onChunk) {
      const piece = Buffer.allocUnsafe(Math.min(4 * 1024 * 1024, max + 1));
      let total = 0;
      for (;;) {
        const { bytesRead } = await fh.read(piece, 0, piece.length, total);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > max) return { ok: false, reason: `too large (over the ${MB(max)} MB limit; it grew while it was read)` };
        await opts.onChunk(piece.subarray(0, bytesRead));
      }
      return { ok: true, bytes: Buffer.alloc(0), stats: st };
    }
    // one byte more than allowed tells a file that grew; a size of 0 may be a file whose size is not
    // known in advance (/proc): the buffer grows as it is read, up to the cap
    let buf = Buffer.allocUnsafe(Math.min(st.size, max) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > max) break;
        buf = grown(buf, n, max);
      }
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > max) return { ok: false, reason: `too large (over the ${MB(max)} MB limit; it grew while it was read)` };
    return { ok: true, bytes: buf.subarray(0, n), stats: st };
  } finally {
    await fh.close();
  }
}

/**
 * readRegularFile in this thread, with blocking calls (no onChunk): the same checks, refusals and
 * errors. For the CLI's batch work, where each of a few threads reads one file after another and an
 * asynchronous read's five round trips through the thread pool cost more than the reading itself.
 */
export function readRegularFileSync(file: string, opts: Omit<RegularReadOptions, 'onChunk'>): RegularRead {
  const max = Math.max(0, Math.floor(opts.maxBytes));
  const tooLarge = (size: number): RegularRead => ({ ok: false, reason: `too large (${MB(size)} MB > ${MB(max)} MB limit)` });
  const notRegular = (st: Stats): RegularRead => ({ ok: false, reason: `not a regular file: it is ${kindOf(st)}` });
  const pre = opts.noFollow ? lstatSync(file) : statSync(file);
  if (!pre.isFile()) return notRegular(pre);
  if (pre.size > max) return tooLarge(pre.size);
  let fd: number;
  try {
    fd = openSync(file, fsc.O_RDONLY | O_NONBLOCK | (opts.noFollow ? O_NOFOLLOW : 0));
  } catch (e) {
    if (opts.noFollow && (e as NodeJS.ErrnoException).code === 'ELOOP') return { ok: false, reason: 'not a regular file: it is a symbolic link' };
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return notRegular(st);
    if (st.size > max) return tooLarge(st.size);
    let buf = Buffer.allocUnsafe(Math.min(st.size, max) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > max) break;
        buf = grown(buf, n, max);
      }
      const bytesRead = readSync(fd, buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > max) return { ok: false, reason: `too large (over the ${MB(max)} MB limit; it grew while it was read)` };
    return { ok: true, bytes: buf.subarray(0, n), stats: st };
  } finally {
    closeSync(fd);
  }
}

export interface ReadOutcome {
  file: string;
  text?: string;
  /** Why the file is not analysed. */
  skipped?: string;
  /** What the file was when read (with `stamp: true`): `--fix` writes it back only if it still is. */
  stamp?: FileStamp;
}

/** An article's text, or why it is skipped (not a regular file, too large, not UTF-8 text). Errors opening it are thrown. */
export async function readArticleFile(file: string, maxBytes: number, { stamp = false }: { stamp?: boolean } = {}): Promise<ReadOutcome> {
  const r = await readRegularFile(file, { maxBytes });
  if (!r.ok) return { file, skipped: r.reason };
  const d = decodeArticle(r.bytes);
  if (!d.ok) return { file, skipped: d.reason };
  // (the open file's stat is taken before its bytes are read: a change made while it is read shows as a change when writing)
  return stamp ? { file, text: d.text, stamp: stampOf(r.stats, r.bytes) } : { file, text: d.text };
}

/** readArticleFile in this thread, with blocking calls (readRegularFileSync); no stamp. */
export function readArticleFileSync(file: string, maxBytes: number): ReadOutcome {
  const r = readRegularFileSync(file, { maxBytes });
  if (!r.ok) return { file, skipped: r.reason };
  const d = decodeArticle(r.bytes);
  return d.ok ? { file, text: d.text } : { file, skipped: d.reason };
}

/** What a file was when it was read: which file, its size, modification time and a hash of its bytes. */
export interface FileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** The stamp of bytes read from a file whose `stat` was taken before the read (a change between the two then shows as a change). */
export function stampOf(st: { dev: number; ino: number; size: number; mtimeMs: number }, bytes: Uint8Array): FileStamp {
  return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(bytes) };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Why a write was refused on purpose (nothing was written): the message says it to a user. */
export class NotWritten extends Error {
  constructor(
    readonly file: string,
    readonly why: 'changed' | 'deleted' | 'not-regular' | 'link-outside' | 'dangling-link',
    message: string,
  ) {
    super(message);
    this.name = 'NotWritten';
  }
}

/** The file system calls the writer makes; tests pass their own to raise faults (ENOSPC) deterministically. */
export interface WriteFs {
  open: typeof fs.open;
  lstat: typeof fs.lstat;
  realpath: typeof fs.realpath;
  rename: typeof fs.rename;
  rm: typeof fs.rm;
}

export interface WriteOptions {
  /**
   * What the file was when it was read: write only if it still is (same file, size, mtime and
   * bytes), checked once before anything is written and again just before the rename. A file
   * that is gone is never re-created.
   */
  expect?: FileStamp;
  /**
   * Real paths of the folders the file belongs to (a corpus): a symlinked file whose real path
   * lies inside one is written through the link, one whose target lies elsewhere is refused.
   * Without roots a symbolic link is replaced by a regular file, as a new file would be, and
   * nothing is written outside.
   */
  roots?: readonly string[];
  /** Called when the new text is in its temporary file, just before the last check and the rename (tests: a race made on purpose). */
  beforeCommit?: (file: string) => void | Promise<void>;
  fs?: WriteFs;
}

type XattrModule = typeof import('@napi-rs/xattr');
let xattrModule: XattrModule | null | undefined;
/** @napi-rs/xattr (a native addon, kept out of the bundles), or null where it cannot be loaded. */
function xattrs(): XattrModule | null {
  if (xattrModule === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      xattrModule = require('@napi-rs/xattr') as XattrModule;
    } catch {
      xattrModule = null;
    }
  }
  return xattrModule;
}

const inside = (p: string, roots: readonly string[]) => roots.some((r) => p === r || p.startsWith(r.endsWith(path.sep) ? r : r + path.sep));

/**
 * Writes a file atomically: a temporary file in the same folder, flushed, then renamed over the
 * original. A reader never sees a half-written file. The original's metadata is kept: its mode
 * (exactly, whatever the umask), its owner and group (where the process may set them), its
 * extended attributes, its hard links (a linked file is written in place, see writeInPlace) and,
 * with `roots`, a symbolic link (written through to its target). On any failure the temporary
 * file is removed and the original is left as it was.
 */
export async function writeFileAtomic(file: string, text: string, opts: WriteOptions = {}): Promise<void> {
  const xfs = opts.fs ?? fs;
  const data = Buffer.from(text, 'utf8');
  const { expect } = opts;
  let target = file;
  let st: Stats | undefined;
  try {
    st = await xfs.lstat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (st?.isSymbolicLink()) {
    if (opts.roots) {
      let real: string;
      try {
        real = await xfs.realpath(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new NotWritten(file, 'dangling-link', 'a symbolic link to a file that does not exist; not written');
        throw e;
      }
      if (!inside(real, opts.roots)) throw new NotWritten(file, 'link-outside', `a symbolic link to ${real}, outside the corpus; not written through`);
      target = real;
      st = await xfs.lstat(real);
    } else {
      st = undefined; // replaced by a regular file: nothing is read from, or written to, the link's target
    }
  }
  if (!st) {
    if (expect) throw new NotWritten(file, 'deleted', 'deleted since it was read; not re-created');
  } else if (!st.isFile()) {
    throw new NotWritten(file, expect ? 'changed' : 'not-regular', expect ? 'changed since it was read (it is no longer a regular file)' : 'not a regular file');
  } else if (expect && !sameStat(st, expect)) {
    throw new NotWritten(file, 'changed', 'changed since it was read');
  }
  if (st && st.nlink > 1) return writeInPlace(xfs, file, target, data, st, opts);

  const tmp = tempName(target);
  // an existing file's temp starts private: its mode is set exactly (chmod) before anyone sees it
  const fh = await xfs.open(tmp, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, st ? 0o600 : 0o644);
  try {
    try {
      await fh.writeFile(data);
      if (st) await copyMetadata(fh, tmp, target, st);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await opts.beforeCommit?.(target);
    if (expect) await verifyUnchanged(xfs, file, target, expect);
    await xfs.rename(tmp, target);
  } catch (e) {
    await xfs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDir(path.dirname(target));
}

function tempName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function sameStat(st: { dev: number; ino: number; size: number; mtimeMs: number }, s: FileStamp): boolean {
  return st.dev === s.dev && st.ino === s.ino && st.size === s.size && st.mtimeMs === s.mtimeMs;
}

/**
 * The file is still what was read: same file, size and mtime, and the same bytes (read anew and
 * hashed), and still so (a last lstat) once they are read. The window left before the rename is
 * that of one system call.
 */
async function verifyUnchanged(xfs: WriteFs, file: string, target: string, expect: FileStamp): Promise<void> {
  let fh: fs.FileHandle;
  try {
    fh = await xfs.open(target, fsc.O_RDONLY | fsc.O_NOFOLLOW | fsc.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotWritten(file, 'deleted', 'deleted since it was read; not re-created');
    if (code === 'ELOOP') throw new NotWritten(file, 'changed', 'changed since it was read (it is now a symbolic link)');
    throw e;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile() || !sameStat(st, expect)) throw new NotWritten(file, 'changed', 'changed since it was read');
    if (sha256(await fh.readFile()) !== expect.sha256) throw new NotWritten(file, 'changed', 'changed since it was read');
  } finally {
    await fh.close();
  }
  let now: Stats;
  try {
    now = await xfs.lstat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new NotWritten(file, 'deleted', 'deleted since it was read; not re-created');
    throw e;
  }
  if (!now.isFile() || !sameStat(now, expect)) throw new NotWritten(file, 'changed', 'changed since it was read');
}

/**
 * Gives the temporary file the original's owner, group, mode and extended attributes. The owner
 * can be set only by root (a group by a member of it): where it is not permitted the write goes
 * on with the running user as owner. Extended attributes that cannot be set (security.*,
 * trusted.* without the privilege) are left out likewise.
 */
async function copyMetadata(fh: fs.FileHandle, tmp: string, source: string, st: Stats): Promise<void> {
  const mine = await fh.stat();
  if (mine.uid !== st.uid || mine.gid !== st.gid) {
    try {
      await fh.chown(st.uid, st.gid);
    } catch {
      if (mine.gid !== st.gid) await fh.chown(-1, st.gid).catch(() => undefined);
    }
  }
  // after chown, which clears the set-user-ID and set-group-ID bits
  await fh.chmod(st.mode & 0o7777);
  const x = xattrs();
  if (!x) return;
  let names: string[];
  try {
    names = await x.listAttributes(source);
  } catch {
    return; // a file system without extended attributes
  }
  for (const name of names) {
    try {
      const value = await x.getAttribute(source, name);
      if (value !== null) await x.setAttribute(tmp, name, value);
    } catch {
      // not permitted for this namespace: keep going
    }
  }
}

/**
 * A file with more than one hard link is written in place: renaming a new file over it would give
 * this name a new inode and split it from its other names. An in-place write is not atomic, so
 * the new text first goes to a temporary file beside it, flushed, and stays there until the
 * in-place write has completed: if the process dies midway, the whole new text survives in it.
 * The old bytes are read through the same descriptor before the write (and checked against
 * `expect`), and put back if the write fails (ENOSPC when the file grows).
 */
async function writeInPlace(xfs: WriteFs, file: string, target: string, data: Buffer, st: Stats, opts: WriteOptions): Promise<void> {
  const tmp = tempName(target);
  const th = await xfs.open(tmp, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, 0o600);
  try {
    try {
      await th.writeFile(data);
      await th.sync();
    } finally {
      await th.close();
    }
    await opts.beforeCommit?.(target);
    let fh: fs.FileHandle;
    try {
      fh = await xfs.open(target, fsc.O_RDWR | fsc.O_NOFOLLOW | fsc.O_NONBLOCK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && opts.expect) throw new NotWritten(file, 'deleted', 'deleted since it was read; not re-created');
      if (code === 'ELOOP') throw new NotWritten(file, 'changed', 'changed since it was read (it is now a symbolic link)');
      throw e;
    }
    try {
      const now = await fh.stat();
      if (!now.isFile() || now.dev !== st.dev || now.ino !== st.ino) throw new NotWritten(file, 'changed', 'changed since it was read');
      const old = await fh.readFile();
      if (opts.expect && (!sameStat(now, opts.expect) || sha256(old) !== opts.expect.sha256)) throw new NotWritten(file, 'changed', 'changed since it was read');
      try {
        await writeAll(fh, data);
        await fh.truncate(data.length);
        await fh.sync();
      } catch (e) {
        // put the old bytes back: they fitted before, and the file has not been truncated
        await writeAll(fh, old).then(() => fh.truncate(old.length)).then(() => fh.sync()).catch(() => undefined);
        throw e;
      }
    } finally {
      await fh.close();
    }
  } catch (e) {
    await xfs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await xfs.rm(tmp, { force: true });
}

/** Writes all of `data` at file offset `pos` (0: the start); returns the offset after it. */
async function writeAll(fh: fs.FileHandle, data: Buffer, pos = 0): Promise<number> {
  let at = 0;
  while (at < data.length) {
    const { bytesWritten } = await fh.write(data, at, data.length - at, pos + at);
    if (bytesWritten <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
    at += bytesWritten;
  }
  return pos + at;
}

/**
 * Writes a file atomically from chunks of text made as they are written (a temporary file beside
 * it, flushed, then renamed over it), so that a file of hundreds of MB (the index cache of 100k
 * articles) is never held whole in memory. For files the tool owns (no metadata to keep): the
 * temporary file is made with `mode`, and a link or special file at the path is the caller's to refuse.
 */
export async function writeChunksAtomic(file: string, chunks: AsyncIterable<string>, mode = 0o644): Promise<void> {
  const tmp = tempName(file);
  const fh = await fs.open(tmp, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, mode);
  try {
    try {
      let pos = 0;
      for await (const chunk of chunks) pos = await writeAll(fh, Buffer.from(chunk, 'utf8'), pos);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDir(path.dirname(file));
}

/** Flushes a folder's entries (the rename), where the platform allows it. */
async function syncDir(dir: string): Promise<void> {
  let dh: fs.FileHandle | undefined;
  try {
    dh = await fs.open(dir, fsc.O_RDONLY);
    await dh.sync();
  } catch {
    // not supported here (Windows) or not permitted: the rename is done all the same
  } finally {
    await dh?.close().catch(() => undefined);
  }
}

/** Every `.txt` file under a folder (sorted), skipping node_modules and dot-folders; `deep: false`: only the folder's own. */
export async function listTxtFiles(dir: string, { deep = true }: { deep?: boolean } = {}): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await fs.readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) { if (deep) await walk(p); }
      else if (e.isFile() && e.name.toLowerCase().endsWith('.txt')) out.push(p);
    }
  };
  await walk(dir);
  return out;
}
