// `reviewed` in `.corpus-curator.json`, edited on the client side (workspace.fs) when the language
// server does not answer corpusCurator/markReviewed. Keeps the file's other keys and their order;
// writes a temporary file beside it and renames it over the original (atomic on one file system).
import * as vscode from 'vscode';
import { t } from './l10n';

export const PROJECT_FILE = '.corpus-curator.json';
/** The project file is read only up to this size (as the server reads it). */
const PROJECT_FILE_MAX_BYTES = 16 * 1024 * 1024;

/** Path of `file` relative to `root`, '/'-separated, or undefined when it is not under root. */
export function relativeTo(root: vscode.Uri, file: vscode.Uri): string | undefined {
  if (root.scheme !== file.scheme || root.authority !== file.authority) return undefined;
  const base = root.path.endsWith('/') ? root.path : root.path + '/';
  return file.path.startsWith(base) ? file.path.slice(base.length) : undefined;
}

export type ReviewedUpdate = { ok: true; file: vscode.Uri; changed: number } | { ok: false; file: vscode.Uri; reason: string };

export async function updateReviewed(root: vscode.Uri, files: readonly vscode.Uri[], reviewed: boolean): Promise<ReviewedUpdate> {
  const target = vscode.Uri.joinPath(root, PROJECT_FILE);
  let text: string | undefined;
  try {
    // only a regular file of a sane size is read: a FIFO there would hang the read, a link to
    // /dev/zero would fill memory, and a link may lead out of the workspace
    const st = await vscode.workspace.fs.stat(target);
    if (st.type & vscode.FileType.SymbolicLink) return { ok: false, file: target, reason: t('{0} is a symbolic link; Corpus Curator does not write through it', PROJECT_FILE) };
    if (!(st.type & vscode.FileType.File)) return { ok: false, file: target, reason: t('{0} is not a regular file', PROJECT_FILE) };
    if (st.size > PROJECT_FILE_MAX_BYTES) return { ok: false, file: target, reason: t('{0} is too large ({1} MB)', PROJECT_FILE, (st.size / 1048576).toFixed(1)) };
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
  } catch (e) {
    if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) {
      return { ok: false, file: target, reason: (e as Error).message };
    }
  }
  let obj: Record<string, unknown> = {};
  if (text !== undefined && text.trim() !== '') {
    try {
      const v = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) return { ok: false, file: target, reason: t('it does not hold a JSON object') };
      obj = v as Record<string, unknown>;
    } catch (e) {
      return { ok: false, file: target, reason: t('it is not valid JSON ({0})', (e as Error).message) };
    }
  }
  const list = Array.isArray(obj.reviewed) ? obj.reviewed.filter((x): x is string => typeof x === 'string') : [];
  const set = new Set(list);
  let changed = 0;
  for (const f of files) {
    const rel = relativeTo(root, f);
    if (!rel) continue;
    if (reviewed && !set.has(rel)) {
      set.add(rel);
      list.push(rel);
      changed++;
    } else if (!reviewed && set.delete(rel)) changed++;
  }
  if (changed === 0) return { ok: true, file: target, changed };
  obj.reviewed = reviewed ? list : list.filter((x) => set.has(x));
  const eol = text && /\r\n/.test(text) ? '\r\n' : '\n';
  const out = JSON.stringify(obj, null, 2).replace(/\n/g, eol) + eol;
  const tmp = vscode.Uri.joinPath(root, `.${PROJECT_FILE}.${Date.now().toString(36)}.tmp`);
  try {
    await vscode.workspace.fs.writeFile(tmp, new TextEncoder().encode(out));
    await vscode.workspace.fs.rename(tmp, target, { overwrite: true });
  } catch (e) {
    await vscode.workspace.fs.delete(tmp).then(undefined, () => undefined);
    return { ok: false, file: target, reason: (e as Error).message };
  }
  return { ok: true, file: target, changed };
}
