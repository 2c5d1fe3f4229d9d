// The worker thread of OffThreadAnalyzer (offThread.ts): parses a document and runs the per-file
// rules, and sends the Article (without its strings) and the findings back; then, in a second
// message, the outline and the folds. A block's hover reason is worked out when a hover asks for it
// (the worker keeps each document's last Article, whose reasons are worked out on first read).
import { parentPort } from 'node:worker_threads';
import { parseArticle, reasonAtLine } from '../model/article';
import { analyzeArticle, knowledgeFor } from '../engine/analyze';
import { buildOutline, foldingRanges } from '../model/outline';
import type { LineFrequency } from '../model/features';
import { toWire, type OffThreadMessage, type OffThreadReply } from './offThread';
import type { Article } from '../model/types';
import { LineCache } from '../model/lineCache';
import { packFindings } from './transfer';
import { currentLocale, setLocale } from '../l10n';

/** Per document: what its lines' own text gave in its earlier analyses (dropped when it closes). */
const caches = new Map<string, LineCache>();
/** Per document: its last analysis (the request's id and the Article), whose hover reasons a hover may ask for. */
const lastArticles = new Map<string, { id: number; article: Article }>();

parentPort!.on('message', (m: OffThreadMessage) => {
  if ('forget' in m) {
    caches.delete(m.forget);
    lastArticles.delete(m.forget);
    return;
  }
  if ('reasonOf' in m) {
    const last = lastArticles.get(m.uri);
    const kept = last?.id === m.id;
    let reason: string | undefined;
    try {
      const block = kept ? last!.article.blocks[m.block] : undefined;
      reason = block ? reasonAtLine(block, m.line) : undefined;
    } catch {
      reason = undefined; // a hover shows the kind without its reason
    }
    parentPort!.postMessage({ reasonOf: m.reasonOf, reason, kept } satisfies OffThreadReply);
    return;
  }
  lastArticles.delete(m.uri); // (not kept alive while the next version is read)
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
    lastArticles.set(m.uri, { id: m.id, article });
    // then the outline and folds (the first outline asked for after an edit is then only moved)
    let extras: Extract<OffThreadReply, { extras: unknown }>['extras'];
    try {
      const outline = buildOutline(article);
      extras = { outline, folds: foldingRanges(article, outline) };
    } catch {
      extras = null; // the main thread makes the outline itself
    }
    parentPort!.postMessage({ id: m.id, extras } satisfies OffThreadReply);
    return;
  } catch (e) {
    parentPort!.postMessage({ id: m.id, ok: false, error: (e as Error)?.stack ?? String(e) } satisfies OffThreadReply);
  }
});
