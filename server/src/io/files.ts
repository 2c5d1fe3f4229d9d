// Reading and writing corpus files safely: clear reasons for what cannot be read, atomic writes.
import { promises as fs, constants as fsc, type Stats } from 'node:fs';
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
  for (const b of probe) if (b === 0) nul++;
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
}

/** 0 where the platform has no such flag (Windows). */
const O_NONBLOCK = fsc.O_NONBLOCK ?? 0;
const O_NOFOLLOW = fsc.O_NOFOLLOW ?? 0;

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
    // one byte more than allowed tells a file that grew; a size of 0 may be a file whose size is not
    // known in advance (/proc): the buffer grows as it is read, up to the cap
    let buf = Buffer.allocUnsafe(Math.min(st.size, max) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > max) break;
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, Math.max(8192, buf.length * 2)));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
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

export interface ReadOutcome {
  file: string;
  text?: string;
  /** Why the file is not analysed. */
  skipped?: string;
}

/** An article's text, or why it is skipped (not a regular file, too large, not UTF-8 text). Errors opening it are thrown. */
export async function readArticleFile(file: string, maxBytes: number): Promise<ReadOutcome> {
  const r = await readRegularFile(file, { maxBytes });
  if (!r.ok) return { file, skipped: r.reason };
  const d = decodeArticle(r.bytes);
  return d.ok ? { file, text: d.text } : { file, skipped: d.reason };
}

/**
 * Writes a file atomically: a temporary file in the same folder, flushed, then renamed over the
 * original, keeping its mode. A reader never sees a half-written file.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await fs.stat(file)).mode;
  } catch {
    mode = undefined;
  }
  const fh = await fs.open(tmp, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, mode ?? 0o644);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
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
