// Where the recognizer's features go (features.ts writes each line's features once, through a
// FeatureSink): as names (training, the hovers' explanations, tests), or straight into a line's
// emission scores as the model's rows, without making a string per feature (the parse).
//
// A feature is given in parts (`zone=` and `head`); the parts' rows are found through a tree of the
// parts seen so far (one Map lookup per part, the parts being constants or values of small sets,
// whose hashes V8 keeps), built lazily per model from the model's names: a part sequence is joined
// into a name once, when first seen, and looked up in the model's index. Features the model does
// not know get no row and are skipped, as emissionRow skips them. Pure, deterministic: the scores
// are added in the order of the features' first occurrence, as emissionRow adds those of
// `[...new Set(names)]`, so the sums are the same to the last bit.
import type { CrfModel } from './crf';

export type Part = string | number;

export interface FeatureSink {
  /** The feature `name`. */
  add(name: string): void;
  /** The feature a + b. */
  add2(a: string, b: Part): void;
  /** The feature a + b + c. */
  add3(a: string, b: Part, c: Part): void;
  /** The feature a + b + c + d. */
  add4(a: string, b: Part, c: Part, d: Part): void;
  /**
   * A feature named after the text's own words (an open set): prefix + w, or prefix + w + ' ' + w2
   * when w2 is given (the words hold no space). Looked up by its words, not kept in the parts tree.
   */
  addWords(prefix: string, w: string, w2?: string): void;
}

/** The features as names, in order, each once (what the model is trained on and explains with). */
export class NameSink implements FeatureSink {
  readonly names: string[] = [];
  add(name: string): void { this.names.push(name); }
  add2(a: string, b: Part): void { this.names.push(a + b); }
  add3(a: string, b: Part, c: Part): void { this.names.push(a + b + c); }
  add4(a: string, b: Part, c: Part, d: Part): void { this.names.push(a + b + c + d); }
  addWords(prefix: string, w: string, w2?: string): void { this.names.push(w2 === undefined ? prefix + w : `${prefix}${w} ${w2}`); }
  /** The names without repeats, in the order of their first occurrence. */
  distinct(): string[] { return [...new Set(this.names)]; }
}

/**
 * A node of the parts tree: the name its path spells, its row (-1: not a feature of the model), its
 * children by the next part: in two short arrays while they are few (the parts are mostly constant
 * strings, compared by identity), in a Map past that (a word of the text).
 */
interface Node {
  readonly name: string;
  row: number; // -2: not looked up yet
  parts: Part[];
  kids: Node[];
  map: Map<Part, Node> | null;
}

/** Children kept in the arrays; more go into the map. */
const FEW = 12;

/**
 * The most nodes a model's tree keeps (its parts are constants and values of small sets; the
 * features named after the text's words do not go through it: addWords). Past this, a feature's
 * row is looked up by its joined name each time, as emissionRow does.
 */
const MAX_NODES = 1 << 16;

const node = (name: string): Node => ({ name, row: -2, parts: [], kids: [], map: null });

/** A model's feature rows by parts, built as lines ask for them. */
export class FeatureRows {
  readonly top: Node = node('');
  private nodes = 0;
  constructor(readonly model: CrfModel) {}

  /** The node of `parent`'s path followed by `part` (kept in the tree while it has room). */
  child(parent: Node, part: Part): Node {
    const parts = parent.parts;
    for (let i = 0; i < parts.length; i++) if (parts[i] === part) return parent.kids[i];
    if (parent.map !== null) {
      const m = parent.map.get(part);
      if (m !== undefined) return m;
    }
    const n = node(parent.name + part);
    if (this.nodes < MAX_NODES) {
      this.nodes++;
      if (parts.length < FEW) { parts.push(part); parent.kids.push(n); }
      else (parent.map ??= new Map()).set(part, n);
    }
    return n;
  }

  rowOf(n: Node): number {
    if (n.row === -2) n.row = this.model.index.get(n.name) ?? -1;
    return n.row;
  }

