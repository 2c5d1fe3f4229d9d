// Line frequencies across a corpus: in how many articles each short line occurs. A line that
// recurs across many articles (a menu, a footer, a "Tin liên quan" header) is a site's template;
// the recognizer reads the count as a feature. Built without any label, from the texts alone.
import type { LineFrequency } from './features';
import { lineFacts } from './lines';

/** Lines longer than this (folded) are prose, not template: not counted. */
export const MAX_TEMPLATE_CHARS = 300;

export class LineCounts implements LineFrequency {
  private readonly counts = new Map<string, number>();
  size = 0;

  /** Count the distinct short lines of one more article. */
  add(text: string): void {
    this.size++;
    const seen = new Set<string>();
    for (const line of text.split(/\r\n|\r|\n/)) {
      if (line.length > MAX_TEMPLATE_CHARS * 3) continue;
      const f = lineFacts(line);
      if (f.blank || f.folded.length > MAX_TEMPLATE_CHARS) continue;
      seen.add(f.key);
    }
    for (const key of seen) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

export function lineCountsOf(texts: Iterable<string>): LineCounts {
  const c = new LineCounts();
  for (const t of texts) c.add(t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);
  return c;
}
