// The features the line recognizer reads: shallow facts about a line (length, punctuation, case,
// cues from the knowledge files), about its neighbours and its place in the article (in the
// header, between long paragraphs, after the last one), and, when a corpus is known, how many
// other articles carry the same line (a site's template). Every feature is a short string; the
// trained model gives each one a weight per block kind. Pure: no I/O.
import type { LineInfo } from './types';
import type { LineFacts } from './lines';
import {
  type Knowledge, boilerplateCategory, hasBylineCue, hasCaptionCue, hasCaptionTail, isInlineTeaser, isSectionName, phraseKey,
} from './knowledge';
import { matchDateline } from './dates';
import { isAllCaps, isFolded, wordHashes } from '../text/normalize';
import { capsShare, edgeWords, endClass, functionShare, mayHoldUrl, trailing } from './lineShape';
import { candidatePairs, containmentPairs, shingles, similarity, type Similarity } from '../text/similarity';
import type { LineCache } from './lineCache';
import type { CrfModel } from './crf';
import { featureRows, NameSink, type FeatureSink } from './featureRows';

/** How many other articles of the corpus hold a line (by its folded, lower-case key). */
export interface LineFrequency {
  /** Number of articles containing the key (this one included, when it is part of the corpus). */
  count(key: string): number;
  /** Number of articles in the corpus. */
  size: number;
}

export interface FeatureInput {
  lines: readonly LineInfo[];
  facts: readonly LineFacts[];
  /** Indexes (into lines) of the content lines: not blank, not inside a parsed PHP dump. */
  content: readonly number[];
  /** Lines inside parsed PHP dumps. */
  inDump: (line: number) => boolean;
  knowledge: Knowledge;
  frequency?: LineFrequency;
  /** What earlier analyses of the same document worked out from a line's own text (lineCache.ts). */
  cache?: LineCache;
}

/** What the features computed about each content line, reused after decoding (dates, bylines). */
export interface LineCues {
  dateline: ReturnType<typeof matchDateline>;
  boilerplate: ReturnType<typeof boilerplateCategory>;
}

const LONG_WORDS = 20;

function wordBin(n: number): string {
  if (n <= 3) return String(n);
  if (n <= 5) return '4-5';
  if (n <= 7) return '6-7';
  if (n <= 10) return '8-10';
  if (n <= 14) return '11-14';
  if (n <= 20) return '15-20';
  if (n <= 30) return '21-30';
  if (n <= 50) return '31-50';
  if (n <= 100) return '51-100';
  return '100+';
}

function coarseLen(n: number): string {
  return n <= 5 ? 'S' : n <= 15 ? 'M' : n <= 40 ? 'L' : 'X';
}

function countBin(n: number): string {
  return n === 0 ? '0' : n === 1 ? '1' : n <= 3 ? '2-3' : '4+';
}

function startClass(folded: string): string {
  const c = folded.charAt(0);
  if (c === '') return 'none';
  if (/\p{Lu}/u.test(c)) return 'upper';
  if (/\p{Ll}/u.test(c)) return 'lower';
  if (/\p{N}/u.test(c)) return /^\d+\s*[.)/-]\s/.test(folded) ? 'numbered' : 'digit';
  if ('"“«\''.includes(c)) return 'quote';
  if (c === '(') return 'paren';
  if (c === '[') return 'bracket';
  if ('-–—'.includes(c)) return 'dash';
  if ('+*•·●▪►'.includes(c)) return 'bullet';
  if (c === '>' || c === '»') return 'arrow';
  if (c === '#') return 'hash';
  if (c === '|') return 'pipe';
  return 'sym';
}

function leading(raw: string): string {
  const m = /^[\s\u00a0\ufeff\u200b]*/u.exec(raw)![0];
  if (m === '') return 'none';
  if (m.includes('\t')) return 'tab';
  if (/[\u00a0]/.test(m)) return 'nbsp';
  if (/\ufeff/.test(m)) return 'bom';
  return m.length === 1 ? 'sp1' : m.length <= 4 ? 'sp2-4' : m.length <= 12 ? 'sp5-12' : 'sp13+';
}

