// The project file `.corpus-curator.json` as the server sees it: the nearest one above a document
// within its workspace folder (above the folder only with corpusCurator.useConfigAboveWorkspace),
// re-read only when its mtime or size changes, and updated (ignore entries) with atomic writes,
// never above the workspace folder.
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { loadProjectFile, parseProjectFile, PROJECT_FILE, readProjectText, type IgnoreEntry, type ProjectFile } from '../engine/config';
import { writeFileAtomic } from '../io/files';
import { t } from './l10n';
import { checkInWorkspace, folderContaining, isUnder } from './workspace';

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
  private folders: readonly string[] = [];

  /** The workspace folders (absolute paths). None: no workspace, the search goes up to the file system's root, as the CLI's. */
  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
  }

  workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /**
   * The nearest folder at or above `dir` with a project file (a few stat calls), searched up to the
   * workspace folder containing `dir`; above it, and for a `dir` outside every workspace folder,
   * only when `above` (corpusCurator.useConfigAboveWorkspace) says so.
   */
  findRoot(dir: string, above = false): { root: string; stamp: string } | undefined {
    let d = path.resolve(dir);
    const bounded = this.folders.length > 0 && !above;
    const folder = bounded ? folderContaining(this.folders, d) : undefined;
    if (bounded && !folder) return undefined;
    for (;;) {
      const st = statFile(path.join(d, PROJECT_FILE));
      if (st) return { root: d, stamp: `${d}|${st.mtimeMs}|${st.size}` };
      if (d === folder) return undefined;
      const up = path.dirname(d);
      if (up === d) return undefined;
      d = up;
    }
  }

  /** The project file governing files in `dir`, loaded (or from the cache when unchanged). */
  async lookup(dir: string, above = false): Promise<ProjectInfo | undefined> {
    const found = this.findRoot(dir, above);
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

/**
 * Where an ignore entry or a reviewed mark for `file` is written: the folder of the project file
 * governing it when that lies inside the file's workspace folder, else that workspace folder's root
 * (a project file is created there). Never above or outside the workspace folder: a file outside
 * every workspace folder, a project file in use above the folder (useConfigAboveWorkspace: a new one
 * inside would hide it), a link leading out of the folder, are refused with a reason.
 */
export async function writableProjectRoot(
  projects: ProjectFiles,
  file: string,
  above: boolean,
): Promise<{ ok: true; root: string } | { ok: false; reason: string }> {
  const folders = projects.workspaceFolders();
  const folder = folderContaining(folders, file);
  if (!folder) return { ok: false, reason: t('{0} is not inside a workspace folder; Corpus Curator writes project files only inside the workspace', file) };
  const found = projects.findRoot(path.dirname(file), above);
  if (found && !isUnder(found.root, folder)) {
    return {
      ok: false,
      reason: t(
        'the project file in use, {0}, is above the workspace folder, and Corpus Curator does not write outside the workspace (a new one in {1} would hide it); edit it yourself or move it into the workspace folder',
        path.join(found.root, PROJECT_FILE),
        folder,
      ),
    };
  }
  const root = found?.root ?? folder;
  const target = path.join(root, PROJECT_FILE);
  try {
    const st = await fs.lstat(target);
    if (st.isSymbolicLink()) return { ok: false, reason: t('{0} is a symbolic link; Corpus Curator does not write through it', target) };
    if (!st.isFile()) return { ok: false, reason: t('{0} is not a regular file', target) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return { ok: false, reason: (e as Error).message };
  }
  // a folder on the way that links out of the workspace folder
  const inside = await checkInWorkspace(target, folders);
  if (!inside.ok) return { ok: false, reason: inside.reason };
  return { ok: true, root };
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

export type UnignoreResult = { ok: true; file: string; removed: boolean } | { ok: false; file: string; reason: string };

/**
 * Removes an ignore entry from `<root>/.corpus-curator.json` (the finding shows again), keeping the
 * other keys and their order, written atomically. A missing entry changes nothing.
 */
export async function removeIgnoreEntry(root: string, entry: IgnoreEntry): Promise<UnignoreResult> {
  const file = path.join(root, PROJECT_FILE);
  const { text, problem } = await readProjectText(file);
  if (problem !== undefined) return { ok: false, file, reason: problem };
  if (text === undefined || text.trim() === '') return { ok: true, file, removed: false };
  const parsed = parseProjectFile(text.replace(/^\uFEFF/, ''));
  if (!parsed.project) return { ok: false, file, reason: parsed.problem ?? 'not a JSON object' };
  const obj = parsed.project as Record<string, unknown>;
  const list = Array.isArray(obj.ignore) ? (obj.ignore as unknown[]) : [];
  const kept = list.filter((x) => {
    const e = x as Partial<IgnoreEntry> | null;
    return !(e && e.file === entry.file && e.code === entry.code && e.hash === entry.hash);
  });
  if (kept.length === list.length) return { ok: true, file, removed: false };
  obj.ignore = kept;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  try {
    await writeFileAtomic(file, JSON.stringify(obj, null, 2).replace(/\n/g, eol) + eol);
  } catch (e) {
    return { ok: false, file, reason: (e as Error).message };
  }
  return { ok: true, file, removed: true };
}

/** The ignore entries of a project file (those that are well formed), with the file they are in. */
export async function ignoreEntriesOf(root: string): Promise<IgnoreEntry[]> {
  const { text } = await readProjectText(path.join(root, PROJECT_FILE));
  if (!text) return [];
  const parsed = parseProjectFile(text.replace(/^\uFEFF/, ''));
  const list = parsed.project && Array.isArray(parsed.project.ignore) ? (parsed.project.ignore as unknown[]) : [];
  return list.filter((x): x is IgnoreEntry => {
    const e = x as Partial<IgnoreEntry> | null;
    return !!e && typeof e.file === 'string' && typeof e.code === 'string' && typeof e.hash === 'string';
  });
}

