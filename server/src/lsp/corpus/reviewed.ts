// corpusCurator/markReviewed: adds or removes articles in `reviewed` of the governing
// `.corpus-curator.json` (written atomically, inside the workspace folder only).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { parseProjectFile, PROJECT_FILE, readProjectText, relativeKey } from '../../engine/config';
import { writeFileAtomic } from '../../io/files';
import { yieldToEvents } from '../../io/events';
import { fsPathOf } from '../commands';
import { fileUri } from '../convert';
import { t } from '../l10n';
import { writableProjectRoot } from '../project';
import { WorkspaceTrust } from '../workspace';
import { CorpusMethods, type IndexUpdated, type MarkReviewedParams, type MarkReviewedResult } from '../../protocol';
import type { CorpusContext } from './context';

export function createMarkReviewed(ctx: CorpusContext) {
  const { connection, service, host, projects, chunk, workspaceFolders, configAbove } = ctx;
  async function markReviewed(params: MarkReviewedParams, token?: CancellationToken): Promise<MarkReviewedResult> {
    if (host.trusted && !host.trusted()) return { ok: false, reason: WorkspaceTrust.refusal(t('Marking articles as reviewed')) };
    const files = (Array.isArray(params?.uris) ? params.uris : [])
      .map((u) => (typeof u === 'string' ? fsPathOf(u) : undefined))
      .filter((f): f is string => !!f);
    if (files.length === 0) return { ok: false, reason: 'no file: URI given' };
    const reviewed = params.reviewed !== false;
    await workspaceFolders();
    const above = await configAbove(files[0]);
    const byRoot = new Map<string, string[]>();
    const writable = new Map<string, Awaited<ReturnType<typeof writableProjectRoot>>>();
    // a whole group of a large corpus can be marked at once: a turn of the event loop now and then
    for (let i = 0; i < files.length; i++) {
      if (i > 0 && i % chunk === 0) {
        await yieldToEvents();
        if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      }
      const f = files[i];
      // written only inside the file's workspace folder (never above it, never through a link)
      const dir = path.dirname(f);
      let where = writable.get(dir);
      if (!where) writable.set(dir, (where = await writableProjectRoot(projects, f, above)));
      if (!where.ok) return { ok: false, reason: where.reason };
      const root = where.root;
      let l = byRoot.get(root);
      if (!l) byRoot.set(root, (l = []));
      l.push(relativeKey(root, f));
    }
    let changed = 0;
    let last = '';
    for (const [root, rels] of byRoot) {
      const res = await updateReviewed(root, rels, reviewed);
      if (!res.ok) return { ok: false, file: res.file, reason: res.reason };
      changed += res.changed;
      last = res.file;
    }
    if (changed > 0) {
      projects.invalidate();
      host.projectChanged?.();
      void connection.sendNotification(CorpusMethods.indexUpdated, { uris: files.map(fileUri), size: service.index.size() } satisfies IndexUpdated);
    }
    return { ok: true, file: last, changed };
  }

  return markReviewed;
}

export type ReviewedWrite = { ok: true; file: string; changed: number } | { ok: false; file: string; reason: string };

/**
 * Adds (or removes) paths in `reviewed` of `<root>/.corpus-curator.json`, creating the file when
 * needed, keeping its other keys and their order, written atomically. A file that is not a JSON
 * object is left untouched.
 */
export async function updateReviewed(root: string, rels: readonly string[], reviewed: boolean): Promise<ReviewedWrite> {
  const file = path.join(root, PROJECT_FILE);
  // only a regular file is read (a FIFO there would hang the request), and never written over
  const { text, problem } = await readProjectText(file);
  if (problem !== undefined) return { ok: false, file, reason: problem };
  let obj: Record<string, unknown> = {};
  if (text !== undefined && text.trim() !== '') {
    const parsed = parseProjectFile(text.replace(/^\uFEFF/, ''));
    if (!parsed.project) return { ok: false, file, reason: parsed.problem ?? 'not a JSON object' };
    obj = parsed.project as Record<string, unknown>;
  }
  const list = Array.isArray(obj.reviewed) ? obj.reviewed.filter((x): x is string => typeof x === 'string') : [];
  const set = new Set(list);
  let changed = 0;
  for (const rel of rels) {
    if (!rel || rel.startsWith('../')) continue;
    if (reviewed && !set.has(rel)) {
      set.add(rel);
      list.push(rel);
      changed++;
    } else if (!reviewed && set.delete(rel)) changed++;
  }
  if (changed === 0) return { ok: true, file, changed };
  obj.reviewed = list.filter((x) => set.has(x));
  const eol = text && /\r\n/.test(text) ? '\r\n' : '\n';
  try {
    await fs.mkdir(root, { recursive: true });
    await writeFileAtomic(file, JSON.stringify(obj, null, 2).replace(/\n/g, eol) + eol);
  } catch (e) {
    return { ok: false, file, reason: (e as Error).message };
  }
  return { ok: true, file, changed };
}
