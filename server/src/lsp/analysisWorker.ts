// The worker thread of OffThreadAnalyzer (offThread.ts): parses a document and runs the per-file
// rules, and sends the Article (without its strings) and the findings back; then, in a second
// message, the outline, the folds and the blocks' hover reasons.
import { parentPort } from 'node:worker_threads';
import { parseArticle } from '../model/article';
import { analyzeArticle, knowledgeFor } from '../engine/analyze';
import { buildOutline, foldingRanges } from '../model/outline';
import type { LineFrequency } from '../model/features';
import { toWire, type OffThreadReply, type OffThreadRequest } from './offThread';
import { LineCache } from '../model/lineCache';
import { packFindings } from './transfer';
import { currentLocale, setLocale } from '../l10n';

/** Per document: what its lines' own text gave in its earlier analyses (dropped when it closes). */
const caches = new Map<string, LineCache>();

parentPort!.on('message', (m: OffThreadRequest | { forget: string }) => {
  if ('forget' in m) {
    caches.delete(m.forget);
    return;
  }
  try {
    // the words in the main thread's language; the lines' cached findings were in the old one
    if (m.locale !== undefined) {
      const before = currentLocale();
      if (setLocale(m.locale) !== before) caches.clear();
    }
    let frequency: LineFrequency | undefined;
    if (m.frequency) {
      const counts = new Map(m.frequency.counts);
      frequency = { size: m.frequency.size, count: (key) => counts.get(key) ?? 0 };
    }
    let cache = caches.get(m.uri);
    if (!cache) caches.set(m.uri, (cache = new LineCache()));
    const article = parseArticle(m.text, knowledgeFor(m.config), { frequency, cache });
    const { findings } = analyzeArticle(article, { file: m.file, config: m.config, cache });
    // the reply first, without the text (the main thread has it): diagnostics wait for nothing else
    // (the findings as numbers in one transferable buffer and a table of their strings: transfer.ts)
    const packed = packFindings(findings);
    parentPort!.postMessage({ id: m.id, ok: true, article: toWire(article), findings: packed } satisfies OffThreadReply, [packed.nums.buffer as ArrayBuffer]);
    // then the outline and folds (the first outline asked for after an edit is then only moved) and
    // the hover reasons: words worked out from the model's scores, which stay here
    let extras: Extract<OffThreadReply, { extras: unknown }>['extras'];
    try {
      const outline = buildOutline(article);
      extras = { outline, folds: foldingRanges(article, outline), reasons: article.blocks.map((b) => b.reason) };
    } catch {
      extras = null; // the main thread makes the outline itself; a hover shows the kind without its reason
    }
    parentPort!.postMessage({ id: m.id, extras } satisfies OffThreadReply);
    return;
  } catch (e) {
    parentPort!.postMessage({ id: m.id, ok: false, error: (e as Error)?.stack ?? String(e) } satisfies OffThreadReply);
  }
});
