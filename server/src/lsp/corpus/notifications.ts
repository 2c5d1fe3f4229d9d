// The index's events as notifications: corpusCurator/indexProgress (throttled; phase changes at
// once) and corpusCurator/indexUpdated (coalesced).
import type { IndexProgressEvent, IndexUpdateEvent } from '../../index/service';
import { fileUri } from '../convert';
import { CorpusMethods, type IndexProgress, type IndexUpdated } from '../../protocol';
import type { CorpusContext } from './context';

/** Progress notifications go out at most this often while a scan runs. */
const PROGRESS_INTERVAL_MS = 100;
/** indexUpdated notifications are coalesced over this window. */
const UPDATED_INTERVAL_MS = 200;

/** The index's progress as the protocol says it (the fields that are set, no others). */
export function progressMessage(e: IndexProgressEvent): IndexProgress {
  const p: IndexProgress = { done: e.done, total: e.total, phase: e.phase };
  if (e.failed) p.failed = e.failed;
  if (e.read !== undefined) p.read = e.read;
  return p;
}

export function forwardIndexEvents(ctx: CorpusContext): { sawProgress(): boolean; dispose(): void } {
  const { connection, service } = ctx;
  let sawProgress = false;
  let progressTimer: NodeJS.Timeout | undefined;
  let lastProgressSent = 0;
  let lastPhase: IndexProgress['phase'] | undefined;
  let pendingProgress: IndexProgress | undefined;

  const sendProgress = (p: IndexProgress) => {
    lastProgressSent = Date.now();
    lastPhase = p.phase;
    pendingProgress = undefined;
    void connection.sendNotification(CorpusMethods.indexProgress, p);
  };

  const onProgress = (e: IndexProgressEvent) => {
    sawProgress = true;
    const p = progressMessage(e);
    const wait = PROGRESS_INTERVAL_MS - (Date.now() - lastProgressSent);
    if (p.phase !== lastPhase || wait <= 0) {
      if (progressTimer) clearTimeout(progressTimer);
      progressTimer = undefined;
      // the updates of a finished scan go out before its 'done'
      if (p.phase === 'done' || p.phase === 'cancelled') flushUpdated();
      sendProgress(p);
      return;
    }
    pendingProgress = p;
    progressTimer ??= setTimeout(() => {
      progressTimer = undefined;
      if (pendingProgress) sendProgress(pendingProgress);
    }, wait);
  };

  let updatedTimer: NodeJS.Timeout | undefined;
  const updatedFiles = new Set<string>();

  const flushUpdated = () => {
    if (updatedTimer) clearTimeout(updatedTimer);
    updatedTimer = undefined;
    if (updatedFiles.size === 0) return;
    const files = [...updatedFiles];
    updatedFiles.clear();
    // a long list is of no use to the client: it re-asks for the summary either way
    const msg: IndexUpdated = files.length <= 500 ? { uris: files.map(fileUri), size: service.index.size() } : { size: service.index.size() };
    void connection.sendNotification(CorpusMethods.indexUpdated, msg);
  };

  const onUpdated = (u: IndexUpdateEvent) => {
    for (const f of u.files) updatedFiles.add(f);
    for (const f of u.removed) updatedFiles.add(f);
    updatedTimer ??= setTimeout(flushUpdated, UPDATED_INTERVAL_MS);
  };

  service.on('progress', onProgress);
  service.on('updated', onUpdated);

  return {
    sawProgress: () => sawProgress,
    dispose() {
      if (progressTimer) clearTimeout(progressTimer);
      if (updatedTimer) clearTimeout(updatedTimer);
      service.off('progress', onProgress);
      service.off('updated', onUpdated);
    },
  };
}
