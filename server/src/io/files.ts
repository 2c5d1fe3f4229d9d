// Reading and writing corpus files safely: clear reasons for what cannot be read, atomic writes.
import { promises as fs, constants as fsc } from 'node:fs';
import * as path from 'node:path';

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes a file's bytes as UTF-8 text, or says why it is not a text article. The BOM is kept in the text. */
export function decodeArticle(bytes: Uint8Array): Decoded {
  const probe = bytes.subarray(0, 8192);
  let nul = 0;
  for (const b of probe) if (b === 0) nul++;
  // UTF-16 files have NUL in every other byte; a single stray NUL in text is kept (and flagged by rules)
  if (nul > 0 && (nul > probe.length / 64 || nul > 16)) return { ok: false, reason: 'binary file (it contains NUL bytes); not an article' };
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, reason: 'UTF-16 text; convert it to UTF-8 first' };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return { ok: false, reason: `not valid UTF-8 (first bad byte at offset ${at}); skipped so that nothing is corrupted` };
  }
}

/** Offset of the first byte that breaks UTF-8. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let need = 0;
    if (c < 0x80) need = 0;
    else if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

export interface ReadOutcome {
  file: string;
  text?: string;
  /** Why the file is not analysed. */
  skipped?: string;
}

export async function readArticleFile(file: string, maxBytes: number): Promise<ReadOutcome> {
  const st = await fs.stat(file);
  if (!st.isFile()) return { file, skipped: 'not a regular file' };
  if (st.size > maxBytes) {
    return { file, skipped: `too large (${(st.size / 1048576).toFixed(1)} MB > ${(maxBytes / 1048576).toFixed(1)} MB limit)` };
  }
  const bytes = await fs.readFile(file);
  const d = decodeArticle(bytes);
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
