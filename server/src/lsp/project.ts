// The project file `.corpus-curator.json` as the server sees it: the nearest one above a document,
// re-read only when its mtime or size changes, and updated (ignore entries) with atomic writes.
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { loadProjectFile, parseProjectFile, PROJECT_FILE, readProjectText, type IgnoreEntry, type ProjectFile } from '../engine/config';
import { writeFileAtomic } from '../io/files';

export interface ProjectInfo {
  /** Folder holding the project file. */
  root: string;
  project?: ProjectFile;
  /** Why the file could not be used (invalid JSON, unreadable). */
  problem?: string;
  /** Changes whenever the file changes (path, mtime, size). */
  stamp: string;
}

function statFile(file: string): { mtimeMs: number; size: number } | undefined {
  try {
    const st = statSync(file);
    // a FIFO or a link to a device counts (loading it says why it cannot be used); a folder does not
    return st.isDirectory() ? undefined : { mtimeMs: st.mtimeMs, size: st.size };
  } catch {
    return undefined;
  }
}

export class ProjectFiles {
  private readonly cache = new Map<string, { stamp: string; info: Promise<ProjectInfo> }>();

  /** The nearest folder at or above `dir` with a project file (a few stat calls). */
  findRoot(dir: string): { root: string; stamp: string } | undefined {
    let d = path.resolve(dir);
    for (;;) {
      const st = statFile(path.join(d, PROJECT_FILE));
      if (st) return { root: d, stamp: `${d}|${st.mtimeMs}|${st.size}` };
      const up = path.dirname(d);
      if (up === d) return undefined;
      d = up;
    }
  }

  /** The project file governing files in `dir`, loaded (or from the cache when unchanged). */
  async lookup(dir: string): Promise<ProjectInfo | undefined> {
    const found = this.findRoot(dir);
    if (!found) return undefined;
    const cached = this.cache.get(found.root);
    if (cached && cached.stamp === found.stamp) return cached.info;
    const info = loadProjectFile(found.root).then(
      ({ project, problem }): ProjectInfo => ({ root: found.root, project, problem, stamp: found.stamp }),
      (e): ProjectInfo => ({ root: found.root, problem: String((e as Error)?.message ?? e), stamp: found.stamp }),
    );
    this.cache.set(found.root, { stamp: found.stamp, info });
    return info;
  }

  invalidate(): void {
    this.cache.clear();
  }
}

export type IgnoreResult =
  | { ok: true; file: string; added: boolean }
  | { ok: false; file: string; reason: string };

/**
 * Adds an ignore entry to `<root>/.corpus-curator.json` (creating the file if needed), keeping the
 * other keys and their order, written atomically with a 2-space indent. An existing file that is
 * not a JSON object is left untouched.
 */
export async function addIgnoreEntry(root: string, entry: IgnoreEntry): Promise<IgnoreResult> {
  const file = path.join(root, PROJECT_FILE);
  let obj: Record<string, unknown> = {};
  // only a regular file is read (a FIFO there would hang the request), and never written over
  const { text, problem } = await readProjectText(file);
  if (problem !== undefined) return { ok: false, file, reason: problem };
  if (text !== undefined && text.trim() !== '') {
    const parsed = parseProjectFile(text.replace(/^\uFEFF/, ''));
    if (!parsed.project) return { ok: false, file, reason: parsed.problem ?? 'not a JSON object' };
    obj = parsed.project as Record<string, unknown>;
  }
  const list = Array.isArray(obj.ignore) ? [...(obj.ignore as unknown[])] : [];
  const exists = list.some((x) => {
    const e = x as Partial<IgnoreEntry> | null;
    return !!e && e.file === entry.file && e.code === entry.code && e.hash === entry.hash;
  });
  if (exists) return { ok: true, file, added: false };
  list.push({ file: entry.file, code: entry.code, hash: entry.hash });
  obj.ignore = list;
  const eol = text && /\r\n/.test(text) ? '\r\n' : '\n';
  const out = JSON.stringify(obj, null, 2).replace(/\n/g, eol) + eol;
  try {
    await fs.mkdir(root, { recursive: true });
    await writeFileAtomic(file, out);
  } catch (e) {
    return { ok: false, file, reason: (e as Error).message };
  }
  return { ok: true, file, added: true };
}