  private readonly lexicons = new Map<string, Lexicon>();

  /**
   * The model's features of a words prefix, by their words: the row of `prefix + w` under w in
   * `one`; the row of `prefix + w + ' ' + w2` under w, then w2, in `two`. Made once per prefix from
   * the model's names.
   */
  words(prefix: string): Lexicon {
    let m = this.lexicons.get(prefix);
    if (m) return m;
    m = { one: new Map(), two: new Map() };
    for (const [name, row] of this.model.index) {
      if (!name.startsWith(prefix)) continue;
      const rest = name.slice(prefix.length);
      const sp = rest.indexOf(' ');
      if (sp < 0) m.one.set(rest, row);
      else {
        const w = rest.slice(0, sp);
        let inner = m.two.get(w);
        if (!inner) m.two.set(w, (inner = new Map()));
        inner.set(rest.slice(sp + 1), row);
      }
    }
    this.lexicons.set(prefix, m);
    return m;
  }

  private scoreSink: ScoreSink | undefined;
  /** The model's score sink (one per model, reused line after line: `start` each line). */
  get sink(): ScoreSink { return (this.scoreSink ??= new ScoreSink(this)); }
}

/** A words prefix's features by their words (FeatureRows.words). */
interface Lexicon {
  one: Map<string, number>;
  two: Map<string, Map<string, number>>;
}

const rowsByModel = new WeakMap<CrfModel, FeatureRows>();

/** The model's rows by parts (one tree per model, kept while the model is). */
export function featureRows(model: CrfModel): FeatureRows {
  let r = rowsByModel.get(model);
  if (!r) rowsByModel.set(model, (r = new FeatureRows(model)));
  return r;
}

/**
 * Adds each feature's weights into a line's emission scores (s[base .. base + L)), each row once,
 * in the order the features come: what emissionRow(model, names, s, base) adds for the same
 * features given as names.
 */
export class ScoreSink implements FeatureSink {
  private readonly L: number;
  private readonly emit: Float64Array;
  /** seen[row] === stamp: the row was added for this line already. */
  private seen: Uint32Array;
  private stamp = 0;
  private s: Float64Array = new Float64Array(0);
  private base = 0;

  constructor(private readonly rows: FeatureRows) {
    this.L = rows.model.labels.length;
    this.emit = rows.model.emit;
    this.seen = new Uint32Array(rows.model.emit.length / this.L);
  }

  get model(): CrfModel { return this.rows.model; }

  /** The next line's features go into s[base .. base + L). */
  start(s: Float64Array, base: number): void {
    this.s = s;
    this.base = base;
    if (++this.stamp === 0xffffffff) { this.seen.fill(0); this.stamp = 1; }
  }

  private row(n: Node): void {
    const r = this.rows.rowOf(n);
    if (r >= 0) this.addRow(r);
  }

  private addRow(r: number): void {
    if (this.seen[r] === this.stamp) return;
    this.seen[r] = this.stamp;
    const { L, emit, s, base } = this;
    const o = r * L;
    for (let y = 0; y < L; y++) s[base + y] += emit[o + y];
  }

  add(name: string): void {
    this.row(this.rows.child(this.rows.top, name));
  }

  add2(a: string, b: Part): void {
    const t = this.rows;
    this.row(t.child(t.child(t.top, a), b));
  }

  add3(a: string, b: Part, c: Part): void {
    const t = this.rows;
    this.row(t.child(t.child(t.child(t.top, a), b), c));
  }

  add4(a: string, b: Part, c: Part, d: Part): void {
    const t = this.rows;
    this.row(t.child(t.child(t.child(t.child(t.top, a), b), c), d));
  }

  addWords(prefix: string, w: string, w2?: string): void {
    const lex = this.rows.words(prefix);
    const r = w2 === undefined ? lex.one.get(w) : lex.two.get(w)?.get(w2);
    if (r !== undefined) this.addRow(r);
  }

}
