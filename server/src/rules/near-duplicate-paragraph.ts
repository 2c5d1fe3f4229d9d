// near-duplicate-paragraph: a block whose text is already in another block: a truncated copy
// (a prefix of a paragraph), a pull quote repeating a paragraph, a caption restating a sentence of
// the body. The redundant block is flagged (never both sides of a pair, never every block of a
// chain), its fix removes it, and the message says which words, if any, would go with it.
//
// Two tests, both at `options.nearDuplicateThreshold` (τ):
//  - containment: at least τ of the block's word pairs (2-shingles) lie in the other block, and
//    nearly as many of its word triples (short shared phrases are common; shared sentences are not);
//  - restatement: a run of 1-3 sentences of the other block lies in this block (the mean of its word
//    and word-pair containment is at least τ) and makes up most of this block (MIN_RUN_SHARE of its
//    words are in the run).
// Blocks shorter than MIN_TOKENS words are never flagged: a heading or caption that quotes a
// phrase of the text is normal. Exact copies belong to duplicate-paragraph.
import type { Finding, Rule, RuleContext } from './types';
import type { Block, BlockKind } from '../model/types';
import { blockRemovalRange, linesRange } from './ranges';
import { foldKey, withoutStrayTail } from '../text/normalize';
import { candidatePairs, hash32 } from '../text/similarity';

const CODE = 'near-duplicate-paragraph';
const KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['paragraph', 'caption', 'heading', 'byline']);
/** A flagged block has at least this many words (a sentence, not a phrase). */
const MIN_TOKENS = 12;
/** The triple-shingle containment may fall this far below τ (one changed word breaks three triples). */
const TRIPLE_SLACK = 0.1;
/** A restated sentence run makes up at least this share of the flagged block (in words). */
const MIN_RUN_SHARE = 0.6;
const MAX_RUN_SENTENCES = 3;
/** Pairs sharing less than this share of the candidate's word pairs are not looked at further. */
const MIN_SHARED = 0.2;
/** Word pairs found in more blocks than this carry no signal for finding candidate pairs. */
const MAX_POSTINGS = 32;
/** Blocks longer than this many words are compared on their first MAX_TOKENS words. */
const MAX_TOKENS = 5000;
/** Token alignment (for the message) is skipped above this many cells. */
const MAX_ALIGN_CELLS = 4_000_000;

const WORD = /[\p{L}\p{M}\p{N}]+(?:[-'’./][\p{L}\p{M}\p{N}]+)*/gu;
/**
 * A word pair found in this many list items of the article is the list's template (the
 * `- Phường X có diện tích tự nhiên là …` of every item): it does not make two items the same
 * text, so between list items containment is measured on the other word pairs.
 */
const TEMPLATE_BLOCKS = 3;
/** A list item: it opens with a bullet, a dash or a number. */
const LIST_ITEM = /^\s*(?:[-–+•*●▪►]|\d{1,3}[.)/]|[a-zđ][.)])\s/u;
/** A block made mostly of template word pairs (a list item, a table row) is never flagged. */
const MIN_OWN_SHARE = 0.5;

interface Unit {
  block: Block;
  /** Lower-cased NFC words. */
  toks: string[];
  /** Offsets of each word in block.text. */
  starts: number[];
  ends: number[];
  /** Token index where each sentence starts, plus toks.length at the end. */
  sentences: number[];
  /** Hashes of the word at i, and of the word pair starting at i (as shingles() hashes them). */
  h1: number[];
  h2: number[];
  s1: Set<number>;
  s2: Set<number>;
  s3: Set<number>;
  /** Most of its word pairs are the article's template (a list item): never flagged. */
  templated?: boolean;
}

function gramSet(toks: readonly string[], n: number): Set<number> {
  const out = new Set<number>();
  if (toks.length === 0) return out;
  if (toks.length < n) {
    out.add(hash32(toks.join(' ')));
    return out;
  }
  for (let i = 0; i + n <= toks.length; i++) out.add(hash32(n === 1 ? toks[i] : toks.slice(i, i + n).join(' ')));
  return out;
}

/** The word and word-pair sets of tokens [from, to) of a unit. */
function runSets(u: Unit, from: number, to: number): { r1: Set<number>; r2: Set<number> } {
  const r1 = new Set<number>();
  const r2 = new Set<number>();
  for (let i = from; i < to; i++) {
    r1.add(u.h1[i]);
    if (i + 1 < to) r2.add(u.h2[i]);
  }
  if (to - from === 1) r2.add(u.h1[from]);
  return { r1, r2 };
}

