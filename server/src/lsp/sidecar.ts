// Sidecar JSON files written beside an article by fixes that keep what they remove (php-dump's
// "Extract to sidecar"): `<dir>/<fileName>`, merged with an existing sidecar by appending to `dumps`.
import * as path from 'node:path';
import { readRegularFile, SIDECAR_MAX_BYTES, writeFileAtomic } from '../io/files';

/** The sidecar's path for an article file; undefined for a name that would leave the article's folder. */
export function sidecarPath(articleFile: string, fileName: string): string | undefined {
  if (!fileName || fileName !== path.basename(fileName) || fileName === '.' || fileName === '..' || /[\\/]/.test(fileName)) {
    return undefined;
  }
  return path.join(path.dirname(articleFile), fileName);
}

export type SidecarContent = { ok: true; text: string; existed: boolean } | { ok: false; reason: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The sidecar's new content: `json` as is when there is no existing file; otherwise the existing
 * object with the new `dumps` entries appended (entries already there are not repeated) and its other
 * keys kept. An existing file that is not a JSON object is not overwritten.
 */
export function mergeSidecar(existing: string | undefined, json: unknown): SidecarContent {
  if (existing === undefined || existing.trim() === '') {
    return { ok: true, text: JSON.stringify(json, null, 2) + '\n', existed: existing !== undefined };
  }
  let old: unknown;
  try {
    old = JSON.parse(existing.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, reason: `it is not valid JSON (${(e as Error).message})` };
  }
  if (!isObject(old)) return { ok: false, reason: 'it does not hold a JSON object' };
  const merged: Record<string, unknown> = { ...old };
  const fresh = isObject(json) ? json : { dumps: [json] };
  for (const [k, v] of Object.entries(fresh)) {
    if (k === 'dumps') continue;
    if (!(k in merged)) merged[k] = v;
  }
  const oldDumps = Array.isArray(old.dumps) ? old.dumps : old.dumps === undefined ? [] : [old.dumps];
  const newDumps = Array.isArray(fresh.dumps) ? fresh.dumps : fresh.dumps === undefined ? [] : [fresh.dumps];
  const seen = new Set(oldDumps.map((d) => JSON.stringify(d)));
  merged.dumps = [...oldDumps, ...newDumps.filter((d) => !seen.has(JSON.stringify(d)))];
  const eol = /\r\n/.test(existing) ? '\r\n' : '\n';
  return { ok: true, text: JSON.stringify(merged, null, 2).replace(/\n/g, eol) + eol, existed: true };
}

/**
 * The sidecar's text, undefined when there is none. Only a regular file of at most SIDECAR_MAX_BYTES
 * is read, and a symbolic link is not followed: anything else (a link to /dev/zero, a FIFO, a huge
 * file) throws an Error saying why, without reading it.
 */
export async function readIfExists(file: string): Promise<string | undefined> {
  let r;
  try {
    r = await readRegularFile(file, { maxBytes: SIDECAR_MAX_BYTES, noFollow: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  if (!r.ok) throw new Error(r.reason);
  return r.bytes.toString('utf8');
}

/** The merged sidecar content for `file` as it is on disk now. */
export async function sidecarContent(file: string, json: unknown): Promise<SidecarContent> {
  let existing: string | undefined;
  try {
    existing = await readIfExists(file);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  return mergeSidecar(existing, json);
}

/** Reads, merges and writes the sidecar atomically (server-side path). */
export async function writeSidecar(file: string, json: unknown): Promise<{ ok: true } | { ok: false; reason: string }> {
  const c = await sidecarContent(file, json);
  if (!c.ok) return c;
  try {
    await writeFileAtomic(file, c.text);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}
