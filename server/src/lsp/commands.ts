// workspace/executeCommand: fix-all of a document, ignore a finding, write a sidecar, and the
// corpus-wide clean-up edit the client previews before applying.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LSPErrorCodes,
  MessageType,
  ResponseError,
  type CancellationToken,
  type WorkDoneProgressReporter,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { relativeKey, type Config } from '../engine/config';
import { listTxtFiles, readArticleFile } from '../io/files';
import { fileUri, toTextEdits } from './convert';
import { COMMANDS, fixAllEdits, sidecarTarget, type DocState, type IgnoreFindingArgs, type WriteSidecarArgs } from './codeActions';
import { documentEdit, MultiFileEdit, type EditSupport } from './edits';
import { t } from './l10n';
import { addIgnoreEntry, ignoreEntriesOf, removeIgnoreEntry, writableProjectRoot, type ProjectFiles } from './project';
import { checkInWorkspace, WorkspaceTrust } from './workspace';
import { writeSidecar } from './sidecar';

/** What the commands need from the server. */
export interface CommandHost {
  support: EditSupport;
  document(uri: string): TextDocument | undefined;
  openDocuments(): TextDocument[];
  /** The analysed state of an open document (current version), or null. */
  state(uri: string): Promise<DocState | null>;
  /** Settings merged with the project file for a path on disk. */
  configFor(uri: string, file: string | undefined): Promise<{ config: Config; maxFileSize: number }>;
  applyEdit(edit: WorkspaceEdit, label: string): Promise<boolean>;
  showMessage(type: MessageType, message: string): void;
  /** The workspace folder containing `file`, if any. */
  workspaceFolderOf(file: string): string | undefined;
  /** The workspace folders (absolute paths). */
  workspaceFolders(): readonly string[];
  /** False in VS Code's Restricted Mode: commands that write files refuse. */
  trusted(): boolean;
  /** corpusCurator.useConfigAboveWorkspace for a file. */
  configAbove(file: string): Promise<boolean>;
  projects: ProjectFiles;
  /** Project file changed: drop caches and re-validate the open documents. */
  projectChanged(): void;
}

export const COMMAND_LIST: string[] = Object.values(COMMANDS);

/** Absolute path of a file: URI, else undefined. */
export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function uriArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const u = (arg as { uri?: unknown } | null)?.uri;
  return typeof u === 'string' ? u : undefined;
}

export type { FixAllResult } from '../protocol';
import type { CleanCorpusEditResult, FixAllResult, IgnoredFinding } from '../protocol';

async function fixAllCommand(host: CommandHost, args: unknown[]): Promise<FixAllResult> {
  const uri = uriArg(args[0]);
  const state = uri ? await host.state(uri) : null;
  if (!state) return { applied: false, fixes: {} };
  const { edits, applied } = fixAllEdits(state.text, state.file, state.config);
  if (edits.length === 0) return { applied: false, fixes: {} };
  const ok = await host.applyEdit(documentEdit(state.uri, state.version, edits, host.support), t('Fix all Corpus Curator problems'));
  return { applied: ok, fixes: ok ? applied : {} };
}

export type IgnoreCommandResult = { added: boolean; file: string } | { added: false; error: string; file?: string };

/** Tells the user why a command that writes files does nothing in Restricted Mode; returns the message. */
function refuseUntrusted(host: CommandHost, what: string): string {
  const error = WorkspaceTrust.refusal(what);
  host.showMessage(MessageType.Warning, `Corpus Curator: ${error}`);
  return error;
}

