// Language and site knowledge, loaded from data files (server/data/*.json) and extended by the
// project file (.corpus-curator.json). Code asks questions; the data holds the phrases.
import data from '../../data/article.vi.json';
import { fold } from '../text/normalize';

export type BoilerplateCategory = 'widget' | 'share' | 'comment' | 'nav' | 'teaser' | 'punct' | 'custom';

interface PhraseSet {
  exact: Set<string>;
  prefix: string[];
  contains: string[];
}

export interface Knowledge {
  boilerplate: Array<{ category: BoilerplateCategory; phrases: PhraseSet }>;
  captionCues: PhraseSet;
  bylineCues: PhraseSet;
  kickerMaxWords: number;
  headingMaxWords: number;
  captionMaxWords: number;
  bylineMaxWords: number;
}

/** The comparison key for phrases: folded whitespace, lower case. */
export function phraseKey(text: string): string {
  return fold(text).toLocaleLowerCase('vi');
}

function phraseSet(src: { exact?: string[]; prefix?: string[]; contains?: string[] }): PhraseSet {
  return {
    exact: new Set((src.exact ?? []).map(phraseKey)),
    prefix: (src.prefix ?? []).map((p) => p.toLocaleLowerCase('vi')),
    contains: (src.contains ?? []).map((p) => p.toLocaleLowerCase('vi')),
  };
}

function matches(set: PhraseSet, key: string): boolean {
  if (set.exact.has(key)) return true;
  for (const p of set.prefix) if (key.startsWith(p)) return true;
  for (const c of set.contains) if (key.includes(c)) return true;
  return false;
}

export interface KnowledgeExtras {
  /** Extra boilerplate lines (whole-line phrases) from the project file. */
  boilerplate?: string[];
}

export function loadKnowledge(extras: KnowledgeExtras = {}): Knowledge {
  const boilerplate = data.boilerplate.map((b) => ({
    category: b.category as BoilerplateCategory,
    phrases: phraseSet(b as { exact?: string[]; prefix?: string[]; contains?: string[] }),
  }));
  if (extras.boilerplate?.length) {
    boilerplate.push({ category: 'custom', phrases: phraseSet({ exact: extras.boilerplate }) });
  }
  return {
    boilerplate,
    captionCues: phraseSet(data.captionCues),
    bylineCues: phraseSet(data.bylineCues),
    kickerMaxWords: data.kickerMaxWords,
    headingMaxWords: data.headingMaxWords,
    captionMaxWords: data.captionMaxWords,
    bylineMaxWords: data.bylineMaxWords,
  };
}

export const defaultKnowledge: Knowledge = loadKnowledge();

/** A line of punctuation and symbols only (`.`, `...`, `*`, `|`, `--`), no letters or digits. */
export function isLonePunctuation(text: string): boolean {
  if (text.length > 200) return false;
  const f = fold(text);
  return f.length > 0 && f.length <= 12 && !/[\p{L}\p{N}]/u.test(f);
}

/** Which kind of site chrome a line is, or null. `key` is phraseKey(line). */
export function boilerplateCategory(k: Knowledge, line: string): BoilerplateCategory | null {
  if (line.length > 800) return null; // chrome is short; prose this long is never a widget
  if (isLonePunctuation(line)) return 'punct';
  const key = phraseKey(line);
  if (key.length > 400) return null;
  for (const b of k.boilerplate) {
    // 'contains' phrases only count on lines of notice length, not inside long prose
    if (b.phrases.exact.has(key)) return b.category;
    for (const p of b.phrases.prefix) if (key.startsWith(p) && (p.endsWith(':') || key.length < 200)) return b.category;
    if (key.length < 400) for (const c of b.phrases.contains) if (key.includes(c)) return b.category;
  }
  // breadcrumbs: "Thời sự » Trong nước", "Trang chủ > Tin tức"
  if (/^[^.!?]{1,80}$/u.test(key) && /\s[»>›]\s/u.test(key) && key.split(/\s[»>›]\s/u).length >= 2 && key.length < 80) {
    return 'nav';
  }
  return null;
}

export function hasCaptionCue(k: Knowledge, line: string): boolean {
  return matches(k.captionCues, phraseKey(line));
}

export function hasBylineCue(k: Knowledge, line: string): boolean {
  return matches(k.bylineCues, phraseKey(line));
}