function sentences(folded: string): number {
  const inner = folded.match(/[.!?…]["”»)]?\s+["“«(]?\p{Lu}/gu);
  return 1 + (inner ? inner.length : 0);
}

const REL_TIME = /^\s*\d{1,3}\s*(?:giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)\s+trước\b/iu;
/** A relative time (`5 phút trước`, `2 giờ trước`) opens the folded line. */
export function isRelativeTime(folded: string): boolean {
  return REL_TIME.test(folded);
}
const MEDIA_TIME = /^\s*\d{1,2}:\d{2}(?:\s*\/\s*\d{1,2}:\d{2})?\s*$/u;
const URLISH = /(?:https?:\/\/|www\.|\b[\w-]+\.(?:vn|com|net|org|info)\b)/iu;
const EMAILISH = /[\w.+-]+@[\w-]+\.[\w.]+/u;
/** A web address or an e-mail address in the (folded) line, as the features' url and email read them. */
export function holdsAddress(folded: string): boolean {
  return (mayHoldUrl(folded) && URLISH.test(folded)) || (folded.includes('@') && EMAILISH.test(folded));
}
const NAME_SLASH = /^[\p{Lu}][\p{L}.\s]{1,40}\s?\/\s?[\p{L}\d.\s-]{2,40}$/u;
/** A news source's prefix followed by a dash, `(Dân trí) -`, within the line's first characters (article.ts also takes a colon after the lead's). */
const SOURCE_PREFIX = /\(\s*[\p{Lu}\d][\p{L}\d .&]{0,15}\)\s*[-–—]+\s/u;
const SOURCE_PREFIX_REACH = 240;
const PAREN_SOURCE = /\((?:[\p{Lu}\d][\p{L}\d .&/-]{1,30})\)\s*$/u;
const DUMP_SHAPE = /(?:^\s*\[[^\]]{0,80}\]\s*=>|=>\s*(?:Array|array|\w+ Object)?\s*\(?\s*$|^\s*[()\]{}]\s*,?;?\s*$|^\s*'[^']{0,80}'\s*=>|^\s*(?:string|int|float|bool)\(\d*\)|::__set_state\()/u;

const PHONE = /(?:\(\d{2,4}\)\s?)?\b0\d{2,3}[\s.-]?\d{3}[\s.-]?\d{3,4}\b|\b1[89]00[\s.]?\d{4}\b/u;

/** A coarse shape: S short, T title-like, P prose, D date, J junk-looking (no letters). */
function shapeClass(f: LineFacts, isDate: boolean): string {
  if (isDate) return 'D';
  if (!/\p{L}/u.test(f.folded)) return 'J';
  if (f.terminal && f.nWords >= 8) return 'P';
  if (f.nWords <= 4) return 'S';
  if (f.nWords <= 30) return 'T';
  return 'P';
}

/**
 * What a line's features read from the line's own text (its raw text, its facts, the knowledge),
 * worked out once per line (and kept between analyses when a LineCache is given): pure.
 */
export interface OwnFacts {
  end: string;
  start: string;
  sent: number;
  fw: number;
  cs: number;
  allCaps: boolean;
  lead: string;
  trail: string;
  dateInText: boolean;
  time: boolean;
  relTime: boolean;
  media: boolean;
  capTail: boolean;
  capCue: boolean;
  byline: boolean;
  section: boolean;
  inlineTeaser: boolean;
  series: boolean;
  /** nameLike but for the chrome cue. */
  nameShape: boolean;
  nameSlash: boolean;
  parenSource: boolean;
  url: boolean;
  email: boolean;
  phone: boolean;
  commerce: number;
  colonEnd: boolean;
  startsLower: boolean;
  copyright: boolean;
  pipe: boolean;
  crumb: boolean;
  hashtag: boolean;
  dumpShape: boolean;
  arrowOp: boolean;
  quote: 'quoted' | 'quoteStart' | null;
  noLetters: boolean;
  edge: { first: string; second: string; last: string };
}

/** phraseKey(f.folded), without folding again what is folded already (almost every line). */
function keyOfFolded(f: LineFacts): string {
  return isFolded(f.folded) ? f.key : phraseKey(f.folded);
}

/** A copyright notice's words, any case. */
export const COPYRIGHT = /[©]|bản quyền|giấy phép/iu;

/**
 * COPYRIGHT.test(folded), its expression run only on a line that holds '©' or, in lower case (`key`:
 * folded.toLowerCase(), as LineFacts.key), one of its phrases: a line matching it any case holds
 * them so (its letters have no other case forms), and almost no line does.
 */
export function hasCopyright(folded: string, key: string = folded.toLowerCase()): boolean {
  if (!folded.includes('©') && !key.includes('bản quyền') && !key.includes('giấy phép')) return false;
  return COPYRIGHT.test(folded);
}

/** Could DUMP_SHAPE match? Each of its branches holds `=>`, a bracket or a brace. */
const DUMP_CHARS = /[=(){}\]]/;
/** Could QUOTE match (its first character)? */
const QUOTE_OPENERS = '"“«';