function intersection(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

/** |a ∩ b| / |a| */
function containment(a: Set<number>, b: Set<number>): number {
  if (a.size === 0) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / a.size;
}

function makeUnit(block: Block): Unit {
  const toks: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const sentences: number[] = [0];
  // a stray fragment after the final punctuation is not part of the text (stray-token removes it)
  const text = withoutStrayTail(block.text);
  // lower-case the whole text at once when that keeps offsets (NFC text, no length-changing case)
  const lower = text.toLowerCase();
  const direct = lower.length === text.length && text.normalize('NFC') === text;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) && toks.length < MAX_TOKENS) {
    if (toks.length > 0 && /[.!?…]/.test(text.slice(ends[ends.length - 1], m.index))) sentences.push(toks.length);
    const tok = direct ? lower.slice(m.index, m.index + m[0].length) : m[0].normalize('NFC').toLowerCase();
    // an accidentally doubled syllable (repeated-word's job) does not make two texts differ
    if (tok === toks[toks.length - 1] && /^\s+$/.test(text.slice(ends[ends.length - 1], m.index))) continue;
    toks.push(tok);
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  sentences.push(toks.length);
  const h1 = toks.map((t) => hash32(t));
  const h2 = toks.map((t, i) => (i + 1 < toks.length ? hash32(`${t} ${toks[i + 1]}`) : 0));
  return {
    block, toks, starts, ends, sentences, h1, h2,
    s1: new Set(h1),
    s2: toks.length < 2 ? gramSet(toks, 2) : new Set(h2.slice(0, -1)),
    s3: gramSet(toks, 3),
  };
}

interface Match {
  mode: 'contained' | 'restates';
  score: number;
  /** For 'restates': the token range of the other block's sentence run. */
  from?: number;
  to?: number;
}

/** Drops the list's template word pairs and triples (see TEMPLATE_BLOCKS) from the list items' sets. */
function withoutTemplate(units: Unit[]): void {
  const items = units.filter((u) => LIST_ITEM.test(u.block.text));
  if (items.length < TEMPLATE_BLOCKS) return;
  const df2 = new Map<number, number>();
  const df3 = new Map<number, number>();
  for (const u of items) {
    for (const h of u.s2) df2.set(h, (df2.get(h) ?? 0) + 1);
    for (const h of u.s3) df3.set(h, (df3.get(h) ?? 0) + 1);
  }
  for (const u of items) {
    const before = u.s2.size;
    for (const h of [...u.s2]) if ((df2.get(h) ?? 0) >= TEMPLATE_BLOCKS) u.s2.delete(h);
    for (const h of [...u.s3]) if ((df3.get(h) ?? 0) >= TEMPLATE_BLOCKS) u.s3.delete(h);
    u.templated = before > 0 && u.s2.size < MIN_OWN_SHARE * before;
  }
}

/** Is x (the candidate to flag) redundant given y? `shared` = |x.s2 ∩ y.s2|. */
function redundantIn(x: Unit, y: Unit, shared: number, tau: number): Match | null {
  if (x.toks.length < MIN_TOKENS || x.templated || x.s2.size === 0) return null;
  // cheap bound: a block sharing under a fifth of its word pairs neither is contained nor restates
  if (shared < MIN_SHARED * x.s2.size) return null;
  const c2 = shared / x.s2.size;
  if (c2 >= tau && containment(x.s3, y.s3) >= tau - TRIPLE_SLACK) return { mode: 'contained', score: c2 };
  // a run of sentences of y restated by x
  let best: Match | null = null;
  const ys = y.sentences;
  for (let k = 0; k + 1 < ys.length; k++) {
    for (let r = 1; r <= MAX_RUN_SENTENCES && k + r < ys.length; r++) {
      const from = ys[k], to = ys[k + r];
      const len = to - from;
      if (len < MIN_RUN_SHARE * x.toks.length) continue;
      if (len * tau > x.toks.length) break; // longer runs cannot fit inside x
      const { r1, r2 } = runSets(y, from, to);
      const score = (containment(r1, x.s1) + containment(r2, x.s2)) / 2;
      if (score < tau || (best && score <= best.score)) continue;
      // and the run is most of x: x is the sentence restated, not a paragraph that merely has it
      if (containment(x.s1, r1) >= MIN_RUN_SHARE) best = { mode: 'restates', score, from, to };
    }
  }
  return best;
}

/** Which tokens of a are not part of a longest common subsequence with b[from, to). */
function unmatched(a: Unit, b: Unit, from: number, to: number): boolean[] | null {
  const n = a.toks.length, m = to - from;
  if (n === 0) return [];
  if ((n + 1) * (m + 1) > MAX_ALIGN_CELLS) return null;
  const w = m + 1;
  const dp = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = a.toks[i] === b.toks[from + j] ? dp[(i + 1) * w + j + 1] + 1 : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
    }
  }
  const extra = new Array<boolean>(n).fill(true);
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a.toks[i] === b.toks[from + j]) {
      extra[i] = false;
      i++;
      j++;
    } else if (dp[(i + 1) * w + j] >= dp[i * w + j + 1]) i++;
    else j++;
  }
  return extra;
}

function quote(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1).trimEnd() + '…';
}

