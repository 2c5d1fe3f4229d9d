// Where the language server may write: only beside articles that lie inside a workspace folder
// (real paths: a link that leads out of the folder does not count), and only while the workspace
// is trusted (VS Code's Restricted Mode: the client says so in initializationOptions.workspaceTrusted
// and with corpusCurator/workspaceTrust when the user grants trust).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { t } from './l10n';

/** `file` is `dir` or lies under it (lexically). */
export function isUnder(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** The deepest of `folders` that contains `file` (lexically), if any. */
export function folderContaining(folders: readonly string[], file: string): string | undefined {
  let best: string | undefined;
  for (const f of folders) if (isUnder(file, f) && (!best || f.length > best.length)) best = f;
  return best;
}

export type InWorkspace = { ok: true; folder: string } | { ok: false; reason: string };

async function realpathOrUndefined(p: string): Promise<string | undefined> {
  try {
    return await fs.realpath(p);
  } catch {
    return undefined;
  }
}

/**
 * Is `file` inside one of the workspace folders, once links are resolved? `file` itself need not
 * exist (a project file about to be created): its folder's real path is what counts then.
 */
export async function checkInWorkspace(file: string, folders: readonly string[]): Promise<InWorkspace> {
  if (!path.isAbsolute(file)) return { ok: false, reason: t('{0} is not an absolute path', file) };
  const name = path.basename(file);
  const real = (await realpathOrUndefined(file)) ?? (await realpathOrUndefined(path.dirname(file)).then((d) => (d ? path.join(d, name) : undefined)));
  if (!real) return { ok: false, reason: t('{0} does not exist', path.dirname(file)) };
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    const realFolder = await realpathOrUndefined(folder);
    if (realFolder && isUnder(real, realFolder) && real !== realFolder) return { ok: true, folder };
  }
  return { ok: false, reason: t('{0} is not inside a workspace folder', file) };
}

/** Workspace trust as the client reported it (true for clients that have no such notion). */
export class WorkspaceTrust {
  trusted = true;

  /** Reads `workspaceTrusted` from initializationOptions (absent: trusted). */
  init(options: unknown): void {
    const v = (options as { workspaceTrusted?: unknown } | null | undefined)?.workspaceTrusted;
    this.trusted = v !== false;
  }

  /** The message a refused action shows in Restricted Mode. */
  static refusal(what: string): string {
    return t('{0} is disabled in Restricted Mode: it writes files, and this workspace is not trusted. Trust the workspace to use it.', what);
  }
}
