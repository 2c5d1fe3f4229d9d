// The worker thread of OffThreadAnalyzer (offThread.ts): parses a document and runs the per-file
// rules, and sends the Article, the findings, the outline and the folds back. The hover reasons travel with the blocks.
import { parentPort } from 'node:worker_threads';
import { parseArticle } from '../model/article';
import { analyzeArticle, knowledgeFor } from '../engine/analyze';
import { buildOutline, foldingRanges } from '../model/outline';
import type { LineFrequency } from '../model/features';
import type { OffThreadReply, OffThreadRequest } from './offThread';
import { LineCache } from '../model/lineCache';
import { packFindings, withoutLines } from './transfer';

/** Per document: what its lines' own text gave in its earlier analyses (dropped when it closes). */
const caches = new Map<string, LineCache>();

parentPort!.on('message', (m: OffThreadRequest | { forget: string }) => {
  if ('forget' in m) {
    caches.delete(m.forget);
    return;
  }
  let reply: OffThreadReply;
  try {
    let frequency: LineFrequency | undefined;
    if (m.frequency) {
      const counts = new Map(m.frequency.counts);
      frequency = { size: m.frequency.size, count: (key) => counts.get(key) ?? 0 };
    }
    let cache = caches.get(m.uri);
    if (!cache) caches.set(m.uri, (cache = new LineCache()));
    const article = parseArticle(m.text, knowledgeFor(m.config), { frequency, cache });
    const { findings } = analyzeArticle(article, { file: m.file, config: m.config, cache });
    // the outline and folds too: the first outline asked for after an edit is then only moved
    const outline = buildOutline(article);
    const folds = foldingRanges(article, outline);
    // (postMessage copies each block's reason through its getter: the words are worked out here)
    // the lines and findings in a form that copies fast (transfer.ts)
    const packed = packFindings(findings);
    reply = { id: m.id, ok: true, article: withoutLines(article), findings: packed, outline, folds };
    parentPort!.postMessage(reply, [packed.nums.buffer as ArrayBuffer]);
    return;
  } catch (e) {
    reply = { id: m.id, ok: false, error: (e as Error)?.stack ?? String(e) };
  }
  parentPort!.postMessage(reply);
});