/** @param key keyOfFolded(f), when the caller has it */
export function ownFacts(r: string, f: LineFacts, k: Knowledge, key: string = keyOfFolded(f)): OwnFacts {
  const cs = capsShare(f.folded);
  // the expressions that need a digit (an ASCII one: `\d`) run only on a line that has one
  const digit = /\d/.test(f.folded);
  const capTail = hasCaptionTail(k, f.folded);
  let commerce = 0;
  if (f.nWords <= 30) for (const cue of k.commerceCues) if (f.key.includes(cue) && ++commerce >= 2) break;
  return {
    end: endClass(f.folded),
    start: startClass(f.folded),
    sent: Math.min(3, sentences(f.folded)),
    fw: functionShare(f.key, k.functionWords),
    cs,
    allCaps: isAllCaps(f.folded),
    lead: leading(r),
    trail: trailing(r),
    dateInText: digit && /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\b/.test(f.folded),
    time: digit && /\b\d{1,2}[:h]\d{2}\b/.test(f.folded),
    relTime: digit && REL_TIME.test(f.folded),
    media: digit && MEDIA_TIME.test(f.folded),
    capTail,
    capCue: hasCaptionCue(k, f.folded, key, capTail),
    byline: hasBylineCue(k, f.folded, key),
    section: isSectionName(k, f.folded, key),
    inlineTeaser: isInlineTeaser(k, f.folded),
    series: k.seriesPrefix.test(f.folded),
    nameShape: f.nWords >= 1 && f.nWords <= 5 && cs === 1 && !/[.!?:;,]$/.test(f.folded) && !digit && /\p{L}{2}/u.test(f.folded),
    nameSlash: f.folded.includes('/') && NAME_SLASH.test(f.folded),
    parenSource: f.folded.includes(')') && PAREN_SOURCE.test(f.folded),
    url: mayHoldUrl(f.folded) && URLISH.test(f.folded),
    email: f.folded.includes('@') && EMAILISH.test(f.folded),
    phone: digit && PHONE.test(f.folded),
    commerce,
    colonEnd: f.folded.endsWith(':'),
    startsLower: /^[\p{Ll}]/u.test(f.folded),
    copyright: hasCopyright(f.folded, f.key),
    pipe: f.folded.includes('|') && /\s[|]\s|^\||\|$/.test(f.folded),
    crumb: /[»›]|\s>\s/.test(f.folded),
    hashtag: f.folded.includes('#') && /^#|\s#\p{L}/u.test(f.folded),
    dumpShape: DUMP_CHARS.test(r) && DUMP_SHAPE.test(r),
    arrowOp: f.folded.includes('=>'),
    quote: !QUOTE_OPENERS.includes(f.folded.charAt(0)) || f.folded === '' ? null : /^["“«].*["”»]$/u.test(f.folded) ? 'quoted' : /^["“«]/u.test(f.folded) ? 'quoteStart' : null,
    noLetters: /\p{L}/u.test(f.folded) === false,
    edge: edgeWords(f.folded.length <= 120 ? key : phraseKey(f.folded.slice(0, 120))),
  };
}

/** Shingles held by more lines than this are no evidence of a pair (candidatePairs' maxPostings). */
const NEAR_POSTINGS = 64;
/** Two lines are near copies when the shingles they share make this much of the smaller's. */
const NEAR = 0.6;

/**
 * The word-pair shingles of each text (shingles(text, 2): the same numbers), sorted and without
 * repeats; null when a text has fewer than two words (shingles() hashes such a text whole).
 */
export function sortedPairShingles(texts: readonly string[]): Uint32Array[] | null {
  const out: Uint32Array[] = [];
  for (const text of texts) {
    const h = wordHashes(text.toLowerCase()).hashes;
    if (h.length < 2) return null;
    const a = new Uint32Array(h.length - 1);
    for (let i = 0; i + 1 < h.length; i++) {
      const x = h[i];
      a[i] = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + h[i + 1]) >>> 0;
    }
    a.sort();
    let m = 0;
    for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[m - 1]) a[m++] = a[i];
    out.push(a.subarray(0, m));
  }
  return out;
}

/** similarity() of two sets given as sorted arrays without repeats (sortedPairShingles). */
export function sortedSimilarity(a: Uint32Array, b: Uint32Array): Similarity {
  if (a.length === 0 || b.length === 0) return { jaccard: 0, aInB: 0, bInA: 0 };
  let i = 0, x = 0, y = 0;
  while (x < a.length && y < b.length) {
    if (a[x] === b[y]) { i++; x++; y++; } else if (a[x] < b[y]) x++; else y++;
  }
  return { jaccard: i / (a.length + b.length - i), aInB: i / a.length, bInA: i / b.length };
}

export interface LineFeatures {
  /** The features of content line j (computed when asked: a huge text never holds them all). */
  featuresOf(j: number): string[];
  /**
   * Adds content line j's emission scores under `model` into s[base .. base + L): the same sums as
   * emissionRow(model, featuresOf(j), s, base), without making the features' names.
   */
  addScores(j: number, model: CrfModel, s: Float64Array, base: number): void;
  cues: LineCues[];
}