async function ignoreCommand(host: CommandHost, args: unknown[]): Promise<IgnoreCommandResult> {
  if (!host.trusted()) return { added: false, error: refuseUntrusted(host, t('Ignoring a finding')) };
  const a = (args[0] ?? {}) as Partial<IgnoreFindingArgs>;
  const file = typeof a.uri === 'string' ? fsPathOf(a.uri) : undefined;
  if (!file || typeof a.code !== 'string' || typeof a.hash !== 'string') {
    const error = t('Only findings in saved files can be ignored.');
    host.showMessage(MessageType.Warning, `Corpus Curator: ${error}`);
    return { added: false, error };
  }
  const where = await writableProjectRoot(host.projects, file, await host.configAbove(file));
  if (!where.ok) {
    const error = t('Could not ignore the finding: {0}', where.reason);
    host.showMessage(MessageType.Error, `Corpus Curator: ${error}`);
    return { added: false, error };
  }
  const root = where.root;
  const res = await addIgnoreEntry(root, { file: relativeKey(root, file), code: a.code, hash: a.hash });
  if (!res.ok) {
    const error = t('Could not update {0}: {1}', res.file, res.reason);
    host.showMessage(MessageType.Error, `Corpus Curator: ${error}`);
    return { added: false, error, file: res.file };
  }
  host.projectChanged();
  return { added: res.added, file: res.file };
}

/**
 * The ignored findings of the workspace: the ignore entries of the project files governing each
 * workspace folder (and those inside it that the index's articles are governed by).
 */
async function ignoredFindingsCommand(host: CommandHost): Promise<IgnoredFinding[]> {
  const roots = new Set<string>();
  for (const folder of host.workspaceFolders()) {
    const found = host.projects.findRoot(folder, await host.configAbove(path.join(folder, 'article.txt')));
    if (found) roots.add(found.root);
  }
  for (const doc of host.openDocuments()) {
    const file = fsPathOf(doc.uri);
    const found = file ? host.projects.findRoot(path.dirname(file), await host.configAbove(file)) : undefined;
    if (found) roots.add(found.root);
  }
  const out: IgnoredFinding[] = [];
  for (const root of [...roots].sort()) {
    for (const e of await ignoreEntriesOf(root)) out.push({ projectFile: fileUri(path.join(root, '.corpus-curator.json')), uri: fileUri(path.join(root, ...e.file.split('/'))), file: e.file, code: e.code, hash: e.hash });
  }
  return out;
}

/** Removes an ignore entry (the finding shows again): the undo of "Ignore …". */
async function unignoreCommand(host: CommandHost, args: unknown[]): Promise<{ removed: boolean; error?: string }> {
  if (!host.trusted()) return { removed: false, error: refuseUntrusted(host, t('Ignoring a finding')) };
  const a = (args[0] ?? {}) as Partial<IgnoreFindingArgs>;
  const file = typeof a.uri === 'string' ? fsPathOf(a.uri) : undefined;
  if (!file || typeof a.code !== 'string' || typeof a.hash !== 'string') return { removed: false, error: 'bad arguments' };
  // the project file that governs the article, where "Ignore …" wrote the entry (inside the workspace only)
  const where = await writableProjectRoot(host.projects, file, await host.configAbove(file));
  if (!where.ok) {
    host.showMessage(MessageType.Error, `Corpus Curator: ${where.reason}`);
    return { removed: false, error: where.reason };
  }
  const res = await removeIgnoreEntry(where.root, { file: relativeKey(where.root, file), code: a.code, hash: a.hash });
  if (!res.ok) {
    const error = t('Could not update {0}: {1}', res.file, res.reason);
    host.showMessage(MessageType.Error, `Corpus Curator: ${error}`);
    return { removed: false, error };
  }
  if (res.removed) host.projectChanged();
  return { removed: res.removed };
}

export type WriteSidecarResult = { written: boolean; applied: boolean; sidecar?: string; error?: string };

/**
 * Writes the sidecar of a finding's fix, then asks the client to apply the article edit. Only the
 * document and the finding come from the arguments: the sidecar's path (beside the article, never
 * a link), its content and the edit are derived by the server from the article's current version.
 */
