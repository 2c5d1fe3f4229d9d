// The article model: labels every line of a scraped news article with one block kind and groups
// the lines into blocks. Pure: text in, Article out. Used by the language server, the rules and
// the CLI. How a line gets its kind is in recognize.ts (and docs/model.md).
import { t } from '../l10n';
import type { Article, Block, BlockKind, ParsedDate } from './types';
import { matchDateline, findDate } from './dates';
import { type Knowledge, defaultKnowledge } from './knowledge';
import { words } from '../text/normalize';
import { prepare, reasonFor, recognize, splitLines, type Prepared, type Recognition } from './recognize';
import type { LineFrequency } from './features';
import type { LineCache } from './lineCache';
import { keepLineFacts } from './lines';

export { splitLines };

export interface ParseOptions {
  /** Line frequencies across the corpus the article belongs to (a site's template recurs). */
  frequency?: LineFrequency;
  /**
   * What earlier parses of the same document worked out from its lines' own text (the language
   * server keeps one per open document). The result is the same with or without it.
   */
  cache?: LineCache;
}

/** Only one headline: the most probable keeps it, the others take their runner-up kind. */
function oneHeadline(r: Recognition): void {
  let best = -1;
  r.kinds.forEach((k, j) => { if (k === 'headline' && (best < 0 || r.confidence[j] > r.confidence[best])) best = j; });
  r.kinds.forEach((k, j) => {
    if (k === 'headline' && j !== best) {
      r.kinds[j] = r.second[j].kind === 'headline' ? 'paragraph' : r.second[j].kind;
      r.confidence[j] = r.second[j].p;
    }
  });
}

/** Lines per block past what the model reads (recognize.ts MODEL_LINES). */
const TAIL_BLOCK = 1000;

/** A block's reason, worked out when first read (withReason in parseArticle): what it needs, and the answer once known. */
interface LazyReason {
  why: (i: number) => string | undefined;
  i: number;
  memo: string | undefined | null;
}
const LAZY_REASON = new WeakMap<Block, LazyReason>();

/**
 * The `reason` property of a modelled block: enumerable, its value worked out on first read (or set).
 * One getter and one setter for every block, so that the blocks share their hidden classes: a getter
 * of its own for each block (a closure) gave each block a map of its own, slow to make and to read.
 */
const REASON_PROPERTY: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Block): string | undefined {
    const r = LAZY_REASON.get(this)!;
    return r.memo === null ? (r.memo = r.why(r.i)) : r.memo;
  },
  set(this: Block, v: string | undefined): void {
    LAZY_REASON.get(this)!.memo = v;
  },
};

/** The reasons of a block's other lines, worked out when a hover on one of them asks. */
const LINE_REASONS = new WeakMap<Block, Map<number, string | undefined>>();

/**
 * Why the recognizer read line `line` (0-based) as its block's kind: a run of teasers, or of a dump's
 * lines, is one block, but each of its lines was read on its own (a paragraph swept into a teaser run
 * has reasons of its own, not the run's first line's). The block's own reason for its first line, for
 * a line outside it, and for a block the model did not read line by line.
 */
export function reasonAtLine(block: Block, line: number): string | undefined {
  const r = LAZY_REASON.get(block);
  if (!r || line === r.i || line < block.startLine || line > block.endLine) return block.reason;
  let memo = LINE_REASONS.get(block);
  if (!memo) LINE_REASONS.set(block, (memo = new Map()));
  if (!memo.has(line)) memo.set(line, r.why(line));
  return memo.get(line) ?? block.reason;
}

function dateOf(line: string, cue: ReturnType<typeof matchDateline>): ParsedDate | null {
  if (cue?.date) return cue.date;
  return findDate(line);
}

/**
 * The article's dateline among the lines labelled so: one whose date reads first, then one that gives
 * the time too (a page may state the day on one line and `Đăng ngày: 02/11/2025 - 15:03` on another),
 * then the most probable.
 */
export function bestDateline(candidates: ReadonlyArray<{ line: number; p: number; date: ParsedDate | null }>): { line: number; date: ParsedDate | null } | null {
  let best: { line: number; date: ParsedDate | null } | null = null;
  let bestScore = -1;
  for (const c of candidates) {
    const score = c.p + (c.date ? 1 : 0) + (c.date?.hour !== undefined ? 1 : 0);
    if (score > bestScore) { bestScore = score; best = { line: c.line, date: c.date }; }
  }
  return best;
}

