// The index worker: a worker_threads entry (bundled to dist/indexWorker.js) that reads and
// summarizes files off the language server's main thread. Messages: job.ts WorkerRequest in,
// WorkerMessage out.
import * as os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { runIndexJob, type WorkerMessage, type WorkerRequest } from './job';

const port = parentPort;
if (port) {
  // There is a worker per CPU: below the language server's thread (and the editor), so that hovers
  // and diagnostics come first. On Linux a nice value is a thread's own; elsewhere it would be the
  // whole process's. CORPUS_CURATOR_INDEX_NICE (0-19, default 10) sets it; 0 indexes at full priority.
  const env = Number.parseInt(process.env.CORPUS_CURATOR_INDEX_NICE ?? '', 10);
  const nice = Number.isInteger(env) && env >= 0 && env <= 19 ? env : os.constants.priority.PRIORITY_BELOW_NORMAL;
  if (process.platform === 'linux' && nice > 0) {
    try {
      os.setPriority(0, nice);
    } catch {
      /* not allowed: run at the normal priority */
    }
  }
  const cancelled = new Set<number>();
  const post = (m: WorkerMessage) => port.postMessage(m);
  port.on('message', (m: WorkerRequest) => {
    if (!m || typeof m !== 'object') return;
    if (m.type === 'cancel') {
      cancelled.add(m.id);
      return;
    }
    if (m.type !== 'index') return;
    runIndexJob(m, post, () => cancelled.has(m.id))
      .catch((e: unknown) => post({ type: 'error', id: m.id, message: (e as Error)?.stack ?? String(e) }))
      .finally(() => cancelled.delete(m.id));
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
