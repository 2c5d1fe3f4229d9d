// Sidecar JSON files written beside an article by fixes that keep what they remove (php-dump's
// "Extract to sidecar"): `<dir>/<fileName>`, merged with an existing sidecar by appending to `dumps`.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readRegularFile, SIDECAR_MAX_BYTES, writeFileAtomic } from '../io/files';
import { t } from './l10n';

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
/**
 * The sidecar's current text, undefined when there is none. Links are never followed: a sidecar
 * path that is a symbolic link (which could lead out of the workspace, to a secret or to
 * /dev/zero) or anything but a regular file of at most SIDECAR_MAX_BYTES is refused with a reason,
 * and nothing is read (readRegularFile opens it with O_NOFOLLOW and checks what it opened).
 */
export async function readSidecarIfExists(file: string): Promise<{ ok: true; text: string | undefined } | { ok: false; reason: string }> {
  let st;
  try {
    st = await fs.lstat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, text: undefined };
    return { ok: false, reason: (e as Error).message };
  }
  if (st.isSymbolicLink()) return { ok: false, reason: t('it is a symbolic link; Corpus Curator does not follow links for sidecars') };
  if (!st.isFile()) return { ok: false, reason: t('it is not a regular file') };
  try {
    const r = await readRegularFile(file, { maxBytes: SIDECAR_MAX_BYTES, noFollow: true });
    if (!r.ok) return { ok: false, reason: r.reason };
    if (r.stats.ino !== st.ino || r.stats.dev !== st.dev) return { ok: false, reason: t('it changed while it was read') };
    return { ok: true, text: r.bytes.toString('utf8') };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, text: undefined };
    return { ok: false, reason: (e as Error).message };
  }
}

/** The merged sidecar content for `file` as it is on disk now. */
export async function sidecarContent(file: string, json: unknown): Promise<SidecarContent> {
  const existing = await readSidecarIfExists(file);
  if (!existing.ok) return existing;
  return mergeSidecar(existing.text, json);
}

/** Reads, merges and writes the sidecar atomically (server-side path). */
export async function writeSidecar(file: string, json: unknown): Promise<{ ok: true } | { ok: false; reason: string }> {
  const existing = await readSidecarIfExists(file);
  if (!existing.ok) return existing;
  const c = mergeSidecar(existing.text, json);
  if (!c.ok) return c;
  try {
    // read again right before the rename (which replaces the path itself): no link put there
    // meanwhile is written through, and no change made meanwhile is overwritten
    const again = await readSidecarIfExists(file);
    if (!again.ok) return again;
    if (again.text !== existing.text) return { ok: false, reason: t('it changed meanwhile; try again') };
    await writeFileAtomic(file, c.text);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}