export function parseArticle(input: string, k: Knowledge = defaultKnowledge, opts: ParseOptions = {}): Article {
  const hadBom = input.charCodeAt(0) === 0xfeff;
  const text = hadBom ? input.slice(1) : input;
  const p: Prepared = prepare(text, k, opts.frequency, undefined, opts.cache);
  const r = recognize(p, k.recognizer);
  opts.cache?.turn();
  oneHeadline(r);
  const { lines } = p;
  const n = lines.length;
  const kind: Array<BlockKind | undefined> = new Array(n);
  const confidence: Array<number | undefined> = new Array(n);
  // content line index of each line, -1 for the others (an array: a file can have millions of lines)
  const contentIndex = new Int32Array(n).fill(-1);
  for (let j = 0; j < p.content.length; j++) {
    const i = p.content[j];
    contentIndex[i] = j;
    kind[i] = r.kinds[j];
    confidence[i] = r.confidence[j];
  }
  const why = (i: number): string | undefined => {
    const j = contentIndex[i];
    if (j < 0) return undefined;
    if (j >= p.modelled) return `not read by the model: it reads the first ${p.modelled.toLocaleString('en')} lines of text of a file`;
    return reasonFor(k.recognizer, p.featuresOf(j), r.kinds[j], r.confidence[j], r.second[j], r.ruled.get(j));
  };
  // the reason is words for a hover: worked out when first read, not for every line of every file
  const withReason = (b: Block, i: number): Block => {
    LAZY_REASON.set(b, { why, i, memo: null });
    return Object.defineProperty(b, 'reason', REASON_PROPERTY);
  };

  // the article's dateline (bestDateline): of the lines labelled so, one whose date reads and gives the time
  const candidates: Array<{ line: number; p: number; date: ParsedDate | null }> = [];
  for (let j = 0; j < r.kinds.length; j++) {
    if (r.kinds[j] === 'dateline') candidates.push({ line: p.content[j], p: r.confidence[j], date: dateOf(lines[p.content[j]].text, p.cues[j].dateline) });
  }
  const picked = bestDateline(candidates);
  const dateline: number | null = picked?.line ?? null;
  const date: ParsedDate | null = picked?.date ?? null;

  const blocks: Block[] = [];
  const joined = (a: number, b: number) => lines.slice(a, b + 1).map((l) => l.text).join('\n');
  const dumpAt = new Map(p.dumps.map((d) => [d.startLine, d]));
  let i = 0;
  while (i < n) {
    const d = dumpAt.get(i);
    if (d) {
      blocks.push({ kind: 'php-dump', startLine: d.startLine, endLine: d.endLine, text: joined(d.startLine, d.endLine), dump: d, reason: t('PHP {0} output', d.format), confidence: 1 });
      i = d.endLine + 1;
      continue;
    }
    if (p.facts[i].blank) {
      let j = i;
      while (j + 1 < n && p.facts[j + 1].blank) j++;
      blocks.push({ kind: 'blank', startLine: i, endLine: j, text: joined(i, j) });
      i = j + 1;
      continue;
    }
    const j0 = contentIndex[i];
    if (j0 >= 0 && j0 >= p.modelled) {
      // past what the model reads (a huge text): plain text, in blocks of up to TAIL_BLOCK lines
      let j = i;
      let x = i + 1;
      let count = 1;
      while (x < n && count < TAIL_BLOCK && !dumpAt.has(x)) {
        if (!p.facts[x].blank) { j = x; count++; }
        x++;
      }
      blocks.push({ kind: 'paragraph', startLine: i, endLine: j, text: joined(i, j), confidence: 0, reason: why(i) });
      i = j + 1;
      continue;
    }
    const kd = kind[i] ?? 'paragraph';
    if (kd === 'related' || kd === 'php-dump') {
      // a run of teasers (or of dump lines the parser could not read), through blank lines
      let j = i;
      let x = i + 1;
      let sumP = confidence[i] ?? 1;
      let count = 1;
      while (x < n && !dumpAt.has(x) && (p.facts[x].blank || kind[x] === kd)) {
        if (!p.facts[x].blank) { j = x; sumP += confidence[x] ?? 1; count++; }
        x++;
      }
      // a run's confidence is the mean of its lines'
      blocks.push(withReason({ kind: kd, startLine: i, endLine: j, text: joined(i, j), confidence: sumP / count }, i));
      i = j + 1;
      continue;
    }
    const block: Block = withReason({ kind: kd, startLine: i, endLine: i, text: lines[i].text, confidence: confidence[i] }, i);
    if (j0 >= 0 && p.tables[j0]) block.tableCell = true;
    if (kd === 'dateline') block.date = i === dateline ? date : dateOf(lines[i].text, p.cues[contentIndex[i]].dateline);
    blocks.push(block);
    i++;
  }

  const byStart = (line: number | null) => (line === null ? null : blocks.find((b) => b.startLine === line) ?? null);
  const headlineBlock = blocks.find((b) => b.kind === 'headline') ?? null;
  if (headlineBlock) {
    const m = /^(\s*)([^:]{2,80}?)\s*:\s+(?=\S)/u.exec(headlineBlock.text);
    if (m && words(m[2]).length <= 10 && /^\p{Lu}/u.test(m[2]) && words(headlineBlock.text.slice(m[0].length)).length >= 3) {
      headlineBlock.inlineKicker = { startColumn: m[1].length, endColumn: m[1].length + m[2].length, text: m[2] };
    }
  }
  const firstParagraph = blocks.find((b) => b.kind === 'paragraph');
  if (firstParagraph) {
    const m = /^\s*(\(\s*[\p{Lu}\d][\p{L}\d .&]{0,15}\)\s*[-–—:]+)/u.exec(firstParagraph.text);
    if (m) firstParagraph.sourcePrefix = m[1].trim();
  }
  const article: Article = {
    text, hadBom, lines, blocks,
    headline: headlineBlock,
    kicker: blocks.find((b) => b.kind === 'kicker') ?? null,
    dateline: byStart(dateline),
    byline: blocks.find((b) => b.kind === 'byline') ?? null,
    date,
  };
  // the lines' folded keys, for the rules and the index (lines.ts lineFactsOf)
  keepLineFacts(article, p.facts);
  return article;
}