export function lineFeatures(input: FeatureInput): LineFeatures {
  const { lines, facts, content, knowledge: k } = input;
  const n = content.length;
  const F = content.map((i) => facts[i]);
  const raw = content.map((i) => lines[i].text);
  // each line's phrase key (keyOfFolded), worked out once for its cues and its own facts
  const keys = new Array<string | undefined>(n);
  const keyOf = (j: number): string => (keys[j] ??= keyOfFolded(F[j]));
  const cuesOf = (text: string, j: number): LineCues => {
    const f = F[j];
    return {
      dateline: f.folded.length < 160 ? matchDateline(text) : null,
      boilerplate: f.folded.length > 2000 ? null : boilerplateCategory(k, f.folded, f.folded.length > 800 ? undefined : keyOf(j)),
    };
  };
  const cache = input.cache;
  const cues: LineCues[] = content.map((i, j) => (cache ? cache.cues(k, lines[i].text, () => cuesOf(lines[i].text, j)) : cuesOf(lines[i].text, j)));
  // facts of a line that its own features and its neighbours' read: each worked out once, when
  // first asked (a line is read as itself and as the neighbour of four others), or taken from the
  // cache of the document's earlier analyses (they depend on the line's text alone)
  const ownOf = new Array<OwnFacts | undefined>(n);
  const own = (j: number): OwnFacts => (ownOf[j] ??= cache ? cache.own(k, raw[j], () => ownFacts(raw[j], F[j], k, keyOf(j))) : ownFacts(raw[j], F[j], k, keyOf(j)));
  const end_ = (j: number) => own(j).end;
  const capCue = (j: number) => own(j).capCue;
  const relTime = (j: number) => own(j).relTime;
  const fwShare = (j: number) => own(j).fw;
  const lead = (j: number) => own(j).lead;

  // "long" prose: 20 words ending a sentence, or, in a short text without such lines, the text's
  // own longest sentences (8 words at least): a two-line article still has a body
  let longest = 0;
  F.forEach((f, j) => { if (f.terminal && cues[j].boilerplate === null && f.nWords > longest) longest = f.nWords; });
  const longWords = Math.min(LONG_WORDS, Math.max(8, Math.ceil(0.6 * longest)));
  const isLong = F.map((f, j) => f.terminal && f.nWords >= longWords && cues[j].boilerplate === null);
  const longBefore: number[] = new Array(n);
  let acc = 0;
  for (let j = 0; j < n; j++) { longBefore[j] = acc; if (isLong[j]) acc++; }
  const longAfter: number[] = new Array(n);
  acc = 0;
  for (let j = n - 1; j >= 0; j--) { longAfter[j] = acc; if (isLong[j]) acc++; }
  const firstDate = cues.findIndex((c) => c.dateline !== null && c.dateline.date !== null);

  // gaps (blank or dump lines) between consecutive content lines, and the article's usual gap
  const gapBefore = content.map((i, j) => (j === 0 ? i : i - content[j - 1] - 1));
  const dumpBefore = content.map((i, j) => {
    const from = j === 0 ? 0 : content[j - 1] + 1;
    for (let x = from; x < i; x++) if (input.inDump(x)) return true;
    return false;
  });
  const sortedGaps = gapBefore.slice(1).sort((a, b) => a - b);
  const usualGap = sortedGaps.length ? sortedGaps[Math.floor(sortedGaps.length / 2)] : 0;
  const gapClass = (g: number) => (g === usualGap ? 'usual' : g > usualGap ? 'more' : 'less');

  // the indentation of the body's long paragraphs
  const indentCount = new Map<string, number>();
  for (let j = 0; j < n; j++) if (isLong[j]) {
    const ind = lead(j);
    indentCount.set(ind, (indentCount.get(ind) ?? 0) + 1);
  }
  const bodyIndent = [...indentCount].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'none';

  // median length of content lines
  const sortedLen = F.map((f) => f.nWords).sort((a, b) => a - b);
  const medianWords = sortedLen.length ? sortedLen[Math.floor(sortedLen.length / 2)] : 0;

  // exact repeats and near-duplicates inside the article
  const keyCount = new Map<string, number>();
  for (const f of F) keyCount.set(f.key, (keyCount.get(f.key) ?? 0) + 1);
  const seen = new Set<string>();
  const repeatEarlier = F.map((f) => { const r = seen.has(f.key); seen.add(f.key); return r; });
  const nearEarlier = new Array<boolean>(n).fill(false);
  const nearLater = new Array<boolean>(n).fill(false);
  const nearAdjacent = new Array<boolean>(n).fill(false);
  {
    const cand = F.map((f, j) => (f.nWords >= 6 && f.nWords <= 400 ? j : -1)).filter((j) => j >= 0);
    const near = (ja: number, jb: number, s: Similarity) => {
      if (Math.max(s.jaccard, s.aInB, s.bInA) < NEAR) return;
      const [e, l] = ja < jb ? [ja, jb] : [jb, ja];
      nearLater[e] = true;
      nearEarlier[l] = true;
      if (l - e <= 2) { nearAdjacent[e] = true; nearAdjacent[l] = true; }
    };
    // an article's few lines (no more than a shingle's posting list holds, so candidatePairs would
    // give every pair that shares a shingle) are compared pair by pair, their shingles as sorted arrays
    const arrays = !cache && cand.length <= NEAR_POSTINGS ? sortedPairShingles(cand.map((j) => F[j].folded)) : null;
    if (arrays) {
      for (let b = 1; b < cand.length; b++) {
        for (let a = 0; a < b; a++) {
          const ja = cand[a], jb = cand[b];
          if (F[ja].key === F[jb].key) continue;
          near(ja, jb, sortedSimilarity(arrays[a], arrays[b]));
        }
      }
    } else {
      const sets = cand.map((j) => (cache ? cache.shingles2(F[j].folded) : shingles(F[j].folded, 2)));
      // (a long text compares only lines that share a good part of their word pairs: bounded work;
      // up to 400 lines, every pair sharing a rare word pair that could be near: the same pairs
      // near() would keep, its containment being max(aInB, bInA))
      const interner = cache?.interner('features:lines');
      const pairs = cand.length > 400 ? candidatePairs(sets, NEAR_POSTINGS, 0.3, interner) : containmentPairs(sets, NEAR_POSTINGS, NEAR, interner);
      for (const [a, b] of pairs) {
        const ja = cand[a], jb = cand[b];
        if (F[ja].key === F[jb].key) continue;
        near(ja, jb, similarity(sets[a], sets[b]));
      }
    }
  }

  // runs of short lines without final punctuation (menus, teaser lists, tag clouds)
  const shortNT = F.map((f) => !f.terminal && f.nWords <= 6);
  const run = new Array<number>(n).fill(0);
  for (let j = 0; j < n;) {
    let e = j;
    while (e < n && shortNT[e]) e++;
    for (let x = j; x < e; x++) run[x] = e - j;
    j = e === j ? j + 1 : e;
  }

  // runs of lines of the same coarse shape (a menu, a teaser list, the body's paragraphs)
  const shapes = F.map((f, j) => shapeClass(f, cues[j].dateline !== null));
  const shapeRun = new Array<number>(n).fill(1);
  const shapePos = new Array<string>(n).fill('only');
  for (let j = 0; j < n;) {
    let e = j + 1;
    while (e < n && shapes[e] === shapes[j]) e++;
    for (let x = j; x < e; x++) {
      shapeRun[x] = e - j;
      shapePos[x] = e - j === 1 ? 'only' : x === j ? 'first' : x === e - 1 ? 'last' : 'mid';
    }
    j = e;
  }
  // alternating title / date pairs: a teaser list with time stamps
  const alternating = shapes.map((sh, j) => (sh === 'T' && shapes[j + 1] === 'D' && shapes[j + 2] === 'T') ||
    (sh === 'D' && shapes[j - 1] === 'T' && (shapes[j + 1] === 'T' || shapes[j - 2] === 'D')) ||
    (sh === 'T' && shapes[j - 1] === 'D' && shapes[j - 2] === 'T'));

  // date lines: which one of the article's date lines this is (teaser lists carry many)
  const dateOrdinal = new Array<number>(n).fill(0);
  let dates = 0;
  for (let j = 0; j < n; j++) if (cues[j].dateline) dateOrdinal[j] = ++dates;

  // visual blocks: runs of consecutive lines with the same indentation and the article's usual
  // gap; each line also reads its block's make-up (a menu, a teaser list, a footer, the body)
  const blockOf = new Array<number>(n).fill(0);
  const blocks: Array<{ from: number; to: number }> = [];
  for (let j = 0; j < n; j++) {
    const same = j > 0 && lead(j) === lead(j - 1) && gapBefore[j] <= usualGap && !dumpBefore[j];
    if (!same) blocks.push({ from: j, to: j });
    else blocks[blocks.length - 1].to = j;
    blockOf[j] = blocks.length - 1;
  }
  const blockFeatures = blocks.map(({ from, to }) => {
    const size = to - from + 1;
    const count: Record<string, number> = {};
    let fwSum = 0, recurring = 0, teaserHead = 0;
    for (let j = from; j <= to; j++) {
      count[shapes[j]] = (count[shapes[j]] ?? 0) + 1;
      fwSum += fwShare(j);
      if (input.frequency && input.frequency.size > 1 && F[j].folded.length <= 300 && input.frequency.count(F[j].key) > 1) recurring++;
      if (cues[j].boilerplate === 'teaser') teaserHead++;
    }
    const dom = Object.entries(count).sort((a, b) => b[1] - a[1])[0][0];
    const share = count[dom] / size;
    const fw = fwSum / size;
    const out = [
      `blk:size=${size === 1 ? '1' : size <= 3 ? '2-3' : size <= 8 ? '4-8' : '9+'}`,
      `blk:dom=${dom}${share >= 0.8 ? '!' : ''}`,
      `blk:fw=${fw < 0.1 ? '<.1' : fw < 0.2 ? '<.2' : '.2+'}`,
    ];
    if (size > 1) out.push(`blk:dom=${dom}|size=${size <= 3 ? 'small' : 'big'}`);
    if ((count.D ?? 0) > 0 && (count.T ?? 0) > 0) out.push('blk:titles+dates');
    if (recurring > 0) out.push(`blk:recurring=${recurring === size ? 'all' : 'some'}`);
    if (teaserHead > 0) out.push('blk:teaserHeader');
    return out;
  });

  // classified ads come in runs: how many of the 8 nearest lines (4 on each side) carry words of an ad
  const ad = F.map((f, j) => f.nWords <= 30 && own(j).commerce > 0);
  const adsNear = (j: number): number => {
    let c = 0;
    for (let x = Math.max(0, j - 4); x <= Math.min(n - 1, j + 4); x++) if (x !== j && ad[x]) c++;
    return c;
  };

  // the nearest header above (a "Tin liên quan" / "Bình luận" line): what follows one is teasers or
  // readers' comments, however much it reads like prose; how far above it is, in content lines.
  // Any other chrome line ("Tags:", a share bar) between ends the header's reach.
  const hdrKind = new Array<string | null>(n).fill(null);
  const hdrDist = new Int32Array(n);
  {
    let last: string | null = null, at = -1;
    for (let j = 0; j < n; j++) {
      if (last !== null) { hdrKind[j] = last; hdrDist[j] = j - at; }
      const c = cues[j].boilerplate;
      if (c !== null && c !== 'punct' && F[j].nWords <= 8) {
        if (c === 'teaser' || c === 'comment') { last = c; at = j; } else last = null;
      }
    }
  }

  // a news source's prefix, `(Dân trí) -`, `(NLĐO) -`: the first one opens the lead; a teaser's
  // summary repeats it (a teaser list of the same site), alone or glued to the teaser's title
  const srcOrdinal = new Int32Array(n);
  const srcMid = new Uint8Array(n);
  {
    let seenSrc = 0;
    for (let j = 0; j < n; j++) {
      const t = F[j].folded;
      const close = t.indexOf(')');
      if (close < 0 || close > SOURCE_PREFIX_REACH) continue;
      const m = SOURCE_PREFIX.exec(t.length > SOURCE_PREFIX_REACH + 8 ? t.slice(0, SOURCE_PREFIX_REACH + 8) : t);
      if (!m) continue;
      srcOrdinal[j] = ++seenSrc;
      if (m.index > 0 && t.charCodeAt(m.index - 1) !== 0x20) srcMid[j] = 1;
    }
  }

  // a compact description of a neighbour
  const shape = (j: number, tag: string, x: FeatureSink, full: boolean) => {
    if (j < 0 || j >= n) { x.add2(tag, ':none'); return; }
    const f = F[j];
    x.add3(tag, ':len=', coarseLen(f.nWords));
    x.add3(tag, ':term=', f.terminal ? 1 : 0);
    if (!full) return;
    x.add3(tag, ':end=', end_(j));
    if (cues[j].dateline) x.add2(tag, ':date');
    if (cues[j].boilerplate) x.add3(tag, ':bp=', cues[j].boilerplate!);
    if (capCue(j)) x.add2(tag, ':capcue');
    if (isLong[j]) x.add2(tag, ':long');
    if (relTime(j)) x.add2(tag, ':reltime');
  };

  // the features of content line j, each given to x in parts (featureRows.ts): as names for
  // training and explanations, as the model's rows for the parse
  const write = (j: number, x: FeatureSink): void => {
    const f = F[j];
    x.add('bias');
    const wb = wordBin(f.nWords);
    const end = end_(j);
    const zone = longBefore[j] === 0 ? 'head' : longAfter[j] === 0 ? 'tail' : 'body';
    const o = own(j);
    x.add2('w=', wb); x.add2('end=', end); x.add2('start=', o.start); x.add2('zone=', zone);
    x.add4('w=', wb, '|end=', end); x.add4('zone=', zone, '|w=', wb); x.add4('zone=', zone, '|end=', end);
    x.add2('lb=', countBin(longBefore[j])); x.add2('la=', countBin(longAfter[j]));
    if (isLong[j]) x.add('long');
    x.add2('sent=', o.sent);
    const fs = fwShare(j);
    const fsb = fs === 0 ? '0' : fs < 0.1 ? '<.1' : fs < 0.2 ? '<.2' : fs < 0.3 ? '<.3' : '.3+';
    x.add2('fw%=', fsb); x.add4('fw%=', fsb, '|w=', coarseLen(f.nWords));
    x.add2('shape=', shapes[j]);
    x.add4('shape=', shapes[j], '|srun=', shapeRun[j] <= 1 ? '1' : shapeRun[j] <= 3 ? '2-3' : shapeRun[j] <= 8 ? '4-8' : '9+');
    x.add4('shape=', shapes[j], '|runpos=', shapePos[j]);
    if (alternating[j]) x.add('titleDateAlternation');
    const cs = o.cs;
    x.add2('caps=', cs < 0.3 ? 'low' : cs < 0.6 ? 'mid' : cs < 0.9 ? 'high' : 'all');
    const allCaps = o.allCaps;
    if (allCaps) { x.add('allcaps'); x.add2('allcaps|w=', coarseLen(f.nWords)); }
    x.add4('caps=', cs < 0.3 ? 'low' : cs < 0.6 ? 'mid' : cs < 0.9 ? 'high' : 'all', '|w=', coarseLen(f.nWords));
    const ld = lead(j);
    x.add2('lead=', ld); x.add2('trail=', o.trail);
    x.add2('indent=', ld === bodyIndent ? 'body' : 'other');
    x.add4('indent=', ld === bodyIndent ? 'body' : 'other', '|zone=', zone);
    // position
    if (j === 0) { x.add('pos=0'); x.add2('pos=0|w=', wb); x.add2('pos=0|end=', end); }
    else if (j === 1) { x.add('pos=1'); x.add2('pos=1|w=', coarseLen(f.nWords)); }
    else if (j === 2) x.add('pos=2');
    else if (j <= 5) x.add('pos=3-5');
    const fromEnd = n - 1 - j;
    if (fromEnd === 0) { x.add('rpos=0'); x.add2('rpos=0|w=', coarseLen(f.nWords)); }
    else if (fromEnd <= 2) x.add('rpos=1-2');
    x.add2('rel=', Math.floor((10 * j) / Math.max(1, n)));
    // relative length
    const ratio = medianWords ? f.nWords / medianWords : 1;
    x.add2('vsmed=', ratio < 0.25 ? 'tiny' : ratio < 0.6 ? 'short' : ratio < 1.6 ? 'same' : 'long');
    const pw = j > 0 ? F[j - 1].nWords : -1, nw = j + 1 < n ? F[j + 1].nWords : -1;
    if (pw >= 0 && nw >= 0 && f.nWords < pw && f.nWords < nw) x.add('shorterThanBoth');
    if (pw >= 0 && nw >= 0 && f.nWords < 0.5 * pw && f.nWords < 0.5 * nw) x.add('muchShorterThanBoth');
    // gaps
    const gb = gapBefore[j], ga = j + 1 < n ? gapBefore[j + 1] : -1;
    x.add2('gapB=', j === 0 ? 'first' : gapClass(gb)); x.add2('gapA=', ga < 0 ? 'last' : gapClass(ga));
    x.add2('fmt=', usualGap === 0 ? 'dense' : 'gapped');
    if (dumpBefore[j]) x.add('dumpBefore');
    if (j + 1 < n && dumpBefore[j + 1]) x.add('dumpAfter');
    // neighbours
    shape(j - 1, 'p1', x, true);
    shape(j + 1, 'n1', x, true);
    shape(j - 2, 'p2', x, false);
    shape(j + 2, 'n2', x, false);
    if (j > 0 && lead(j - 1) === ld) x.add('indentAsPrev');
    if (j + 1 < n && lead(j + 1) === ld) x.add('indentAsNext');
    // runs
    if (shortNT[j]) x.add2('run=', run[j] <= 1 ? '1' : run[j] <= 3 ? '2-3' : run[j] <= 6 ? '4-6' : '7+');
    // cues from the knowledge files
    const bp = cues[j].boilerplate;
    if (bp) { x.add2('bp=', bp); x.add4('bp=', bp, '|zone=', zone); }
    const dl = cues[j].dateline;
    if (dl) {
      x.add('dateline'); x.add(dl.date ? 'dateline:valid' : 'dateline:invalid'); x.add2('dateline|zone=', zone);
      if (dl.confidence >= 0.9) x.add('dateline:sure');
      if (j === firstDate) x.add('dateline:first');
      else if (firstDate >= 0 && j > firstDate) x.add('dateline:notFirst');
      x.add2('dateline:nth=', dateOrdinal[j] >= 3 ? '3+' : dateOrdinal[j]); x.add2('dateline:of=', dates >= 4 ? '4+' : dates);
    } else if (o.dateInText && f.nWords <= 12) {
      x.add('dateInShort');
    }
    if (o.time) x.add('time');
    if (relTime(j)) x.add('reltime');
    if (o.media) x.add('mediatime');
    if (o.capTail) x.add('cap:tail');
    else if (capCue(j)) x.add('cap:cue');
    const bylineCue = o.byline;
    if (bylineCue) { x.add2('byl:cue|w=', coarseLen(f.nWords)); x.add2('byl:cue|end=', end); }
    if (o.section) x.add('section');
    if (o.inlineTeaser) x.add('inlineTeaser');
    if (o.series) x.add('series');
    // (a known chrome phrase, `A A`, is no name)
    const nameLike = bp === null && o.nameShape;
    if (nameLike && f.nWords >= 2) x.add('nameLike');
    // an author's name right under the body's last paragraph is its byline, whatever follows
    if (nameLike && j > 0 && isLong[j - 1]) { x.add('nameLike|afterLong'); x.add(allCaps ? 'capsName|afterLong' : 'titleName|afterLong'); }
    if (bylineCue && j > 0 && isLong[j - 1]) x.add('byl:cue|afterLong');
    if (o.nameSlash && f.nWords <= 10) x.add('nameSlash');
    if (o.parenSource && f.nWords <= 10) x.add('parenSource');
    if (srcOrdinal[j] > 0) {
      const which = srcOrdinal[j] === 1 ? 'first' : 'later';
      x.add2('src=', which);
      if (srcMid[j]) x.add3('src=', which, '|glued');
    }
    if (o.url) x.add(f.nWords <= 8 ? 'url:short' : 'url');
    if (o.email) x.add('email');
    if (o.phone) x.add('phone');
    if (f.nWords <= 30) {
      const c = o.commerce;
      if (c > 0) { x.add2('commerce=', c); x.add2('commerce|zone=', zone); }
    }
    const hk = hdrKind[j];
    if (hk !== null && hdrDist[j] <= 40) {
      const d = hdrDist[j] <= 1 ? '1' : hdrDist[j] <= 5 ? '2-5' : hdrDist[j] <= 15 ? '6-15' : '16+';
      x.add2('under=', hk); x.add4('under=', hk, '|at=', d); x.add4('under=', hk, '|zone=', zone);
      if (isLong[j] || f.nWords >= 15) x.add3('under=', hk, '|prose');
    }
    const near = adsNear(j);
    if (near >= 2) { x.add2('adsNear=', near >= 5 ? '5+' : '2-4'); if (ad[j]) x.add('adsNear|commerce'); }
    // hard-wrapped text: a line that carries on the previous one (no final punctuation there, a
    // small letter here) belongs to the same block
    const prevOpen = j > 0 && !F[j - 1].terminal && !own(j - 1).colonEnd && gapBefore[j] <= usualGap;
    const startsLower = o.startsLower;
    if (prevOpen && startsLower) x.add('cont:fromPrev');
    if (j + 1 < n && !f.terminal && own(j + 1).startsLower && gapBefore[j + 1] <= usualGap) x.add('cont:toNext');
    for (const b of blockFeatures[blockOf[j]]) x.add(b);
    x.add2('blk:pos=', blocks[blockOf[j]].from === j ? 'first' : blocks[blockOf[j]].to === j ? 'last' : 'inner');
    if (o.copyright) x.add('copyright');
    if (o.pipe) x.add('pipe');
    if (o.crumb) x.add('crumb');
    if (o.hashtag) x.add('hashtag');
    if (o.dumpShape) x.add('dumpShape');
    if (o.arrowOp) x.add('arrowOp');
    if (o.quote) x.add(o.quote);
    if (o.noLetters) x.add('noLetters');
    if (f.folded.length <= 2) x.add('tiny');
    // repeats
    if ((keyCount.get(f.key) ?? 0) > 1) x.add(repeatEarlier[j] ? 'repeat:later' : 'repeat:first');
    if (nearEarlier[j]) x.add('near:earlier');
    if (nearLater[j]) x.add('near:later');
    if (nearAdjacent[j]) x.add('near:adjacent');
    // the corpus: how many other articles hold this very line
    if (input.frequency && input.frequency.size > 1 && f.folded.length <= 300) {
      const others = input.frequency.count(f.key) - 1;
      if (others > 0) {
        x.add2('df=', others === 1 ? '1' : others <= 3 ? '2-3' : '4+'); x.add2('df|w=', coarseLen(f.nWords)); x.add2('df|zone=', zone);
      } else x.add('df=0');
    }
    // lexical edges (kept only when seen in several sources at training)
    const ew = o.edge;
    if (ew.first) x.addWords('fw=', ew.first);
    if (ew.second) x.addWords('f2=', ew.first, ew.second);
    if (ew.last && f.nWords <= 12) x.addWords('lw=', ew.last);
  };

  const featuresOf = (j: number): string[] => {
    const x = new NameSink();
    write(j, x);
    return x.distinct();
  };
  const addScores = (j: number, model: CrfModel, s: Float64Array, base: number): void => {
    const sink = featureRows(model).sink;
    sink.start(s, base);
    write(j, sink);
  };
  return { featuresOf, addScores, cues };
}
