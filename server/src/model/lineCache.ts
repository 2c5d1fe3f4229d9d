// What the article model works out about a line from the line's own text alone, kept between the
// analyses of one document (the language server re-reads a document after every edit; most of its
// lines did not change). Only pure functions of a line's text are kept here: its facts (lines.ts),
// its cues (a dateline, a chrome phrase: the text and the knowledge), what its own features read
// of it (its ending, capitals, indentation, cue words: features.ts ownFacts), and its word-pair
// shingles.
// The rules keep theirs here too (`memo`, one table per rule and purpose, named in the rule's file):
// what a rule works out from one line's or one block's text alone (stray-token's debris,
// repeated-word's words, near-duplicate-paragraph's word hashes), so that a re-analysis after an
// edit works out again only the changed lines and blocks, and redoes the cheap aggregation over
// the article. Those values depend on the text and the rule's own data files only (not on the
// knowledge or the configuration), and a table is turned with the others.
// Whatever depends on the neighbours or on the whole document (most features, the CRF's decoding,
// the near-duplicate pairs) is worked out again every time. A parse with a cache gives exactly
// what a parse without one gives (model/incremental.test.ts).
//
// Bounded: the entries used by the last two analyses are kept, the others dropped.
import { lineFacts, type LineFacts } from './lines';
import type { LineCues } from './features';
import type { Knowledge } from './knowledge';
import { Interner, shingles } from '../text/similarity';

/**
 * Gives `lines` the text objects of `old` where they hold the same text, going from the start while
 * they do and from the end while they do (an edit changes the lines between): one comparison of
 * each such line, after which they are the same strings (a Map's lookup of one is a pointer
 * comparison; a string the old lines keep alive anyway is not a second copy). The texts are the
 * same; nothing else changes.
 */
export function keepTexts(lines: Array<{ text: string }>, old: ReadonlyArray<{ text: string }>): void {
  const n = lines.length, m = old.length;
  let a = 0;
  for (; a < n && a < m && lines[a].text === old[a].text; a++) lines[a].text = old[a].text;
  for (let b = 1; b <= n - a && b <= m - a && lines[n - b].text === old[m - b].text; b++) lines[n - b].text = old[m - b].text;
}

class Generations<V> {
  private cur = new Map<string, V>();
  private prev = new Map<string, V>();

  get(key: string, make: (key: string) => V): V {
    let v = this.cur.get(key);
    if (v !== undefined) return v;
    v = this.prev.get(key);
    if (v === undefined) v = make(key);
    this.cur.set(key, v);
    return v;
  }

  /** An analysis is done: what it did not use goes at the next turn. */
  turn(): void {
    this.prev = this.cur;
    this.cur = new Map();
  }

  get size(): number {
    return this.cur.size + this.prev.size;
  }
}

export class LineCache {
  private readonly factsByText = new Generations<LineFacts>();
  private readonly shinglesByFolded = new Generations<Set<number>>();
  private cuesByText = new Generations<LineCues>();
  private ownByText = new Generations<unknown>();
  private knowledge: Knowledge | undefined;
  private readonly tables = new Map<string, Generations<unknown>>();
  /** The document's shingle numbering, for the pair searches (similarity.ts Interner), one per purpose. */
  private readonly interners = new Map<string, Interner>();

  /** The last analysis's lines (sameLines). */
  private lastLines: ReadonlyArray<{ text: string }> = [];

  /**
   * Gives the lines that did not change since the last analysis (those before and after the edited
   * ones) the very string objects of that analysis (keepTexts): each table's lookup of such a line
   * is then a pointer comparison, not a comparison of its characters (a 1 MB article's lines
   * compared again in every table took 5% of its re-analysis). The texts are the same.
   */
  sameLines(lines: Array<{ text: string }>): void {
    keepTexts(lines, this.lastLines);
    this.lastLines = lines;
  }

  interner(purpose: string): Interner {
    let i = this.interners.get(purpose);
    if (!i) this.interners.set(purpose, (i = new Interner()));
    return i;
  }

  /** lineFacts(text). The object is shared: read it, do not change it. */
  facts(text: string): LineFacts {
    return this.factsByText.get(text, lineFacts);
  }

  /** shingles(folded, 2). Shared: read it, do not change it. */
  shingles2(folded: string): Set<number> {
    return this.shinglesByFolded.get(folded, (f) => shingles(f, 2));
  }

  /** A line's cues under this knowledge, made by `make` when not known (its text decides them). */
  cues(knowledge: Knowledge, text: string, make: () => LineCues): LineCues {
    this.under(knowledge);
    return this.cuesByText.get(text, make);
  }

  /** What a line's features read from its own text under this knowledge (features.ts ownFacts). Shared: read only. */
  own<T>(knowledge: Knowledge, text: string, make: () => T): T {
    this.under(knowledge);
    return this.ownByText.get(text, make) as T;
  }

  /**
   * A rule's value for a text, made by `make(text)` when not known. `make` must be a pure function
   * of the text (and of constants: the rule's data), the same for every call with this `table`.
   * Shared: read it, do not change it.
   */
  memo<T>(table: string, text: string, make: (text: string) => T): T {
    let t = this.tables.get(table);
    if (!t) this.tables.set(table, (t = new Generations<unknown>()));
    return t.get(text, make) as T;
  }

  /** What was worked out under other knowledge (another project file's chrome lines) goes. */
  private under(knowledge: Knowledge): void {
    if (knowledge === this.knowledge) return;
    this.knowledge = knowledge;
    this.cuesByText = new Generations<LineCues>();
    this.ownByText = new Generations<unknown>();
  }

  /** Called after each analysis: entries the last two analyses did not use are dropped. */
  turn(): void {
    this.factsByText.turn();
    this.shinglesByFolded.turn();
    this.cuesByText.turn();
    this.ownByText.turn();
    for (const t of this.tables.values()) t.turn();
  }

  get size(): number {
    let n = this.factsByText.size + this.shinglesByFolded.size + this.cuesByText.size + this.ownByText.size;
    for (const t of this.tables.values()) n += t.size;
    return n;
  }
}
