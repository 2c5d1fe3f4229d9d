// One indexing job: stat, read and summarize a list of files, reporting summaries in batches. Runs
// inside the index worker (worker.ts) and, for a single file, inline in the language server. The
// messages are plain data (structured clone).
import { promises as fs, statSync } from 'node:fs';
import { decodeArticle, kindOf, readRegularFile } from '../io/files';
import type { Config } from '../engine/config';
import { summarize, type DocSummary } from './corpus';
import { yieldToEvents } from '../io/events';

export interface JobFile {
  file: string;
  /** What the index knows: when both match the file on disk, it is not read again. */
  mtimeMs?: number;
  size?: number;
}

export interface IndexRequest {
  type: 'index';
  id: number;
  files: JobFile[];
  config: Config;
  /** Files larger than this are skipped. */
  maxBytes: number;
  /** Summaries per batch message (default 64); a batch also goes out after 250 ms. */
  batchSize?: number;
}

export interface CancelRequest {
  type: 'cancel';
  id: number;
}

export type WorkerRequest = IndexRequest | CancelRequest;

export interface BatchMessage {
  type: 'batch';
  id: number;
  /** New or changed files. */
  summaries: DocSummary[];
  /** Files whose mtime and size match what the index knows (not read). */
  unchanged: string[];
  /** Files that exist but are not articles (too large, binary, not UTF-8…), with the reason. */
  skipped: Array<{ file: string; reason: string }>;
  /** Files that are gone (or unreadable). */
  missing: string[];
  /** Files handled so far in this job, of total. */
  done: number;
  total: number;
}

export interface DoneMessage {
  type: 'done';
  id: number;
  done: number;
  total: number;
  /** Files actually read and summarized. */
  read: number;
  cancelled: boolean;
}

export interface ErrorMessage {
  type: 'error';
  id: number;
  message: string;
}

/** Sent once by a worker when it has loaded and listens for requests. */
export interface ReadyMessage {
  type: 'ready';
  id?: undefined;
}

export type WorkerMessage = BatchMessage | DoneMessage | ErrorMessage | ReadyMessage;

type Loaded =
  | { kind: 'unchanged'; file: string }
  | { kind: 'missing'; file: string }
  | { kind: 'skipped'; file: string; reason: string }
  | { kind: 'text'; file: string; text: string; mtimeMs: number; size: number };

/** Stats one file and reads it unless the index already has this version. */
export async function loadFile(f: JobFile, maxBytes: number): Promise<Loaded> {
  let st;
  try {
    st = await fs.stat(f.file);
  } catch {
    return { kind: 'missing', file: f.file };
  }
  if (!st.isFile()) return { kind: 'skipped', file: f.file, reason: `not a regular file: it is ${kindOf(st)}` };
  if (f.mtimeMs === st.mtimeMs && f.size === st.size) return { kind: 'unchanged', file: f.file };
  // read only if it is (still) a regular file within the limit, whatever happened since the stat
  let r;
  try {
    r = await readRegularFile(f.file, { maxBytes });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { kind: 'missing', file: f.file } : { kind: 'skipped', file: f.file, reason: `cannot read: ${code ?? (e as Error).message}` };
  }
  if (!r.ok) return { kind: 'skipped', file: f.file, reason: r.reason };
  const d = decodeArticle(r.bytes);
  if (!d.ok) return { kind: 'skipped', file: f.file, reason: d.reason };
  return { kind: 'text', file: f.file, text: d.text, mtimeMs: r.stats.mtimeMs, size: r.stats.size };
}


/** How many files are being read ahead while one is summarized. */
const READ_AHEAD = 8;
/** A run of unchanged files gives the event loop a turn (a 'cancel' message) at least this often. */
const TURN_MS = 10;

/**
 * A file the index knows, unchanged on disk: one synchronous stat (this runs in a worker thread of
 * its own), no promise, no read. A warm start is almost only these. Undefined when the file is not
 * known, has changed, or the stat fails: loadFile then says what happened.
 */
function unchangedQuick(f: JobFile): Loaded | undefined {
  if (f.mtimeMs === undefined || f.size === undefined) return undefined;
  try {
    const st = statSync(f.file);
    if (st.isFile() && st.mtimeMs === f.mtimeMs && st.size === f.size) return { kind: 'unchanged', file: f.file };
  } catch {
    /* gone or unreadable: the async path reports it */
  }
  return undefined;
}

/**
 * Runs a job: reads ahead a few files while summarizing one, posts a batch every `batchSize` files
 * (or 250 ms), checks `cancelled()` between files, and ends with a 'done' message.
 */
export async function runIndexJob(req: IndexRequest, post: (m: WorkerMessage) => void, cancelled: () => boolean): Promise<void> {
  const total = req.files.length;
  const batchSize = Math.max(1, req.batchSize ?? 64);
  let done = 0;
  let read = 0;
  let batch: BatchMessage = { type: 'batch', id: req.id, summaries: [], unchanged: [], skipped: [], missing: [], done: 0, total };
  let pendingItems = 0;
  let lastPost = Date.now();
  const flush = () => {
    if (pendingItems === 0) return;
    batch.done = done;
    post(batch);
    batch = { type: 'batch', id: req.id, summaries: [], unchanged: [], skipped: [], missing: [], done: 0, total };
    pendingItems = 0;
    lastPost = Date.now();
  };
  const ahead: Array<Promise<Loaded>> = [];
  let next = 0;
  let stopped = false;
  let turn = true; // give the event loop a turn before the next file
  let lastTurn = 0;
  while (done < total) {
    // a turn of the event loop lets a 'cancel' message in: after each file read, and every
    // TURN_MS along a run of unchanged ones (a turn per file cost a warm start most of its time)
    if (turn || Date.now() - lastTurn >= TURN_MS) {
      await yieldToEvents();
      lastTurn = Date.now();
      turn = false;
    }
    if (cancelled()) {
      stopped = true;
      break;
    }
    let r: Loaded | undefined;
    if (ahead.length === 0 && next < total) {
      r = unchangedQuick(req.files[next]);
      if (r) next++;
    }
    if (!r) {
      while (ahead.length < READ_AHEAD && next < total) ahead.push(loadFile(req.files[next++], req.maxBytes));
      r = await ahead.shift()!;
      turn = true;
    }
    switch (r.kind) {
      case 'unchanged':
        batch.unchanged.push(r.file);
        break;
      case 'missing':
        batch.missing.push(r.file);
        break;
      case 'skipped':
        batch.skipped.push({ file: r.file, reason: r.reason });
        break;
      case 'text':
        read++;
        try {
          batch.summaries.push(summarize(r.file, r.text, req.config, { mtimeMs: r.mtimeMs, size: r.size }));
        } catch (e) {
          batch.skipped.push({ file: r.file, reason: `internal error while summarizing: ${(e as Error).message}` });
        }
        break;
    }
    pendingItems++;
    done++;
    if (pendingItems >= batchSize || Date.now() - lastPost > 250) flush();
  }
  await Promise.allSettled(ahead);
  flush();
  post({ type: 'done', id: req.id, done, total, read, cancelled: stopped });
}