async function writeSidecarCommand(host: CommandHost, args: unknown[]): Promise<WriteSidecarResult> {
  const fail = (error: string, type: MessageType = MessageType.Error, sidecar?: string): WriteSidecarResult => {
    host.showMessage(type, `Corpus Curator: ${error}`);
    return { written: false, applied: false, error, ...(sidecar ? { sidecar } : {}) };
  };
  if (!host.trusted()) return { written: false, applied: false, error: refuseUntrusted(host, t('Extracting to a sidecar')) };
  const a = (args[0] ?? {}) as Partial<WriteSidecarArgs> & { sidecar?: unknown };
  if (typeof a.uri !== 'string' || typeof a.version !== 'number' || typeof a.code !== 'string' || typeof a.start !== 'number' || typeof a.end !== 'number') {
    return fail(t('Could not write the sidecar: invalid arguments.'));
  }
  if (a.sidecar !== undefined) {
    return fail(t("Could not write the sidecar: its path is derived from the article; a given path ({0}) is not accepted.", String(a.sidecar)));
  }
  const article = fsPathOf(a.uri);
  if (!article) return fail(t('Could not write the sidecar: only saved articles have a folder to put it in.'));
  const inside = await checkInWorkspace(article, host.workspaceFolders());
  if (!inside.ok) return fail(t('Could not write the sidecar: sidecars are written only beside articles inside a workspace folder ({0}).', inside.reason));
  const state = await host.state(a.uri);
  if (!state || !state.file || state.version !== a.version) {
    return fail(t('The document changed since the fix was computed; try again.'), MessageType.Warning);
  }
  const f = state.findings.find((x) => x.code === a.code && x.start === a.start && x.end === a.end && (a.hash === undefined || x.hash === a.hash));
  const fix = f?.fixes.find((x) => x.sidecar);
  if (!fix?.sidecar) return fail(t('The document changed since the fix was computed; try again.'), MessageType.Warning);
  const where = await sidecarTarget(state.file, fix, (file) => checkInWorkspace(file, host.workspaceFolders()));
  if (!where.ok) return fail(t('Could not write the sidecar: {0}', where.reason));
  const target = where.target;
  const w = await writeSidecar(target, fix.sidecar.json);
  if (!w.ok) return fail(t('Could not write {0}: {1}', target, w.reason), MessageType.Error, target);
  const edit = documentEdit(state.uri, state.version, toTextEdits(fix, state.map), host.support);
  const applied = await host.applyEdit(edit, path.basename(target));
  return { written: true, applied, sidecar: target };
}

export type CleanCorpusResult = CleanCorpusEditResult<WorkspaceEdit>;

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => `${code} ×${n}`)
    .join(', ');
}

async function expandUris(host: CommandHost, arg: unknown, skipped: CleanCorpusResult['skipped']): Promise<string[]> {
  let list: unknown[];
  if (arg === undefined || arg === null) list = host.openDocuments().map((d) => d.uri);
  else if (Array.isArray(arg)) list = arg;
  else list = [uriArg(arg) ?? arg];
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (u: string) => {
    if (!seen.has(u)) {
      seen.add(u);
      out.push(u);
    }
  };
  for (const item of list) {
    const u = uriArg(item);
    if (!u) {
      skipped.push({ uri: String(item), reason: t('not a URI') });
      continue;
    }
    const file = fsPathOf(u);
    if (file && !host.document(u)) {
      try {
        if ((await fs.stat(file)).isDirectory()) {
          for (const f of await listTxtFiles(file)) push(fileUri(f));
          continue;
        }
      } catch {
        /* reported when it is read */
      }
    }
    push(u);
  }
  return out;
}

