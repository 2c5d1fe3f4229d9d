// Runs the batch tasks (tasks.ts) on worker threads, or in this thread for --jobs 1. Tasks are
// queued and handed to whichever worker is free; results come back as promises. Workers are the
// CLI's own bundle started again in a thread (`workerData.role`).
import { Worker as Thread } from 'node:worker_threads';
import { analyzed, keysTask, Worker, type AnalyzedFile, type CorpusSnapshot, type FileReport, type KeysResult, type Shared } from './tasks';

export type Task =
  | { kind: 'keys'; file: string; maxBytes: number }
  | { kind: 'setup'; shared: Shared }
  | { kind: 'analyze'; file: string }
  | { kind: 'corpus'; file: string; view: CorpusSnapshot; textHash?: number };

export interface Pool {
  keys(file: string, maxBytes: number): Promise<KeysResult>;
  /** Gives every worker what passes 2 and 3 share; call once, after pass 1. */
  setup(shared: Shared): Promise<void>;
  /** Pass 2: the summary, and the report packed (tasks.ts: analyzed). */
  analyze(file: string): Promise<AnalyzedFile>;
  /** Pass 3; with pass 2's textHash, only the corpus rules' findings when the file still reads the same (tasks.ts: withCorpusReport). */
  corpus(file: string, view: CorpusSnapshot, textHash?: number): Promise<FileReport>;
  close(): Promise<void>;
}

/** Handles one task (in a worker thread: the other end of threadPool; or here: localPool). */
export function taskHandler(): (t: Task) => Promise<unknown> {
  let worker: Worker | undefined;
  const w = () => {
    if (!worker) throw new Error('setup() first');
    return worker;
  };
  return async (t) => {
    switch (t.kind) {
      case 'keys': return keysTask(t.file, t.maxBytes);
      case 'setup': worker = new Worker(t.shared); return null;
      case 'analyze': return analyzed(await w().analyzeFile(t.file));
      case 'corpus': return w().corpusFile(t.file, t.view, t.textHash);
    }
  };
}

/** The tasks in this thread. */
export function localPool(): Pool {
  const run = taskHandler();
  return {
    keys: (file, maxBytes) => run({ kind: 'keys', file, maxBytes }) as Promise<KeysResult>,
    setup: async (shared) => { await run({ kind: 'setup', shared }); },
    analyze: (file) => run({ kind: 'analyze', file }) as Promise<AnalyzedFile>,
    corpus: (file, view, textHash) => run({ kind: 'corpus', file, view, textHash }) as Promise<FileReport>,
    close: async () => {},
  };
}

interface Pending {
  task: Task;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** `n` worker threads running `script` with workerData { role: 'lint-worker' }. */
export function threadPool(script: string, n: number): Pool {
  const threads: Array<{ t: Thread; busy: Pending | null }> = [];
  const queue: Pending[] = [];
  let failed: Error | undefined;

  const pump = () => {
    for (const th of threads) {
      if (th.busy || queue.length === 0) continue;
      const p = queue.shift()!;
      th.busy = p;
      th.t.postMessage(p.task);
    }
  };
  for (let i = 0; i < n; i++) {
    const t = new Thread(script, { workerData: { role: 'lint-worker' } });
    const th = { t, busy: null as Pending | null };
    t.on('message', (m: { ok: boolean; value?: unknown; error?: string }) => {
      const p = th.busy;
      th.busy = null;
      if (p) {
        if (m.ok) p.resolve(m.value);
        else p.reject(new Error(m.error));
      }
      pump();
    });
    t.on('error', (e) => {
      failed = e;
      th.busy?.reject(e);
      th.busy = null;
      for (const p of queue.splice(0)) p.reject(e);
    });
    threads.push(th);
  }
  const run = <T>(task: Task): Promise<T> => new Promise<T>((resolve, reject) => {
    if (failed) return reject(failed);
    queue.push({ task, resolve: resolve as (v: unknown) => void, reject });
    pump();
  });
  return {
    keys: (file, maxBytes) => run<KeysResult>({ kind: 'keys', file, maxBytes }),
    setup: async (shared) => {
      // every thread, once its current task is done: wait for the queue to drain first
      await Promise.all(threads.map((th) => new Promise<void>((resolve, reject) => {
        const p: Pending = { task: { kind: 'setup', shared }, resolve: () => resolve(), reject };
        const send = (): void => {
          if (th.busy) {
            setImmediate(send);
            return;
          }
          th.busy = p;
          th.t.postMessage(p.task);
        };
        send();
      })));
    },
    analyze: (file) => run<AnalyzedFile>({ kind: 'analyze', file }),
    corpus: (file, view, textHash) => run<FileReport>({ kind: 'corpus', file, view, textHash }),
    close: async () => {
      await Promise.all(threads.map((th) => th.t.terminate()));
    },
  };
}