/** The words the flagged block has beyond the other block, as quoted spans of its text. */
function extraWords(x: Unit, y: Unit, match: Match): { spans: string[]; count: number; allInOther: boolean } {
  const from = match.mode === 'restates' ? Math.max(0, (match.from ?? 0) - 5) : 0;
  const to = match.mode === 'restates' ? Math.min(y.toks.length, (match.to ?? y.toks.length) + 5) : y.toks.length;
  let extra = unmatched(x, y, from, to);
  if (!extra) extra = x.toks.map((t) => !y.s1.has(hash32(t)));
  const spans: string[] = [];
  let count = 0;
  let allInOther = true;
  for (let i = 0; i < extra.length; i++) {
    if (!extra[i]) continue;
    let j = i;
    while (j + 1 < extra.length && extra[j + 1]) j++;
    count += j - i + 1;
    for (let k = i; k <= j; k++) if (!y.s1.has(hash32(x.toks[k]))) allInOther = false;
    spans.push(x.block.text.slice(x.starts[i], x.ends[j]));
    i = j;
  }
  return { spans, count, allInOther };
}

/**
 * Pairs [i, j] (i < j) worth a closer look: of their word pairs that are not too common (in at most
 * MAX_POSTINGS blocks), they share at least MIN_SHARED of the smaller block's. Near-linear: each
 * word pair is looked up in a posting list of at most MAX_POSTINGS blocks.
 */
function candidates(units: readonly Unit[]): Array<[number, number]> {
  return candidatePairs(units.map((u) => u.s2), MAX_POSTINGS, MIN_SHARED).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

export const rule: Rule = {
  code: CODE,
  defaultSeverity: 'warning',
  description:
    'A paragraph, caption or heading whose text is already in another block (a truncated copy, a pull quote, a caption restating the body); the redundant one can go.',
  check(ctx: RuleContext): Finding[] {
    const a = ctx.article;
    const tau = Math.min(1, Math.max(0.5, ctx.options.nearDuplicateThreshold || 0.8));
    // units: one per text block; a later exact copy of a block is left to duplicate-paragraph
    const seen = new Set<string>();
    const units: Unit[] = [];
    for (const b of a.blocks) {
      if (!KINDS.has(b.kind)) continue;
      const key = foldKey(b.text.length > 100000 ? b.text.slice(0, 100000) : b.text);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      units.push(makeUnit(b));
    }
    withoutTemplate(units);
    const hits: Array<{ x: number; y: number; match: Match }> = [];
    for (const [i, j] of candidates(units)) {
      const shared = intersection(units[i].s2, units[j].s2);
      // prefer flagging the later block (j) when both are redundant
      const later = redundantIn(units[j], units[i], shared, tau);
      if (later) {
        hits.push({ x: j, y: i, match: later });
        continue;
      }
      const earlier = redundantIn(units[i], units[j], shared, tau);
      if (earlier) hits.push({ x: i, y: j, match: earlier });
    }
    hits.sort((p, q) => p.x - q.x || q.match.score - p.match.score || p.y - q.y);
    const flagged = new Set<number>();
    const kept = new Set<number>();
    const out: Finding[] = [];
    for (const h of hits) {
      // never both sides of a pair, never a block another flagged block relies on
      if (flagged.has(h.x) || flagged.has(h.y) || kept.has(h.x)) continue;
      flagged.add(h.x);
      kept.add(h.y);
      const x = units[h.x], y = units[h.y];
      const where = `line ${y.block.startLine + 1}`;
      const pct = Math.round(h.match.score * 100);
      let message = h.match.mode === 'restates'
        ? `Restates a sentence of the ${y.block.kind} at ${where}`
        : x.toks.length < 0.8 * y.toks.length
          ? `Repeats part of the ${y.block.kind} at ${where} (${pct}% of its text is there)`
          : `Repeats the ${y.block.kind} at ${where} (${pct}% of its text is there)`;
      const extra = extraWords(x, y, h.match);
      if (extra.count > 0) {
        const shown = extra.spans.slice(0, 3).map((s) => `“${quote(s)}”`).join(', ') + (extra.spans.length > 3 ? ', …' : '');
        message += `; removing it also drops ${extra.count === 1 ? '1 word' : `${extra.count} words`}: ${shown}`;
        if (extra.allInOther) message += ` (${where} has ${extra.count === 1 ? 'it' : 'them'} too)`;
      }
      const range = blockRemovalRange(a, x.block.startLine, x.block.endLine);
      const other = linesRange(a, y.block.startLine, y.block.endLine);
      out.push({
        code: CODE,
        severity: 'warning',
        message,
        start: range.start,
        end: range.end,
        related: [{ message: `the ${y.block.kind} it repeats`, start: other.start, end: other.end }],
        // text found nowhere else is never removed by fix-all; the quick fix says what it drops
        fixes: [{
          title: 'Remove the repeated text',
          edits: [{ start: range.start, end: range.end, newText: '' }],
          ...(losesText(extra, x.toks.length) ? { safeForFixAll: false } : {}),
        }],
      });
    }
    return out.sort((p, q) => p.start - q.start);
  },
};

/** Would removing the block lose words that the other block does not have (beyond a stray few)? */
function losesText(extra: { count: number; allInOther: boolean }, words: number): boolean {
  return extra.count > 0 && !extra.allInOther && extra.count > Math.max(3, words * 0.1);
}