/** Cancellation and work-done progress of the executeCommand request, when the client sent them. */
export interface CommandContext {
  token?: CancellationToken;
  progress?: WorkDoneProgressReporter;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function cleanCorpusCommand(host: CommandHost, args: unknown[], ctx: CommandContext): Promise<CleanCorpusResult> {
  if (!host.trusted()) throw new ResponseError(LSPErrorCodes.RequestFailed, refuseUntrusted(host, t('Clean Corpus')));
  const skipped: CleanCorpusResult['skipped'] = [];
  const uris = await expandUris(host, args[0], skipped);
  // { only: codes }: the fixes of these rules only (the explorer's "Clean These Articles" on a rule's group)
  const opt = args[1] as { only?: unknown } | undefined;
  const only = Array.isArray(opt?.only) && opt.only.every((c) => typeof c === 'string') ? new Set(opt.only as string[]) : undefined;
  const perFile: Record<string, Record<string, number>> = {};
  const edit = new MultiFileEdit(host.support);
  const total: Record<string, number> = {};
  let files = 0;
  ctx.progress?.begin(t('Corpus Curator: preparing the clean-up'), 0, undefined, true);
  let done = 0;
  for (const uri of uris) {
    if (ctx.token?.isCancellationRequested) {
      ctx.progress?.done();
      throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    }
    if (done > 0) await yieldToEventLoop(); // let other requests through between files
    ctx.progress?.report(Math.round((100 * done) / Math.max(1, uris.length)), `${done}/${uris.length}`);
    done++;
    const doc = host.document(uri);
    const file = fsPathOf(uri);
    let text: string;
    let version: number | null = null;
    const { config, maxFileSize } = await host.configFor(uri, file);
    if (doc) {
      text = doc.getText();
      version = doc.version;
      if (text.length * 3 > maxFileSize && Buffer.byteLength(text, 'utf8') > maxFileSize) {
        skipped.push({ uri, reason: t('over the corpusCurator.maxFileSize limit') });
        continue;
      }
    } else if (file) {
      try {
        const r = await readArticleFile(file, maxFileSize);
        if (r.text === undefined) {
          skipped.push({ uri, reason: r.skipped ?? t('cannot be read') });
          continue;
        }
        text = r.text;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        skipped.push({ uri, reason: code === 'ENOENT' ? t('no such file') : (e as Error).message });
        continue;
      }
    } else {
      skipped.push({ uri, reason: t('not open and not a file on disk') });
      continue;
    }
    let res: ReturnType<typeof fixAllEdits>;
    try {
      // one change per file: the preview's tick is a file's clean-up, and the report is exact
      res = fixAllEdits(text, file, config, false, only, true);
    } catch (e) {
      skipped.push({ uri, reason: `internal error: ${(e as Error).message}` });
      continue;
    }
    if (res.edits.length === 0) continue;
    files++;
    const editUri = doc ? doc.uri : uri;
    for (const [code, n] of Object.entries(res.applied)) total[code] = (total[code] ?? 0) + n;
    perFile[editUri] = res.applied;
    const name = file ? path.basename(file) : decodeURIComponent(uri.replace(/^.*\//, ''));
    edit.add(editUri, version, res.edits, {
      label: t('Clean {0}', name),
      needsConfirmation: true,
      description: describeCounts(res.applied),
    });
  }
  ctx.progress?.done();
  return { edit: edit.build(), files, fixes: total, perFile, skipped };
}

export async function executeCommand(host: CommandHost, command: string, args: unknown[] = [], ctx: CommandContext = {}): Promise<unknown> {
  switch (command) {
    case COMMANDS.fixAll:
      return fixAllCommand(host, args);
    case COMMANDS.ignoreFinding:
      return ignoreCommand(host, args);
    case COMMANDS.writeSidecar:
      return writeSidecarCommand(host, args);
    case COMMANDS.cleanCorpusEdit:
      return cleanCorpusCommand(host, args, ctx);
    case COMMANDS.ignoredFindings:
      return ignoredFindingsCommand(host);
    case COMMANDS.unignoreFinding:
      return unignoreCommand(host, args);
    default:
      return null;
  }
}
